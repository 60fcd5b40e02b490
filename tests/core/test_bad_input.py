"""Bad input in any page's query or form gets a clear answer, never a server error."""
import pytest

from tests import factories


@pytest.mark.parametrize("url", ["/postings?page=99999999999999999999", "/postings?page=-3",
                                 "/postings?page=abc"])
def test_any_page_number_shows_a_page(client, db, url):
    assert client.get(url).status_code == 200


@pytest.mark.parametrize("url", ["/postings?q=%00", "/regions/search?q=a%00b"])
def test_a_nul_byte_is_a_bad_request(client, db, url):
    response = client.get(url)
    assert response.status_code == 400


def test_a_nul_byte_in_a_form_is_refused_before_it_reaches_the_database(client, db):
    factories.create_user("bureau", username="chief")
    db.session.commit()
    response = client.post("/account/login", data={"identifier": "chief\x00", "password": "x"})
    assert response.status_code == 400
