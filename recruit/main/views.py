"""Public pages."""
import logging
from urllib.parse import urlparse

import sqlalchemy as sa
from flask import Blueprint
from flask import abort
from flask import current_app
from flask import jsonify
from flask import redirect
from flask import render_template
from flask import request
from flask import session
from flask import url_for

from recruit.core.page_cache import cached_page
from recruit.domain import regions
from recruit.events import services as event_services
from recruit.events.models import Event
from recruit.extensions import db
from recruit.seekers.services import PRIVACY_VERSION

logger = logging.getLogger(__name__)

REGION_SEARCH_LIMIT = 15

bp = Blueprint("main", __name__)


@bp.route("/")
@cached_page
def home():
    events = event_services.public_events()
    return render_template("main/home.html", events=events, figures=event_services.figures_for(events))


@bp.route("/lang/<code>")
def set_language(code):
    """Remember the chosen language and go back where the user was."""
    if code not in current_app.config["LANGUAGES"]:
        abort(404)
    session["lang"] = code
    target = request.referrer or ""
    parsed = urlparse(target)
    # Only go back to a page of this site: never let the referrer redirect elsewhere.
    if parsed.netloc and parsed.netloc != request.host:
        target = ""
    response = redirect(target or url_for("main.home"))
    response.set_cookie("lang", code, max_age=365 * 24 * 3600, samesite="Lax", httponly=True,
                        secure=current_app.config["HTTPS"])
    return response


@bp.route("/register")
def register():
    """Choose what to register: a job seeker or a company."""
    return render_template("main/register.html")


@bp.route("/privacy")
def privacy():
    """The privacy notice seekers consent to; its version is recorded with each consent."""
    return render_template("main/privacy.html", version=PRIVACY_VERSION)


def _preferred_regions():
    """Where people most likely live or work: the province of the bureau's events and the hometowns its drives
    recruit from. The events are a few dozen rows: read them each time rather than cache across requests."""
    preferred = set()
    for host, origins in db.session.execute(sa.select(Event.host_region_code, Event.origin_region_codes)):
        province = regions.province_of(host or "")
        if province is not None:
            preferred.add(province.code)
        preferred.update(code for code in origins or () if isinstance(code, str) and regions.exists(code))
    return preferred


@bp.route("/regions/search")
def region_search():
    """Current regions matching a Chinese name, pinyin initials or code prefix, for the region picker: the one
    named as typed first, then those of the bureau's province and its drives' hometowns."""
    query = request.args.get("q", "")[:40]
    found = regions.search(query, limit=REGION_SEARCH_LIMIT, prefer=_preferred_regions())
    response = jsonify([{"code": r.code, "name": r.name, "full_name": r.full_name} for r in found])
    response.cache_control.public = True
    response.cache_control.max_age = 3600
    return response
