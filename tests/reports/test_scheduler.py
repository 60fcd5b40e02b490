"""The report scheduler under a controlled clock: due times run once, missed ones are made up once, failures are
recorded and do not stop the next run, closed events get one final report, edits reach the jobs."""
import os
import signal
import subprocess
import sys
import time
from contextlib import contextmanager
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import sqlalchemy as sa
import time_machine

from recruit import scheduler as reports_scheduler
from recruit import serving
from recruit.extensions import db as _db
from recruit.reports import jobs
from recruit.reports import services
from recruit.reports.models import ReportRun
from tests import factories

SHANGHAI = ZoneInfo("Asia/Shanghai")
CREATED = datetime(2025, 12, 30, 0, 0)  # naive UTC, as stored


@pytest.fixture
def made(monkeypatch, tmp_path):
    """A stand-in for the report service: one file per run it made, named after the run."""
    folder = tmp_path / "made"
    folder.mkdir()

    def generate(run):
        (folder / f"{run.id}-{run.kind}-{run.due_at:%Y%m%d%H%M}").write_text(run.runner)
        return []

    monkeypatch.setattr(services, "generate", generate)
    return folder


def _runs():
    """(event, kind, due time, status) of every run, as another process has committed them."""
    query = sa.select(ReportRun.event_id, ReportRun.kind, ReportRun.due_at, ReportRun.status).order_by(ReportRun.id)
    with _db.engine.connect() as conn:
        return [tuple(row) for row in conn.execute(query)]


def _wait_for(condition, seconds=5.0):
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail("the scheduler did not get there in time")
        time.sleep(0.05)


@contextmanager
def _running(app):
    scheduler = reports_scheduler.build(app)
    scheduler.start()
    try:
        yield scheduler
    finally:
        scheduler.shutdown()  # waits for the job in hand: the test's rows are emptied only afterwards


def _start_and_stop(app):
    """One start of the scheduler, until its start job (the make-up) has run."""
    with _running(app) as scheduler:
        _wait_for(lambda: scheduler.get_job(reports_scheduler.START_ID) is None)


def test_a_due_time_fires_and_makes_one_run(app, db, made):
    with time_machine.travel(datetime(2026, 1, 1, 17, 59, 59, 500000, tzinfo=SHANGHAI), tick=True):
        event = factories.create_event(report_cron="0 18 * * *")  # created now: yesterday's 18:00 is not owed
        db.session.commit()
        with _running(app):
            _wait_for(lambda: [run[3] for run in _runs()] == ["done"])
            time.sleep(0.3)  # long enough for a second run, had there been one
    assert _runs() == [(event.id, "scheduled", datetime(2026, 1, 1, 10, 0), "done")]
    assert len(list(made.iterdir())) == 1


def test_missed_due_times_are_made_up_once_even_after_a_second_start(app, db, made):
    owed = factories.create_event(report_cron="0 18 * * *", created_at=CREATED)
    factories.create_event(report_cron="0 18 * * *", created_at=datetime(2025, 12, 31, 11, 0))  # after 18:00
    factories.create_event(report_cron="", created_at=CREATED)
    factories.create_event(status="draft", report_cron="0 18 * * *", created_at=CREATED)
    db.session.commit()
    # Down since before 30 December's 18:00: the 30th and the 31st were missed, the 31st is the one to make.
    with time_machine.travel(datetime(2026, 1, 1, 12, 0, tzinfo=SHANGHAI), tick=True):
        _start_and_stop(app)
        _start_and_stop(app)
    assert _runs() == [(owed.id, "scheduled", datetime(2025, 12, 31, 10, 0), "done")]
    assert len(list(made.iterdir())) == 1


def test_a_failed_run_is_recorded_and_the_next_due_time_still_runs(app, db, monkeypatch, caplog):
    def generate(run):
        if run.due_at.day == 1:
            raise OSError("No space left on device")
        return []

    monkeypatch.setattr(services, "generate", generate)
    event = factories.create_event(created_at=CREATED)
    db.session.commit()
    first, second = datetime(2026, 1, 1, 10, 0), datetime(2026, 1, 2, 10, 0)
    assert jobs.run_report(app, event.id, "scheduled", first) is not None
    assert jobs.run_report(app, event.id, "scheduled", second) is not None
    assert jobs.run_report(app, event.id, "scheduled", first) is None  # a failed due time is not run again
    assert _runs() == [(event.id, "scheduled", first, "failed"), (event.id, "scheduled", second, "done")]
    failed = db.session.scalar(sa.select(ReportRun).where(ReportRun.status == "failed"))
    assert failed.error == "OSError: No space left on device"
    assert failed.finished_at is not None
    assert "OSError: No space left on device" in caplog.text


def test_a_closed_event_gets_one_final_report_due_at_its_end(app, db, made):
    closed = factories.create_event(status="closed")
    factories.create_event(status="published")
    db.session.commit()
    jobs.run_finals(app)
    jobs.run_finals(app)
    assert _runs() == [(closed.id, "final", closed.ends_at, "done")]
    assert len(list(made.iterdir())) == 1


def test_build_gives_every_job_a_stable_id(app, db):
    first = factories.create_event(report_cron="0 18 * * *")
    second = factories.create_event(report_cron="0 9 * * mon")
    factories.create_event(report_cron="")
    factories.create_event(status="draft")
    db.session.commit()
    expected = {"reports:start", "reports:sync", "drives:retention", f"report:{first.id}", f"report:{second.id}"}
    assert {job.id for job in reports_scheduler.build(app).get_jobs()} == expected
    assert {job.id for job in reports_scheduler.build(app).get_jobs()} == expected


def test_the_sync_job_follows_the_bureaus_edits(app, db, made):
    edited = factories.create_event(report_cron="0 18 * * *")
    later = factories.create_event(report_cron="")
    drafted = factories.create_event(status="draft", report_cron="0 9 * * mon")
    db.session.commit()
    scheduler = reports_scheduler.build(app)
    scheduler.start(paused=True)  # the jobs are in place, none runs: the test calls sync itself
    try:
        edited.report_cron, later.report_cron, drafted.status = "30 9 * * mon", "0 8 * * *", "published"
        db.session.commit()
        reports_scheduler.sync(app, scheduler)
        job = scheduler.get_job(f"report:{edited.id}")
        assert job.kwargs["cron"] == "30 9 * * mon"
        assert job.next_run_time.astimezone(SHANGHAI).strftime("%a %H:%M") == "Mon 09:30"
        assert scheduler.get_job(f"report:{later.id}") is not None
        assert scheduler.get_job(f"report:{drafted.id}") is not None
        edited.status = "closed"
        db.session.commit()
        reports_scheduler.sync(app, scheduler)
        assert scheduler.get_job(f"report:{edited.id}") is None
    finally:
        scheduler.shutdown()
    assert _runs() == [(edited.id, "final", edited.ends_at, "done")]


def test_serve_runs_the_scheduler_beside_gunicorn_when_it_is_on(app, runner, monkeypatch):
    steps = []

    @contextmanager
    def scheduler_process():
        steps.append("scheduler started")
        yield
        steps.append("scheduler stopped")

    monkeypatch.setattr(serving, "prepare_database", lambda: None)
    monkeypatch.setattr(serving, "run_gunicorn", lambda *args, **kwargs: steps.append("gunicorn"))
    monkeypatch.setattr(serving, "scheduler_process", scheduler_process)
    assert runner.invoke(args=["serve"]).exit_code == 0
    assert steps == ["gunicorn"]  # the test configuration has the scheduler off
    monkeypatch.setitem(app.config, "SCHEDULER", "on")
    steps.clear()
    assert runner.invoke(args=["serve"]).exit_code == 0
    assert steps == ["scheduler started", "gunicorn", "scheduler stopped"]


def test_the_scheduler_process_makes_up_and_stops_cleanly_on_sigterm(app, db, tmp_path):
    closed = factories.create_event(status="closed")
    db.session.commit()
    env = {**os.environ, "RECRUIT_DATABASE_URL": app.config["SQLALCHEMY_DATABASE_URI"],
           "RECRUIT_SECRET_KEY": app.config["SECRET_KEY"], "RECRUIT_REPORTS_DIR": str(tmp_path / "reports")}
    process = subprocess.Popen([sys.executable, "-m", "recruit", "scheduler"], env=env, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True)
    try:
        assert process.stdout.readline().strip() == "Report scheduler running."
        # The real report service makes the final report: done or failed, it is the one run of its due time.
        _wait_for(lambda: [run[:3] for run in _runs()] == [(closed.id, "final", closed.ends_at)], seconds=15)
        _wait_for(lambda: _runs()[0][3] != "running", seconds=15)
        process.send_signal(signal.SIGTERM)
        output, log = process.communicate(timeout=15)
    finally:
        serving.stop_process(process, timeout=5)
    assert process.returncode == 0, log
    assert output.strip() == "Report scheduler stopped."
