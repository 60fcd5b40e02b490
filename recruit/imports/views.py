"""Import pages: send a file, watch its job, map unknown columns, download the rows to fix.

One blueprint in two frames (recruit/blueprints.py): under the bureau's (/bureau/imports, every kind, with an
event) and for partner staff (/partner/imports, their region's seekers only).
"""
import io
import logging
from pathlib import Path

from flask import Blueprint
from flask import abort
from flask import redirect
from flask import render_template
from flask import request
from flask import send_file
from flask import url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user
from flask_login import login_required

from recruit.core.access import acting_user
from recruit.core.access import get_or_404
from recruit.core.errors import flash_refusal
from recruit.core.forms import Form
from recruit.domain.errors import RuleError
from recruit.events import services as event_services
from recruit.events.models import Event
from recruit.extensions import db
from recruit.imports import engine
from recruit.imports import jobs
from recruit.imports.forms import MAX_BYTES
from recruit.imports.forms import UploadForm
from recruit.imports.forms import mapping_form
from recruit.imports.models import IMPORT_KINDS
from recruit.imports.models import ImportJob

logger = logging.getLogger(__name__)

bp = Blueprint("imports", __name__, url_prefix="/imports")
PARTNER_NAME = "partner_imports"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def frame():
    """Whose pages these are: the bureau's frame (its guard already ran) or partner staff's."""
    return "bureau" if request.blueprint.startswith("bureau.") else "partner"


@bp.before_request
@login_required
def staff_only():
    if current_user.role != frame():
        abort(403)


def _locale():
    return str(get_locale())


def _upload_form():
    events = db.session.scalars(event_services.all_events()).all() if frame() == "bureau" else None
    return UploadForm(kinds=jobs.FRAME_KINDS[frame()], events=events)


def _started(job):
    """The new job committed, its thread started, and the person sent to watch it."""
    db.session.commit()
    jobs.start(job.id)
    return redirect(url_for(".job", job_id=job.id))


@bp.route("", methods=["GET", "POST"])
def index():
    """The upload form, the templates and the user's recent imports."""
    jobs.recover()
    form = _upload_form()
    if form.validate_on_submit():
        event_id = form.event.data if "event" in form else 0
        try:
            with db.session.begin_nested():
                job = jobs.create(acting_user(), frame(), form.kind.data, form.file.data,
                                  event=db.session.get(Event, event_id) if event_id else None,
                                  dry_run=form.dry_run.data, locale=_locale())
        except RuleError as error:
            form.show(error)
        else:
            return _started(job)
    db.session.commit()
    return render_template("imports/index.html", form=form, recent=jobs.recent(acting_user()),
                           kinds=jobs.FRAME_KINDS[frame()], max_megabytes=MAX_BYTES // (1024 * 1024))


@bp.route("/templates/<kind>.xlsx")
def template(kind):
    """The empty template of a kind: headers, how to fill them and an example row, no one's data."""
    if kind not in jobs.FRAME_KINDS[frame()]:
        abort(404)
    buffer = io.BytesIO()
    engine.template(kind).save(buffer)
    buffer.seek(0)
    name = _("%(kind)s import template", kind=IMPORT_KINDS.label(kind))
    return send_file(buffer, mimetype=XLSX, as_attachment=True, download_name=f"{name}.xlsx", max_age=0)


def _job(job_id):
    return get_or_404(ImportJob, job_id, jobs.can_see)


def _mapping(job):
    """The mapping step of a file refused for missing columns, or None when the file is no longer there."""
    if job.error_code != "import_columns_missing":
        return None
    try:
        unknown, fields = jobs.mapping_step(job)
    except RuleError as error:
        flash_refusal(error)
        return None
    return mapping_form(unknown, fields)


@bp.route("/<int:job_id>")
def job(job_id):
    """Status and progress (static/js/imports.js refreshes it), then the counts and the rows to fix."""
    found = _job(job_id)
    jobs.recover()
    db.session.commit()
    return render_template("imports/job.html", job=found, mapping=_mapping(found), again=Form())


@bp.route("/<int:job_id>/mapping", methods=["POST"])
def mapping(job_id):
    """The same file again, with the field chosen for each unknown column."""
    found = _job(job_id)
    form = _mapping(found)
    if form is None:
        return redirect(url_for(".job", job_id=found.id))
    if form.validate_on_submit():
        try:
            with db.session.begin_nested():
                new = jobs.again(found, acting_user(), mapping=jobs.mapping_of(found, form.chosen()),
                                 locale=_locale())
        except RuleError as error:
            form.show(error)
        else:
            return _started(new)
    return render_template("imports/job.html", job=found, mapping=form, again=Form())


@bp.route("/<int:job_id>/run", methods=["POST"])
def run(job_id):
    """A checked file, imported for real."""
    found = _job(job_id)
    if not Form().validate_on_submit():
        return redirect(url_for(".job", job_id=found.id))
    try:
        with db.session.begin_nested():
            new = jobs.for_real(found, acting_user(), locale=_locale())
    except RuleError as error:
        flash_refusal(error)
        return redirect(url_for(".job", job_id=found.id))
    return _started(new)


@bp.route("/<int:job_id>/errors.xlsx")
def errors(job_id):
    """The refused rows with an error column, to fix and import again; audited, since they are people's data."""
    found = _job(job_id)
    try:
        path = jobs.download_errors(found, acting_user())
    except RuleError as error:
        flash_refusal(error)
        return redirect(url_for(".job", job_id=found.id))
    db.session.commit()
    name = _("%(file)s rows to fix", file=Path(found.filename).stem)
    # Read whole, as reports are: the response holds no open file whoever forgets to close it.
    return send_file(io.BytesIO(path.read_bytes()), mimetype=XLSX, as_attachment=True, download_name=f"{name}.xlsx",
                     max_age=0)
