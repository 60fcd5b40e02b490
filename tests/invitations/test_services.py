"""Invitation rules: who may invite whom, the seeker's one answer, what each side is told, what is refused."""
import pytest
import sqlalchemy as sa

from recruit.applications.models import Application
from recruit.domain.errors import RuleError
from recruit.extensions import db as _db
from recruit.invitations import services
from recruit.invitations.models import Invitation
from tests import factories
from tests.applications.helpers import TODAY
from tests.applications.helpers import audits
from tests.applications.helpers import company
from tests.applications.helpers import notices_of
from tests.invitations.helpers import fitting_seeker
from tests.invitations.helpers import invitable
from tests.invitations.helpers import written


@pytest.fixture
def case(db):
    return invitable()


def _refused(action, *args, **kwargs):
    """The refusal's code, with nothing written by the refused call."""
    before = written()
    with pytest.raises(RuleError) as caught:
        action(*args, **kwargs)
    assert written() == before, f"{caught.value.code} left something written"
    return caught.value.code


def _invited(case):
    return services.invite(case.posting, case.seeker, case.staff, today=TODAY)


# Inviting

def test_an_invitation_tells_the_seeker_and_is_audited(case):
    invitation = _invited(case)

    assert (invitation.status, invitation.invited_by_id, invitation.answered_at) == ("pending", case.staff.id, None)
    [notice] = notices_of(case.seeker.user, "invitation_received")
    assert notice.params == {"employer": "衢州元立金属制品有限公司", "posting": "注塑操作工"}
    assert notice.link == "/me"
    [audit] = audits("invitation_sent")
    assert (audit.target_type, audit.target_id, audit.user_id) == ("Invitation", invitation.id, case.staff.id)
    assert audit.target_name == f"{case.seeker.masked_name} · 注塑操作工"


@pytest.mark.parametrize("status", ["draft", "pending", "filled", "closed"])
def test_only_an_open_posting_invites(case, status):
    case.posting.status = status

    assert _refused(_invited, case) == "posting_not_open"


def test_a_suspended_employer_invites_nobody(case):
    case.posting.employer.status = "suspended"

    assert _refused(_invited, case) == "posting_not_open"


def test_a_seeker_who_is_not_findable_cannot_be_invited(case):
    case.seeker.findable = False

    assert _refused(_invited, case) == "not_findable"


def test_a_seeker_without_an_account_cannot_be_invited(case):
    offline = factories.create_seeker(region_code="330803", registered_by_id=factories.create_user("partner").id)

    assert _refused(services.invite, case.posting, offline, case.staff, today=TODAY) == "no_account"


@pytest.mark.parametrize(("fields", "code"), [
    ({"age_min": 40, "age_max": 55}, "age_outside"),  # the seeker is 30
    ({"education_min": "20"}, "education_below"),  # a bachelor's degree; the seeker finished senior high
])
def test_the_posting_rules_applying_would_check_are_checked(db, fields, code):
    case = invitable(**fields)

    assert _refused(_invited, case) == code


def test_a_seeker_who_applied_is_not_invited(case):
    factories.create_application(seeker=case.seeker, posting=case.posting, status="withdrawn")

    assert _refused(_invited, case) == "candidate_applied"


def test_only_the_postings_own_staff_invite(case):
    other_staff = company().staff
    bureau = factories.create_user("bureau")

    assert _refused(services.invite, case.posting, case.seeker, other_staff, today=TODAY) == "not_your_posting"
    assert _refused(services.invite, case.posting, case.seeker, bureau, today=TODAY) == "not_your_posting"


def test_a_second_invitation_is_refused(case):
    _invited(case)

    assert _refused(_invited, case) == "already_invited"


def test_a_declined_invitation_is_final(case):
    services.decline(_invited(case), case.seeker)

    assert _refused(_invited, case) == "invitation_declined"


def test_the_database_keeps_one_invitation_per_posting_and_seeker(case):
    invitation = _invited(case)
    _db.session.commit()

    with pytest.raises(sa.exc.IntegrityError), _db.session.begin_nested():
        _db.session.add(Invitation(posting_id=invitation.posting_id, seeker_id=invitation.seeker_id))
        _db.session.flush()


# Accepting

def test_accepting_applies_links_the_application_and_tells_the_employer(case):
    invitation = _invited(case)

    application = services.accept(invitation, case.seeker, today=TODAY)

    assert (application.status, application.seeker_id, application.posting_id) == (
        "applied", case.seeker.id, case.posting.id)
    assert application.event is case.posting.events[0]
    _db.session.expire_all()
    invitation = _db.session.get(Invitation, invitation.id)
    assert invitation.status == "accepted" and invitation.answered_at is not None
    assert invitation.application_id == application.id
    [accepted] = notices_of(case.staff, "invitation_accepted")
    assert accepted.params == {"seeker": "龙海燕", "posting": "注塑操作工"}
    assert accepted.link == f"/applications/{application.id}"
    assert len(notices_of(case.staff, "application_received")) == 1
    [audit] = audits("invitation_accepted")
    assert audit.user_id == case.seeker.user.id and audit.detail == {"application_id": application.id}


@pytest.mark.parametrize(("status", "code"), [
    ("closed", "invitation_posting_closed"),
    ("filled", "invitation_posting_filled"),
])
def test_a_posting_that_closed_or_filled_meanwhile_keeps_the_invitation_waiting(case, status, code):
    invitation = _invited(case)
    case.posting.status = status

    assert _refused(services.accept, invitation, case.seeker, today=TODAY) == code
    assert _db.session.get(Invitation, invitation.id).status == "pending"


def test_an_employer_suspended_meanwhile_takes_no_application(case):
    invitation = _invited(case)
    case.posting.employer.status = "suspended"

    assert _refused(services.accept, invitation, case.seeker, today=TODAY) == "posting_not_open"
    assert _db.session.get(Invitation, invitation.id).status == "pending"


def test_a_seeker_who_applied_meanwhile_is_told_so(case):
    invitation = _invited(case)
    factories.create_application(seeker=case.seeker, posting=case.posting)

    assert _refused(services.accept, invitation, case.seeker, today=TODAY) == "already_applied"


def test_only_the_invited_seeker_answers(case):
    invitation = _invited(case)
    someone_else = fitting_seeker()

    assert _refused(services.accept, invitation, someone_else, today=TODAY) == "not_your_invitation"
    assert _refused(services.decline, invitation, someone_else) == "not_your_invitation"


def test_an_invitation_is_answered_once(case):
    invitation = _invited(case)
    services.accept(invitation, case.seeker, today=TODAY)

    assert _refused(services.accept, invitation, case.seeker, today=TODAY) == "invitation_answered"
    assert _refused(services.decline, invitation, case.seeker) == "invitation_answered"


def test_an_answer_given_meanwhile_elsewhere_wins_and_no_application_is_left(case):
    """Two tabs: the invitation on this one still reads pending, but the other tab declined it."""
    invitation = _invited(case)
    _db.session.execute(sa.update(Invitation).where(Invitation.id == invitation.id).values(status="declined")
                        .execution_options(synchronize_session=False))
    assert invitation.status == "pending"

    assert _refused(services.accept, invitation, case.seeker, today=TODAY) == "invitation_answered"
    assert _db.session.scalar(sa.select(sa.func.count(Application.id))) == 0


# Declining

def test_declining_tells_the_employer_with_the_name_masked(case):
    invitation = _invited(case)

    services.decline(invitation, case.seeker)

    assert invitation.status == "declined" and invitation.answered_at is not None
    assert invitation.application_id is None
    [notice] = notices_of(case.staff, "invitation_declined")
    assert notice.params == {"seeker": "龙*燕", "posting": "注塑操作工"}
    assert notice.link == f"/employer/postings/{case.posting.id}/applicants"
    assert _db.session.scalar(sa.select(sa.func.count(Application.id))) == 0
    assert len(audits("invitation_declined")) == 1


# What the pages list

def test_the_seeker_sees_waiting_invitations_first(case):
    older = _invited(case)
    newer_posting = factories.create_posting(case.posting.employer, title="叉车司机")
    newer = services.invite(newer_posting, case.seeker, case.staff, today=TODAY)
    services.decline(newer, case.seeker)

    assert services.invitations_of(case.seeker) == [older, newer]


def test_candidates_carry_their_invitation_and_a_decline_takes_one_off_the_list(case, frozen_clock):
    waiting, declining, new = fitting_seeker(), fitting_seeker(), fitting_seeker()
    services.invite(case.posting, waiting, case.staff)
    services.decline(services.invite(case.posting, declining, case.staff), declining)

    found = {match.seeker.id: invitation for match, invitation in services.candidates(case.posting)}

    assert set(found) == {case.seeker.id, waiting.id, new.id}
    assert found[waiting.id].status == "pending"
    assert found[case.seeker.id] is None and found[new.id] is None


def test_candidates_keep_their_number_when_some_declined(case, frozen_clock):
    for _ in range(3):
        fitting_seeker()
    declined = fitting_seeker()
    services.decline(services.invite(case.posting, declined, case.staff), declined)

    assert len(services.candidates(case.posting, limit=4)) == 4


@pytest.mark.parametrize(("posting_status", "employer_status"), [("filled", "approved"), ("open", "suspended")])
def test_a_posting_that_takes_no_applications_has_no_candidates(case, frozen_clock, posting_status,
                                                                 employer_status):
    case.posting.status, case.posting.employer.status = posting_status, employer_status

    assert services.candidates(case.posting) == []
