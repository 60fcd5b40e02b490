"""Application pages: who reaches what, what they see, and what their forms do."""
from datetime import datetime

import pytest
from flask import render_template_string
from flask_login import login_user

from recruit.applications.models import Application
from recruit.extensions import db as _db
from recruit.notices.models import Notice
from recruit.postings.models import Posting
from tests import factories
from tests.applications.helpers import company
from tests.applications.helpers import reload
from tests.applications.helpers import seeker_with_account
from tests.helpers import QueryCounter
from tests.helpers import sign_in


def _as(client, user):
    assert sign_in(client, user.username).status_code == 302
    client.get("/lang/en")
    return client


@pytest.fixture
def case(db):
    """An employer with an open posting and one seeker's application to it, committed."""
    firm = company(name="衢州元立金属制品有限公司")
    posting = factories.create_posting(firm.employer, title="注塑工", headcount=1)
    seeker = seeker_with_account(name="龙小花")
    application = factories.create_application(seeker=seeker, posting=posting, status="intent")
    db.session.commit()
    return firm, posting, seeker, application


# Apply

def test_a_seeker_applies_from_the_posting_page(client, db):
    posting = factories.create_posting(company().employer, title="电子装配工")
    seeker = seeker_with_account()
    db.session.commit()
    _as(client, seeker.user)

    response = client.post(f"/postings/{posting.id}/apply", follow_redirects=True)

    assert response.request.path == "/me/applications"
    page = response.get_data(as_text=True)
    assert "You have applied for 电子装配工" in page
    assert 'data-status="applied"' in page
    assert _db.session.scalar(_db.select(Application.seeker_id)) == seeker.id


@pytest.mark.parametrize(("fields", "message"), [
    ({"age_min": 40, "age_max": 55}, "This posting is for ages 40 to 55."),
    ({"education_min": "20"}, "This posting needs at least this education: Bachelor&#39;s degree."),
    ({"status": "filled"}, "This posting is not open for applications."),
])
def test_a_refusal_is_flashed_on_the_posting_page(client, db, frozen_clock, fields, message):
    posting = factories.create_posting(company().employer, **fields)
    seeker = seeker_with_account(education="70")
    db.session.commit()
    _as(client, seeker.user)

    response = client.post(f"/postings/{posting.id}/apply")

    assert response.status_code == 302 and response.location == f"/postings/{posting.id}"
    assert message in client.get(f"/postings/{posting.id}").get_data(as_text=True)
    assert _db.session.scalar(_db.select(_db.func.count(Application.id))) == 0


def test_applying_twice_says_so(client, case):
    _, posting, seeker, _ = case
    _as(client, seeker.user)

    client.post(f"/postings/{posting.id}/apply")

    assert "You have already applied for this posting." in client.get(f"/postings/{posting.id}").get_data(
        as_text=True)


def test_applying_needs_a_seeker_and_a_public_posting(client, case):
    firm, posting, seeker, _ = case
    draft = factories.create_posting(firm.employer, status="draft")
    _db.session.commit()

    assert client.post(f"/postings/{posting.id}/apply").location.startswith("/account/login")
    _as(client, firm.staff)
    assert client.post(f"/postings/{posting.id}/apply").status_code == 403
    client.post("/account/logout")
    _as(client, seeker.user)
    assert client.post(f"/postings/{draft.id}/apply").status_code == 404  # a draft cannot be probed
    closed = factories.create_posting(firm.employer, status="closed")
    _db.session.commit()
    assert client.post(f"/postings/{closed.id}/apply").location == "/postings"
    assert "This posting is not open for applications." in client.get("/postings").get_data(as_text=True)


# My applications

def test_my_applications_show_each_with_its_history_and_a_withdraw_button(client, case):
    firm, posting, seeker, application = case
    other = factories.create_posting(company().employer, title="仓库管理员")
    factories.create_application(seeker=seeker, posting=other, status="rejected")
    factories.create_application(seeker=seeker_with_account(), posting=posting)  # someone else's
    _db.session.commit()
    _as(client, seeker.user)

    page = client.get("/me/applications").get_data(as_text=True)

    assert page.count("data-application-id=") == 2
    assert "注塑工" in page and "仓库管理员" in page and firm.employer.name in page
    assert "Preliminary intent" in page and "Rejected" in page
    assert page.count(f'action="/applications/{application.id}/withdraw"') == 1
    assert page.count("/withdraw") == 1  # not for the rejected one


def test_my_applications_take_the_same_queries_for_one_or_many(client, db):
    seeker = seeker_with_account()
    factories.create_application(seeker=seeker, posting=factories.create_posting(company().employer))
    db.session.commit()
    _as(client, seeker.user)
    with QueryCounter() as one:
        client.get("/me/applications")
    for _ in range(6):
        factories.create_application(seeker=seeker, posting=factories.create_posting(company().employer))
    db.session.commit()

    with QueryCounter() as seven:
        assert client.get("/me/applications").get_data(as_text=True).count("data-application-id=") == 7

    assert seven.count == one.count


def test_the_seeker_withdraws_their_own_application_only(client, case):
    _, posting, seeker, application = case
    stranger = factories.create_application(seeker=seeker_with_account(), posting=posting)
    _db.session.commit()
    _as(client, seeker.user)

    assert client.post(f"/applications/{stranger.id}/withdraw").status_code == 404
    response = client.post(f"/applications/{application.id}/withdraw", follow_redirects=True)

    assert "Your application for 注塑工 has been withdrawn." in response.get_data(as_text=True)
    assert reload(application).status == "withdrawn"
    assert reload(stranger).status == "applied"


# A posting's applicants

def test_the_employer_sees_its_applicants_with_masked_id_numbers(client, case):
    firm, posting, seeker, _ = case
    _as(client, firm.staff)

    page = client.get(f"/employer/postings/{posting.id}/applicants").get_data(as_text=True)

    assert "龙小花" in page and seeker.id_masked in page
    assert "贵州省" in page and "威宁" in page  # the hometown by its full name
    assert "1 of 1 places left" in page
    assert "Preliminary intent" in page


def test_applicants_filter_by_status(client, case):
    firm, posting, _, _ = case
    factories.create_application(seeker=seeker_with_account(name="张三"), posting=posting, status="applied")
    _db.session.commit()
    _as(client, firm.staff)

    url = f"/employer/postings/{posting.id}/applicants"

    applied = client.get(f"{url}?status=applied").get_data(as_text=True)
    everyone = client.get(f"{url}?status=nonsense").get_data(as_text=True)

    assert "张三" in applied and "龙小花" not in applied
    assert "张三" in everyone and "龙小花" in everyone


def test_applicants_take_the_same_queries_for_one_or_many(client, case):
    firm, posting, _, _ = case
    _as(client, firm.staff)
    with QueryCounter() as one:
        client.get(f"/employer/postings/{posting.id}/applicants")
    for _ in range(8):
        factories.create_application(seeker=seeker_with_account(), posting=posting)
    _db.session.commit()

    with QueryCounter() as nine:
        page = client.get(f"/employer/postings/{posting.id}/applicants").get_data(as_text=True)

    assert page.count("data-application-id=") == 9
    assert nine.count == one.count


def test_applicants_are_for_the_posting_employer_and_the_bureau_only(client, case):
    _, posting, seeker, _ = case
    url = f"/employer/postings/{posting.id}/applicants"
    other_staff, bureau = company().staff, factories.create_user("bureau")
    _db.session.commit()

    assert client.get(url).location.startswith("/account/login")
    _as(client, other_staff)
    assert client.get(url).status_code == 404
    client.post("/account/logout")
    _as(client, seeker.user)
    assert client.get(url).status_code == 403
    client.post("/account/logout")
    _as(client, bureau)
    assert client.get(url).status_code == 200


# One application

def test_the_employer_sees_the_application_with_a_move_form(client, case):
    firm, posting, seeker, application = case
    _as(client, firm.staff)

    page = client.get(f"/applications/{application.id}").get_data(as_text=True)

    assert seeker.id_masked in page and seeker.mobile in page
    assert f'action="/applications/{application.id}/move"' in page
    assert '<option value="signed">Signed</option>' in page and '<option value="rejected">' in page
    assert 'name="override"' not in page  # a place is left: no override needed
    posting.signed_count = 1
    _db.session.commit()
    assert 'name="override"' in client.get(f"/applications/{application.id}").get_data(as_text=True)


def test_the_seeker_sees_their_own_application_read_only(client, case):
    _, _, seeker, application = case
    _as(client, seeker.user)

    page = client.get(f"/applications/{application.id}").get_data(as_text=True)

    assert "注塑工" in page and "Preliminary intent" in page
    assert "/move" not in page and 'name="to_status"' not in page


def test_an_application_is_hidden_from_other_employers_seekers_and_partners(client, case):
    _, _, _, application = case
    other_staff, other_seeker = company().staff, seeker_with_account()
    partner = factories.create_user("partner", regions=["520526"])
    _db.session.commit()
    url = f"/applications/{application.id}"

    assert client.get(url).location.startswith("/account/login")
    for user, status in ((other_staff, 404), (other_seeker.user, 404), (partner, 403)):
        _as(client, user)
        assert client.get(url).status_code == status
        assert client.post(f"{url}/move", data={"to_status": "signed"}).status_code in (403, 404)
        client.post("/account/logout")
    assert reload(application).status == "intent"


def test_the_employer_signs_and_the_last_place_then_needs_the_override(client, case):
    firm, posting, _, application = case
    second = factories.create_application(seeker=seeker_with_account(), posting=posting, status="intent")
    _db.session.commit()
    _as(client, firm.staff)

    response = client.post(f"/applications/{application.id}/move", follow_redirects=True,
                           data={"to_status": "signed", "note": "签约"})
    assert "The application is now: Signed." in response.get_data(as_text=True)

    refused = client.post(f"/applications/{second.id}/move", data={"to_status": "signed", "note": "加一人"})
    page = refused.get_data(as_text=True)
    assert refused.status_code == 409
    assert "All 1 places of this posting are taken" in page and "Override the headcount" in page
    assert "加一人" in page  # the note is kept for the second try
    assert reload(second).status == "intent"

    client.post(f"/applications/{second.id}/move", data={"to_status": "signed", "override": "y"})
    assert reload(second).status == "signed"
    assert _db.session.get(Posting, posting.id).signed_count == 2


def test_a_status_that_is_not_offered_is_a_form_error(client, case):
    firm, _, _, application = case
    _as(client, firm.staff)

    response = client.post(f"/applications/{application.id}/move", data={"to_status": "retained"})

    assert response.status_code == 400
    assert "is-invalid" in response.get_data(as_text=True)
    assert reload(application).status == "intent"


def test_the_other_employer_sees_why_an_application_closed_but_not_who_signed(client, case):
    firm, _, seeker, application = case
    other = company()
    elsewhere = factories.create_application(seeker=seeker, posting=factories.create_posting(other.employer),
                                             status="interviewed")
    _db.session.commit()
    _as(client, firm.staff)
    client.post(f"/applications/{application.id}/move", data={"to_status": "signed"})
    client.post("/account/logout")
    _as(client, other.staff)

    page = client.get(f"/applications/{elsewhere.id}").get_data(as_text=True)
    notices = client.get("/notices").get_data(as_text=True)

    assert "Closed (seeker signed elsewhere)" in page and "The seeker signed with another employer." in page
    assert "元立" not in page
    assert "was closed: the seeker signed with another employer" in notices and "元立" not in notices


# Notices

def test_notices_list_newest_first_and_become_read(client, case):
    firm, _, seeker, application = case
    _as(client, firm.staff)
    client.post(f"/applications/{application.id}/move", data={"to_status": "rejected"})
    client.post("/account/logout")
    _as(client, seeker.user)
    _db.session.add(Notice(user_id=seeker.user.id, kind="posting_approved", params={"title": "旧通知"},
                           created_at=datetime(2020, 1, 1)))
    _db.session.commit()

    page = client.get("/notices").get_data(as_text=True)

    assert page.count("badge text-bg-primary") == 2  # both were new
    newest = page.index("Your application for 注塑工 at 衢州元立金属制品有限公司 is now: Rejected.")
    assert newest < page.index("旧通知")
    assert f'href="/applications/{application.id}"' in page
    assert "badge text-bg-primary" not in client.get("/notices").get_data(as_text=True)


def test_the_unread_count_is_there_for_the_nav_badge(app, case):
    firm, _, seeker, application = case
    from recruit.applications import services

    services.move(application, "rejected", firm.staff)
    _db.session.commit()
    with app.test_request_context():
        assert render_template_string("{{ unread_notices() }}") == "0"
        login_user(seeker.user)
        assert render_template_string("{{ unread_notices() }}") == "1"


def test_each_user_sees_only_their_own_notices(client, case):
    firm, posting, seeker, _ = case
    stranger = seeker_with_account()
    factories.create_application(seeker=stranger, posting=posting)
    _db.session.add(Notice(user_id=seeker.user.id, kind="application_status",
                           params={"posting": "秘密岗位", "employer": "x", "status": "applied"}))
    _db.session.commit()
    _as(client, stranger.user)

    assert "秘密岗位" not in client.get("/notices").get_data(as_text=True)
    assert client.get("/notices").status_code == 200
    client.post("/account/logout")
    assert client.get("/notices").location.startswith("/account/login")


def test_after_withdrawing_the_posting_page_says_so_and_offers_to_apply_again(client, db):
    posting = factories.create_posting(company().employer, title="电子装配工")
    seeker = seeker_with_account()
    db.session.commit()
    _as(client, seeker.user)
    client.post(f"/postings/{posting.id}/apply")
    application = _db.session.scalar(_db.select(Application))
    client.post(f"/applications/{application.id}/withdraw")

    page = client.get(f"/postings/{posting.id}").get_data(as_text=True)
    assert "data-withdrawn" in page and "Apply again" in page
    assert client.post(f"/postings/{posting.id}/apply").status_code == 302
    _db.session.expire_all()
    assert _db.session.get(Application, application.id).status == "applied"
