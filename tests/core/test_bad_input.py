"""Bad input in any page's query or form gets a clear answer, never a server error."""
import pytest
import sqlalchemy as sa
from werkzeug.datastructures import MultiDict

from recruit.audit.models import AuditEvent
from tests import factories


@pytest.mark.parametrize("page", ["-3", "abc", "0", ""])
def test_a_page_number_that_is_no_page_shows_the_first(english, db, page):
    factories.create_posting(title="注塑操作工")
    db.session.commit()
    response = english.get("/postings", query_string={"page": page})
    assert response.status_code == 200 and "注塑操作工" in response.get_data(as_text=True)


def test_a_page_number_past_the_last_shows_an_empty_page_not_an_error(english, db):
    factories.create_posting(title="注塑操作工")
    db.session.commit()
    page = english.get("/postings", query_string={"page": "99999999999999999999"}).get_data(as_text=True)
    assert "No opening matches." in page and "注塑操作工" not in page


@pytest.mark.parametrize("url", ["/postings?q=%00", "/regions/search?q=a%00b", "/postings?q=a&q=b%00"])
def test_a_nul_byte_is_a_bad_request(client, db, url):
    response = client.get(url)
    assert response.status_code == 400
    assert "请求无法识别" in response.get_data(as_text=True)


def test_a_nul_byte_in_a_json_body_is_a_bad_request_with_a_json_error(client, db):
    response = client.post("/account/login", json={"identifier": ["chief", "x\x00"]})
    assert response.status_code == 400
    assert response.get_json()["error"]["code"] == "bad_request"


def test_a_nul_byte_in_a_form_is_refused_before_it_reaches_the_database(client, db):
    factories.create_user("bureau", username="chief")
    db.session.commit()
    response = client.post("/account/login", data={"identifier": "chief\x00", "password": "x"})
    assert response.status_code == 400
    second_value = client.post("/account/login", data=MultiDict([("identifier", "chief"),
                                                                  ("identifier", "x\x00"), ("password", "x")]))
    assert second_value.status_code == 400
    assert db.session.scalars(sa.select(AuditEvent)).all() == []  # not even a failed sign-in was recorded
