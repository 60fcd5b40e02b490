"""The bureau's review of employers: approve, reject with a reason, suspend; the employer's users are told."""
import logging

from flask import has_request_context
from flask import url_for
from flask_babel import lazy_gettext as _l

from recruit.applications.models import Notice
from recruit.audit.services import record
from recruit.core.models import utcnow
from recruit.extensions import db

logger = logging.getLogger(__name__)

MESSAGES = {
    "reason_required": _l("Give a reason: the employer reads it."),
    "already_approved": _l("This employer is already approved."),
    "not_pending": _l("Only an employer waiting for review can be rejected."),
    "not_approved": _l("Only an approved employer can be suspended."),
    "posting_not_pending": _l("Only a posting waiting for review can be approved or rejected."),
    "employer_not_approved": _l("The employer of this posting is not approved: review the employer first."),
}


class ReviewError(ValueError):
    """A review broke a rule: `code` is stable, `message` is for the user."""

    def __init__(self, code):
        self.code = code
        self.message = MESSAGES[code]
        super().__init__(str(self.message))


def required_reason(reason):
    reason = (reason or "").strip()
    if not reason:
        raise ReviewError("reason_required")
    return reason


def notify_users(employer, kind, params, endpoint, **values):
    """Tell each of the employer's accounts; kind and values, so it reads in each reader's language."""
    # Outside a request (a command) there is no URL to build; the notice still reads without its link.
    link = url_for(endpoint, **values) if has_request_context() else ""
    for user in employer.users:
        db.session.add(Notice(user_id=user.id, kind=kind, params=params, link=link))


def _review(employer, status, note, by_user, action):
    employer.status = status
    employer.review_note = note
    employer.reviewed_at = utcnow()
    params = {"name": employer.name, "reason": note} if note else {"name": employer.name}
    record(action, target=employer, user=by_user, **params)
    notify_users(employer, action, params, "employers.profile")
    db.session.flush()
    return employer


def approve_employer(employer, by_user):
    """Pending, rejected or suspended: the employer becomes approved and its open postings public."""
    if employer.status == "approved":
        raise ReviewError("already_approved")
    return _review(employer, "approved", "", by_user, "employer_approved")


def reject_employer(employer, by_user, reason):
    if employer.status != "pending":
        raise ReviewError("not_pending")
    return _review(employer, "rejected", required_reason(reason), by_user, "employer_rejected")


def suspend_employer(employer, by_user, reason):
    """Nothing of a suspended employer stays public (Posting.is_public asks for an approved employer)."""
    if employer.status != "approved":
        raise ReviewError("not_approved")
    return _review(employer, "suspended", required_reason(reason), by_user, "employer_suspended")
