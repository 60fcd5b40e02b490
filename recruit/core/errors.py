"""How a rule's refusal reaches people: a JSON error for clients, a page or a notice for a browser."""
import logging

from flask import flash
from flask import jsonify
from flask import render_template
from flask import request
from flask_babel import lazy_gettext as _l

logger = logging.getLogger(__name__)

SEVERAL = _l("Please correct the fields marked below.")


def wants_json():
    """An API call, or a client that sent or asks for JSON: it gets its errors as JSON too."""
    return (request.path.startswith("/api/") or request.is_json
            or request.accept_mimetypes.best == "application/json")


def json_body(code, message, fields=None):
    """The error shape of DESIGN §4: {"error": {"code", "message", "fields"}}."""
    return {"error": {"code": code, "message": str(message), "fields": fields or {}}}


def rule_body(error):
    """A refusal as JSON: one problem is its own code; several are "invalid" with each field's messages."""
    fields = {}
    for problem in error.problems:
        if problem.field:
            fields.setdefault(problem.field, []).append(problem.message)
    if len(error.problems) == 1:
        return json_body(error.code, error.message, fields)
    return json_body("invalid", SEVERAL, fields)


def rule_response(error):
    """A refusal no view caught: JSON for clients, the error page for a browser; nothing was written."""
    if wants_json():
        return jsonify(rule_body(error)), error.status
    return render_template("errors/error.html", error=None, message=error.message), error.status


def flash_refusal(error):
    """Every problem of a refusal as a notice on the next page (for actions that have no form of their own)."""
    for problem in error.problems:
        flash(problem.message, "error")
