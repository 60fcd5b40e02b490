"""Public openings: only what the bureau let through, found by text, trade, pay, place, schooling, perks."""
import re

import pytest

from tests import factories
from tests.helpers import QueryCounter
from tests.helpers import sign_in
from tests.postings.helpers import shown_ids


def search(client, **params):
    response = client.get("/postings", query_string=params)
    assert response.status_code == 200
    return shown_ids(response.get_data(as_text=True))


@pytest.fixture
def openings(db):
    """Three public openings of different kinds, and postings nobody may see."""
    employer = factories.create_employer()
    event = factories.create_event(name="2023年衢江区新春招聘会")
    moulder = factories.create_posting(employer, events=[event], title="注塑工", occupation_code="6-99-04",
                                       description="操作注塑机，两班倒。", salary_min=5000, salary_max=7000,
                                       work_region_code="330803", dormitory=True, travel_subsidy=True)
    keeper = factories.create_posting(employer, title="仓库管理员", occupation_code="4-99-01",
                                      description="收发货，会开叉车优先。", salary_min=4000, salary_max=5000,
                                      work_region_code="330802", dormitory=False, education_min="60")
    builder = factories.create_posting(employer, title="钢筋工", occupation_code="6-99-05",
                                       description="工地施工，日结。", salary_min=7000, salary_max=9000,
                                       work_region_code="520526", dormitory=True, education_min="30")
    factories.create_posting(employer, status="draft", title="注塑工草稿")
    factories.create_posting(employer, status="pending", title="注塑工待审")
    factories.create_posting(employer, status="closed", title="注塑工已关闭")
    factories.create_posting(factories.create_employer(status="pending"), title="注塑工（未审核企业）")
    db.session.commit()
    return {"moulder": moulder.id, "keeper": keeper.id, "builder": builder.id, "event": event.id}


def test_only_open_postings_of_approved_companies_are_listed_newest_first(client, openings):
    assert search(client) == [openings["builder"], openings["keeper"], openings["moulder"]]


def test_free_text_in_chinese_needs_every_word(client, openings):
    assert search(client, q="注塑") == [openings["moulder"]]
    assert search(client, q="叉车") == [openings["keeper"]]  # found in the description
    assert search(client, q="仓库  叉车") == [openings["keeper"]]
    assert search(client, q="注塑 叉车") == []
    assert search(client, q="100%_") == []


def test_trade_filter_takes_a_trade_or_its_major_group(client, openings):
    assert search(client, occupation="6-99-04") == [openings["moulder"]]
    assert search(client, occupation="6") == [openings["builder"], openings["moulder"]]
    assert search(client, occupation="4") == [openings["keeper"]]


def test_minimum_salary_keeps_postings_that_can_pay_it(client, openings):
    assert search(client, min_salary=7000) == [openings["builder"], openings["moulder"]]
    assert search(client, min_salary=8000) == [openings["builder"]]


def test_a_city_covers_its_counties(client, openings):
    assert search(client, region="330800") == [openings["keeper"], openings["moulder"]]
    assert search(client, region="330803") == [openings["moulder"]]
    assert search(client, region="520000") == [openings["builder"]]


def test_benefit_education_and_event_filters(client, openings):
    assert search(client, dormitory="y") == [openings["builder"], openings["moulder"]]
    assert search(client, dormitory="y", travel_subsidy="y") == [openings["moulder"]]
    # A senior-high graduate qualifies where no schooling or senior high is asked, not for junior college.
    assert search(client, education="60") == [openings["keeper"], openings["moulder"]]
    assert search(client, event=str(openings["event"])) == [openings["moulder"]]


def test_a_bad_filter_is_shown_at_its_field_and_ignored(client, openings):
    client.get("/lang/en")
    response = client.get("/postings", query_string={"min_salary": "lots", "region": "999999", "q": "注塑"})

    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert 'id="min_salary-error"' in page and 'id="region-error"' in page
    assert shown_ids(page) == [openings["moulder"]]


@pytest.mark.parametrize(("params", "error"), [
    ({"event": "x"}, "event"),
    ({"event": "99999999999999999999"}, "event"),
    ({"page": "abc"}, None),
    ({"page": "-5"}, None),
    ({"min_salary": "-5"}, "min_salary"),
    ({"salary": "-5"}, None),
    ({"occupation": "zzz"}, "occupation"),
    ({"region": "abc"}, "region"),
    ({"education": "zz"}, "education"),
])
def test_a_bad_query_parameter_never_fails_the_page(client, openings, params, error):
    response = client.get("/postings", query_string=params)

    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert shown_ids(page) == [openings["builder"], openings["keeper"], openings["moulder"]]
    assert re.findall(r'id="(\w+)-error"', page) == ([error] if error else [])


def test_cards_show_pay_place_places_and_benefits(client, openings):
    client.get("/lang/en")
    page = client.get("/postings", query_string={"q": "注塑"}).get_data(as_text=True)

    assert "¥5,000–7,000 a month" in page
    assert "浙江省衢州市衢江区" in page
    assert "5 of 5 places left" in page
    assert 'data-benefit="dormitory"' in page and "Dormitory" in page
    assert "2023年衢江区新春招聘会" in page


def test_the_list_runs_the_same_queries_for_5_or_25_postings(client, db):
    employer = factories.create_employer()
    events = [factories.create_event(name=f"招聘会{n}") for n in range(3)]

    def count_queries():
        with QueryCounter() as counter:
            assert client.get("/postings").status_code == 200
        return counter.count

    for _ in range(5):
        factories.create_posting(employer, events=events)
    db.session.commit()
    few = count_queries()
    for _ in range(20):
        factories.create_posting(factories.create_employer(), events=events)
    db.session.commit()

    assert count_queries() == few


def test_pages_of_twenty(client, db):
    employer = factories.create_employer()
    for n in range(25):
        factories.create_posting(employer, title=f"普工{n}")
    db.session.commit()

    assert len(search(client)) == 20
    assert len(search(client, page=2)) == 5


def test_a_visitor_is_asked_to_sign_in_and_a_seeker_can_apply(client, db, openings):
    client.get("/lang/en")
    page = client.get(f"/postings/{openings['moulder']}").get_data(as_text=True)
    assert "Sign in to apply" in page and "/account/login?next=" in page
    assert 'action="/postings/' not in page

    user = factories.create_user("seeker")
    factories.create_seeker(user=user)
    db.session.commit()
    sign_in(client, user.username)
    page = client.get(f"/postings/{openings['moulder']}").get_data(as_text=True)
    assert f'action="/postings/{openings["moulder"]}/apply"' in page
    assert "Sign in to apply" not in page


def test_the_posting_page_shows_the_employer_and_what_the_job_asks(client, openings):
    client.get("/lang/en")
    page = client.get(f"/postings/{openings['keeper']}").get_data(as_text=True)

    assert "仓库管理员" in page and "衢江测试企业" in page
    assert "Manufacturing" in page  # the employer's industry, in the reader's language
    assert "General senior high school" in page
    assert "16 to 60 years" in page


def test_every_benefit_a_posting_can_have_is_a_filter(client, openings, db):
    from recruit.postings.models import Posting

    db.session.get(Posting, openings["keeper"]).social_insurance = True
    db.session.commit()
    page = client.get("/postings").get_data(as_text=True)
    for benefit in ("housing", "meals", "social_insurance", "dormitory", "travel_subsidy"):
        assert f'name="{benefit}"' in page, benefit
    assert search(client, social_insurance="y") == [openings["keeper"]]
    assert search(client, housing="y") == []


def test_after_a_search_the_results_come_first_and_the_button_counts_the_filters(english, openings):
    page = english.get("/postings", query_string={"dormitory": "y", "q": "注塑"}).get_data(as_text=True)
    assert 'data-active-filters="2"' in page
    assert 'class="collapse d-lg-block" id="filters"' in page  # closed on a phone: the results show first
    bad = english.get("/postings", query_string={"min_salary": "lots"}).get_data(as_text=True)
    assert 'class="collapse d-lg-block show" id="filters"' in bad  # a filter in error is shown with its message


def test_pay_and_places_are_written_one_way(english, db):
    factories.create_posting(title="技术员", salary_min=4500, salary_max=6500, headcount=1200)
    db.session.commit()
    page = english.get("/postings").get_data(as_text=True)
    assert "¥4,500–6,500 a month" in page and "1,200 of 1,200 places left" in page
