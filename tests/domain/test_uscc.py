"""Tests for unified social credit codes (GB 32100-2015)."""

import pytest
from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st

from recruit.domain import regions
from recruit.domain import uscc
from recruit.domain.errors import RuleError

VALID = (
    "91110108551385082Q",
    "91110000600037341L",
    "121200004013590816",
    "91310115MA1K3BTP2B",
    "9144030071526726XG",
)


def error_code(value):
    """Return the error code validate raises for a value."""
    with pytest.raises(RuleError) as caught:
        uscc.validate(value)
    return caught.value.code


def mod31_holds(code):
    """Whether the weighted sum of all 18 values is 0 mod 31 (the check character's weight is 1)."""
    values = [uscc.CHARSET.index(char) for char in code]
    return (sum(v * w for v, w in zip(values[:17], uscc.WEIGHTS, strict=True)) + values[17]) % 31 == 0


@pytest.mark.parametrize("code", VALID)
def test_published_valid_codes(code):
    assert uscc.validate(code) == code
    assert mod31_holds(code)


@pytest.mark.parametrize("code", VALID)
def test_published_codes_carry_a_valid_organisation_code(code):
    assert uscc.org_check_char(code[8:16]) == code[16]


@pytest.mark.parametrize(
    ("code", "error"),
    [
        ("91110108551385082R", "uscc.checksum"),
        ("91110108551385O82Q", "uscc.charset"),
        ("9111010855138508Q", "uscc.length"),
        ("B1110108551385082Q", "uscc.authority"),
        ("91110108551385I82Q", "uscc.charset"),
    ],
)
def test_published_and_other_invalid_codes(code, error):
    assert error_code(code) == error


@pytest.mark.parametrize("authority", "ANY")
def test_letter_registration_authorities_are_legitimate(authority):
    first17 = authority + "1330803MA2DXXXX1"
    code = first17 + uscc.check_char(first17)
    assert uscc.validate(code) == code


def test_normalize_lower_case_and_spaces():
    assert uscc.validate(" 91310115ma1k3btp2b ") == "91310115MA1K3BTP2B"


def test_generate_and_region_code():
    code = uscc.generate("330803", 12345)
    assert code.startswith("91330803")
    assert uscc.validate(code) == code
    assert uscc.org_check_char(code[8:16]) == code[16]
    assert uscc.region_code(code) == "330803"


@pytest.mark.parametrize(("region", "serial"), [("33080", 1), ("330803", -1), ("330803", 10**8)])
def test_generate_rejects_bad_arguments(region, serial):
    with pytest.raises(ValueError, match="must be"):
        uscc.generate(region, serial)


region_codes = st.sampled_from([region.code for region in regions.all_regions()])
generated = st.builds(uscc.generate, region_codes, st.integers(0, 99_999_999))


@st.composite
def arbitrary_codes(draw):
    """Draw any valid code: an authority, 16 symbols of the charset, then its check character."""
    body = draw(st.sampled_from(uscc.AUTHORITIES)) + draw(
        st.text(alphabet=uscc.CHARSET, min_size=16, max_size=16)
    )
    return body + uscc.check_char(body)


codes = st.one_of(generated, arbitrary_codes())


@settings(database=None, deadline=None)
@given(generated)
def test_every_generated_code_is_valid(code):
    assert uscc.validate(code) == code


@settings(database=None, deadline=None)
@given(codes)
def test_every_single_character_substitution_is_refused(code):
    """Each position replaced by each of the other 30 symbols is refused.

    Precisely: with 31 prime and every weight non-zero mod 31, no substitution keeps the MOD 31 sum,
    so the check fails even where the first character is still a valid authority.
    """
    for position in range(18):
        for char in uscc.CHARSET.replace(code[position], ""):
            mutant = code[:position] + char + code[position + 1 :]
            with pytest.raises(RuleError):
                uscc.validate(mutant)
            assert not mod31_holds(mutant)


@settings(database=None, deadline=None)
@given(codes)
def test_every_adjacent_transposition_is_refused(code):
    """Swapping any two neighbouring, different symbols is refused.

    Precisely: a swap at i, i+1 changes the sum by (a - b)(w_i - w_i+1). The weights are 3^i mod 31,
    so w_i - w_i+1 = -2 w_i, never 0 mod 31, and for the last pair 28 - 1 = 27; 0 < |a - b| < 31.
    Hence MOD 31 detects every adjacent transposition, which this test verifies rather than assumes.
    """
    for position in range(17):
        first, second = code[position], code[position + 1]
        if first == second:
            continue
        mutant = code[:position] + second + first + code[position + 2 :]
        with pytest.raises(RuleError):
            uscc.validate(mutant)
        assert not mod31_holds(mutant)
