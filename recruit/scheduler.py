"""The one report scheduler: a cron job per scheduled event, a job that follows the bureau's edits, a make-up at start.

It runs in a process of its own (`recruit scheduler`, which `recruit serve` starts next to gunicorn), never inside
a web worker, where every worker would start one. A second scheduler on another host does no harm (each run holds
the event's lock and its due time is a unique row), it only does the same checks twice.
"""
import logging
import signal
from zoneinfo import ZoneInfo

import click
import sqlalchemy as sa
from apscheduler.jobstores.memory import MemoryJobStore
from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.schedulers.blocking import BlockingScheduler
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger
from flask import current_app
from flask.cli import with_appcontext

from recruit.core.clock import utcnow
from recruit.drives import jobs as drive_jobs
from recruit.events.models import Event
from recruit.extensions import db
from recruit.reports import jobs
from recruit.reports import schedule

logger = logging.getLogger(__name__)

SYNC_ID = "reports:sync"
START_ID = "reports:start"
EVENT_PREFIX = "report:"
RETENTION_ID = "drives:retention"
JOB_DEFAULTS = {
    # A scheduler that fell behind runs a job once, for the latest time it missed, not once per time.
    "coalesce": True,
    "max_instances": 1,
    # Seconds a job may start late and still run (a suspended host, a busy pool): a report a few hours late is
    # better than none, and a restart is covered by the make-up at start.
    "misfire_grace_time": 6 * 60 * 60,
}


def event_job_id(event_id):
    """The stable ID of an event's report job: syncing replaces it instead of adding a second one."""
    return f"{EVENT_PREFIX}{event_id}"


def build(app, blocking=False):
    """The scheduler with all its jobs, not started; its jobs run in app contexts of `app`."""
    kind = BlockingScheduler if blocking else BackgroundScheduler
    scheduler = kind(timezone=ZoneInfo(app.config["TIMEZONE"]), jobstores={"default": MemoryJobStore()},
                     job_defaults=JOB_DEFAULTS)
    # No trigger: a job that runs once, as soon as the scheduler starts.
    scheduler.add_job(start, kwargs={"app": app}, id=START_ID, name="make up missed reports")
    scheduler.add_job(sync, IntervalTrigger(minutes=1), kwargs={"app": app, "scheduler": scheduler}, id=SYNC_ID,
                      name="follow the events' report schedules")
    # Early in the bureau's morning, so that the employers find the day's checks when they start work.
    scheduler.add_job(drive_jobs.make_retention_checks, CronTrigger(hour=6, minute=0, timezone=scheduler.timezone),
                      kwargs={"app": app}, id=RETENTION_ID, name="ask employers about their workers' retention")
    follow_events(app, scheduler)
    return scheduler


def start(app):
    """Once at start: the due times missed while no scheduler ran, the finals of events closed meanwhile, and
    the retention checks that fell due while it was down."""
    jobs.make_up_missed(app, utcnow())
    jobs.run_finals(app)
    drive_jobs.make_retention_checks(app)


def sync(app, scheduler):
    """Every minute: the bureau's edits (schedules, publishing, closing) reach the jobs; closed events get finals."""
    follow_events(app, scheduler)
    jobs.run_finals(app)


def follow_events(app, scheduler):
    """Add, replace and remove event jobs so that there is one per published event with a schedule."""
    with app.app_context():
        wanted = _wanted()
    current = {job.id: job for job in scheduler.get_jobs() if job.id.startswith(EVENT_PREFIX)}
    for job_id in current.keys() - {event_job_id(event_id) for event_id in wanted}:
        scheduler.remove_job(job_id)
        logger.info("stopped scheduling %s", job_id)
    for event_id, (cron, fires) in wanted.items():
        job = current.get(event_job_id(event_id))
        if job is None or job.kwargs["cron"] != cron:
            scheduler.add_job(fire, fires, kwargs={"app": app, "event_id": event_id, "cron": cron},
                              id=event_job_id(event_id), name=f"reports of event {event_id}", replace_existing=True)
            logger.info("scheduled the reports of event %s at %r", event_id, cron)


def _wanted():
    """{event id: (cron, trigger)} for the published events with a schedule the trigger can read."""
    query = sa.select(Event.id, Event.report_cron).where(Event.status == "published", Event.report_cron != "")
    wanted = {}
    for event_id, cron in db.session.execute(query):
        try:
            wanted[event_id] = (cron, schedule.trigger(cron))
        except ValueError:
            logger.warning("event %s has a report schedule the scheduler cannot read: %r", event_id, cron)
    return wanted


def fire(app, event_id, cron):
    """An event's job: make the reports of the due time its trigger has just reached.

    APScheduler 3 does not tell a job the time it was scheduled for, so the job works it out: the cron's latest
    time at or before now. That is the trigger's time even when the job starts late (within the grace time, and
    coalesced to the latest missed time), and the same time the make-up at start and a scheduler on another host
    arrive at, so the unique run row sees them all as the same run.
    """
    with app.app_context():
        due = schedule.latest_due(cron, utcnow())
    if due is not None:
        jobs.run_report(app, event_id, "scheduled", due)


@click.command("scheduler")
@with_appcontext
def scheduler_command():
    """Run the report scheduler alone, until interrupted (Ctrl-C or SIGTERM)."""
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    # APScheduler says at INFO every time the sync job runs, once a minute; ours say what was run.
    logging.getLogger("apscheduler").setLevel(logging.WARNING)
    scheduler = build(current_app._get_current_object(), blocking=True)
    # SIGTERM (from `recruit serve`, systemd or docker stop) leaves the way Ctrl-C does.
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    click.echo("Report scheduler running.")
    try:
        scheduler.start()
    except KeyboardInterrupt:
        if scheduler.running:
            # Waits for a report being made: a run cut short would keep its due time, unfinished, for good.
            scheduler.shutdown()
    click.echo("Report scheduler stopped.")
