"""Invitation rules: who may invite whom for which posting, the seeker's one answer, and who is told."""
import logging

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import joinedload
from sqlalchemy.orm.attributes import set_committed_value

from recruit.applications import services as applications
from recruit.applications.models import Application
from recruit.audit.services import record
from recruit.core.clock import local_today
from recruit.core.clock import utcnow
from recruit.domain import errors
from recruit.domain.errors import RuleError
from recruit.extensions import db
from recruit.invitations.models import Invitation
from recruit.matching import services as matching
from recruit.notices.services import notify
from recruit.postings.models import Posting

logger = logging.getLogger(__name__)

# The seeker's page and the posting's applicants page list this many invitations.
SHOWN = 20
# Recommended candidates a posting's applicants page shows.
CANDIDATES = 10

errors.register({
    "not_findable": _l("This seeker does not let employers find them, so they cannot be invited."),
    "no_account": _l("This seeker was registered by partner-region staff and has no account to answer an "
                     "invitation with. The bureau can put you in touch."),
    "invitation_posting_closed": _l("This posting has been closed since you were invited: it takes no more "
                                    "applications."),
    "invitation_posting_filled": _l("All places of this posting have been taken since you were invited. The "
                                    "invitation stays open in case a place becomes free."),
})
errors.register({
    "not_your_posting": _l("Only the staff of the posting's employer may invite seekers for it."),
    "not_your_invitation": _l("This invitation is for someone else."),
}, status=403)
errors.register({
    "candidate_applied": _l("This seeker has already applied for this posting."),
    "already_invited": _l("You have already invited this seeker for this posting."),
    "invitation_declined": _l("This seeker declined your invitation for this posting. An answer is final: "
                              "they cannot be invited for it again."),
    "invitation_answered": _l("This invitation has been answered already."),
}, status=409)


def invite(posting, seeker, by_user, today=None):
    """The posting's employer invites a seeker who lets employers find them; the seeker is told.

    The seeker must meet what applying would ask of them (the posting's age and education rules), so that an
    invitation can be accepted; a seeker without an account could not answer, so they are not invited.
    """
    _check_can_invite(posting, seeker, by_user, today or local_today())
    previous = db.session.scalar(sa.select(Invitation.status).where(
        Invitation.posting_id == posting.id, Invitation.seeker_id == seeker.id))
    if previous == "declined":
        raise RuleError("invitation_declined")
    if previous is not None:
        raise RuleError("already_invited")
    try:
        # A double click races past the check above: the unique constraint decides, inside a savepoint.
        with db.session.begin_nested():
            invitation = Invitation(posting=posting, seeker=seeker, invited_by_id=by_user.id)
            db.session.add(invitation)
    except IntegrityError:
        raise RuleError("already_invited") from None
    notify([seeker.user], "invitation_received", {"employer": posting.employer.name, "posting": posting.title},
           "seekers.profile")
    record("invitation_sent", target=invitation, user=by_user, posting_id=posting.id, seeker_id=seeker.id)
    return invitation


def _check_can_invite(posting, seeker, by_user, today):
    if by_user.role != "employer" or by_user.employer_id != posting.employer_id:
        raise RuleError("not_your_posting")
    if posting.status != "open" or not posting.employer.is_approved:
        raise RuleError("posting_not_open")
    if not seeker.findable:
        raise RuleError("not_findable")
    if seeker.user is None:
        raise RuleError("no_account")
    applications.check_qualifies(seeker, posting, today)
    applied = sa.select(Application.id).where(Application.seeker_id == seeker.id,
                                              Application.posting_id == posting.id)
    if db.session.scalar(applied) is not None:
        raise RuleError("candidate_applied")


def accept(invitation, seeker, today=None):
    """The invited seeker accepts: they apply for the posting (at `applied`) and the employer's staff are told.

    A posting that closed or filled meanwhile is refused with its reason, and the invitation stays unanswered.
    """
    _check_can_answer(invitation, seeker)
    posting = invitation.posting
    if posting.status == "closed":
        raise RuleError("invitation_posting_closed")
    if posting.status == "filled":
        raise RuleError("invitation_posting_filled")
    # Applying and answering stand or fall together: a refusal of either leaves neither written.
    with db.session.begin_nested():
        application = applications.apply(seeker, posting, by_user=seeker.user, today=today)
        _answer(invitation, "accepted", application)
    _tell_staff(invitation, "invitation_accepted", seeker.name, "applications.detail",
                application_id=application.id)
    record("invitation_accepted", target=invitation, user=seeker.user, application_id=application.id)
    return application


def decline(invitation, seeker):
    """The invited seeker declines, once and for all; the employer's staff are told, with the name masked."""
    _check_can_answer(invitation, seeker)
    _answer(invitation, "declined")
    _tell_staff(invitation, "invitation_declined", seeker.masked_name, "applications.for_posting",
                posting_id=invitation.posting_id)
    record("invitation_declined", target=invitation, user=seeker.user)
    return invitation


def _check_can_answer(invitation, seeker):
    if invitation.seeker_id != seeker.id:
        raise RuleError("not_your_invitation")
    if not invitation.is_pending:
        raise RuleError("invitation_answered")


def _answer(invitation, status, application=None):
    """Compare and set: of two answers sent at once (two tabs, a double click), only the first counts."""
    now = utcnow()
    values = {"status": status, "answered_at": now, "updated_at": now,
              "application_id": application.id if application is not None else None}
    statement = (sa.update(Invitation).where(Invitation.id == invitation.id, Invitation.status == "pending")
                 .values(**values).execution_options(synchronize_session=False))
    if db.session.execute(statement).rowcount != 1:
        raise RuleError("invitation_answered")
    for name, value in values.items():
        set_committed_value(invitation, name, value)
    set_committed_value(invitation, "application", application)


def _tell_staff(invitation, kind, seeker_name, endpoint, **values):
    posting = invitation.posting
    staff = [user for user in posting.employer.users if user.active]
    notify(staff, kind, {"seeker": seeker_name, "posting": posting.title}, endpoint, **values)


def invitations_of(seeker):
    """The seeker's invitations with their posting and employer: those waiting for an answer, then the newest."""
    waiting_first = sa.case((Invitation.status == "pending", 0), else_=1)
    query = (sa.select(Invitation).where(Invitation.seeker_id == seeker.id)
             .options(joinedload(Invitation.posting).joinedload(Posting.employer))
             .order_by(waiting_first, Invitation.created_at.desc(), Invitation.id.desc()).limit(SHOWN))
    return db.session.scalars(query).all()


def sent_for(posting):
    """The posting's newest invitations with their seekers and applications."""
    query = (sa.select(Invitation).where(Invitation.posting_id == posting.id)
             .options(joinedload(Invitation.seeker), joinedload(Invitation.application))
             .order_by(Invitation.created_at.desc(), Invitation.id.desc()).limit(SHOWN))
    return db.session.scalars(query).all()


def candidates(posting, limit=CANDIDATES):
    """The posting's recommended candidates, each as (match, its invitation or None).

    Only a posting that takes applications has any, since only then can they be invited. A seeker who declined
    is not shown again (the answer is final); one still thinking it over is, with the invitation's status.
    """
    if posting.status != "open" or not posting.employer.is_approved:
        return []
    declined = set(db.session.scalars(sa.select(Invitation.seeker_id).where(
        Invitation.posting_id == posting.id, Invitation.status == "declined")))
    found = matching.candidates_for(posting, limit=limit + len(declined))
    matches = [match for match in found if match.seeker.id not in declined][:limit]
    invited = db.session.scalars(sa.select(Invitation).where(
        Invitation.posting_id == posting.id, Invitation.seeker_id.in_([match.seeker.id for match in matches])))
    by_seeker = {invitation.seeker_id: invitation for invitation in invited}
    return [(match, by_seeker.get(match.seeker.id)) for match in matches]
