"""Who may take a posting: the hard rules that applying and matching both use."""

import logging
from datetime import date

from recruit.domain import education
from recruit.domain import idcard

logger = logging.getLogger(__name__)


def age_fits(birth_date: date, day: date, age_min: int, age_max: int) -> bool:
    """Whether someone born on `birth_date` is within the age range on `day`."""
    return age_min <= idcard.age_on(birth_date, day) <= age_max


def education_fits(level: str | None, minimum: str | None) -> bool:
    """Whether a seeker's education meets a posting's minimum; no minimum admits everyone, no level nobody."""
    if not minimum:
        return True
    return bool(level) and education.meets(level, minimum)



def relocation_fits(home_region: str, work_region: str, willing: bool) -> bool:
    """Whether a place of work suits a seeker: inside their home province, or anywhere if willing to relocate."""
    return willing or home_region[:2] == work_region[:2]


def available_by(available_from: date | None, day: date) -> bool:
    """Whether a seeker can start by `day`; no date given means now."""
    return available_from is None or available_from <= day
