"""How an audit entry's details read on the audit page: each key by its field's label, codes by their names."""
import inspect
import logging

from flask_babel import lazy_gettext as _l
from markupsafe import Markup
from wtforms.fields.core import UnboundField

from recruit.accounts.models import ROLES
from recruit.applications.models import CHANGE_NOTES
from recruit.applications.models import STATUSES
from recruit.domain import regions
from recruit.drives.forms import BatchForm
from recruit.drives.models import CHECK_KINDS
from recruit.drives.models import OUTCOMES
from recruit.employers.forms import CompanyForm
from recruit.events.forms import EventForm
from recruit.postings.forms import PostingForm
from recruit.postings.models import POSTING_STATUSES
from recruit.reports.models import FORMATS
from recruit.reports.models import KINDS

logger = logging.getLogger(__name__)


def form_labels(form_class):
    """The labels of a form's fields by name, as the form shows them."""
    fields = inspect.getmembers(form_class, lambda value: isinstance(value, UnboundField))
    return {name: field.args[0] for name, field in fields}


# The fields of each audited kind of object, as its forms call them: the `fields` an edit changed, and a
# detail key that names such a field ("name" is a company's name for an employer, an event's for an event).
FIELD_LABELS = {
    "Employer": form_labels(CompanyForm),
    "Posting": form_labels(PostingForm),
    # Older edits name the schedule by its stored column.
    "Event": {**form_labels(EventForm), "report_cron": _l("Report schedule")},
    "User": {
        "username": _l("Username"),
        "display_name": _l("Name shown"),
        "role": _l("Role"),
        "regions": _l("Regions served"),
        "active": _l("Active"),
        "password": _l("Password"),
    },
    "Seeker": {"id_number": _l("ID number")},
    "TravelBatch": form_labels(BatchForm),
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
    "postings": _l("Postings taken off the event"),
    "field": _l("Field"),
    "identifier": _l("Account entered"),
    "key": _l("Identifier tag"),
    "number": _l("Number looked up"),
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
    "file": _l("File"),
    "created": _l("Added"),
    "updated": _l("Updated"),
    "unchanged": _l("Unchanged"),
    "invalid": _l("Refused"),
    "event_id": _l("Event no."),
    "regions": _l("Regions served"),
    "files": _l("Files"),
    "kind": _l("Report"),
    "format": _l("Format"),
    "members": _l("Workers in the batch"),
    "batch_id": _l("Travel batch no."),
    "onboarded_on": _l("First working day"),
    "check": _l("Retention check"),
    "outcome": _l("Answer"),
    "left_on": _l("Left on"),
    "hometown": _l("Hometown region"),
    "posting_status": _l("Posting status"),
    "application_status": _l("Application status"),
    "search": _l("Search words"),
    "period": _l("Period"),
    "months": _l("Months at one employer"),
}
YES_NO = {True: _l("Yes"), False: _l("No")}
# Detail values that are codes, by key: each shown through its code table.
VALUE_CODES = {
    "from_status": STATUSES,
    "to_status": STATUSES,
    "note": CHANGE_NOTES,
    "previous": POSTING_STATUSES,
    "role": ROLES,
    "kind": KINDS,
    "format": FORMATS,
    "check": CHECK_KINDS,
    "outcome": OUTCOMES,
    "posting_status": POSTING_STATUSES,
    "application_status": STATUSES,
}
REGISTERED_BY = {"self": "seeker", "partner": "partner"}


def detail_label(key, target_type):
    """A detail key's label: the target's field of that name, else the detail's own label."""
    return FIELD_LABELS.get(target_type, {}).get(key) or DETAIL_LABELS.get(key, key)


def detail_value(key, value, target_type):
    """A detail value as the reader reads it: codes through their labels, field names as the form's."""
    if isinstance(value, bool):
        return YES_NO[value]
    if key in ("fields", "field"):
        # An entry without a target (a lookup that found nobody) names its field by any form's label.
        fields = {name: label for labels in FIELD_LABELS.values() for name, label in labels.items()}
        fields.update(FIELD_LABELS.get(target_type, {}))
        names = value if isinstance(value, list) else [value]
        return ", ".join(str(fields.get(name, name)) for name in names)
    if key == "regions":
        return ", ".join(regions.full_name(code) for code in value or [])
    if key == "hometown":
        return regions.full_name(value)
    if key == "by":
        return ROLES.label(REGISTERED_BY.get(value, value))
    if key in ("file", "files"):  # a file's name is no word of the page's language
        names = value if isinstance(value, list) else [value]
        return Markup(", ").join(Markup('<span lang="zxx">{}</span>').format(name) for name in names)
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    return VALUE_CODES[key].label(value) if key in VALUE_CODES else value


def audit_detail(entry):
    """(label, text) of each detail of an audit event worth showing; empty values are left out."""
    return [(detail_label(key, entry.target_type), detail_value(key, value, entry.target_type))
            for key, value in (entry.detail or {}).items() if value not in (None, "", [])]
