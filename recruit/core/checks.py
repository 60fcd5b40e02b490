"""Checks every service applies to the values it stores, and the messages of their codes.

Each check returns the value as it is stored (normalised) or raises a RuleError without a field; the
service names the field through `Problems.check`. Lengths are measured after normalising: "ß".upper() is
two characters, and the column holds what is stored, not what was typed.
"""
import logging
import unicodedata
from datetime import date
from datetime import datetime

from flask_babel import lazy_gettext as _l

from recruit.domain import errors
from recruit.domain import mobile
from recruit.domain import regions
from recruit.domain.errors import RuleError

logger = logging.getLogger(__name__)

# Days and times the application takes: any real event, birth or availability, far from the ends of
# Python's and the databases' calendars (0001-01-01 in Asia/Shanghai is no UTC time at all).
FIRST_DAY = date(1900, 1, 1)
LAST_DAY = date(2099, 12, 31)
FIRST_MOMENT = datetime(2000, 1, 1)
LAST_MOMENT = datetime(2099, 12, 31, 23, 59)
MAX_TAGS = 20
MAX_TAG_LENGTH = 30

errors.register({
    "required": _l("This field is required."),
    "text": _l("Enter text here."),
    "too_long": _l("Use at most %(max)d characters."),
    "integer": _l("Enter a whole number."),
    "number_range": _l("Enter a number from %(min)s to %(max)s."),
    "flag": _l("Tick the box or leave it empty."),
    "choice": _l("Choose one from the list."),
    "date": _l("Enter a date."),
    "date_range": _l("Choose a day from %(first)s to %(last)s."),
    "datetime": _l("Enter a date and time."),
    "datetime_range": _l("Choose a time from %(first)s to %(last)s."),
    "list": _l("Choose from the list."),
    "too_many": _l("Choose at most %(max)d."),
    "tags_too_many": _l("At most %(max)d skills."),
    "tag_too_long": _l("A skill has at most %(max)d characters."),
    "region": _l("Choose a region from the list."),
    "region_retired": _l("%(code)s is a former code: use %(current)s."),
    "region_in_list": _l("%(code)s is not a region code: choose regions from the list."),
    "region_province": _l("Choose a city, county or district, not a whole province."),
    "id_number.length": _l("An ID number has 18 characters."),
    "id_number.format": _l("An ID number is 17 digits followed by a digit or X."),
    "id_number.date": _l("The birth date in this ID number does not exist."),
    "id_number.future": _l("The birth date in this ID number lies in the future."),
    "id_number.region": _l("The region code at the start of this ID number does not exist."),
    "id_number.checksum": _l("This ID number is not valid: please check each digit (the last one is a check "
                             "character)."),
    "id_number.underage": _l("Nobody under 16 may be hired (Labour Law art. 15)."),
    "uscc.length": _l("A unified social credit code has 18 characters."),
    "uscc.charset": _l("A unified social credit code uses digits and capital letters other than I, O, S, V "
                       "and Z."),
    "uscc.authority": _l("A unified social credit code starts with the digit or letter of its registration "
                         "authority (1–9, A, N or Y)."),
    "uscc.checksum": _l("This unified social credit code is not valid: please check each character."),
    "mobile.format": _l("Enter an 11-digit mainland mobile number starting with 1, e.g. 13800138000."),
})


class Problems:
    """Every problem of a set of values, collected so that all of them are shown at once."""

    def __init__(self):
        self.found = []

    def add(self, code, field=None, **params):
        self.found.append(RuleError(code, field, **params))

    def check(self, field, rule, *args, **kwargs):
        """What `rule` returns, or None with its refusal kept, said of `field`."""
        try:
            return rule(*args, **kwargs)
        except RuleError as error:
            self.found.extend(error.on(field).problems)
            return None

    def __bool__(self):
        return bool(self.found)

    def fields(self):
        return {problem.field for problem in self.found}

    def raise_any(self):
        if self.found:
            raise RuleError.of(self.found)


def text(value, max_length, required=True):
    """Typed text without the blanks around it; "" when empty and not required."""
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise RuleError("text")
    value = value.strip()
    if required and not value:
        raise RuleError("required")
    if len(value) > max_length:
        raise RuleError("too_long", max=max_length)
    return value


def mobile_number(value):
    """A mainland mobile number as its 11 digits."""
    return mobile.validate(text(value, 40))


def code_text(value, max_length, required=False):
    """A short code people type (a booth number): NFKC, no blanks inside, upper case, then measured."""
    if value is not None and not isinstance(value, str):
        raise RuleError("text")
    normalised = "".join(unicodedata.normalize("NFKC", value or "").split()).upper()
    return text(normalised, max_length, required)


def integer(value, minimum, maximum, required=True):
    """A whole number within the bounds (every column holds it on every database), or None when empty."""
    if value is None or value == "":
        if required:
            raise RuleError("required")
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise RuleError("integer")
    if not minimum <= value <= maximum:
        raise RuleError("number_range", min=f"{minimum:,}", max=f"{maximum:,}")
    return value


def flag(value):
    if value is None:
        return False
    if not isinstance(value, bool):
        raise RuleError("flag")
    return value


def choice(value, allowed, required=True):
    """One of the allowed values, or None when empty and not required."""
    if value in (None, ""):
        if required:
            raise RuleError("required")
        return None
    if not isinstance(value, str) or value not in allowed:
        raise RuleError("choice")
    return value


def day(value, required=False, first=FIRST_DAY, last=LAST_DAY):
    if value is None:
        if required:
            raise RuleError("required")
        return None
    if not isinstance(value, date) or isinstance(value, datetime):
        raise RuleError("date")
    if not first <= value <= last:
        raise RuleError("date_range", first=first.isoformat(), last=last.isoformat())
    return value


def moment(value):
    """A wall-clock time people type (naive) within the years the application takes."""
    if value is None:
        raise RuleError("required")
    if not isinstance(value, datetime) or value.tzinfo is not None:
        raise RuleError("datetime")
    if not FIRST_MOMENT <= value <= LAST_MOMENT:
        raise RuleError("datetime_range", first=FIRST_MOMENT.strftime("%Y-%m-%d %H:%M"),
                        last=LAST_MOMENT.strftime("%Y-%m-%d %H:%M"))
    return value


def string_list(values, max_count):
    """A list of strings without repeats, in the order given."""
    if values is None:
        return []
    if not isinstance(values, list | tuple) or not all(isinstance(value, str) for value in values):
        raise RuleError("list")
    values = list(dict.fromkeys(value.strip() for value in values if value.strip()))
    if len(values) > max_count:
        raise RuleError("too_many", max=max_count)
    return values


def tags(values):
    """Skills as tags: at most 20, each at most 30 characters."""
    try:
        values = string_list(values, MAX_TAGS)
    except RuleError as error:
        if error.code == "too_many":
            raise RuleError("tags_too_many", max=MAX_TAGS) from None
        raise
    if any(len(value) > MAX_TAG_LENGTH for value in values):
        raise RuleError("tag_too_long", max=MAX_TAG_LENGTH)
    return values


def region(value, level="any", required=True):
    """A current region code a person may pick; `level` "below_province" refuses a whole province."""
    if value in (None, ""):
        if required:
            raise RuleError("required")
        return None
    found = regions.get(value) if isinstance(value, str) else None
    if found is not None and found.retired:
        current = regions.current(found.code)
        if current is not None and current.pickable:
            raise RuleError("region_retired", code=found.code, current=current.code)
    if found is None or not found.pickable:
        raise RuleError("region")
    if level == "below_province" and found.level == "province":
        raise RuleError("region_province")
    return found.code


def region_list(values, max_count=50):
    """Region codes, each one a person may pick, without repeats."""
    found = []
    for code in string_list(values, max_count):
        try:
            found.append(region(code))
        except RuleError as error:
            if error.code != "region":
                raise
            raise RuleError("region_in_list", code=code) from None
    return found
