"""Retention after onboarding: the employer is asked at 3 and at 6 calendar months whether the worker stayed.

The daily job makes each check on its due day (or at the first run after it); a check is answered once. A worker
who left ends the asking: no later check is made, and an open later one is withdrawn. The application keeps the
status it reached (a worker retained at 3 months who leaves before 6 stays `retained`); the check holds the day
and the reason, which is what a subsidy roster or an outcome funnel reads.
"""
import calendar
import logging
from datetime import date
from datetime import timedelta

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import joinedload

from recruit.applications import services as application_services
from recruit.applications.models import Application
from recruit.audit.services import record
from recruit.core import checks
from recruit.core.access import can_manage_application
from recruit.core.checks import Problems
from recruit.core.clock import local_today
from recruit.core.clock import utcnow
from recruit.domain import errors
from recruit.domain.errors import RuleError
from recruit.drives.models import CHECK_MONTHS
from recruit.drives.models import OUTCOMES
from recruit.drives.models import RetentionCheck
from recruit.extensions import db
from recruit.postings.models import Posting
from recruit.seekers.services import in_regions_clause

logger = logging.getLogger(__name__)

MAX_REASON = 200
# Statuses a worker at work has: only these are asked about.
AT_WORK = ("onboarded", "retained")
# A day that is 3 months after the 29th, 30th or 31st can be the end of a shorter month: the query looks this
# many days further back, and the exact day is counted in Python.
MONTH_END_SLACK = timedelta(days=3)

errors.register({
    "left_before_start": _l("The worker cannot have left before their first day, %(date)s."),
    "left_future": _l("The day the worker left cannot lie in the future."),
})
errors.register({"check_answered": _l("This check has been answered already.")}, status=409)


def add_months(day: date, months: int) -> date:
    """The same day `months` calendar months later (or earlier), the month's last day where it is shorter."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def create_due_checks(today):
    """Make every check due by `today` that does not exist yet; running it again makes nothing more."""
    created = 0
    for kind, months in CHECK_MONTHS.items():
        for application_id, onboarded_on in db.session.execute(_not_asked(kind, months, today)).all():
            due = add_months(onboarded_on, months)
            if due <= today and _create(application_id, kind, due):
                created += 1
    return created


def _not_asked(kind, months, today):
    """Workers at work about whom this check was not made yet, and who have not been reported gone."""
    asked = sa.select(RetentionCheck.id).where(RetentionCheck.application_id == Application.id)
    return (sa.select(Application.id, Application.onboarded_on)
            .where(Application.onboarded_on.is_not(None), Application.status.in_(AT_WORK),
                   Application.onboarded_on <= add_months(today, -months) + MONTH_END_SLACK,
                   ~asked.where(RetentionCheck.kind == kind).exists(),
                   ~asked.where(RetentionCheck.outcome == "left").exists())
            .order_by(Application.id))


def _create(application_id, kind, due):
    """One check; a second scheduler making the same one at the same moment leaves one (the unique pair)."""
    try:
        with db.session.begin_nested():
            db.session.add(RetentionCheck(application_id=application_id, kind=kind, due_on=due))
    except IntegrityError:
        return False
    return True


def _with_worker(query):
    return query.options(joinedload(RetentionCheck.application).joinedload(Application.seeker),
                         joinedload(RetentionCheck.application).joinedload(Application.posting)
                         .joinedload(Posting.employer))


def open_checks(employer):
    """The employer's unanswered checks, the longest waiting first: the tasks on its page."""
    query = (sa.select(RetentionCheck).join(RetentionCheck.application).join(Application.posting)
             .where(RetentionCheck.answered_at.is_(None), Posting.employer_id == employer.id)
             .order_by(RetentionCheck.due_on, RetentionCheck.id))
    return db.session.scalars(_with_worker(query)).all()


def overdue(today, region_codes=None):
    """Checks whose day has passed without an answer; for partner staff those of their regions' seekers."""
    query = (sa.select(RetentionCheck).join(RetentionCheck.application).join(Application.seeker)
             .where(RetentionCheck.answered_at.is_(None), RetentionCheck.due_on < today)
             .order_by(RetentionCheck.due_on, RetentionCheck.id))
    if region_codes is not None:
        query = query.where(in_regions_clause(region_codes))
    return _with_worker(query)


def check_answer(check, data):
    """The answer's values as stored: for a worker who left, the day (from the first day to today) and why."""
    found = Problems()
    outcome = found.check("outcome", checks.choice, data.get("outcome"), OUTCOMES.values)
    clean = {"outcome": outcome, "left_on": None, "reason": ""}
    if outcome == "left":
        clean["left_on"] = found.check("left_on", checks.day, data.get("left_on"), required=True)
        clean["reason"] = found.check("reason", checks.text, data.get("reason"), MAX_REASON)
        _check_left_on(found, clean["left_on"], check.application.onboarded_on)
    found.raise_any()
    return clean


def _check_left_on(found, left_on, onboarded_on):
    if left_on is None:
        return
    if onboarded_on is not None and left_on < onboarded_on:
        found.add("left_before_start", "left_on", date=onboarded_on.isoformat())
    elif left_on > local_today():
        found.add("left_future", "left_on")


def answer(check, data, by_user):
    """The employer answers a check once: a worker still there at work is `retained`; one who left ends the
    asking about them."""
    application = check.application
    if not can_manage_application(by_user, application):
        raise RuleError("not_yours")
    clean = check_answer(check, data)
    with db.session.begin_nested():
        _mark_answered(check, by_user, clean)
        if clean["outcome"] == "stayed" and application.status == "onboarded":
            application_services.move(application, "retained", by_user)
        if clean["outcome"] == "left":
            _withdraw_later_checks(check)
    record("retention_answered", target=check, user=by_user, application_id=application.id, check=check.kind,
           outcome=clean["outcome"], left_on=clean["left_on"].isoformat() if clean["left_on"] else None,
           reason=clean["reason"])
    return check


def _mark_answered(check, by_user, clean):
    """Compare and set: two people answering at once, or a second click, answer once."""
    now = utcnow()
    statement = (sa.update(RetentionCheck)
                 .where(RetentionCheck.id == check.id, RetentionCheck.answered_at.is_(None))
                 .values(answered_at=now, answered_by_id=by_user.id, **clean)
                 .execution_options(synchronize_session=False))
    if db.session.execute(statement).rowcount != 1:
        raise RuleError("check_answered")
    db.session.expire(check)


def _withdraw_later_checks(check):
    """Nobody needs to be asked later about a worker who has left; an earlier open check still has an answer."""
    db.session.execute(sa.delete(RetentionCheck).where(RetentionCheck.application_id == check.application_id,
                                                       RetentionCheck.answered_at.is_(None),
                                                       RetentionCheck.due_on > check.due_on)
                       .execution_options(synchronize_session=False))


def checks_of(application):
    """The application's checks, 3 months first."""
    return db.session.scalars(sa.select(RetentionCheck).where(RetentionCheck.application_id == application.id)
                              .order_by(RetentionCheck.due_on)).all()
