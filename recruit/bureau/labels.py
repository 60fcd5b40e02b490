"""What bureau pages show for codes of their own: audit actions, staff roles, check-in channels."""
import logging

from flask_babel import lazy_gettext as _l

logger = logging.getLogger(__name__)

ROLE_LABELS = {
    "seeker": _l("Job seeker"),
    "employer": _l("Employer"),
    "bureau": _l("Bureau staff"),
    "partner": _l("Partner-region staff"),
}
CHANNEL_LABELS = {"qr": _l("QR code"), "id_number": _l("ID number"), "walk_in": _l("Walk-in")}
# The actions this codebase records; an action not listed here is shown by its code.
ACTION_LABELS = {
    "login": _l("Signed in"),
    "login_failed": _l("Failed sign-in"),
    "logout": _l("Signed out"),
    "password_changed": _l("Password changed"),
    "employer_registered": _l("Employer registered"),
    "employer_updated": _l("Employer details changed"),
    "employer_approved": _l("Employer approved"),
    "employer_rejected": _l("Employer rejected"),
    "employer_suspended": _l("Employer suspended"),
    "posting_approved": _l("Posting approved"),
    "posting_rejected": _l("Posting sent back"),
    "event_created": _l("Event created"),
    "event_updated": _l("Event changed"),
    "participation_added": _l("Employer added to event"),
    "participation_updated": _l("Booth changed"),
    "participation_approved": _l("Participation approved"),
    "participation_removed": _l("Employer removed from event"),
    "seeker_registered": _l("Seeker registered"),
    "seeker_updated": _l("Seeker profile changed"),
    "seeker_viewed": _l("Seeker profile viewed"),
    "pii_view": _l("ID number revealed"),
    "staff_created": _l("Staff account created"),
    "staff_updated": _l("Staff account changed"),
}
TARGET_LABELS = {
    "Employer": _l("Employer"),
    "Posting": _l("Posting"),
    "Seeker": _l("Job seeker"),
    "Event": _l("Event"),
    "User": _l("Account"),
    "Application": _l("Application"),
    "Report": _l("Report"),
}
# Bootstrap colours of the status badges.
EMPLOYER_BADGES = {"pending": "warning", "approved": "success", "rejected": "danger",
                   "suspended": "secondary"}
POSTING_BADGES = {"draft": "secondary", "pending": "warning", "open": "success", "filled": "info",
                  "closed": "dark"}
EVENT_BADGES = {"draft": "secondary", "published": "success", "closed": "dark"}
# The keys of an audit event's detail that bureau code records.
DETAIL_LABELS = {
    "name": _l("Name"),
    "title": _l("Title"),
    "reason": _l("Reason"),
    "fields": _l("Changed"),
    "booth": _l("Booth"),
    "employer_id": _l("Employer no."),
    "username": _l("Username"),
    "role": _l("Role"),
    "regions": _l("Regions"),
    "active": _l("Active"),
    "field": _l("Field"),
}
