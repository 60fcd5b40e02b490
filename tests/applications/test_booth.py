"""An intent recorded at the employer's booth in one step: the rule, its refusals and the phone page."""
import re

import pytest
import sqlalchemy as sa

from recruit.applications import services
from recruit.applications.models import BOOTH_NOTE
from recruit.applications.models import Application
from recruit.applications.models import ApplicationChange
from recruit.domain.errors import RuleError
from recruit.extensions import db as _db
from recruit.seekers.services import checkin_token
from tests import factories
from tests.applications.helpers import TODAY
from tests.applications.helpers import audits
from tests.applications.helpers import company
from tests.applications.helpers import notices_of
from tests.applications.helpers import reload
from tests.applications.helpers import seeker_with_account
from tests.helpers import signed_in


@pytest.fixture
def booth(db):
    """An approved employer at a published event with one open posting in it, and a seeker who never applied."""
    event = factories.create_event(name="新春招聘会")
    firm = company(name="衢州元立金属制品有限公司")
    factories.add_participation(event, firm.employer, booth="A07")
    posting = factories.create_posting(firm.employer, [event], title="注塑工")
    seeker = seeker_with_account(name="龙小花", mobile="13912345678")
    factories.create_checkin(seeker, event)
    return firm, event, posting, seeker


def _count(model):
    return _db.session.scalar(sa.select(sa.func.count()).select_from(model))


def _refused(code, *args, **kwargs):
    before = (_count(Application), _count(ApplicationChange))
    with pytest.raises(RuleError) as caught:
        services.record_booth_intent(*args, today=TODAY, **kwargs)
    assert caught.value.code == code
    assert (_count(Application), _count(ApplicationChange)) == before


# The rule

def test_a_seeker_who_never_applied_gets_an_intent_in_one_step(booth):
    firm, event, posting, seeker = booth

    application = services.record_booth_intent(seeker, posting, event, firm.staff, today=TODAY)

    application = reload(application)
    assert (application.status, application.event_id) == ("intent", event.id)
    assert application.intent_at is not None
    assert [(c.from_status, c.to_status, c.note, c.by_user_id) for c in application.changes] == [
        (None, "intent", BOOTH_NOTE, firm.staff.id)]
    assert [n.params["status"] for n in notices_of(seeker.user, "application_status")] == ["intent"]
    [audit] = audits("application_created")
    assert audit.detail == {"posting_id": posting.id, "seeker_id": seeker.id, "to_status": "intent",
                            "note": BOOTH_NOTE}


@pytest.mark.parametrize("status", ["applied", "interviewed"])
def test_an_application_moves_to_intent(booth, status):
    firm, event, posting, seeker = booth
    application = factories.create_application(seeker=seeker, posting=posting, status=status)

    services.record_booth_intent(seeker, posting, event, firm.staff, today=TODAY)

    application = reload(application)
    assert application.status == "intent"
    assert application.event_id == event.id  # applied without an event: counted at the booth's event
    assert [(c.from_status, c.to_status, c.note) for c in application.changes][-1] == (status, "intent",
                                                                                       BOOTH_NOTE)
    [audit] = audits("application_status")
    assert (audit.detail["from_status"], audit.detail["to_status"]) == (status, "intent")
    assert notices_of(seeker.user, "application_status")


def test_another_employers_posting_is_refused(booth):
    _, event, posting, seeker = booth
    other = company()

    _refused("booth_not_yours", seeker, posting, event, other.staff)


def test_a_posting_not_at_the_event_is_refused(booth):
    firm, _, posting, seeker = booth
    elsewhere = factories.create_event(name="另一场招聘会")
    factories.add_participation(elsewhere, firm.employer)

    _refused("not_at_event", seeker, posting, elsewhere, firm.staff)


@pytest.mark.parametrize("status", ["draft", "closed"])
def test_an_event_not_under_way_is_refused(booth, status):
    firm, event, posting, seeker = booth
    event.status = status

    _refused("booth_event_not_ongoing", seeker, posting, event, firm.staff)


@pytest.mark.parametrize("status", ["intent", "signed"])
def test_intent_or_beyond_is_refused(booth, status):
    firm, event, posting, seeker = booth
    factories.create_application(seeker=seeker, posting=posting, status=status)

    _refused("booth_intent_already", seeker, posting, event, firm.staff)


@pytest.mark.parametrize("status", ["rejected", "withdrawn", "obsolete"])
def test_a_closed_application_is_refused(booth, status):
    firm, event, posting, seeker = booth
    factories.create_application(seeker=seeker, posting=posting, status=status)

    _refused("booth_closed", seeker, posting, event, firm.staff)


def test_an_ineligible_seeker_is_refused_as_applying_would_be(booth):
    firm, event, posting, seeker = booth
    posting.age_min, posting.age_max = 40, 50

    _refused("age_outside", seeker, posting, event, firm.staff)


def test_a_posting_that_is_not_open_is_refused(booth):
    firm, event, posting, seeker = booth
    posting.status = "filled"

    _refused("posting_not_open", seeker, posting, event, firm.staff)


# Finding the seeker

def test_the_seeker_is_found_by_mobile_or_gate_code(booth):
    _, event, _, seeker = booth

    assert services.booth_seeker("139 1234 5678", event) is seeker
    assert services.booth_seeker(checkin_token(seeker), event) is seeker


def test_a_mobile_reaches_only_the_seekers_checked_in_at_the_event(booth):
    _, event, _, seeker = booth
    elsewhere = factories.create_seeker(mobile="13987654321")

    with pytest.raises(RuleError) as caught:
        services.booth_seeker("13987654321", event)

    assert caught.value.code == "booth_seeker_unknown"
    assert services.booth_seeker(checkin_token(elsewhere), event) is elsewhere  # shown by the seeker: consent


@pytest.mark.parametrize(("text", "code"), [("13900000000", "booth_seeker_unknown"),
                                            ("Mw.forged-signature", "booth_code_forged")])
def test_an_unknown_mobile_or_a_forged_code_finds_nobody(booth, text, code):
    with pytest.raises(RuleError) as caught:
        services.booth_seeker(text, booth[1])

    assert (caught.value.code, caught.value.problems[0].field) == (code, "seeker")


def test_a_mobile_shared_by_several_seekers_asks_for_the_gate_code(booth):
    _, event, _, _ = booth
    factories.create_checkin(factories.create_seeker(mobile="13912345678"), event)

    with pytest.raises(RuleError) as caught:
        services.booth_seeker("13912345678", event)

    assert caught.value.code == "booth_seeker_several"


def test_the_choices_are_the_companys_open_postings_at_published_events(booth):
    firm, event, posting, _ = booth
    factories.create_posting(firm.employer, [event], "draft", title="草稿岗位")
    factories.create_posting(firm.employer, [factories.create_event(status="draft")], title="未发布活动岗位")
    factories.create_posting(company().employer, [event], title="别家岗位")

    assert services.booth_choices(firm.employer) == [(event, posting)]


# The page

def _choice(event, posting):
    return f"{event.id}-{posting.id}"


def test_the_page_records_an_intent_the_seeker_sees(client, booth):
    firm, event, posting, seeker = booth
    signed_in(client, firm.staff)

    assert 'href="/employer/booth"' in client.get("/employer").get_data(as_text=True)
    response = client.post("/employer/booth", data={"seeker": checkin_token(seeker),
                                                    "choice": _choice(event, posting)})

    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Intent recorded" in page and "龙*花" in page and "注塑工" in page
    assert "龙小花" not in page
    assert f'<option selected value="{_choice(event, posting)}">' in page  # ready for the next seeker
    [seeker_input] = re.findall(r'<input[^>]*name="seeker"[^>]*>', page)
    assert 'value=""' in seeker_input, seeker_input
    client.post("/account/logout")
    signed_in(client, seeker.user)
    mine = client.get("/me/applications").get_data(as_text=True)
    assert 'data-status="intent"' in mine and "Intent recorded at the employer" in mine


def test_the_page_moves_an_application_by_mobile(client, booth):
    firm, event, posting, seeker = booth
    application = factories.create_application(seeker=seeker, posting=posting, status="applied")
    signed_in(client, firm.staff)

    response = client.post("/employer/booth", data={"seeker": "13912345678", "choice": _choice(event, posting)})

    assert response.status_code == 200
    assert reload(application).status == "intent"


@pytest.mark.parametrize(("text", "message"), [
    ("13900000000", "No seeker checked in at this event has this mobile number or gate code"),
    ("Mw.forged-signature", "This gate code is not valid."),
    ("", "mobile number or scan their gate code."),
])
def test_the_page_shows_why_nobody_was_found(client, booth, text, message):
    firm, event, posting, _ = booth
    signed_in(client, firm.staff)

    response = client.post("/employer/booth", data={"seeker": text, "choice": _choice(event, posting)})

    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    assert _count(Application) == 0


def test_the_page_shows_a_refusal_and_writes_nothing(client, booth):
    firm, event, posting, seeker = booth
    factories.create_application(seeker=seeker, posting=posting, status="intent")
    signed_in(client, firm.staff)

    response = client.post("/employer/booth", data={"seeker": "13912345678", "choice": _choice(event, posting)})

    assert response.status_code == 400
    assert "already at “Preliminary intent”" in response.get_data(as_text=True)
    assert _count(ApplicationChange) == 1


def test_another_employers_posting_cannot_be_chosen(client, booth):
    _, event, posting, seeker = booth
    other = company()
    factories.add_participation(event, other.employer, booth="B01")
    factories.create_posting(other.employer, [event], title="别家岗位")
    signed_in(client, other.staff)

    response = client.post("/employer/booth", data={"seeker": "13912345678", "choice": _choice(event, posting)})

    assert response.status_code == 400
    assert "注塑工" not in response.get_data(as_text=True)
    assert _count(Application) == 0


def test_without_postings_at_an_event_the_page_says_so(client, db):
    firm = company()
    factories.create_posting(firm.employer)
    signed_in(client, firm.staff)

    page = client.get("/employer/booth").get_data(as_text=True)

    assert "data-no-booth-postings" in page and 'name="seeker"' not in page
