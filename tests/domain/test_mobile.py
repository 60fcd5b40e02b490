"""Tests for mainland mobile numbers."""

import pytest

from recruit.domain import mobile
from recruit.domain.errors import RuleError


@pytest.mark.parametrize(
    ("value", "number"),
    [
        ("+86 138-0013-8000", "13800138000"),
        ("0086 13800138000", "13800138000"),
        ("(+86) 199 1234 5678", "19912345678"),
        ("＋８６　１３８００１３８０００", "13800138000"),
        ("13800138000", "13800138000"),
        ("166 0000 0000", "16600000000"),
    ],
)
def test_valid_numbers(value, number):
    assert mobile.validate(value) == number


@pytest.mark.parametrize(
    "value",
    ["12345678901", "1380013800", "138001380000", "+1 415 555 0100", "", "1380013800a", "10800138000"],
)
def test_invalid_numbers(value):
    with pytest.raises(RuleError) as caught:
        mobile.validate(value)
    assert caught.value.code == "mobile.format"


@pytest.mark.parametrize(
    ("value", "masked"),
    [("13812345678", "138****5678"), ("+86 138-1234-5678", "138****5678"), ("12345", "1***5"), ("", "")],
)
def test_mask(value, masked):
    assert mobile.mask(value) == masked
