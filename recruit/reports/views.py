"""Report pages: the bureau's list per event and overall, generating now, downloads; partners' own summaries."""
import io
import logging
from datetime import date

from flask import Blueprint
from flask import abort
from flask import flash
from flask import redirect
from flask import render_template
from flask import request
from flask import send_file
from flask import url_for
from flask_babel import gettext as _
from flask_login import current_user

from recruit.core.access import acting_user
from recruit.core.access import get_or_404
from recruit.core.access import role_required
from recruit.core.clock import local_today
from recruit.core.errors import flash_refusal
from recruit.core.forms import Form
from recruit.core.forms import valid
from recruit.core.pages import paginate
from recruit.core.security import DOCUMENT_POLICY
from recruit.domain.errors import RuleError
from recruit.drives import subsidy
from recruit.drives.forms import RosterForm
from recruit.events import services as event_services
from recruit.events.models import Event
from recruit.extensions import db
from recruit.reports import funnel
from recruit.reports import scope as scopes
from recruit.reports import services
from recruit.reports.forms import PeriodForm
from recruit.reports.forms import RunFilterForm
from recruit.reports.models import Report

logger = logging.getLogger(__name__)

# Registered under the bureau's frame (recruit/blueprints.py): /bureau/reports…, bureau pages only.
bp = Blueprint("reports", __name__)
# Partner staff: the summaries of public events, restricted to the seekers from their regions.
partner_bp = Blueprint("partner_reports", __name__, url_prefix="/partner")

PARTNER_OUTPUTS = {*services.OUTPUTS, ("funnel", "xlsx")}
# Rows the roster page lists at most; a longer roster is read per county, or in its workbook.
ROSTER_SHOWN = 300


def _runs_page(query_event=None, overall=False):
    form = RunFilterForm(request.args)
    form.validate()
    query = services.runs(query_event, overall=overall, kind=valid(form.kind), status=valid(form.status))
    return form, paginate(query)


@bp.route("/reports")
def index():
    """Every event with its last run, and the overall reports over a period."""
    form, page = _runs_page(overall=True)
    events = db.session.scalars(event_services.all_events()).all()
    last = {event.id: services.last_run(event) for event in events}
    return render_template("reports/index.html", events=events, last=last, filters=form, page=page,
                           period=PeriodForm(), describe=event_services.schedule_text)


@bp.route("/reports/period", methods=["POST"])
def generate_period():
    form = PeriodForm()
    if form.validate_on_submit():
        services.generate_for_dates(form.starts_on.data, form.ends_on.data, acting_user())
        db.session.commit()
        flash(_("The reports are ready to download."), "success")
        return redirect(url_for(".index"))
    for errors in form.errors.values():
        for message in errors:
            flash(message, "error")
    return redirect(url_for(".index"))


@bp.route("/events/<int:event_id>/reports")
def event(event_id):
    found = get_or_404(Event, event_id)
    form, page = _runs_page(found)
    return render_template("reports/event.html", event=found, filters=form, page=page,
                           last=services.last_run(found), schedule=event_services.schedule_text(found.report_cron),
                           generate=Form(), funnel=funnel.rows(scopes.for_event(found)))


@bp.route("/events/<int:event_id>/funnel.xlsx")
def funnel_download(event_id):
    """The event's outcome funnel as of now, as a workbook; audited."""
    found = get_or_404(Event, event_id)
    rendered, name = services.funnel_document(found, acting_user())
    db.session.commit()
    return send_file(io.BytesIO(rendered.data), mimetype=rendered.mimetype, as_attachment=True,
                     download_name=name, max_age=0)


@bp.route("/events/<int:event_id>/reports", methods=["POST"])
def generate(event_id):
    found = get_or_404(Event, event_id)
    if Form().validate_on_submit():
        services.generate_now(found, acting_user())
        db.session.commit()
        flash(_("The reports are ready to download."), "success")
    return redirect(url_for(".event", event_id=found.id))


@bp.route("/reports/<int:report_id>/download")
def download(report_id):
    report = get_or_404(Report, report_id)
    try:
        found = services.download(report, acting_user())
    except RuleError as error:
        flash_refusal(error)
        db.session.rollback()
        return redirect(url_for(".event", event_id=report.event_id) if report.event_id else url_for(".index"))
    db.session.commit()
    response = send_file(io.BytesIO(found.data), mimetype=found.mimetype, as_attachment=report.format != "html",
                         download_name=found.name, max_age=0)
    return _as_document(response, report.format)


@bp.route("/reports/subsidy-roster")
def roster():
    return roster_page(None)


@bp.route("/reports/subsidy-roster.xlsx")
def roster_download():
    return roster_file(None)


def roster_form(region_codes):
    """The roster's filters from the address: this year to today at the configured threshold unless given."""
    today = local_today()
    form = RosterForm(request.args, counties=subsidy.counties(region_codes), starts_on=date(today.year, 1, 1),
                      ends_on=today, months=subsidy.default_months())
    return form, form.validate()


def roster_page(region_codes):
    form, valid = roster_form(region_codes)
    entries = None
    if valid:
        entries = subsidy.roster(form.starts_on.data, form.ends_on.data, form.months.data,
                                 region_codes=region_codes, county=form.county.data or None)
    return render_template("reports/roster.html", form=form, entries=entries, partner=region_codes is not None,
                           shown=ROSTER_SHOWN)


def roster_file(region_codes):
    """The workbook of the page's filters; filters the page refuses give the page with its errors."""
    form, valid = roster_form(region_codes)
    if not valid:
        return roster_page(region_codes)
    rendered, name = subsidy.export(form.starts_on.data, form.ends_on.data, form.months.data, acting_user(),
                                    region_codes=region_codes, county=form.county.data or None)
    db.session.commit()
    response = send_file(io.BytesIO(rendered.data), mimetype=rendered.mimetype, as_attachment=True,
                         download_name=name, max_age=0)
    response.headers["Cache-Control"] = "no-store"
    return response


@partner_bp.route("/reports/subsidy-roster")
@role_required("partner")
def partner_roster():
    return roster_page(current_user.region_codes)


@partner_bp.route("/reports/subsidy-roster.xlsx")
@role_required("partner")
def partner_roster_download():
    return roster_file(current_user.region_codes)


@partner_bp.route("/reports")
@role_required("partner")
def partner_index():
    events = event_services.public_events()
    return render_template("reports/partner.html", events=events, outputs=services.OUTPUTS)


@partner_bp.route("/events/<int:event_id>/funnel")
@role_required("partner")
def partner_funnel(event_id):
    """How far the seekers from the partner's regions got at a public event."""
    found = get_or_404(Event, event_id, check=lambda user, event: event.is_public)
    rows = funnel.rows(scopes.for_event(found, region_codes=current_user.region_codes))
    return render_template("reports/partner_funnel.html", event=found, funnel=rows)


@partner_bp.route("/events/<int:event_id>/reports/<kind>.<fmt>")
@role_required("partner")
def partner_download(event_id, kind, fmt):
    found = get_or_404(Event, event_id, check=lambda user, event: event.is_public)
    if (kind, fmt) not in PARTNER_OUTPUTS:
        abort(404)
    rendered, name = services.partner_document(found, current_user._get_current_object(), kind, fmt)
    db.session.commit()
    response = send_file(io.BytesIO(rendered.data), mimetype=rendered.mimetype, as_attachment=fmt != "html",
                         download_name=name, max_age=0)
    return _as_document(response, fmt)


def _as_document(response, fmt):
    """A printable page is shown in the browser with its own styles and no script (security.DOCUMENT_POLICY)."""
    if fmt == "html":
        response.headers["Content-Security-Policy"] = DOCUMENT_POLICY
    return response
