"""When things happened: the events and the as-of time; Asia/Shanghai wall-clock times kept as naive UTC."""
import logging
from datetime import date
from datetime import datetime
from datetime import time
from datetime import timedelta

logger = logging.getLogger(__name__)

# Asia/Shanghai has had no daylight saving time since 1991.
UTC_OFFSET = timedelta(hours=8)


def local(day, hour=0, minute=0):
    """Naive UTC for a wall-clock time in Asia/Shanghai."""
    return datetime.combine(day, time(hour, minute)) - UTC_OFFSET


def office_time(rng, day):
    """A time in office hours (09:00-17:30 Asia/Shanghai) on the day."""
    return local(day, 9) + timedelta(minutes=rng.randrange(510))


def local_date(moment):
    """The Asia/Shanghai calendar day of a naive UTC time."""
    return (moment + UTC_OFFSET).date()


def day_between(rng, first, last):
    return first + timedelta(days=rng.randint(0, (last - first).days))


def days_after(rng, moment, low, high):
    """An office-hours time between low and high days after a moment (both at least one day)."""
    return office_time(rng, local_date(moment) + timedelta(days=rng.randint(low, high)))


# 正月初七, the first working day after the Spring Festival holiday: the district's first fair of the year.
FAIR_DAY = date(2023, 1, 28)
FAIR_START = local(FAIR_DAY, 8, 30)
FAIR_END = local(FAIR_DAY, 15, 30)
# Two days in Weining while its workers are still home for the festival.
DRIVE_DAY = date(2023, 2, 2)
DRIVE_START = local(DRIVE_DAY, 9)
DRIVE_END = local(DRIVE_DAY + timedelta(days=1), 17)
# Everything happened before this moment: late enough for the 6-month checks of the workers who started in
# February, after the fair and the drive.
AS_OF = local(date(2023, 9, 30), 18)
