"""What bureau pages show for codes: audit actions and details, staff roles, check-in channels."""
import logging

from flask_babel import lazy_gettext as _l

from recruit.applications.labels import CHANGE_NOTES
from recruit.applications.labels import STATUS_LABELS
from recruit.domain import regions
from recruit.postings.labels import BENEFIT_LABELS
from recruit.postings.labels import POSTING_STATUS_LABELS

logger = logging.getLogger(__name__)

ROLE_LABELS = {
    "seeker": _l("Job seeker"),
    "employer": _l("Employer"),
    "bureau": _l("Bureau staff"),
    "partner": _l("Partner-region staff"),
}
CHANNEL_LABELS = {"qr": _l("QR code"), "id_number": _l("ID number"), "walk_in": _l("Walk-in")}
# Every action the code records (`record("...")` in recruit/**); tests/i18n/test_codes.py keeps it complete.
ACTION_LABELS = {
    "login": _l("Signed in"),
    "login_failed": _l("Failed sign-in"),
    "logout": _l("Signed out"),
    "password_changed": _l("Password changed"),
    "employer_registered": _l("Employer registered"),
    "employer_updated": _l("Employer details changed"),
    "employer_approved": _l("Employer approved"),
    "employer_rejected": _l("Employer not approved"),
    "employer_suspended": _l("Employer suspended"),
    "posting_created": _l("Posting created"),
    "posting_updated": _l("Posting changed"),
    "posting_submitted": _l("Posting submitted for review"),
    "posting_approved": _l("Posting approved"),
    "posting_rejected": _l("Posting sent back"),
    "posting_closed": _l("Posting closed"),
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
    "application_created": _l("Application sent"),
    "application_status": _l("Application status changed"),
    "headcount_override": _l("Signed beyond the headcount"),
    "staff_created": _l("Staff account created"),
    "staff_updated": _l("Staff account changed"),
    "demo_loaded": _l("Demonstration data loaded"),
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
# The fields of each audited kind of object, as its forms call them: the `fields` an edit changed, and a
# detail key that names such a field ("name" is a company's name for an employer, an event's for an event).
FIELD_LABELS = {
    "Employer": {
        "name": _l("Company name"),
        "uscc": _l("Unified social credit code"),
        "industry": _l("Industry"),
        "region_code": _l("Region"),
        "address": _l("Address"),
        "size": _l("Number of employees"),
        "description": _l("About the company"),
        "contact_name": _l("Contact person"),
        "contact_mobile": _l("Contact mobile number"),
    },
    "Posting": {
        "title": _l("Job title"),
        "occupation_code": _l("Trade"),
        "headcount": _l("Number of people wanted"),
        "salary_min": _l("Monthly pay from (CNY)"),
        "salary_max": _l("Monthly pay up to (CNY)"),
        "education_min": _l("Minimum education"),
        "age_min": _l("Age from"),
        "age_max": _l("Age up to"),
        "work_region_code": _l("Place of work"),
        "skills": _l("Skills"),
        "description": _l("Description"),
        **BENEFIT_LABELS,
    },
    "Event": {
        "name": _l("Event name"),
        "kind": _l("Kind"),
        "starts_at": _l("Starts"),
        "ends_at": _l("Ends"),
        "venue": _l("Venue"),
        "host_region_code": _l("Host region"),
        "origin_region_codes": _l("Origin regions"),
        "status": _l("Status"),
        "report_cron": _l("Report schedule"),
        "description": _l("Description"),
    },
    "User": {
        "username": _l("Username"),
        "display_name": _l("Name shown"),
        "role": _l("Role"),
        "regions": _l("Regions served"),
        "active": _l("Active"),
        "password": _l("Password"),
    },
    "Seeker": {"id_number": _l("ID number")},
}
# The other keys of the details the code records (a key naming a field of the target reads as that field).
DETAIL_LABELS = {
    "reason": _l("Reason"),
    "fields": _l("Changed"),
    "booth": _l("Booth"),
    "employer_id": _l("Employer no."),
    "posting_id": _l("Posting no."),
    "seeker_id": _l("Seeker no."),
    "application_id": _l("Application no."),
    "signed_application_id": _l("Signed application no."),
    "field": _l("Field"),
    "identifier": _l("Account entered"),
    "from_status": _l("Old status"),
    "to_status": _l("New status"),
    "note": _l("Note"),
    "previous": _l("Old status"),
    "resubmitted": _l("Back to review"),
    "back_to_review": _l("Back to review"),
    "by": _l("Registered by"),
    "scale": _l("Scale"),
    "seed": _l("Random seed"),
    "forced": _l("Existing data replaced"),
    "rows": _l("Rows"),
}
YES_NO = {True: _l("Yes"), False: _l("No")}
# Detail values that are codes, by key: each shown through its label.
VALUE_LABELS = {
    "from_status": STATUS_LABELS,
    "to_status": STATUS_LABELS,
    "note": CHANGE_NOTES,
    "previous": POSTING_STATUS_LABELS,
    "role": ROLE_LABELS,
    "by": {"self": ROLE_LABELS["seeker"], "partner": ROLE_LABELS["partner"]},
}


def detail_label(key, target_type):
    """A detail key's label: the target's field of that name, else the detail's own label."""
    return FIELD_LABELS.get(target_type, {}).get(key) or DETAIL_LABELS.get(key, key)


def detail_value(key, value, target_type):
    """A detail value as the reader reads it: codes through their labels, field names as the form's."""
    if isinstance(value, bool):
        return YES_NO[value]
    if key in ("fields", "field"):
        fields = FIELD_LABELS.get(target_type, {})
        names = value if isinstance(value, list) else [value]
        return ", ".join(str(fields.get(name, name)) for name in names)
    if key == "regions":
        return ", ".join(regions.full_name(code) for code in value or [])
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    return VALUE_LABELS.get(key, {}).get(value, value)


def audit_detail(entry):
    """(label, text) of each detail of an audit event worth showing; empty values are left out."""
    return [(detail_label(key, entry.target_type), detail_value(key, value, entry.target_type))
            for key, value in (entry.detail or {}).items() if value not in (None, "", [])]
