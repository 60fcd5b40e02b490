"""The report jobs the scheduler runs: plain functions of IDs and times, each in an app context of its own.

A due time runs once: the run row (event, kind, due time) is unique and is committed before the reports are
made, under a lock on the event so that two schedulers never generate the same event's reports together.
"""
import logging
import traceback

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError
from sqlalchemy.exc import SQLAlchemyError

from recruit.core.clock import utcnow
from recruit.core.database import error_summary
from recruit.events.models import Event
from recruit.extensions import db
from recruit.reports import locks
from recruit.reports import schedule
from recruit.reports import services
from recruit.reports.models import ReportRun

logger = logging.getLogger(__name__)

MAX_ERROR = 500


def run_report(app, event_id, kind, due_at):
    """Make the event's reports for one due time (naive UTC), unless that time has already run.

    Returns the new run's id, or None when there was nothing to do (already run, running elsewhere, no event).
    """
    with app.app_context(), locks.held(f"report:{event_id}") as mine:
        if not mine:
            logger.info("reports of event %s are being made by another process", event_id)
            return None
        run_id = _claim(event_id, kind, due_at)
        if run_id is not None:
            _generate(run_id)
        return run_id


def _claim(event_id, kind, due_at):
    """Commit the run row first, so that every other process sees this due time as taken."""
    if db.session.get(Event, event_id) is None:
        logger.info("event %s is gone: no %s report for %s", event_id, kind, due_at)
        return None
    run = ReportRun(event_id=event_id, kind=kind, due_at=due_at, status="running", runner=locks.holder())
    db.session.add(run)
    try:
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        logger.info("the %s report of event %s for %s has already run", kind, event_id, due_at)
        return None
    return run.id


def _generate(run_id):
    run = db.session.get(ReportRun, run_id)
    try:
        services.generate(run)
        run.status = "done"
        run.finished_at = utcnow()
        db.session.commit()
    except Exception as error:  # whatever went wrong is recorded on the run, and later runs go on
        db.session.rollback()
        # As for a request (core/web.py): the error's summary and where it happened, none of the values.
        logger.error("report run %s failed: %s\n%s", run_id, error_summary(error),
                     "".join(traceback.format_tb(error.__traceback__)))
        _fail(run_id, error)


def _fail(run_id, error):
    """Record the failure in a transaction of its own; the run keeps its due time, so it is not retried."""
    try:
        run = db.session.get(ReportRun, run_id)
        run.status = "failed"
        run.error = error_summary(error)[:MAX_ERROR]
        run.finished_at = utcnow()
        db.session.commit()
    except SQLAlchemyError as second:
        db.session.rollback()
        logger.error("could not record the failure of report run %s: %s", run_id, error_summary(second))


def make_up_missed(app, now):
    """Run, once, the latest due time at or before `now` that each scheduled event missed while nothing ran.

    Only the latest: a report holds the figures of the moment it is made, so older due times would repeat it.
    """
    with app.app_context():
        missed = [(event.id, due) for event in _scheduled_events()
                  if (due := _missed(event, now)) is not None]
    for event_id, due in missed:
        logger.info("making up the report of event %s due at %s", event_id, due)
        run_report(app, event_id, "scheduled", due)


def _scheduled_events():
    query = sa.select(Event).where(Event.status == "published", Event.report_cron != "").order_by(Event.id)
    return db.session.scalars(query).all()


def _missed(event, now):
    """The event's latest due time if it came after the event was created and has no run; else None."""
    try:
        due = schedule.latest_due(event.report_cron, now)
    except ValueError:
        logger.warning("event %s has a report schedule the scheduler cannot read", event.id)
        return None
    if due is None or due < event.created_at:
        return None
    ran = sa.select(ReportRun.id).where(ReportRun.event_id == event.id, ReportRun.kind == "scheduled",
                                        ReportRun.due_at == due)
    return None if db.session.scalar(ran) else due


def run_finals(app):
    """Give every closed event its final report, due at its end: one per event, whenever it was closed."""
    with app.app_context():
        final = sa.select(ReportRun.id).where(ReportRun.event_id == Event.id, ReportRun.kind == "final")
        query = sa.select(Event.id, Event.ends_at).where(Event.status == "closed", ~final.exists())
        pending = db.session.execute(query.order_by(Event.id)).all()
    for event_id, ends_at in pending:
        run_report(app, event_id, "final", ends_at)
