"""Reports: generate an event's summary and statistics sheet, keep the files, list and serve them.

A file is written under a temporary name and renamed into place, and only then gets its Report row; a file
half written when a process died is never listed, and a listed file whose bytes changed is never served.
"""
import hashlib
import logging
import os
import socket
import uuid
from dataclasses import dataclass
from pathlib import Path

import sqlalchemy as sa
from flask import current_app
from flask_babel import force_locale
from flask_babel import lazy_gettext as _l

from recruit.audit.services import record
from recruit.core import clock
from recruit.domain import errors
from recruit.domain.errors import RuleError
from recruit.extensions import db
from recruit.matching import services as matching
from recruit.reports import formats
from recruit.reports import scope as scopes
from recruit.reports import summary
from recruit.reports.models import Report
from recruit.reports.models import ReportRun

logger = logging.getLogger(__name__)

# What one run writes: the summary in every format, the statistics sheet as a spreadsheet and a printable page.
OUTPUTS = (("summary", "xlsx"), ("summary", "csv"), ("summary", "html"), ("sheet", "xlsx"), ("sheet", "html"))
BUILDERS = {"summary": summary.summary, "sheet": summary.sheet, "funnel": summary.funnel_document}
KIND_NAMES = {"summary": "match-summary", "sheet": "statistics-sheet"}
MIMETYPES = {"xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "csv": "text/csv",
             "zip": "application/zip", "html": "text/html"}

errors.register({
    "report_missing": _l("This report's file is no longer in the reports folder; generate the report again."),
    "report_changed": _l("This report's file was changed after it was written and is not served; generate the "
                         "report again."),
}, status=410)
errors.register({
    "report_dates": _l("The last day cannot be before the first."),
    "report_no_events": _l("No event starts within these days."),
}, status=422)


@dataclass(frozen=True)
class Download:
    data: bytes
    name: str
    mimetype: str


def reports_dir():
    folder = Path(current_app.config["REPORTS_DIR"])
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def runner_name():
    return f"{socket.gethostname()}:{os.getpid()}"[:100]


def scope_of(run):
    """What a run covers, as of its due time: a report made up late still says what was true then. The final
    report says what was known when the event was closed (its due time, the event's end, only names it)."""
    as_of = clock.utcnow() if run.kind == "final" else min(run.due_at, clock.utcnow())
    if run.event is not None:
        return scopes.for_event(run.event, as_of=as_of)
    return scopes.for_dates(run.starts_on, run.ends_on, as_of=as_of)


def generate(run):
    """Write the run's files and flush their Report rows; raises on failure and never commits.

    Reports are documents the bureau files: they are written in its default language whoever asked.
    """
    if run.event is not None:
        _refresh_matching(run.event)
    scope = scope_of(run)
    trigger = "manual" if run.kind == "manual" else "scheduled"
    made = []
    with force_locale(current_app.config["BABEL_DEFAULT_LOCALE"]):
        documents = summary.documents(scope)
        for kind, fmt in OUTPUTS:
            rendered = formats.render(documents[kind], fmt)
            made.append(_store(rendered, run, kind, fmt, trigger, scope.as_of))
    db.session.add_all(made)
    db.session.flush()
    return made


def _refresh_matching(event):
    """The matching section reads the event's latest match run: a live event's is made anew, a closed event keeps
    the one it has (made now if it has none)."""
    if event.status == "published" or matching.latest_run(event) is None:
        matching.run_event(event)


def _file_name(run, kind, as_of, extension):
    subject = f"event-{run.event_id}" if run.event_id is not None else f"{run.starts_on:%Y%m%d}-{run.ends_on:%Y%m%d}"
    stamp = clock.to_local(as_of).strftime("%Y%m%d-%H%M")
    return f"{subject}-{KIND_NAMES[kind]}-{stamp}-{uuid.uuid4().hex[:8]}.{extension}"


def _store(rendered, run, kind, fmt, trigger, as_of):
    """Write the file atomically and describe it in a Report row."""
    name = _file_name(run, kind, as_of, rendered.extension)
    write_atomically(reports_dir() / name, rendered.data)
    return Report(event_id=run.event_id, run=run, kind=kind, trigger=trigger, format=fmt, as_of=as_of,
                  filename=name, size=len(rendered.data), sha256=hashlib.sha256(rendered.data).hexdigest(),
                  created_by_id=run.created_by_id)


def write_atomically(target, data):
    """A temporary file next to the target, flushed to disk and renamed over it: nobody sees half a report."""
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(f".{target.name}.{uuid.uuid4().hex[:8]}.partial")
    try:
        with open(temporary, "xb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, target)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def generate_now(event, by_user):
    """A manual run of an event's reports, recorded and audited; the caller commits."""
    run = ReportRun(event=event, kind="manual", due_at=clock.utcnow(), runner=runner_name(),
                    created_by_id=by_user.id)
    return _run_manual(run, event, by_user)


def check_dates(starts_on, ends_on):
    if starts_on and ends_on and ends_on < starts_on:
        raise RuleError("report_dates", field="ends_on")
    if not scopes.for_dates(starts_on, ends_on).events:
        raise RuleError("report_no_events", field="starts_on")


def generate_for_dates(starts_on, ends_on, by_user):
    """A manual run over the events starting within the days; the caller commits."""
    check_dates(starts_on, ends_on)
    run = ReportRun(kind="manual", due_at=clock.utcnow(), runner=runner_name(), created_by_id=by_user.id,
                    starts_on=starts_on, ends_on=ends_on)
    return _run_manual(run, None, by_user)


def _run_manual(run, event, by_user):
    db.session.add(run)
    db.session.flush()
    generate(run)
    run.status, run.finished_at = "done", clock.utcnow()
    record("report_generated", target=run, user=by_user, event_id=event.id if event else None,
           files=len(run.reports))
    return run


def runs(event=None, overall=False, kind=None, status=None):
    """Runs, the newest first (a select to paginate): of an event, or the overall ones."""
    query = sa.select(ReportRun).order_by(ReportRun.due_at.desc(), ReportRun.id.desc())
    if event is not None:
        query = query.where(ReportRun.event_id == event.id)
    elif overall:
        query = query.where(ReportRun.event_id.is_(None))
    if kind:
        query = query.where(ReportRun.kind == kind)
    if status:
        query = query.where(ReportRun.status == status)
    return query


def last_run(event):
    return db.session.scalar(runs(event).limit(1))


def download(report, by_user):
    """The bytes of a listed report, checked against its checksum, and the download audited.

    Read whole: a report is a few megabytes at most, and no file handle outlives the request.
    """
    path = reports_dir() / report.filename
    if not path.is_file():
        raise RuleError("report_missing")
    data = path.read_bytes()
    if len(data) != report.size or hashlib.sha256(data).hexdigest() != report.sha256:
        raise RuleError("report_changed")
    record("report_downloaded", target=report, user=by_user, format=report.format, kind=report.kind)
    return Download(data, _download_name(report), MIMETYPES[Path(report.filename).suffix[1:]])


def _download_name(report):
    """What the browser saves: the event's name (or the period), what the file is, and when."""
    if report.event is not None:
        subject = report.event.name
    elif report.run is not None and report.run.starts_on is not None:
        subject = f"{report.run.starts_on:%Y%m%d}-{report.run.ends_on:%Y%m%d}"
    else:
        subject = KIND_NAMES[report.kind]
    stamp = clock.to_local(report.as_of).strftime("%Y%m%d-%H%M")
    return f"{subject}-{_title(report.kind)}-{stamp}{Path(report.filename).suffix}"


def document_for(event, kind, fmt, region_codes=()):
    """One report of an event as of now, made on the spot and not kept: (Rendered, the name to save it as)."""
    scope = scopes.for_event(event, region_codes=region_codes)
    with force_locale(current_app.config["BABEL_DEFAULT_LOCALE"]):
        rendered = formats.render(BUILDERS[kind](scope), fmt)
    stamp = clock.to_local(scope.as_of).strftime("%Y%m%d-%H%M")
    return rendered, f"{event.name}-{_title(kind)}-{stamp}.{rendered.extension}"


def _title(kind):
    """What a file is, in the language of the reports (a saved file keeps one name whoever saved it)."""
    with force_locale(current_app.config["BABEL_DEFAULT_LOCALE"]):
        return str(summary.TITLES[kind])


def funnel_document(event, user):
    """An event's outcome funnel as a workbook for bureau staff, audited."""
    made = document_for(event, "funnel", "xlsx")
    record("funnel_exported", target=event, user=user, format="xlsx")
    return made


def partner_document(event, user, kind, fmt):
    """The summary (or sheet) of an event restricted to the seekers of a partner's regions, audited."""
    made = document_for(event, kind, fmt, region_codes=user.region_codes)
    record("report_exported", target=event, user=user, kind=kind, format=fmt, regions=list(user.region_codes))
    return made
