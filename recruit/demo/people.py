"""Job seekers: who they are, where they come from, what they want, and their check-ins at the events."""
import functools
import itertools
import logging
from dataclasses import dataclass
from dataclasses import field
from datetime import date
from datetime import timedelta

from recruit.demo import catalog
from recruit.demo import names
from recruit.demo.timeline import day_between
from recruit.demo.timeline import local
from recruit.demo.timeline import office_time
from recruit.domain import regions
from recruit.seekers.services import PRIVACY_VERSION

logger = logging.getLogger(__name__)

# How seekers came through the gate: the fair's visitors mostly had the QR code on their phones; in Weining
# many were registered by the county's staff and checked in by ID number.
FAIR_CHANNELS = (("qr", 60), ("id_number", 30), ("walk_in", 10))
DRIVE_CHANNELS = (("qr", 30), ("id_number", 50), ("walk_in", 20))
# A person born before a county's code was retired carries the old code in the ID number.
OLD_CODE_SHARE = 0.85


@dataclass(frozen=True)
class Crowd:
    """How one group of seekers is drawn: home regions, schooling, sex ratio, readiness to move."""

    hometowns: tuple
    education: tuple
    male: float
    relocate: float
    salary_shift: int = 0


FAIR = Crowd(catalog.FAIR_HOMETOWNS, catalog.FAIR_EDUCATION, male=0.52, relocate=0.3)
DRIVE = Crowd(((catalog.WEINING, 1),), catalog.DRIVE_EDUCATION, male=0.58, relocate=0.85, salary_shift=-500)


@dataclass
class People:
    """Seeker and check-in rows (ids from 1) and each event's attendees as (seeker row, check-in time)."""

    numbers: object
    demand: tuple
    seekers: list = field(default_factory=list)
    checkins: list = field(default_factory=list)
    attendees: dict = field(default_factory=dict)


def demand_of(postings):
    """Trades wished for in proportion to the places offered, as (codes, cumulative weights)."""
    places = {}
    for posting in postings:
        places[posting["occupation_code"]] = places.get(posting["occupation_code"], 0) + posting["headcount"]
    return tuple(places), tuple(itertools.accumulate(places.values()))


def attend(rng, population, crowd, event_id, day, count, channels, times):
    """Seekers who checked in at an event at `times(rng)`; their registration came before."""
    codes, weights = zip(*channels, strict=True)
    attendees = population.attendees.setdefault(event_id, [])
    for _ in range(count):
        at = times(rng)
        channel = rng.choices(codes, weights)[0]
        # Walk-ins registered at the gate desk; the others in the weeks before.
        registered = at - timedelta(minutes=rng.randint(2, 10)) if channel == "walk_in" else None
        seeker = add_seeker(rng, population, crowd, day, registered)
        population.checkins.append({"id": len(population.checkins) + 1, "event_id": event_id,
                                    "seeker_id": seeker["id"], "at": at, "channel": channel,
                                    "by_user_id": None})
        attendees.append((seeker, at))


def add_seeker(rng, population, crowd, day, registered=None):
    """A seeker of working age on the day, registered at `registered` or some days before the day."""
    hometown = _weighted(rng, crowd.hometowns)
    birth, age = _birth_date(rng, day)
    sex = "M" if rng.random() < crowd.male else "F"
    schooling = _education(rng, crowd.education, age)
    wishes = _wishes(rng, population.demand)
    if registered is None:
        registered = office_time(rng, day_between(rng, day - timedelta(days=21), day - timedelta(days=1)))
    seeker = {
        "id": len(population.seekers) + 1, "user_id": None, "name": names.person_name(rng, sex, hometown),
        "id_number": population.numbers.id_number(_id_region(rng, hometown, birth), birth, sex),
        "birth_date": birth, "sex": sex, "mobile": population.numbers.mobile(), "hometown_code": hometown,
        "current_region_code": _current_region(rng, hometown, crowd), "education": schooling,
        "skills": _skills(rng, wishes), "desired_occupations": wishes,
        "expected_salary": _salary(rng, schooling, crowd.salary_shift),
        "willing_to_relocate": rng.random() < crowd.relocate,
        # Most who come to a fair are free to start: matching counts only those available by the event's day.
        "available_from": None if rng.random() < 0.25 else day + timedelta(days=rng.randint(-45, 10)),
        "consent_at": registered, "consent_version": PRIVACY_VERSION, "registered_by_id": None,
        "created_at": registered, "updated_at": registered,
    }
    population.seekers.append(seeker)
    return seeker


def _weighted(rng, pairs):
    values, weights = zip(*pairs, strict=True)
    return rng.choices(values, weights)[0]


def _years_before(day, years):
    if (day.month, day.day) == (2, 29):
        return date(day.year - years, 2, 28)
    return day.replace(year=day.year - years)


def _birth_date(rng, day):
    """A birth date giving an age of an age band on the day; returns (birth date, age)."""
    low, high = _weighted(rng, catalog.AGES)
    age = rng.randint(low, high)
    birth = day_between(rng, _years_before(day, age + 1) + timedelta(days=1), _years_before(day, age))
    return birth, age


@functools.cache
def _predecessors():
    """Retired county codes by the code that replaced them."""
    table = {}
    for region in regions.all_regions():
        if region.retired and region.successor_code and region.valid_until:
            table.setdefault(region.successor_code, []).append(region)
    return table


def _id_region(rng, hometown, birth):
    for old in _predecessors().get(hometown, ()):
        if birth.year < old.valid_until and rng.random() < OLD_CODE_SHARE:
            return old.code
    return hometown


def _current_region(rng, hometown, crowd):
    """Where the seeker lives: Weining's workers at home for the drive, the others in or near Qujiang."""
    if crowd is DRIVE:
        return hometown
    if hometown in catalog.QUZHOU_TOWNS or (hometown.startswith("3308") and rng.random() < 0.7):
        return hometown
    return rng.choice(catalog.QUZHOU_TOWNS + (catalog.QUJIANG,))


def _education(rng, mix, age):
    """A level from the crowd's mix that the age allows."""
    code = _weighted(rng, mix)
    if age < 19 and code in ("10", "20", "30"):
        return "60"
    if age < 23 and code == "10":
        return "20"
    if age >= 46 and code in ("10", "20", "30") and rng.random() < 0.5:
        return rng.choice(("60", "70"))
    return code


def _wishes(rng, demand):
    """One to three trades: mostly the ones offered, some the office and driving jobs many want."""
    codes, cumulative = demand
    wishes = []
    for _ in range(rng.choices((1, 2, 3), (45, 35, 20))[0]):
        if rng.random() < 0.75:
            code = rng.choices(codes, cum_weights=cumulative)[0]
        else:
            code = rng.choice(catalog.POPULAR_WISHES)
        if code not in wishes:
            wishes.append(code)
    return wishes


@functools.cache
def _trade_skills():
    table = {}
    for opening in itertools.chain(catalog.OFFICE, *(industry.openings for industry in catalog.INDUSTRIES)):
        table.setdefault(opening.occupation, opening.skills)
    return table


def _skills(rng, wishes):
    skills = []
    for code in wishes:
        skills.extend(skill for skill in _trade_skills().get(code, ()) if rng.random() < 0.5)
    if rng.random() < 0.4:
        skills.append(rng.choice(catalog.GENERAL_SKILLS))
    return list(dict.fromkeys(skills))


def _salary(rng, schooling, shift):
    """Expected monthly pay in CNY, rounded to 500 like people say it."""
    amount = catalog.BASE_SALARY[schooling] + shift + rng.gauss(0, 700)
    return max(3000, int(round(amount / 500) * 500))


def fair_time(rng, start):
    """Visitors came from opening time, most of them in the first hour and a half."""
    return start + timedelta(minutes=rng.triangular(0, 420, 45))


def drive_time(rng, first_day):
    """Over two days in Weining, more on the first."""
    day = first_day + timedelta(days=0 if rng.random() < 0.6 else 1)
    return local(day, 9) + timedelta(minutes=rng.triangular(0, 480, 90))
