"""Web glue every page shares: language, template filters, the guards at the door and the error pages."""
import logging
import traceback

from flask import abort
from flask import current_app
from flask import has_request_context
from flask import jsonify
from flask import render_template
from flask import request
from flask import session
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException
from werkzeug.routing import IntegerConverter

from recruit.core import database
from recruit.core import display
from recruit.core import errors
from recruit.core import security
from recruit.core.models import MAX_ID
from recruit.domain.errors import RuleError
from recruit.extensions import babel
from recruit.extensions import db

logger = logging.getLogger(__name__)



class IdConverter(IntegerConverter):
    """`<int:…>` in a route: a row id from 1 to the largest the database holds; any other number is a 404."""

    def __init__(self, url_map, fixed_digits=0, min=1, max=MAX_ID, signed=False):
        super().__init__(url_map, fixed_digits=fixed_digits, min=min, max=max, signed=signed)


def select_locale():
    """The language the user chose (kept in the session), Simplified Chinese otherwise (and outside a request:
    a command, a scheduled job)."""
    if not has_request_context():
        return current_app.config["BABEL_DEFAULT_LOCALE"]
    chosen = session.get("lang") or request.cookies.get("lang")
    return chosen if chosen in current_app.config["LANGUAGES"] else current_app.config["BABEL_DEFAULT_LOCALE"]


def select_timezone():
    return current_app.config["TIMEZONE"]


def _strings(value):
    """Every string inside a JSON value."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def refuse_nul_bytes():
    """No legitimate form, query or JSON body carries a NUL character, and PostgreSQL refuses it in text."""
    values = [*request.args.listvalues(), *(request.form.listvalues() if request.form else [])]
    texts = [text for group in values for text in group]
    if request.is_json:
        texts += list(_strings(request.get_json(silent=True)))
    if any("\x00" in text for text in texts):
        abort(400)


# What an API client's user reads for an HTTP error, in their language (werkzeug's descriptions are English).
HTTP_MESSAGES = {
    400: _l("The request could not be understood."),
    401: _l("Please sign in first."),
    403: _l("You are not allowed to do this."),
    404: _l("This does not exist."),
    405: _l("This method is not allowed here."),
    413: _l("The request is too large."),
    415: _l("Send the body as JSON."),
    422: errors.SEVERAL,
    429: _l("Too many attempts. Please wait a minute and try again."),
}


def _field_messages(error):
    """A body that failed its schema (webargs puts {location: {field: [messages]}} on the error)."""
    messages = (getattr(error, "data", None) or {}).get("messages") or {}
    fields = {}
    for found in messages.values():
        for name, texts in found.items():
            texts = texts if isinstance(texts, list) else [texts]
            fields[name] = [str(text) for text in texts]
    return fields


def handle_http_error(error):
    if errors.wants_json():
        fields = _field_messages(error)
        code = "invalid" if fields else error.name.lower().replace(" ", "_")
        message = HTTP_MESSAGES.get(error.code, error.description)
        return jsonify(errors.json_body(code, message, fields)), error.code
    return render_template("errors/error.html", status=error.code), error.code


def handle_csrf_error(error):
    """A form sent without its token (expired page, or a forged request from another site)."""
    message = _l("The form has expired or was not sent from this site. Please reload the page and try again.")
    if errors.wants_json():
        return jsonify(errors.json_body("csrf", message)), 400
    return render_template("errors/error.html", status=400, message=message), 400


def handle_unexpected(error):
    """A server error: logged with where it happened but none of the values (see core.database)."""
    logger.error("unhandled error on %s %s: %s\n%s", request.method, request.path, database.error_summary(error),
                 "".join(traceback.format_tb(error.__traceback__)))
    db.session.rollback()
    if errors.wants_json():
        return jsonify(errors.json_body("internal", "Internal error")), 500
    return render_template("errors/error.html", status=500), 500


def init_app(app):
    babel.init_app(app, locale_selector=select_locale, timezone_selector=select_timezone)
    app.url_map.converters["int"] = IdConverter
    display.init_app(app)
    security.init_app(app)
    app.jinja_env.add_extension("jinja2.ext.do")
    app.before_request(refuse_nul_bytes)
    app.register_error_handler(RuleError, errors.rule_response)
    app.register_error_handler(CSRFError, handle_csrf_error)
    app.register_error_handler(HTTPException, handle_http_error)
    if not app.testing:
        app.register_error_handler(Exception, handle_unexpected)
