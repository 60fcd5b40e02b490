"""Mainland China mobile numbers."""

import logging
import re
import unicodedata

from recruit.domain.errors import RuleError

logger = logging.getLogger(__name__)

# Numbers are portable between carriers, so the pattern checks shape only, not prefix lists.
_MOBILE = re.compile(r"1[3-9][0-9]{9}")
_SEPARATORS = re.compile(r"[\s()\-\u2010-\u2015]")
_COUNTRY_PREFIXES = ("+86", "0086")


def normalize(value: str) -> str:
    """Return the digits of a number without country code, spaces, dashes or brackets."""
    text = _SEPARATORS.sub("", unicodedata.normalize("NFKC", value))
    for prefix in _COUNTRY_PREFIXES:
        if text.startswith(prefix):
            return text[len(prefix) :]
    return text


def validate(value: str) -> str:
    """Return the normalised number if it is a mainland mobile number; raise RuleError otherwise."""
    number = normalize(value)
    if not _MOBILE.fullmatch(number):
        raise RuleError("mobile.format")
    return number


def mask(number: str) -> str:
    """Hide the middle four digits: 138****5678; shorter input shows at most a quarter at each end."""
    text = normalize(number)
    size = len(text)
    head, tail = (3, 4) if size >= 11 else (size // 4, size // 4)
    return text[:head] + "*" * (size - head - tail) + text[size - tail :]
