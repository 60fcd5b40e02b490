"""What users read for a posting's status and benefits (never the raw codes)."""
import logging

from flask_babel import lazy_gettext as _l

logger = logging.getLogger(__name__)

POSTING_STATUS_LABELS = {
    "draft": _l("Draft"),
    "pending": _l("Waiting for review"),
    "open": _l("Open"),
    "filled": _l("Filled"),
    "closed": _l("Closed"),
}
BENEFIT_LABELS = {
    "housing": _l("Housing"),
    "meals": _l("Meals"),
    "social_insurance": _l("Social insurance"),
    "travel_subsidy": _l("Travel subsidy"),
    "dormitory": _l("Dormitory"),
}
