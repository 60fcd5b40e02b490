"""Web glue shared by every page: the user loader, language switch, template helpers and error pages."""
import logging
from datetime import UTC

from flask import abort
from flask import jsonify
from flask import render_template
from flask import request
from flask_babel import format_datetime
from flask_babel import format_number
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from recruit.core import filters
from recruit.extensions import db
from recruit.extensions import login

logger = logging.getLogger(__name__)

login.login_view = "accounts.login"
login.login_message = _l("Please sign in to see this page.")
login.login_message_category = "warning"
login.session_protection = "strong"


@login.user_loader
def load_user(user_id):
    """Only a session that carries the user's current session version is still valid."""
    from recruit.accounts.models import User

    key, _, version = user_id.partition(":")
    if not key.isdigit() or not version.isdigit():
        return None
    user = db.session.get(User, int(key))
    if user is None or user.session_version != int(version):
        return None
    return user


def local_datetime(value, fmt="yyyy-MM-dd HH:mm"):
    """Stored naive UTC shown in the configured time zone (Asia/Shanghai)."""
    if value is None:
        return ""
    return format_datetime(value.replace(tzinfo=UTC), fmt)


def wants_json():
    return request.path.startswith("/api/") or request.accept_mimetypes.best == "application/json"


def handle_http_error(error):
    if wants_json():
        body = {"error": {"code": error.name.lower().replace(" ", "_"), "message": error.description,
                          "fields": {}}}
        return jsonify(body), error.code
    return render_template("errors/error.html", error=error), error.code


def handle_csrf_error(error):
    """A form sent without its token (expired page, or a forged request from another site)."""
    message = _l("The form has expired or was not sent from this site. Please reload the page and try again.")
    if wants_json():
        return jsonify({"error": {"code": "csrf", "message": str(message), "fields": {}}}), 400
    return render_template("errors/error.html", error=error, message=message), 400


def handle_unexpected(error):
    logger.exception("unhandled error on %s", request.path)
    db.session.rollback()
    if wants_json():
        return jsonify({"error": {"code": "internal", "message": "Internal error", "fields": {}}}), 500
    return render_template("errors/error.html", error=None), 500


def refuse_nul_bytes():
    """No legitimate form or query carries a NUL byte, and PostgreSQL refuses it in text: answer 400 early."""
    values = list(request.args.values()) + (list(request.form.values()) if request.form else [])
    if any("\x00" in value for value in values):
        abort(400)


def init_app(app):
    app.jinja_env.filters["localtime"] = local_datetime
    app.jinja_env.filters["number"] = format_number
    filters.init_app(app)
    app.jinja_env.add_extension("jinja2.ext.do")
    app.context_processor(lambda: {"current_locale": str(get_locale())})
    app.before_request(refuse_nul_bytes)
    app.register_error_handler(CSRFError, handle_csrf_error)
    app.register_error_handler(HTTPException, handle_http_error)
    if not app.testing:
        app.register_error_handler(Exception, handle_unexpected)
