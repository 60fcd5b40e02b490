"""Export downloads: the bureau's (everything, by the list filters or per event) and partner staff's (the
seekers of their regions and those seekers' applications). The address carries only filters, never personal
data; every export is audited by the service."""
import logging

from flask import Blueprint
from flask import request
from flask import send_file

from recruit.core.access import acting_user
from recruit.core.access import get_or_404
from recruit.core.access import role_required
from recruit.domain.errors import RuleError
from recruit.events.models import Event
from recruit.exports import services
from recruit.exports.forms import ApplicationExportForm
from recruit.exports.forms import PostingExportForm
from recruit.exports.forms import SeekerExportForm
from recruit.extensions import db

logger = logging.getLogger(__name__)

# Registered under the bureau's frame (recruit/blueprints.py): /bureau/exports…, bureau pages only.
bp = Blueprint("exports", __name__, url_prefix="/exports")
partner_bp = Blueprint("partner_exports", __name__, url_prefix="/partner/exports")

FORMAT = "<any(xlsx, csv):fmt>"


def filters(form_class):
    """The address's filters; a bad one refuses the export with what is wrong (400), nothing is written."""
    form = form_class(request.args)
    if not form.validate():
        messages = [str(message) for field_errors in form.errors.values() for message in field_errors]
        raise RuleError("export_filters", problems="; ".join(messages))
    return form


def event_of(form, check=None):
    """The event the filters name, or None; one that does not exist (or is not the user's to see) is a 404."""
    return get_or_404(Event, form.event_id.data, check) if form.event_id.data else None


def download(found):
    """The file under its Chinese name (send_file writes RFC 6266 filename*=UTF-8''…), never cached."""
    db.session.commit()
    response = send_file(found.file, mimetype=found.mimetype, as_attachment=True, download_name=found.name)
    response.headers["Cache-Control"] = "no-store"
    return response


def public_event(user, event):
    return event.is_public


@bp.route(f"/seekers.{FORMAT}")
def seekers(fmt):
    form = filters(SeekerExportForm)
    return download(services.export_seekers(fmt, acting_user(), form.hometown.data or "", event_of(form)))


@bp.route(f"/postings.{FORMAT}")
def postings(fmt):
    form = filters(PostingExportForm)
    return download(services.export_postings(fmt, acting_user(), form.status.data or "", form.q.data or "",
                                             event_of(form)))


@bp.route(f"/applications.{FORMAT}")
def applications(fmt):
    form = filters(ApplicationExportForm)
    return download(services.export_applications(fmt, acting_user(), event_of(form), form.hometown.data or "",
                                                 form.status.data or ""))


@partner_bp.route(f"/seekers.{FORMAT}")
@role_required("partner")
def partner_seekers(fmt):
    form = filters(SeekerExportForm)
    return download(services.export_seekers(fmt, acting_user(), form.hometown.data or "",
                                            event_of(form, public_event)))


@partner_bp.route(f"/applications.{FORMAT}")
@role_required("partner")
def partner_applications(fmt):
    form = filters(ApplicationExportForm)
    return download(services.export_applications(fmt, acting_user(),
                                                 event_of(form, public_event), form.hometown.data or "",
                                                 form.status.data or ""))
