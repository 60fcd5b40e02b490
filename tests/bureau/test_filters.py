"""The bureau's list filters and forms answer bad input in the page's language, never with a server error."""
import pytest

from tests import factories
from tests.bureau.test_staff import NEW_PARTNER
from tests.bureau.test_staff import account
from tests.helpers import sign_in


@pytest.fixture
def chinese(client, db, officer):
    """A bureau client left in Chinese, the default language."""
    db.session.commit()
    assert sign_in(client, officer.username).status_code == 302
    return client


@pytest.mark.parametrize("url", ["/bureau/employers", "/bureau/postings"])
def test_an_unknown_status_is_a_chinese_field_error_and_ignored(chinese, db, url):
    employer = factories.create_employer(status="pending", name="衢江水泥有限公司")
    factories.create_posting(employer, status="draft", title="水泥搬运工")
    db.session.commit()

    page = chinese.get(url, query_string={"status": "nonsense"}).get_data(as_text=True)

    assert 'id="status-error"' in page and "请从列表中选择。" in page
    assert "Not a valid choice" not in page
    assert "衢江水泥有限公司" in page  # every status shown: the filter is ignored


LISTS = {"/bureau/employers": "衢江水泥有限公司", "/bureau/postings": "水泥搬运工", "/bureau/seekers": "龙阿妹",
         "/bureau/audit": "officer"}


@pytest.mark.parametrize("url", list(LISTS))
def test_a_page_number_that_is_no_page_shows_the_first_and_one_past_the_last_an_empty_list(chinese, db, url):
    employer = factories.create_employer(status="pending", name="衢江水泥有限公司")
    factories.create_posting(employer, status="pending", title="水泥搬运工")
    factories.create_seeker(name="龙阿妹")
    db.session.commit()

    first = chinese.get(url, query_string={"page": "abc", "status": ""}).get_data(as_text=True)
    past = chinese.get(url, query_string={"page": "99999999999999999999", "status": ""}).get_data(as_text=True)

    assert LISTS[url] in first
    assert LISTS[url] not in past and 'data-total="' in past


@pytest.mark.parametrize("url", ["/bureau/employers", "/bureau/seekers", "/bureau/audit"])
def test_a_nul_byte_is_a_bad_request_in_chinese(chinese, url):
    response = chinese.get(url, query_string={"q": "\x00", "user": "\x00"})
    assert response.status_code == 400
    assert "请求无法识别" in response.get_data(as_text=True)


def test_a_short_staff_password_is_refused_in_chinese(chinese, db):
    page = chinese.post("/bureau/staff/new", data={**NEW_PARTNER, "password": "short"}).get_data(as_text=True)

    assert "至少 8 个字符。" in page
    assert account(db, "weining.hr") is None


def test_the_home_page_counts_the_employers_waiting_in_english(bureau, db):
    for number in range(11):
        factories.create_employer(status="pending", name=f"衢江企业{number}")
    db.session.commit()

    page = bureau.get("/bureau").get_data(as_text=True)

    assert "All 11 employers waiting" in page
