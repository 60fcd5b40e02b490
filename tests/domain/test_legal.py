"""Tests for the discriminatory-requirement detector."""

import pytest

from recruit.domain import legal


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("招聘普工，限男性，18-45岁", "限男性"),
        ("前台接待，仅限女性", "仅限女性"),
        ("男性优先，能吃苦耐劳", "男性优先"),
        ("诚聘收银员，女士，20-35岁", "女士"),
        ("要求：男，35岁以下", "男"),
        ("性别：女", "性别：女"),
        ("只招女工", "只招女工"),
        ("限汉族", "限汉族"),
        ("汉族优先", "汉族优先"),
        ("维吾尔族勿扰", "维吾尔族勿扰"),
        ("无宗教信仰", "无宗教信仰"),
        ("穆斯林勿扰", "穆斯林勿扰"),
        ("需本地户口", "本地户口"),
        ("仅限本地人", "仅限本地人"),
        ("限浙江籍", "限浙江籍"),
        ("河南人勿扰", "河南人勿扰"),
        ("外地人免谈", "外地人免谈"),
        ("本市户籍优先", "本市户籍优先"),
        ("未婚，身体健康", "未婚"),
        ("已婚已育优先", "已婚已育"),
        ("已育", "已育"),
        ("三年内不得生育", "三年内不得生育"),
        ("请注明是否已婚", "是否已婚"),
        ("Warehouse staff, male only", "male only"),
        ("Receptionist (females only)", "females only"),
        ("Applicants must hold local hukou", "local hukou"),
        ("Men preferred", "Men preferred"),
        ("must be female", "must be female"),
        ("Gender: Male", "Gender: Male"),
        ("State your marital status", "marital status"),
        ("no religion", "no religion"),
    ],
)
def test_detects_discriminatory_requirements(text, phrase):
    assert phrase in legal.find_discriminatory_terms(text)


@pytest.mark.parametrize(
    "text",
    [
        "男女不限",
        "不限性别",
        "男女均可",
        "性别：男女不限，民族不限",
        "男、女不限，户籍不限，欢迎外地朋友",
        "招聘男女普工各10名",
        "提供五险一金（含生育保险），带薪婚假、产假",
        "女职工享受产假和哺乳假",
        "女士服装店招聘营业员",
        "尊敬的女士们、先生们",
        "提供夫妻房、单身公寓",
        "本地人才市场现场招聘",
        "汉族、少数民族均可",
        "不仅男性，女性也可报名",
        "工作地点：衢州市衢江区",
        "Regardless of gender; men and women welcome",
        "Gender: male or female",
        "We welcome applicants of every religion and origin.",
    ],
)
def test_neutral_text_is_not_flagged(text):
    assert legal.find_discriminatory_terms(text) == []


def test_overlapping_matches_merge_and_repeat_once():
    found = legal.find_discriminatory_terms("仅限女性优先考虑；仅限女性")
    assert found == ["仅限女性优先", "仅限女性"]


def test_legal_reason_names_the_articles():
    for article in ("Employment Promotion Law", "art. 3, 26, 27, 28 and 31", "Women's Rights", "art. 43"):
        assert article in legal.LEGAL_REASON
