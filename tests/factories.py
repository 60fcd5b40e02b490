"""Factories: each builds one valid object with overridable fields and flushes it."""
import hashlib
import itertools
from datetime import date
from datetime import datetime
from pathlib import Path

from flask import current_app

from recruit.accounts.models import User
from recruit.accounts.models import UserRegion
from recruit.applications.models import Application
from recruit.applications.models import ApplicationChange
from recruit.checkin.models import Checkin
from recruit.domain import idcard
from recruit.domain import uscc
from recruit.employers.models import Employer
from recruit.events.models import Event
from recruit.events.models import Participation
from recruit.extensions import db
from recruit.postings.models import Posting
from recruit.reports.models import Report
from recruit.reports.models import ReportRun
from recruit.seekers.identity import set_id_number
from recruit.seekers.models import Seeker

PASSWORD = "correct-horse-9"
_counter = itertools.count(1)


def _save(obj):
    db.session.add(obj)
    db.session.flush()
    return obj


def create_user(role="bureau", password=PASSWORD, regions=(), **fields):
    n = next(_counter)
    user = User(username=fields.pop("username", f"{role}{n}"), role=role,
                display_name=fields.pop("display_name", f"{role} {n}"), **fields)
    user.set_password(password)
    user.regions = [UserRegion(region_code=code) for code in regions]
    return _save(user)


def create_employer(status="approved", **fields):
    n = next(_counter)
    values = dict(name=f"衢江测试企业{n}有限公司", uscc=uscc.generate("330803", n), industry="C",
                  region_code="330803", address="衢江区廿里镇", contact_name="王经理",
                  contact_mobile="13800138000", status=status)
    values.update(fields)
    return _save(Employer(**values))


def create_event(status="published", **fields):
    values = dict(name="2023年衢江区新春招聘会", kind="fair", starts_at=datetime(2023, 1, 28, 1, 0),
                  ends_at=datetime(2023, 1, 28, 8, 0), venue="衢江区人力资源市场", host_region_code="330803",
                  origin_region_codes=[], status=status)
    values.update(fields)
    return _save(Event(**values))


SAMPLE_CSV = "概况,数值\r\n入场人数,15600\r\n".encode("utf-8-sig")


def create_report(event, kind="summary", fmt="csv", data=SAMPLE_CSV):
    """A kept report: its file in the reports folder, its run and its row, as a generation leaves them."""
    run = _save(ReportRun(event=event, kind="manual", due_at=datetime(2023, 1, 28, 10), status="done"))
    name = f"event-{event.id}-{kind}-{next(_counter)}.{fmt}"
    folder = Path(current_app.config["REPORTS_DIR"])
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_bytes(data)
    return _save(Report(event=event, run=run, kind=kind, format=fmt, trigger="manual", filename=name,
                        size=len(data), sha256=hashlib.sha256(data).hexdigest(), as_of=run.due_at))


def add_participation(event, employer, booth="A01", approved=True):
    return _save(Participation(event=event, employer=employer, booth=booth, approved=approved))


def create_posting(employer=None, events=(), status="open", **fields):
    values = dict(title="注塑工", occupation_code="6-99-01", headcount=5, salary_min=5000, salary_max=7000,
                  work_region_code="330803", skills=["注塑"], dormitory=True, meals=True, status=status,
                  description="操作注塑机，两班倒，包吃住。")
    values.update(fields)
    posting = Posting(employer=employer or create_employer(), **values)
    posting.events = list(events)
    return _save(posting)


def create_seeker(user=None, region_code="520526", birth=date(1995, 5, 17), **fields):
    n = next(_counter)
    seeker = Seeker(name=fields.pop("name", f"求职者{n}"), mobile=fields.pop("mobile", f"139{n:08d}"),
                    hometown_code=fields.pop("hometown_code", region_code), user=user, **fields)
    set_id_number(seeker, idcard.generate(region_code, birth, n % 1000), today=date(2026, 1, 1))
    return _save(seeker)


def create_application(seeker=None, posting=None, event=None, status="applied", by_user=None):
    application = Application(seeker=seeker or create_seeker(), posting=posting or create_posting(),
                              event=event, status=status)
    application.changes.append(ApplicationChange(from_status=None, to_status=status, by_user=by_user))
    return _save(application)


def create_checkin(seeker, event, channel="qr"):
    return _save(Checkin(seeker=seeker, event=event, channel=channel))
