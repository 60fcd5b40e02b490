"""What users read for an application's status and for each kind of notice (never the raw codes)."""
import logging

from flask_babel import lazy_gettext as _l

logger = logging.getLogger(__name__)

STATUS_LABELS = {
    "applied": _l("Applied"),
    "interviewed": _l("Interviewed"),
    "intent": _l("Preliminary intent"),
    "signed": _l("Signed"),
    "onboarded": _l("Onboarded"),
    "retained": _l("Retained (3 months)"),
    "rejected": _l("Rejected"),
    "withdrawn": _l("Withdrawn"),
    "obsolete": _l("Closed (seeker signed elsewhere)"),
}
# Bootstrap colours: the pipeline in blues and greens, the closed states in greys and red.
STATUS_BADGES = {
    "applied": "secondary",
    "interviewed": "info",
    "intent": "primary",
    "signed": "success",
    "onboarded": "success",
    "retained": "success",
    "rejected": "danger",
    "withdrawn": "light",
    "obsolete": "dark",
}
SEX_LABELS = {"M": _l("Male"), "F": _l("Female")}
# Each notice kind with its text; the placeholders are filled from the notice's params when it is read.
NOTICE_TEXTS = {
    "application_received": _l("%(seeker)s applied for %(posting)s."),
    "application_status": _l("Your application for %(posting)s at %(employer)s is now: %(status)s."),
    "application_withdrawn": _l("%(seeker)s withdrew the application for %(posting)s."),
    "application_obsolete": _l("The application of %(seeker)s for %(posting)s was closed: "
                               "the seeker signed with another employer."),
    # Sent by the bureau's reviews (recruit/employers/review.py, recruit/postings/review.py).
    "employer_approved": _l("%(name)s has been approved: its open postings are now public."),
    "employer_rejected": _l("The registration of %(name)s was not approved. Reason: %(reason)s"),
    "employer_suspended": _l("%(name)s has been suspended. Reason: %(reason)s"),
    "posting_approved": _l("Your posting %(title)s has been approved and is now open."),
    "posting_rejected": _l("Your posting %(title)s was sent back. Reason: %(reason)s"),
}
UNKNOWN_NOTICE = _l("You have a new notice.")
# Why the system closed an application: kept in the history, shown translated by the pages.
OBSOLETE_NOTE = "the seeker signed with another employer"
CHANGE_NOTES = {OBSOLETE_NOTE: _l("The seeker signed with another employer.")}
# What the user reads when a service refuses (ApplicationError codes); params fill the placeholders.
ERROR_MESSAGES = {
    "not_open": _l("This posting is not open for applications."),
    "age": _l("This posting is for ages %(age_min)s to %(age_max)s."),
    "education": _l("This posting needs at least this education: %(education)s."),
    "duplicate": _l("You have already applied for this posting."),
    "event": _l("This posting does not take part in that event."),
    "forbidden": _l("You may not change this application."),
    "transition": _l("This application cannot move from “%(from_status)s” to “%(to_status)s”."),
    "stale": _l("Someone changed this application meanwhile. Please check its status and try again."),
    "headcount_full": _l("All %(headcount)s places of this posting are taken. To sign this applicant "
                         "anyway, tick “Override the headcount” and submit again."),
}
