"""Unified social credit codes of organisations (GB 32100-2015)."""

import logging
import re
import unicodedata

from recruit.domain.errors import RuleError

logger = logging.getLogger(__name__)

# 31 symbols without I, O, S, V and Z; a symbol's value is its index.
CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
LENGTH = 18
# Registration authorities; A, N and Y are real (python-stdnum wrongly refuses them).
AUTHORITIES = "123456789ANY"
# GB 11714 organisation code: weights over its first 8 characters, letters valued A=10 … Z=35.
ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)
_REGION = re.compile(r"[0-9]{6}")
_ORG_BODY = re.compile(r"[0-9A-Z]{8}")


def normalize(value: str) -> str:
    """Return the code in NFKC form, without whitespace and in upper case."""
    text = unicodedata.normalize("NFKC", value)
    return "".join(text.split()).upper()


def check_char(first17: str) -> str:
    """Return the MOD 31 check character for the first 17 characters."""
    if len(first17) != LENGTH - 1 or any(char not in CHARSET for char in first17):
        raise RuleError("uscc.charset")
    total = sum(CHARSET.index(char) * weight for char, weight in zip(first17, WEIGHTS, strict=True))
    return CHARSET[-total % 31]


def org_check_char(first8: str) -> str:
    """Return the GB 11714 check character of an organisation code's first 8 characters."""
    if not _ORG_BODY.fullmatch(first8):
        raise ValueError(f"organisation code body must be 8 digits or capitals: {first8!r}")
    total = sum(int(char, 36) * weight for char, weight in zip(first8, ORG_WEIGHTS, strict=True))
    value = 11 - total % 11
    return {10: "X", 11: "0"}.get(value, str(value))


def validate(value: str) -> str:
    """Return the normalised code if it is valid; raise RuleError otherwise."""
    code = normalize(value)
    if len(code) != LENGTH:
        raise RuleError("uscc.length")
    if any(char not in CHARSET for char in code):
        raise RuleError("uscc.charset")
    if code[0] not in AUTHORITIES:
        raise RuleError("uscc.authority")
    if check_char(code[:17]) != code[17]:
        raise RuleError("uscc.checksum")
    return code


def generate(region_code: str, serial: int) -> str:
    """Build a valid code for an enterprise (91) in a region, its organisation code from serial."""
    if not _REGION.fullmatch(region_code):
        raise ValueError(f"region code must be six digits: {region_code!r}")
    if not 0 <= serial <= 99_999_999:
        raise ValueError(f"serial must be 0-99999999: {serial}")
    org_body = f"{serial:08d}"
    first17 = f"91{region_code}{org_body}{org_check_char(org_body)}"
    return first17 + check_char(first17)


def region_code(uscc: str) -> str:
    """Return the six-digit region code (characters 3-8) of a valid code."""
    return validate(uscc)[2:8]
