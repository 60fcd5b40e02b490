"""Tests for resident ID numbers (GB 11643-1999)."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st

from recruit.domain import idcard
from recruit.domain import regions
from recruit.domain.errors import RuleError

TODAY = date(2026, 1, 1)
ALLOWED = "0123456789X"


def error_code(value, today=TODAY):
    """Return the error code parse raises for a value."""
    with pytest.raises(RuleError) as caught:
        idcard.parse(value, today=today)
    return caught.value.code


@pytest.mark.parametrize(
    ("number", "birth", "sex"),
    [
        ("11010519491231002X", date(1949, 12, 31), "F"),
        ("360426199101010071", date(1991, 1, 1), "M"),
        ("120103198806018241", date(1988, 6, 1), "F"),
    ],
)
def test_published_valid_numbers(number, birth, sex):
    info = idcard.parse(number, today=TODAY)
    assert (info.number, info.region_code, info.birth_date, info.sex) == (number, number[:6], birth, sex)


@pytest.mark.parametrize(
    ("number", "code"),
    [
        ("110105194912310021", "id_number.checksum"),
        ("110105194902310026", "id_number.date"),
        ("1101051949123100", "id_number.length"),
        ("110105491231002", "id_number.length"),
        ("11010519491231002A", "id_number.format"),
        ("1101051949123100X2", "id_number.format"),
        ("110105189912310025", "id_number.date"),
        ("999999199001010012", "id_number.region"),
    ],
)
def test_published_and_other_invalid_numbers(number, code):
    assert error_code(number) == code


def test_first_generation_15_digit_numbers_are_refused():
    assert error_code("110105491231002") == "id_number.length"


def test_future_birth_date_is_refused():
    number = idcard.generate("330803", date(2030, 5, 1), 12)
    assert error_code(number) == "id_number.future"
    assert idcard.parse(number, today=date(2031, 1, 1)).birth_date == date(2030, 5, 1)


def test_weining_seeker_with_retired_522427_prefix_is_valid():
    number = idcard.generate("522427", date(1985, 3, 9), 41)
    info = idcard.parse(number, today=TODAY)
    assert info.region_code == "522427"
    assert regions.current(info.region_code).code == "520526"


def test_qu_county_prefix_330821_is_valid():
    assert idcard.validate(idcard.generate("330821", date(1975, 7, 1), 2), today=TODAY)


def test_normalize_accepts_lower_x_full_width_digits_and_spaces():
    assert idcard.validate(" １１０１０５ 19491231 002x ", today=TODAY) == "11010519491231002X"


def test_errors_are_rule_errors_with_a_stable_code_and_no_field():
    with pytest.raises(RuleError) as caught:
        idcard.validate("123")
    assert isinstance(caught.value, ValueError)
    assert (caught.value.code, caught.value.field) == ("id_number.length", None)


@pytest.mark.parametrize(("code", "home"), [("810000", "810000"), ("820000", "820000"), ("830000", "710000")])
def test_residence_permits_of_hong_kong_macao_and_taiwan_residents_are_valid(code, home):
    number = idcard.generate(code, date(1990, 3, 4), 11)
    info = idcard.parse(number, today=TODAY)
    assert (info.region_code, info.birth_date, info.sex) == (code, date(1990, 3, 4), "M")
    assert idcard.home_region_code(info.region_code) == home


def test_an_address_code_of_no_region_and_no_permit_is_refused():
    assert error_code(idcard.generate("840000", date(1990, 3, 4), 11)) == "id_number.region"


def test_a_retired_address_code_stands_for_its_successor():
    assert idcard.home_region_code("522427") == "520526"
    assert idcard.home_region_code("999999") == ""


def test_check_char_matches_standard_example():
    assert idcard.check_char("11010519491231002") == "X"


def test_generate_sets_sex_from_sequence_parity():
    assert idcard.parse(idcard.generate("520526", date(1990, 1, 1), 7), today=TODAY).sex == "M"
    assert idcard.parse(idcard.generate("520526", date(1990, 1, 1), 8), today=TODAY).sex == "F"


@pytest.mark.parametrize(("region", "sequence"), [("52052", 1), ("520526", 1000), ("520526", -1)])
def test_generate_rejects_bad_arguments(region, sequence):
    with pytest.raises(ValueError, match="must be"):
        idcard.generate(region, date(1990, 1, 1), sequence)


@pytest.mark.parametrize(
    ("birth", "day", "age"),
    [
        (date(2000, 6, 15), date(2016, 6, 14), 15),
        (date(2000, 6, 15), date(2016, 6, 15), 16),
        (date(2000, 2, 29), date(2016, 2, 28), 15),
        (date(2000, 2, 29), date(2016, 2, 29), 16),
        (date(2000, 2, 29), date(2017, 2, 28), 16),
        (date(2000, 2, 29), date(2018, 3, 1), 18),
    ],
)
def test_age_on(birth, day, age):
    assert idcard.age_on(birth, day) == age


def test_underage_detection_on_event_day():
    info = idcard.parse(idcard.generate("330803", date(2010, 3, 10), 21), today=TODAY)
    with pytest.raises(RuleError) as caught:
        idcard.check_working_age(info, date(2026, 3, 9))
    assert caught.value.code == "id_number.underage"
    assert idcard.check_working_age(info, date(2026, 3, 10)) is None
    assert info.age_on(date(2026, 3, 10)) == idcard.MIN_WORKING_AGE


@pytest.mark.parametrize(
    ("value", "masked"),
    [
        ("520526199001011234", "520526********1234"),
        ("52052619900101123x", "520526********123X"),
        ("", ""),
        ("1234", "1**4"),
        ("110105491231002", "11010*******002"),
        ("52052619900101123456", "520526**********3456"),
    ],
)
def test_mask(value, masked):
    assert idcard.mask(value) == masked


@pytest.mark.parametrize("size", range(30))
def test_mask_never_reveals_more_than_ten_characters(size):
    masked = idcard.mask("7" * size)
    assert len(masked) == size
    assert sum(char != "*" for char in masked) <= 10


@st.composite
def id_numbers(draw):
    """Draw a valid number from any region of the table (retired ones too), born 1940-2008."""
    region = draw(st.sampled_from(regions.all_regions()))
    birth = draw(st.dates(min_value=date(1940, 1, 1), max_value=date(2008, 12, 31)))
    return idcard.generate(region.code, birth, draw(st.integers(0, 999)))


@settings(database=None, deadline=None)
@given(id_numbers())
def test_every_generated_number_is_valid(number):
    assert idcard.validate(number, today=TODAY) == number


@settings(database=None, deadline=None)
@given(id_numbers())
def test_every_single_character_substitution_is_refused(number):
    """Each of the 18 positions replaced by each other digit or X is refused.

    Stronger claim checked too: when the mutant still has the shape 17 digits + digit/X, its check
    character no longer matches, so MOD 11-2 alone catches it whatever the date and region say
    (every weight is non-zero mod 11 and a digit change is below 11).
    """
    for position in range(18):
        for char in ALLOWED.replace(number[position], ""):
            mutant = number[:position] + char + number[position + 1 :]
            with pytest.raises(RuleError):
                idcard.parse(mutant, today=TODAY)
            if "X" not in mutant[:17]:
                assert idcard.check_char(mutant[:17]) != mutant[17]


@settings(database=None, deadline=None)
@given(id_numbers())
def test_every_adjacent_transposition_is_refused(number):
    """Swapping any two neighbouring, different characters is refused.

    Checked precisely: the MOD 11-2 check itself fails for every such swap among the 18 characters
    (adjacent weights, the check character's being 1, differ mod 11), so even a swap that yields a
    real date and region is caught; a swap moving X out of the last place fails on format.
    """
    for position in range(17):
        first, second = number[position], number[position + 1]
        if first == second:
            continue
        mutant = number[:position] + second + first + number[position + 2 :]
        with pytest.raises(RuleError):
            idcard.parse(mutant, today=TODAY)
        if "X" not in mutant[:17]:
            assert idcard.check_char(mutant[:17]) != mutant[17]
