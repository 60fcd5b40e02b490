"""Every action the audit log records, and the kinds of object it names: the one registry of both."""
import logging

from flask_babel import lazy_gettext as _l

from recruit.core.codes import Code
from recruit.core.codes import Codes

logger = logging.getLogger(__name__)

ACTIONS = Codes(
    "audit_action",
    Code("login", _l("Signed in")),
    Code("login_failed", _l("Failed sign-in")),
    Code("logout", _l("Signed out")),
    Code("password_changed", _l("Password changed")),
    Code("password_reset", _l("Password reset with a one-time code")),
    Code("employer_registered", _l("Employer registered")),
    Code("employer_updated", _l("Employer details changed")),
    Code("employer_approved", _l("Employer approved")),
    Code("employer_rejected", _l("Employer not approved")),
    Code("employer_suspended", _l("Employer suspended")),
    Code("posting_created", _l("Posting created")),
    Code("posting_updated", _l("Posting changed")),
    Code("posting_submitted", _l("Posting submitted for review")),
    Code("posting_approved", _l("Posting approved")),
    Code("posting_rejected", _l("Posting sent back")),
    Code("posting_closed", _l("Posting closed")),
    Code("event_created", _l("Event created")),
    Code("event_updated", _l("Event changed")),
    Code("participation_added", _l("Employer added to event")),
    Code("participation_updated", _l("Booth changed")),
    Code("participation_approved", _l("Participation approved")),
    Code("participation_removed", _l("Employer removed from event")),
    Code("seeker_registered", _l("Seeker registered")),
    Code("seeker_updated", _l("Seeker profile changed")),
    Code("seeker_account_opened", _l("Online account opened for a seeker")),
    Code("seeker_account_claimed", _l("Seeker claimed the record staff made")),
    Code("seeker_viewed", _l("Seeker profile viewed")),
    Code("pii_view", _l("ID number revealed")),
    Code("seeker_lookup", _l("Seeker looked up by ID number or mobile")),
    Code("seeker_lookup_missed", _l("ID number looked up, nobody found")),
    Code("application_created", _l("Application sent")),
    Code("application_status", _l("Application status changed")),
    Code("headcount_override", _l("Signed beyond the headcount")),
    Code("invitation_sent", _l("Seeker invited to apply")),
    Code("invitation_accepted", _l("Invitation accepted")),
    Code("invitation_declined", _l("Invitation declined")),
    Code("staff_created", _l("Staff account created")),
    Code("staff_updated", _l("Staff account changed")),
    Code("demo_loaded", _l("Demonstration data loaded")),
    Code("seekers_imported", _l("Seekers imported from a file")),
    Code("employers_imported", _l("Employers imported from a file")),
    Code("postings_imported", _l("Postings imported from a file")),
    Code("report_generated", _l("Report generated")),
    Code("report_downloaded", _l("Report downloaded")),
    Code("report_exported", _l("Report exported for a partner region")),
    Code("screen_link_issued", _l("Screen link issued")),
    Code("screen_link_revoked", _l("Screen link revoked")),
    Code("screen_opened", _l("Dashboard opened by a screen link")),
)
TARGETS = Codes(
    "audit_target",
    Code("Employer", _l("Employer")),
    Code("Posting", _l("Posting")),
    Code("Seeker", _l("Job seeker")),
    Code("Event", _l("Event")),
    Code("User", _l("Account")),
    Code("Application", _l("Application")),
    Code("Invitation", _l("Invitation")),
    Code("Report", _l("Report")),
    Code("ReportRun", _l("Report run")),
    Code("ScreenLink", _l("Screen link")),
)
