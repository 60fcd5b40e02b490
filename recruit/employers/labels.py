"""What users read for an employer's status and size (never the raw codes)."""
import logging

from flask_babel import lazy_gettext as _l

logger = logging.getLogger(__name__)

EMPLOYER_STATUS_LABELS = {
    "pending": _l("Waiting for review"),
    "approved": _l("Approved"),
    "rejected": _l("Not approved"),
    "suspended": _l("Suspended"),
}
SIZE_LABELS = {
    "1-19": _l("1–19 employees"),
    "20-99": _l("20–99 employees"),
    "100-299": _l("100–299 employees"),
    "300-999": _l("300–999 employees"),
    "1000+": _l("1,000 employees or more"),
}
