"""Two processes asked for the same due time at the same moment make one run; the locks behind it, on SQLite and
PostgreSQL."""
import multiprocessing
import os
import threading
import time
from datetime import datetime
from datetime import timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa

from recruit.config import TestingConfig
from recruit.core.clock import utcnow
from recruit.reports import jobs
from recruit.reports import locks
from recruit.reports import services
from recruit.reports.models import ReportRun
from recruit.reports.models import SchedulerLease
from tests import factories

DUE = datetime(2026, 1, 1, 10, 0)
def _race(database_url, folder, event_id, barrier, results):
    """One scheduler process: its own app on the test database, released together with the other one."""
    from recruit import create_app

    class RaceConfig(TestingConfig):
        SQLALCHEMY_DATABASE_URI = database_url
        SECRET_KEY = "test-secret-key"
        REPORTS_DIR = folder

    def generate(run):
        time.sleep(0.3)  # a report takes a while: the other process arrives while this one is making it
        (Path(folder) / f"{run.id}-{os.getpid()}").write_text("made")
        return []

    app = create_app(RaceConfig)
    services.generate = generate
    barrier.wait(timeout=60)
    results.put(jobs.run_report(app, event_id, "scheduled", DUE))


def test_two_processes_make_one_run_of_a_due_time(app, db, tmp_path):
    """On the session's database: CI runs the suite on SQLite (a lease row) and on PostgreSQL (an advisory lock)."""
    event = factories.create_event()
    db.session.commit()  # the processes read it on connections of their own
    spawn = multiprocessing.get_context("spawn")
    barrier, results = spawn.Barrier(2), spawn.Queue()
    processes = [spawn.Process(target=_race, args=(app.config["SQLALCHEMY_DATABASE_URI"], str(tmp_path), event.id,
                                                   barrier, results)) for _ in range(2)]
    for process in processes:
        process.start()
    answers = [results.get(timeout=60) for _ in processes]
    for process in processes:
        process.join(timeout=30)
        assert process.exitcode == 0
    runs = db.session.execute(sa.select(ReportRun.event_id, ReportRun.due_at, ReportRun.status)).all()
    assert [tuple(run) for run in runs] == [(event.id, DUE, "done")]
    assert len(list(tmp_path.iterdir())) == 1
    # One process made the run, the other found the event's lock taken or its due time already run.
    assert sorted(answers, key=lambda answer: answer is None) == [db.session.scalar(sa.select(ReportRun.id)), None]


def _try_in_another_thread(app, guard, name):
    """Whether another thread (so another holder) gets the lock while this one may hold it."""
    answer = []

    def attempt():
        with app.app_context(), guard(name) as taken:
            answer.append(taken)

    thread = threading.Thread(target=attempt)
    thread.start()
    thread.join(timeout=30)
    return answer[0]


def test_a_lease_is_not_taken_while_held_and_is_once_released(app, db):
    with locks.lease("report:1") as taken:
        assert taken
        assert not _try_in_another_thread(app, locks.lease, "report:1")
        assert _try_in_another_thread(app, locks.lease, "report:2")
    assert _try_in_another_thread(app, locks.lease, "report:1")


def test_an_expired_lease_is_taken_over_and_a_live_one_is_not(app, db):
    db.session.add_all([SchedulerLease(name="expired", holder="elsewhere:1:1", expires_at=utcnow() - timedelta(1)),
                        SchedulerLease(name="live", holder="elsewhere:1:1", expires_at=utcnow() + timedelta(1))])
    db.session.commit()
    with locks.lease("expired") as expired, locks.lease("live") as live:
        assert (expired, live) == (True, False)
        holders = dict(db.session.execute(sa.select(SchedulerLease.name, SchedulerLease.holder)).all())
        assert holders == {"expired": locks.holder(), "live": "elsewhere:1:1"}


def test_held_is_one_lock_across_connections(app, db):
    with locks.held("report:1") as taken:
        assert taken
        db.session.execute(sa.text("SELECT 1"))
        db.session.commit()  # the caller commits its work inside the block: the lock stays
        assert not _try_in_another_thread(app, locks.held, "report:1")
    assert _try_in_another_thread(app, locks.held, "report:1")


@pytest.mark.postgres
def test_an_advisory_lock_is_per_connection_and_released_at_the_end(app, db):
    with locks.advisory("report:1") as first, locks.advisory("report:1") as second:
        assert (first, second) == (True, False)
    with locks.advisory("report:1") as again:
        assert again
    held = db.session.scalar(sa.text("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'"))
    assert held == 0


def test_a_lock_key_is_the_same_in_every_process_and_version():
    assert locks.lock_key("report:1") == 7314265963492781530
