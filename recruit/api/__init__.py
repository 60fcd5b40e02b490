"""The JSON API under /api/v1 (DESIGN §4), built with flask-smorest.

flask-smorest because it keeps the app a plain Flask app with plain blueprints (the web pages stay as they
are), and one marshmallow schema per body serves three ends: it validates the request, it serialises the
answer, and it writes the OpenAPI document at /api/v1/openapi.json.
"""
import functools
import logging

from flask import abort
from flask_login import current_user
from flask_smorest import Api
from flask_smorest import Blueprint

from recruit.api import schemas

logger = logging.getLogger(__name__)

PREFIX = "/api/v1"
SETTINGS = {
    "API_TITLE": "Recruit",
    "API_VERSION": "v1",
    "OPENAPI_VERSION": "3.0.3",
    "OPENAPI_URL_PREFIX": PREFIX,
    "OPENAPI_JSON_PATH": "openapi.json",
    "API_SPEC_OPTIONS": {
        "info": {"description": "Events, check-ins and live figures of the Recruit job-fair platform. Errors are "
                                "{\"error\": {\"code\", \"message\", \"fields\"}}."},
        "components": {"securitySchemes": {
            "session": {"type": "apiKey", "in": "cookie", "name": "session",
                        "description": "A signed-in session; changes also send the page's CSRF token as "
                                       "X-CSRFToken."},
            "screen": {"type": "http", "scheme": "bearer",
                       "description": "A screen link's token: reads one event's figures."},
        }},
    },
}


class RecruitApi(Api):
    """The app's own error handlers answer every error (JSON under /api, recruit/core/web.py); the document
    describes that shape."""

    ERROR_SCHEMA = schemas.ErrorSchema

    def _register_error_handlers(self):
        pass


api = RecruitApi()


def blueprint(name, description):
    return Blueprint(name, __name__, url_prefix=PREFIX, description=description)


def staff_required(view):
    """Bureau staff signed in: 401 for nobody, 403 for another role, as JSON."""

    @functools.wraps(view)
    def wrapped(*args, **kwargs):
        if not current_user.is_authenticated:
            abort(401)
        if current_user.role != "bureau":
            abort(403)
        return view(*args, **kwargs)

    return wrapped


def init_app(app):
    from recruit.api import checkins
    from recruit.api import stats

    for key, value in SETTINGS.items():
        app.config.setdefault(key, value)
    api.init_app(app)
    for module in (checkins, stats):
        api.register_blueprint(module.bp)
