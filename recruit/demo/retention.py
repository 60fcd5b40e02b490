"""The retention checks of the demo's workers, made as the daily job makes them and answered as employers do.

Every worker at work has their first day recorded; each check due by the as-of date exists. A retained worker
was answered "still there" at 3 months (their `retained` step is that answer); a worker still `onboarded` whose
3 months have passed had left, or their employer has not answered yet.
"""
import logging
from datetime import timedelta

from recruit.demo.pipeline import answer_time
from recruit.demo.pipeline import quota
from recruit.demo.timeline import AS_OF
from recruit.demo.timeline import day_between
from recruit.demo.timeline import local
from recruit.demo.timeline import local_date
from recruit.drives.models import CHECK_MONTHS
from recruit.drives.retention import AT_WORK
from recruit.drives.retention import add_months

logger = logging.getLogger(__name__)

# Workers still `onboarded` at their 3-month check: most had left; for the others no answer came.
AFTER_3M = (("left", 4), ("open", 1))
# Retained workers at their 6-month check.
AFTER_6M = (("stayed", 80), ("left", 16), ("open", 4))
# The scheduler's daily job makes the checks at 06:00.
CHECK_HOUR = 6
REASONS = ("家中有事返乡", "不适应气候", "另谋他职", "饮食不习惯", "回乡照顾老人", "工资未达预期", "身体原因",
           "农忙返乡", "随家人去外地务工", "夜班太多")


def settle(rng, applications, changes):
    """Set the first day of every worker at work and return their retention_checks rows, ids by due day."""
    at = {(change["application_id"], change["to_status"]): change["at"] for change in changes
          if change["to_status"] in AT_WORK}
    working = [application for application in applications if application["status"] in AT_WORK]
    for application in working:
        application["onboarded_on"] = local_date(at[application["id"], "onboarded"])
    checks = []
    for event_id in dict.fromkeys(application["event_id"] for application in working):
        group = [application for application in working if application["event_id"] == event_id]
        checks += _retained(rng, [a for a in group if a["status"] == "retained"], at)
        checks += _onboarded(rng, [a for a in group if a["status"] == "onboarded" and _due(a, "3m")])
    checks.sort(key=lambda check: (check["due_on"], check["application_id"], check["kind"]))
    for number, check in enumerate(checks, start=1):
        check["id"] = number
    return checks


def _retained(rng, group, at):
    """Still there at 3 months, answered at their `retained` step; at 6 months (where due) mostly still there."""
    later = [application["id"] for application in group if _due(application, "6m")]
    fates = dict(zip(later, quota(rng, AFTER_6M, len(later)), strict=True))
    checks = []
    for application in group:
        three = _check(application, "3m", at[application["id"], "retained"], "stayed")
        checks.append(three)
        if application["id"] in fates:
            checks.append(_answered(rng, application, "6m", fates[application["id"]],
                                    local_date(three["answered_at"])))
    return checks


def _onboarded(rng, group):
    """Left before 3 months, or not answered: then the 6-month check, where due, waits too."""
    checks = []
    for application, fate in zip(group, quota(rng, AFTER_3M, len(group)), strict=True):
        checks.append(_answered(rng, application, "3m", fate, application["onboarded_on"]))
        if fate == "open" and _due(application, "6m"):
            checks.append(_check(application, "6m", None, None))
    return checks


def _answered(rng, application, kind, fate, still_there_on):
    """A check answered a few days after its day, or left open; a worker who left did so after `still_there_on`."""
    if fate == "open":
        return _check(application, kind, None, None)
    due = _due(application, kind)
    check = _check(application, kind, answer_time(rng, due), fate)
    if fate == "left":
        check["left_on"] = day_between(rng, still_there_on + timedelta(days=1), due - timedelta(days=1))
        check["reason"] = rng.choice(REASONS)
    return check


def _due(application, kind):
    """The check's day if it fell due by the as-of date, else None."""
    due = add_months(application["onboarded_on"], CHECK_MONTHS[kind])
    return due if due <= local_date(AS_OF) else None


def _check(application, kind, answered_at, outcome):
    due = _due(application, kind)
    return {"id": None, "application_id": application["id"], "kind": kind, "due_on": due,
            "created_at": local(due, CHECK_HOUR), "answered_at": answered_at, "answered_by_id": None,
            "outcome": outcome, "left_on": None, "reason": ""}
