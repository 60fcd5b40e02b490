"""The bureau's review of postings: approve (the posting opens) or send back to draft with a reason."""
import logging

from flask_babel import lazy_gettext as _l

from recruit.audit.services import record
from recruit.domain import errors
from recruit.domain.errors import RuleError
from recruit.employers.review import review_reason
from recruit.extensions import db
from recruit.notices.services import notify

logger = logging.getLogger(__name__)

errors.register({
    "posting_not_pending": _l("Only a posting waiting for review can be approved or rejected."),
    "posting_employer_not_approved": _l("The employer of this posting is not approved: review the employer "
                                        "first."),
}, status=409)


def _check_pending(posting):
    if posting.status != "pending":
        raise RuleError("posting_not_pending")


def approve_posting(posting, by_user):
    """A pending posting of an approved employer opens: it is public from now on."""
    _check_pending(posting)
    if not posting.employer.is_approved:
        raise RuleError("posting_employer_not_approved")
    posting.status = "open"
    posting.review_note = ""
    _approve_participations(posting)
    record("posting_approved", target=posting, user=by_user, title=posting.title)
    notify(posting.employer.users, "posting_approved", {"title": posting.title}, "postings.detail",
           posting_id=posting.id)
    db.session.flush()
    return posting


def _approve_participations(posting):
    """Approving a posting for its events admits the employer to them: a public posting at an event whose
    participation still says 'awaiting the bureau' would contradict itself."""
    event_ids = {event.id for event in posting.events}
    for participation in posting.employer.participations:
        if participation.event_id in event_ids:
            participation.approved = True


def reject_posting(posting, by_user, reason):
    """Back to draft with the reason, which the employer reads on its posting before submitting it again."""
    _check_pending(posting)
    reason = review_reason(reason)
    posting.status = "draft"
    posting.review_note = reason
    params = {"title": posting.title, "reason": reason}
    record("posting_rejected", target=posting, user=by_user, **params)
    notify(posting.employer.users, "posting_rejected", params, "postings.edit", posting_id=posting.id)
    db.session.flush()
    return posting
