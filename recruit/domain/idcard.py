"""Resident identity card numbers (GB 11643-1999)."""

import logging
import re
import unicodedata
from dataclasses import dataclass
from datetime import date

from recruit.domain import regions
from recruit.domain.errors import RuleError

logger = logging.getLogger(__name__)

WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
CHECK_CHARS = "10X98765432"
LENGTH = 18
# Labour Law art. 15 forbids hiring anyone under 16.
MIN_WORKING_AGE = 16
# Nobody alive was born earlier; a smaller year is a typing error, not a person.
EARLIEST_BIRTH_YEAR = 1900
_FORMAT = re.compile(r"[0-9]{17}[0-9X]")
_FIRST17 = re.compile(r"[0-9]{17}")
_REGION = re.compile(r"[0-9]{6}")
# Residence permits of Hong Kong, Macao and Taiwan residents carry GB 11643 numbers with these address
# codes (830000 is no GB/T 2260 code); the holders may register and work like any resident. The value is
# the region they come from.
PERMIT_REGIONS = {"810000": "810000", "820000": "820000", "830000": "710000"}


@dataclass(frozen=True)
class IdInfo:
    """What a valid ID number tells: address code, birth date and sex ("M" or "F")."""

    number: str
    region_code: str
    birth_date: date
    sex: str

    def age_on(self, day: date) -> int:
        """Return the holder's age in whole years on the given day."""
        return age_on(self.birth_date, day)


def normalize(value: str) -> str:
    """Return the number in NFKC form, without whitespace and with an upper-case X."""
    text = unicodedata.normalize("NFKC", value)
    return "".join(text.split()).upper()


def check_char(first17: str) -> str:
    """Return the ISO 7064 MOD 11-2 check character for the first 17 digits."""
    if not _FIRST17.fullmatch(first17):
        raise RuleError("id_number.format")
    total = sum(int(digit) * weight for digit, weight in zip(first17, WEIGHTS, strict=True))
    return CHECK_CHARS[total % 11]


def _birth_date(digits: str, today: date) -> date:
    """Return the YYYYMMDD digits as a date no earlier than 1900 and no later than today."""
    try:
        birth = date(int(digits[:4]), int(digits[4:6]), int(digits[6:]))
    except ValueError:
        raise RuleError("id_number.date") from None
    if birth.year < EARLIEST_BIRTH_YEAR:
        raise RuleError("id_number.date")
    if birth > today:
        raise RuleError("id_number.future")
    return birth


def parse(value: str, today: date | None = None) -> IdInfo:
    """Validate an ID number and return what it encodes; raise RuleError otherwise."""
    number = normalize(value)
    if len(number) != LENGTH:
        raise RuleError("id_number.length")
    if not _FORMAT.fullmatch(number):
        raise RuleError("id_number.format")
    birth = _birth_date(number[6:14], today or date.today())
    # The code of the hukou when the number was issued counts, even if it was retired since.
    if number[:6] not in PERMIT_REGIONS and not regions.exists(number[:6], include_retired=True):
        raise RuleError("id_number.region")
    if check_char(number[:17]) != number[17]:
        raise RuleError("id_number.checksum")
    sex = "M" if int(number[16]) % 2 else "F"
    return IdInfo(number=number, region_code=number[:6], birth_date=birth, sex=sex)


def home_region_code(code: str) -> str:
    """The region an ID number's address code stands for today: a retired code's successor, a permit's
    region of origin, or "" when neither is known."""
    if code in PERMIT_REGIONS:
        return PERMIT_REGIONS[code]
    region = regions.current(code)
    return region.code if region is not None else ""


def validate(value: str, today: date | None = None) -> str:
    """Return the normalised number if it is valid; raise RuleError otherwise."""
    return parse(value, today).number


def age_on(birth: date, day: date) -> int:
    """Return the age in whole years on a day; a 29 February birthday falls on 1 March."""
    before_birthday = (day.month, day.day) < (birth.month, birth.day)
    return day.year - birth.year - before_birthday


def check_working_age(info: IdInfo, day: date) -> None:
    """Raise RuleError("id_number.underage") when the holder is under 16 on the day."""
    if info.age_on(day) < MIN_WORKING_AGE:
        raise RuleError("id_number.underage")


def mask(number: str) -> str:
    """Hide the middle of a number: 520526********1234; never shows more than 6 + 4 characters."""
    text = normalize(number)
    size = len(text)
    head = min(6, size // 3)
    tail = min(4, size // 4)
    return text[:head] + "*" * (size - head - tail) + text[size - tail :]


def generate(region_code: str, birth_date: date, sequence: int) -> str:
    """Build a valid number from a region code, a birth date and a sequence 0-999 (odd is male)."""
    if not _REGION.fullmatch(region_code):
        raise ValueError(f"region code must be six digits: {region_code!r}")
    if not 0 <= sequence <= 999:
        raise ValueError(f"sequence must be 0-999: {sequence}")
    first17 = f"{region_code}{birth_date.year:04d}{birth_date.month:02d}{birth_date.day:02d}{sequence:03d}"
    return first17 + check_char(first17)
