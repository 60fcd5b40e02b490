"""Public pages."""
import logging
from urllib.parse import urlparse

from flask import Blueprint
from flask import abort
from flask import current_app
from flask import redirect
from flask import render_template
from flask import request
from flask import session
from flask import url_for

from recruit.events import services as event_services

logger = logging.getLogger(__name__)

bp = Blueprint("main", __name__)


@bp.route("/")
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
    response.set_cookie("lang", code, max_age=365 * 24 * 3600, samesite="Lax", httponly=True)
    return response


@bp.route("/register")
def register():
    """Choose what to register: a job seeker or a company."""
    return render_template("main/register.html")
