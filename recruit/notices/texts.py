"""What each kind of notice says; the placeholders are filled from the notice's values when it is read."""
import logging

from flask_babel import lazy_gettext as _l

logger = logging.getLogger(__name__)

TEXTS = {
    "application_received": _l("%(seeker)s applied for %(posting)s."),
    "application_status": _l("Your application for %(posting)s at %(employer)s is now: %(status)s."),
    "application_withdrawn": _l("%(seeker)s withdrew the application for %(posting)s."),
    "application_obsolete": _l("The application of %(seeker)s for %(posting)s was closed: "
                               "the seeker signed with another employer."),
    "invitation_received": _l("%(employer)s invites you to apply for %(posting)s. Accept or decline on your "
                              "page."),
    "invitation_accepted": _l("%(seeker)s accepted your invitation and applied for %(posting)s."),
    "invitation_declined": _l("A seeker you invited (%(seeker)s) declined your invitation for %(posting)s."),
    "employer_approved": _l("%(name)s has been approved: its open postings are now public."),
    "employer_rejected": _l("The registration of %(name)s was not approved. Reason: %(reason)s"),
    "employer_suspended": _l("%(name)s has been suspended. Reason: %(reason)s"),
    "posting_approved": _l("Your posting %(title)s has been approved and is now open."),
    "posting_rejected": _l("Your posting %(title)s was sent back. Reason: %(reason)s"),
}
UNKNOWN = _l("You have a new notice.")
# Values kept as codes, each read through its code table (recruit/core/codes.py).
CODED_VALUES = {"status": "application_status"}
