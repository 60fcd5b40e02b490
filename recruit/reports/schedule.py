"""An event's report schedule in the bureau's terms (daily, weekly, only at the close) and the cron it is kept as.

Event.report_cron holds five crontab fields read in the bureau's time zone; an empty string means no scheduled
report, only the final one at the close. The event form shows and edits a Schedule, never the raw expression.
"""
import logging
from dataclasses import dataclass
from datetime import UTC
from datetime import datetime
from datetime import time
from datetime import timedelta

from apscheduler.triggers.cron import CronTrigger
from babel.dates import get_day_names
from flask_babel import get_locale
from flask_babel import gettext as _

from recruit.core import clock

logger = logging.getLogger(__name__)

FREQUENCIES = ("daily", "weekly", "close")
DEFAULT_AT = time(18, 0)
# Weekdays by name in the cron: APScheduler 3 reads a number 0 as Monday where crontab means Sunday, a name
# means the same day to both.
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
# How far back latest_due looks, widening step by step: a busy custom cron is found in the first hour, a weekly
# schedule within 8 days, a yearly one (29 February included) within four years.
LOOK_BACK = (timedelta(hours=1), timedelta(days=1), timedelta(days=8), timedelta(days=32), timedelta(days=367),
             timedelta(days=4 * 366))


@dataclass(frozen=True)
class Schedule:
    """When an event's reports are made: every day, one day a week, or only at the close (`at` unused)."""

    frequency: str
    at: time = DEFAULT_AT
    weekday: int | None = None  # 0 is Monday, for a weekly schedule only

    def __post_init__(self):
        if self.frequency not in FREQUENCIES:
            raise ValueError(f"unknown frequency {self.frequency!r}")
        if (self.weekday is not None) != (self.frequency == "weekly"):
            raise ValueError("a weekday goes with a weekly schedule, and only with it")
        if self.weekday is not None and self.weekday not in range(7):
            raise ValueError(f"weekday {self.weekday!r} is not 0 (Monday) to 6 (Sunday)")


def to_cron(schedule: Schedule) -> str:
    """The cron Event.report_cron keeps for a schedule (minutes precision; "" for only at the close)."""
    if schedule.frequency == "close":
        return ""
    weekday = "*" if schedule.weekday is None else WEEKDAYS[schedule.weekday]
    return f"{schedule.at.minute} {schedule.at.hour} * * {weekday}"


def from_cron(text: str) -> Schedule | None:
    """The schedule a cron of to_cron's making says; None for any other (the form shows it as custom)."""
    fields = text.split()
    if not fields:
        return Schedule("close")
    if len(fields) != 5 or fields[2:4] != ["*", "*"]:
        return None
    minute, hour, weekday = fields[0], fields[1], fields[4].lower()
    if not (minute.isascii() and minute.isdigit() and hour.isascii() and hour.isdigit()):
        return None
    if int(minute) > 59 or int(hour) > 23:
        return None
    at = time(int(hour), int(minute))
    if weekday == "*":
        return Schedule("daily", at)
    if weekday in WEEKDAYS:
        return Schedule("weekly", at, WEEKDAYS.index(weekday))
    return None


def describe(schedule: Schedule) -> str:
    """The schedule as a sentence in the current language, e.g. "Every Monday at 09:00"."""
    if schedule.frequency == "close":
        return _("Only a final report at the close")
    at = schedule.at.strftime("%H:%M")
    if schedule.frequency == "daily":
        return _("Daily at %(time)s", time=at)
    weekday = get_day_names("wide", locale=get_locale())[schedule.weekday]
    return _("Every %(weekday)s at %(time)s", weekday=weekday, time=at)


def trigger(cron: str) -> CronTrigger | None:
    """The APScheduler trigger of a cron, in the bureau's time zone; None when there is no scheduled report."""
    if not cron.strip():
        return None
    return CronTrigger.from_crontab(cron, timezone=clock.zone())


def latest_due(cron: str, now: datetime) -> datetime | None:
    """The latest time at or before `now` (naive UTC) the cron names, as naive UTC; None if there is none.

    A trigger only counts forward, so this starts a little before `now` and counts up to it, looking further back
    when nothing falls in the window.
    """
    fires = trigger(cron)
    if fires is None:
        return None
    moment = now.replace(tzinfo=UTC) if now.tzinfo is None else now.astimezone(UTC)
    for window in LOOK_BACK:
        found = _last_fire(fires, moment - window, moment)
        if found is not None:
            return found.astimezone(UTC).replace(tzinfo=None)
    return None


def _last_fire(fires, start, end):
    """The last fire time of the trigger from `start` to `end` (aware), or None."""
    last = None
    upcoming = fires.get_next_fire_time(None, start)
    while upcoming is not None and upcoming <= end:
        last = upcoming
        upcoming = fires.get_next_fire_time(None, upcoming + timedelta(microseconds=1))
    return last
