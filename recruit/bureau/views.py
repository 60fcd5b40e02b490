"""The bureau's blueprint, what every bureau page shares, and the home page with what waits."""
import logging

import sqlalchemy as sa
from flask import Blueprint
from flask import render_template
from flask import url_for
from flask_login import current_user

from recruit.applications.labels import SEX_LABELS
from recruit.bureau import labels
from recruit.bureau import queries
from recruit.core.access import role_required
from recruit.employers.models import Employer
from recruit.events.forms import EVENT_STATUS_LABELS
from recruit.events.forms import KIND_LABELS
from recruit.events.models import Event
from recruit.events.services import figures_for
from recruit.extensions import db

logger = logging.getLogger(__name__)

bp = Blueprint("bureau", __name__, url_prefix="/bureau")

HOME_ROWS = 10
# Audit targets that have a bureau page: type -> (endpoint, argument).
TARGET_PAGES = {
    "Employer": ("bureau.employer", "employer_id"),
    "Posting": ("bureau.posting", "posting_id"),
    "Seeker": ("bureau.seeker", "seeker_id"),
    "Event": ("bureau.event", "event_id"),
}


@bp.before_request
@role_required("bureau")
def bureau_only():
    """Every bureau page at once: anonymous users go to sign-in, other roles get 403."""


def me():
    """The signed-in bureau user, as the model services take."""
    return current_user._get_current_object()



def valid(field):
    """A filter's value, or nothing when it failed validation (the page shows the error and ignores it)."""
    return None if field.errors else field.data


def target_url(target_type, target_id):
    page = TARGET_PAGES.get(target_type)
    return url_for(page[0], **{page[1]: target_id}) if page and target_id else None


@bp.context_processor
def bureau_helpers():
    """Labels of the codes bureau pages show; the other features' codes have app-wide filters of their own."""
    return {"EVENT_STATUS_LABELS": EVENT_STATUS_LABELS, "KIND_LABELS": KIND_LABELS, "SEX_LABELS": SEX_LABELS,
            "labels": labels, "target_url": target_url}


@bp.route("")
def home():
    """What waits for the bureau: reviews, the events being prepared or running, the latest audit events."""
    employers = db.paginate(queries.employers("pending").order_by(None).order_by(Employer.created_at),
                            page=1, per_page=HOME_ROWS)
    postings = db.paginate(queries.postings("pending"), page=1, per_page=HOME_ROWS)
    events = db.session.scalars(sa.select(Event).where(Event.status.in_(("draft", "published")))
                                .order_by(Event.starts_at)).all()
    recent = db.session.scalars(queries.audit_events().limit(HOME_ROWS)).all()
    return render_template("bureau/home.html", employers=employers, postings=postings, events=events,
                           figures=figures_for(events), recent=recent)
