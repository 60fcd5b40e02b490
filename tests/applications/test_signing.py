"""Signing: places taken within the headcount, the override, `filled`, and the seeker's other applications."""
import pytest
from flask_babel import force_locale

from recruit.applications import services
from recruit.applications.models import OBSOLETE_NOTE
from recruit.domain.errors import RuleError
from recruit.extensions import db as _db
from recruit.notices.services import text_of
from recruit.postings.models import Posting
from tests import factories
from tests.applications.helpers import audits
from tests.applications.helpers import company
from tests.applications.helpers import notices_of
from tests.applications.helpers import reload
from tests.applications.helpers import seeker_with_account


def _intent(posting):
    return factories.create_application(seeker=seeker_with_account(), posting=posting, status="intent")


def _posting(firm, headcount, signed_count=0):
    return factories.create_posting(firm.employer, headcount=headcount, signed_count=signed_count)


def test_signing_takes_a_place_and_the_last_place_fills_the_posting(db):
    firm = company()
    posting = _posting(firm, headcount=2)
    first, second = _intent(posting), _intent(posting)

    services.move(first, "signed", firm.staff)
    assert (posting.signed_count, posting.status) == (1, "open")
    services.move(second, "signed", firm.staff)

    _db.session.commit()
    posting = _db.session.get(Posting, posting.id)
    assert (posting.signed_count, posting.status, posting.places_left) == (2, "filled", 0)


def test_signing_past_the_headcount_is_refused_without_the_override(db):
    firm = company()
    posting = _posting(firm, headcount=1)
    first, second = _intent(posting), _intent(posting)
    services.move(first, "signed", firm.staff)
    _db.session.commit()

    with pytest.raises(RuleError) as caught:
        services.move(second, "signed", firm.staff)
    _db.session.rollback()

    assert (caught.value.code, caught.value.params) == ("headcount_full", {"headcount": 1})
    assert reload(second).status == "intent"
    assert _db.session.get(Posting, posting.id).signed_count == 1
    assert audits("headcount_override") == []


def test_the_override_signs_beyond_the_headcount_and_is_audited(db):
    firm = company()
    posting = _posting(firm, headcount=1, signed_count=1)
    application = _intent(posting)

    services.move(application, "signed", firm.staff, override=True)
    _db.session.commit()

    assert reload(application).status == "signed"
    assert _db.session.get(Posting, posting.id).signed_count == 2
    [audit] = audits("headcount_override")
    assert (audit.target_id, audit.user_id) == (posting.id, firm.staff.id)
    assert audit.detail == {"application_id": application.id, "headcount": 1}


def test_the_override_is_not_used_while_places_are_left(db):
    firm = company()
    posting = _posting(firm, headcount=3)

    services.move(_intent(posting), "signed", firm.staff, override=True)

    assert posting.signed_count == 1
    assert audits("headcount_override") == []


def test_signing_closes_the_seekers_other_open_applications_and_tells_those_employers_why(app, db):
    signing_firm, other_firm, third_firm = company(name="衢州元立金属制品有限公司"), company(), company()
    seeker = seeker_with_account(name="龙小花")
    signed = factories.create_application(seeker=seeker, posting=_posting(signing_firm, 3), status="intent")
    other = factories.create_application(seeker=seeker, posting=_posting(other_firm, 3), status="interviewed")
    third = factories.create_application(seeker=seeker, posting=_posting(third_firm, 3), status="applied")
    rejected = factories.create_application(seeker=seeker, posting=_posting(third_firm, 3), status="rejected")

    services.move(signed, "signed", signing_firm.staff)

    assert [reload(a).status for a in (signed, other, third, rejected)] == [
        "signed", "obsolete", "obsolete", "rejected"]
    closing = reload(other).changes[-1]
    assert (closing.from_status, closing.to_status, closing.by_user_id, closing.note) == (
        "interviewed", "obsolete", None, OBSOLETE_NOTE)
    [notice] = notices_of(other_firm.staff, "application_obsolete")
    assert notices_of(third_firm.staff, "application_obsolete")
    assert notices_of(signing_firm.staff, "application_obsolete") == []
    with app.test_request_context(), force_locale("en"):
        text = text_of(notice)
    assert "signed with another employer" in text and "龙小花" in text
    assert "元立" not in text and "元立" not in str(notice.params)
    closed_audits = [a for a in audits("application_status") if a.detail["to_status"] == "obsolete"]
    assert sorted(a.target_id for a in closed_audits) == [other.id, third.id]
    statuses = [n.params["status"] for n in notices_of(seeker.user, "application_status")]
    assert sorted(statuses) == ["obsolete", "obsolete", "signed"]


def test_an_application_closed_by_a_signing_elsewhere_cannot_be_signed(db):
    firm, other_firm = company(), company()
    seeker = seeker_with_account()
    first = factories.create_application(seeker=seeker, posting=_posting(firm, 2), status="intent")
    second = factories.create_application(seeker=seeker, posting=_posting(other_firm, 2), status="intent")
    services.move(first, "signed", firm.staff)
    _db.session.commit()

    with pytest.raises(RuleError) as caught:
        services.move(reload(second), "signed", other_firm.staff)

    assert caught.value.code == "transition"
    assert _db.session.get(Posting, second.posting_id).signed_count == 0
