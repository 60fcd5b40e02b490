"""Imports started from the web page: kept as jobs, run in a thread of their own, watched from the job page.

The request saves the file and the job, commits, and starts the thread; the thread runs the import in its own
app context and session, committing each chunk with the job's progress, so that the page can show how far it
got and closing the browser stops nothing. A crash keeps the chunks before it (each chunk is written whole or
not at all); importing the file again leaves those rows unchanged and adds the rest. A job whose process died
is marked failed the next time someone opens the imports pages (`recover`).
"""
import dataclasses
import logging
import os
import socket
import threading
import uuid
from datetime import timedelta
from pathlib import Path

import sqlalchemy as sa
from flask import current_app
from flask_babel import force_locale
from flask_babel import lazy_gettext as _l

from recruit.audit.services import record
from recruit.core.clock import utcnow
from recruit.domain import errors
from recruit.domain.errors import RuleError
from recruit.extensions import db
from recruit.imports import columns
from recruit.imports import engine
from recruit.imports import reading
from recruit.imports.models import UNFINISHED
from recruit.imports.models import ImportJob

logger = logging.getLogger(__name__)

# What each frame may import: partner staff register their region's seekers, nothing else.
FRAME_KINDS = {"bureau": tuple(engine.KINDS), "partner": ("seekers",)}
# A job whose runner has not written for this long, on another host, is taken for dead.
STALE_AFTER = timedelta(minutes=10)

errors.register({
    "import_kind_not_allowed": _l("You cannot import this kind of records."),
    "import_mapping_twice": _l("Each field can be chosen for one column only: %(fields)s."),
    "import_failed": _l("The import stopped after %(rows)d rows because of an error on the server. Import the "
                        "file again: the rows already imported stay unchanged."),
    "import_abandoned": _l("The import stopped after %(rows)d rows when the server restarted. Import the file "
                           "again: the rows already imported stay unchanged."),
    "import_file_gone": _l("The file of this import is no longer kept: send it again."),
    "import_not_checked": _l("Only a finished dry run can be imported for real."),
})


def runner():
    """This process, as a job names the one that runs it (read at each call: gunicorn forks its workers)."""
    return f"{socket.gethostname()}:{os.getpid()}"


def folder():
    """Where uploaded files and error workbooks are kept: the instance folder, outside the code and static."""
    path = Path(current_app.instance_path) / "imports"
    path.mkdir(parents=True, exist_ok=True)
    return path


def file_of(job):
    return folder() / job.stored_name


def errors_file_of(job):
    return folder() / job.errors_name if job.errors_name else None


def create(user, frame, kind, upload, *, event=None, dry_run=False, locale=""):
    """A queued job for an uploaded file (a werkzeug FileStorage), the file saved under a name of our own."""
    if kind not in FRAME_KINDS[frame]:
        raise RuleError("import_kind_not_allowed", "kind")
    suffix = Path(upload.filename or "").suffix.lower()
    stored = f"{uuid.uuid4().hex}{suffix}"
    upload.save(folder() / stored)
    job = ImportJob(user=user, frame=frame, kind=kind, event=event if frame == "bureau" else None,
                    dry_run=dry_run, filename=Path(upload.filename or stored).name[:255], stored_name=stored,
                    mapping={}, locale=locale, runner=runner(), heartbeat_at=utcnow())
    db.session.add(job)
    db.session.flush()
    return job


def again(job, user, *, mapping=None, dry_run=None, locale=""):
    """A new job on the same kept file: with a column mapping, or for real after a dry run."""
    if not file_of(job).exists():
        raise RuleError("import_file_gone")
    copy = ImportJob(user=user, frame=job.frame, kind=job.kind, event=job.event,
                     dry_run=job.dry_run if dry_run is None else dry_run, filename=job.filename,
                     stored_name=job.stored_name, mapping=job.mapping if mapping is None else mapping,
                     locale=locale, runner=runner(), heartbeat_at=utcnow())
    db.session.add(copy)
    db.session.flush()
    return copy


def for_real(job, user, locale=""):
    """The file of a finished dry run, imported now."""
    if not (job.dry_run and job.status == "done"):
        raise RuleError("import_not_checked")
    return again(job, user, dry_run=False, locale=locale)


def can_see(user, job):
    """Bureau staff see the bureau's jobs; partner staff only their own."""
    if job.frame != user.role:
        return False
    return job.frame == "bureau" or job.user_id == user.id


def recent(user, limit=20):
    """The jobs the user sees, newest first."""
    query = sa.select(ImportJob).where(ImportJob.frame == user.role)
    if user.role != "bureau":
        query = query.where(ImportJob.user_id == user.id)
    return db.session.scalars(query.order_by(ImportJob.id.desc()).limit(limit)).all()


def mapping_step(job):
    """For a file refused for missing columns: its headers no field is known by, as (index, header), and the
    fields left to choose from, the required ones first."""
    if not file_of(job).exists():
        raise RuleError("import_file_gone")
    found, rows = reading.rows_of(file_of(job))
    rows.close()
    kind_columns = engine.KINDS[job.kind].columns
    optional = [dataclasses.replace(column, required=False) for column in kind_columns]
    known = columns.match(optional, found, job.mapping)
    unknown = [(index, header) for index, header in enumerate(found) if index not in known and header]
    taken = {column.field for column in known.values()}
    left = sorted((column for column in kind_columns if column.field not in taken),
                  key=lambda column: not column.required)
    return unknown, left


def mapping_of(job, chosen):
    """The job's mapping with the headers chosen on the mapping step ({header: field}, empty: left out)."""
    picked = {header: field for header, field in chosen.items() if field}
    twice = sorted({field for field in picked.values() if list(picked.values()).count(field) > 1})
    if twice:
        raise RuleError("import_mapping_twice", fields="、".join(twice))
    return {**job.mapping, **picked}


def download_errors(job, user):
    """The error workbook's path; its rows are people's data, so the download is audited."""
    path = errors_file_of(job)
    if path is None or not path.exists():
        raise RuleError("import_file_gone")
    record("import_errors_downloaded", target=job, user=user, file=job.filename, rows=job.invalid)
    return path


def start(job_id):
    """Run the committed job in a thread of this process."""
    thread = threading.Thread(target=run, args=(current_app._get_current_object(), job_id),
                              name=f"import-job-{job_id}", daemon=True)
    thread.start()
    return thread


def run(app, job_id):
    """The job from start to end in an app context of its own; any failure is written on the job."""
    with app.app_context():
        try:
            _run(db.session.get(ImportJob, job_id))
        except Exception:
            logger.exception("import job %s failed", job_id)
            db.session.rollback()
            job = db.session.get(ImportJob, job_id)
            _fail(job, RuleError("import_failed", rows=job.rows_done))
        finally:
            db.session.remove()


def _run(job):
    job.status, job.started_at, job.runner, job.heartbeat_at = "running", utcnow(), runner(), utcnow()
    db.session.commit()
    path = file_of(job)
    try:
        job.rows_total = _count_rows(path)
        result = engine.run(job.kind, path, errors_path=folder() / f"{job.id}-{uuid.uuid4().hex}-errors.xlsx",
                            mapping=job.mapping, dry_run=job.dry_run, by_user=job.user, event=job.event,
                            allowed_regions=job.user.region_codes if job.frame == "partner" else None,
                            progress=lambda rows: _progress(job, rows))
    except RuleError as error:
        db.session.rollback()
        _fail(job, error)
        return
    job.created, job.updated, job.unchanged, job.invalid = (result.created, result.updated, result.unchanged,
                                                            result.invalid)
    job.errors_name = result.errors_path.name if result.errors_path else None
    job.status, job.finished_at = "done", utcnow()
    db.session.commit()


def _count_rows(path):
    """The file's rows after the header, read once before the import, for the page's progress bar."""
    _headers, rows = reading.rows_of(path)
    return sum(1 for _row in rows)


def _progress(job, rows):
    """After each chunk: the chunk's rows and the job's progress are committed together."""
    job.rows_done, job.heartbeat_at = rows, utcnow()
    db.session.commit()


def _fail(job, error):
    with force_locale(job.locale or current_app.config["BABEL_DEFAULT_LOCALE"]):
        job.error = error.message
    job.error_code, job.status, job.finished_at = error.code, "failed", utcnow()
    db.session.commit()


def recover():
    """Mark failed the unfinished jobs whose process is gone: one that died on this host, or any that has not
    written for STALE_AFTER. Each is taken with a compare-and-set, so two pages at once mark it once; the
    caller commits."""
    unfinished = db.session.scalars(sa.select(ImportJob).where(ImportJob.status.in_(UNFINISHED))).all()
    for job in unfinished:
        if _abandoned(job):
            with force_locale(job.locale or current_app.config["BABEL_DEFAULT_LOCALE"]):
                message = RuleError("import_abandoned", rows=job.rows_done).message
            db.session.execute(sa.update(ImportJob).where(ImportJob.id == job.id,
                                                          ImportJob.status.in_(UNFINISHED))
                               .values(status="failed", error_code="import_abandoned", error=message,
                                       finished_at=utcnow()))
            logger.warning("import job %s of %s was abandoned by its process", job.id, job.runner)


def _abandoned(job):
    host, _, pid = job.runner.rpartition(":")
    if host == socket.gethostname() and pid.isdigit() and not _alive(int(pid)):
        return True
    return job.heartbeat_at < utcnow() - STALE_AFTER


def _alive(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process holds the pid now: ours is gone
        return False
    return True
