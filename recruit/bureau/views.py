"""The bureau's frame blueprint, what every bureau page shares, and the home page with what waits."""
import logging

from flask import Blueprint
from flask import render_template
from flask import url_for

from recruit.audit import services as audit_services
from recruit.core.access import role_required
from recruit.employers import services as employer_services
from recruit.events import services as event_services
from recruit.extensions import db
from recruit.postings import services as posting_services

logger = logging.getLogger(__name__)

bp = Blueprint("bureau", __name__, url_prefix="/bureau")

HOME_ROWS = 10
# Audit targets that have a bureau page: type -> (endpoint, argument).
TARGET_PAGES = {
    "Employer": ("bureau.employers.detail", "employer_id"),
    "Posting": ("bureau.postings.detail", "posting_id"),
    "Seeker": ("bureau.seekers.detail", "seeker_id"),
    "Event": ("bureau.events.detail", "event_id"),
}


@bp.before_request
@role_required("bureau")
def bureau_only():
    """Every bureau page at once, the features' pages under this frame too: anonymous users go to sign-in,
    other roles get 403."""


def target_url(target_type, target_id):
    page = TARGET_PAGES.get(target_type)
    return url_for(page[0], **{page[1]: target_id}) if page and target_id else None


@bp.context_processor
def bureau_helpers():
    return {"target_url": target_url}


@bp.route("")
def home():
    """What waits for the bureau: reviews, the events being prepared or running, the latest audit events."""
    employers = db.paginate(employer_services.waiting(), page=1, per_page=HOME_ROWS)
    postings = db.paginate(posting_services.for_review("pending"), page=1, per_page=HOME_ROWS)
    events = event_services.active_events()
    recent = db.session.scalars(audit_services.events().limit(HOME_ROWS)).all()
    return render_template("bureau/home.html", employers=employers, postings=postings, events=events,
                           figures=event_services.figures_for(events), recent=recent)
