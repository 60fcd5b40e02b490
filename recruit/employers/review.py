"""The bureau's review of employers: approve, reject with a reason, suspend; the employer's users are told."""
import logging

from flask_babel import lazy_gettext as _l

from recruit.audit.services import record
from recruit.core import checks
from recruit.core.clock import utcnow
from recruit.domain import errors
from recruit.domain.errors import RuleError
from recruit.extensions import db
from recruit.notices.services import notify

logger = logging.getLogger(__name__)

MAX_REASON = 500

errors.register({
    "reason_required": _l("Give a reason: the employer reads it."),
    "already_approved": _l("This employer is already approved."),
    "employer_not_pending": _l("Only an employer waiting for review can be rejected."),
    "employer_not_approved": _l("Only an approved employer can be suspended."),
}, status=409)


def review_reason(reason):
    """The reason a review gives the employer: required, as long as the column holds."""
    try:
        return checks.text(reason, MAX_REASON)
    except RuleError as error:
        code = "reason_required" if error.code == "required" else error.code
        raise RuleError(code, "reason", **error.params) from None


def _review(employer, status, note, by_user, action):
    employer.status = status
    employer.review_note = note
    employer.reviewed_at = utcnow()
    params = {"name": employer.name, "reason": note} if note else {"name": employer.name}
    record(action, target=employer, user=by_user, **params)
    notify(employer.users, action, params, "employers.profile")
    db.session.flush()
    return employer


def approve_employer(employer, by_user):
    """Pending, rejected or suspended: the employer becomes approved and its open postings public."""
    if employer.status == "approved":
        raise RuleError("already_approved")
    return _review(employer, "approved", "", by_user, "employer_approved")


def reject_employer(employer, by_user, reason):
    if employer.status != "pending":
        raise RuleError("employer_not_pending")
    return _review(employer, "rejected", review_reason(reason), by_user, "employer_rejected")


def suspend_employer(employer, by_user, reason):
    """Nothing of a suspended employer stays public (Posting.is_public asks for an approved employer)."""
    if employer.status != "approved":
        raise RuleError("employer_not_approved")
    return _review(employer, "suspended", review_reason(reason), by_user, "employer_suspended")
