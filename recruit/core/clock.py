"""Time: stored as naive UTC, read and typed in the bureau's time zone (RECRUIT_TIMEZONE)."""
import logging
from datetime import UTC
from datetime import date
from datetime import datetime
from datetime import time
from zoneinfo import ZoneInfo

from flask import current_app

logger = logging.getLogger(__name__)


def utcnow() -> datetime:
    """Now as naive UTC, the form every timestamp is stored in."""
    return datetime.now(UTC).replace(tzinfo=None)


def zone() -> ZoneInfo:
    """The bureau's time zone: days, ages and the times people type are counted in it."""
    return ZoneInfo(current_app.config["TIMEZONE"])


def local_today() -> date:
    """Today in the bureau's zone: a seeker turns 16 on their birthday in China, not in UTC."""
    return datetime.now(zone()).date()


def to_utc(local: datetime) -> datetime:
    """A wall-clock time typed in the bureau's zone (naive), as the naive UTC the database holds."""
    return local.replace(tzinfo=zone()).astimezone(UTC).replace(tzinfo=None)


def to_local(stored: datetime) -> datetime:
    """A stored naive UTC time as the naive wall-clock time of the bureau's zone (what a form shows)."""
    return stored.replace(tzinfo=UTC).astimezone(zone()).replace(tzinfo=None)


def day_start(day: date) -> datetime:
    """Midnight of a day in the bureau's zone, as naive UTC."""
    return to_utc(datetime.combine(day, time()))
