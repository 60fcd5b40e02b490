"""Tests for industries, occupations and education levels."""

import pytest

from recruit.domain import education
from recruit.domain import industries
from recruit.domain import occupations

REQUIRED_TRADES = (
    "普工",
    "操作工",
    "电工",
    "焊工",
    "注塑工",
    "装配工",
    "叉车司机",
    "仓库管理员",
    "质检员",
    "厨师",
    "保安员",
    "保洁员",
    "快递员",
    "护理员",
    "销售代表",
    "会计",
)


def test_industry_sections_a_to_t():
    assert list(industries.SECTIONS) == [chr(code) for code in range(ord("A"), ord("T") + 1)]
    assert len(industries.SECTIONS) == 20
    assert industries.name("C") == "制造业"
    assert industries.name("d") == "电力、热力、燃气及水生产和供应业"
    assert industries.name("T", lang="en") == "International organisations"
    assert industries.is_valid("S")
    assert not industries.is_valid("U")
    with pytest.raises(KeyError):
        industries.name("Z")


def test_occupation_count_and_required_trades():
    everything = occupations.all_occupations()
    assert len(everything) >= 110
    names = {occupation.name for occupation in everything}
    assert set(REQUIRED_TRADES) <= names


def test_occupation_codes_and_groups_are_consistent():
    seen_terms = set()
    for occupation in occupations.all_occupations():
        group, middle, _ = occupation.code.split("-")
        assert group == occupation.major_group and group in occupations.MAJOR_GROUPS
        assert middle == "99"
        assert occupation.name_en and occupation.initials.isascii()
        terms = {occupation.name, *occupation.synonyms}
        assert not terms & seen_terms, "a name or synonym must point at one occupation"
        seen_terms |= terms


def test_occupation_lookups():
    forklift = occupations.search("叉车")[0]
    assert forklift.name == "叉车司机"
    assert occupations.major_group_of(forklift.code) == "6"
    assert occupations.get(forklift.code) == forklift
    assert occupations.is_valid(forklift.code)
    assert not occupations.is_valid("6-99-99")
    assert occupations.major_group_of("nonsense") is None


@pytest.mark.parametrize(
    ("query", "name"),
    [
        ("叉车工", "叉车司机"),
        ("ccsj", "叉车司机"),
        ("电焊工", "焊工"),
        ("保安", "保安员"),
        ("仓管", "仓库管理员"),
        ("QC", "质检员"),
        ("cnc", "数控机床操作工"),
        ("采茶", "茶叶种植工"),
        ("制茶", "茶叶加工工"),
        ("光伏", "光伏工程师"),
        ("护工", "护理员"),
        ("程序员", "软件工程师"),
    ],
)
def test_occupation_search_by_synonym_and_initials(query, name):
    assert occupations.search(query)[0].name == name


def test_occupation_search_edge_cases():
    assert occupations.search("") == []
    assert len(occupations.search("工", limit=5)) == 5
    assert all(occupation.major_group == "6" for occupation in occupations.search("6-99", limit=200))


def test_major_groups():
    assert list(occupations.MAJOR_GROUPS) == [str(number) for number in range(1, 9)]
    assert occupations.MAJOR_GROUPS["6"][0] == "生产制造及有关人员"


def test_education_ordering():
    order = ["10", "20", "30", "60", "70", "80", "90"]
    ranks = [education.rank(code) for code in order]
    assert ranks == sorted(ranks, reverse=True)
    assert len(set(ranks)) == len(ranks)
    assert {education.rank(code) for code in ("40", "41", "44", "47", "60")} == {education.rank("60")}


@pytest.mark.parametrize(
    ("seeker", "minimum", "expected"),
    [
        ("10", "20", True),
        ("20", "20", True),
        ("30", "20", False),
        ("47", "60", True),
        ("60", "44", True),
        ("70", "60", False),
        ("90", "80", False),
        ("80", "90", True),
    ],
)
def test_education_meets(seeker, minimum, expected):
    assert education.meets(seeker, minimum) is expected


def test_education_names_choices_and_groups():
    assert education.name("20") == "大学本科"
    assert education.name("47", lang="en") == "Technical school"
    assert [code for code, _ in education.choices()] == list(education.LEVELS)
    assert dict(education.choices("en"))["90"] == "Other"
    assert education.is_valid("41") and not education.is_valid("50")
    assert education.stat_group("10") == "硕士及以上"
    assert education.stat_group("44") == "职高·技校·中专"
    assert education.stat_group("80") == "初中及以下"
    assert {education.stat_group(code) for code in education.LEVELS} == set(education.STAT_GROUPS)
