"""Helpers for the tests of import jobs: a finished job as the world of other tests needs it, waiting for a run."""
import threading

from openpyxl import Workbook

from recruit.extensions import db
from recruit.imports import jobs
from recruit.imports.models import ImportJob

WAIT_SECONDS = 30


def create_job(user, frame, kind="seekers", dry_run=False, **fields):
    """A finished job of `user` with a kept file and a workbook of one refused row."""
    stored = f"test-{user.id}-{frame}-{kind}.csv"
    (jobs.folder() / stored).write_text("姓名,身份证号,手机号\n坏行,123,1\n", encoding="utf-8")
    errors = f"test-{user.id}-{frame}-{kind}-errors.xlsx"
    book = Workbook()
    book.active.append(["姓名", "身份证号", "手机号", "错误"])
    book.active.append(["坏行", "123", "1", "身份证号：不是有效的身份证号"])
    book.save(jobs.folder() / errors)
    values = dict(user=user, frame=frame, kind=kind, dry_run=dry_run, filename="list.csv", stored_name=stored,
                  errors_name=errors, mapping={}, status="done", rows_total=1, rows_done=1, invalid=1)
    job = ImportJob(**{**values, **fields})
    db.session.add(job)
    db.session.flush()
    return job


def wait_for(job_id):
    """The job's thread, if it still runs, has finished."""
    for thread in threading.enumerate():
        if thread.name == f"import-job-{job_id}":
            thread.join(WAIT_SECONDS)
            assert not thread.is_alive(), f"import job {job_id} still runs after {WAIT_SECONDS} s"
