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
        "联系人：王女士 13800138000",
        "有意者请联系李先生或张女士",
    ],
)
def test_neutral_text_is_not_flagged(text):
    assert legal.find_discriminatory_terms(text) == []


# (text, phrase): the phrase the check must quote, or None when the text must pass unflagged.
SEX_IN_JOB_WORDS = [
    # A job word that names one sex: in a title, at the start of a clause, after a verb of hiring, or preferred.
    ("女工（流水线）", "女工"),
    ("男普工", "男普工"),
    ("女操作工", "女操作工"),
    ("招女服务员", "女服务员"),
    ("男保安", "男保安"),
    ("女店员", "女店员"),
    ("招聘10名女工，两班倒", "女工"),
    ("急招女操作工，月薪6000", "女操作工"),
    ("岗位：男司机", "男司机"),
    ("招聘普工、女操作工", "女操作工"),
    ("女性操作工", "女性操作工"),
    ("男技术员若干", "男技术员"),
    ("公司女员工优先", "女员工优先"),
    ("招女职工，享受产假", "女职工"),
    # The sex word belongs to goods, a department or a business; both sexes; the employees' rights and facilities.
    ("女鞋专柜店员", None),
    ("女鞋店员", None),
    ("男装导购", None),
    ("男科医师", None),
    ("女子美容院招聘美容师", None),
    ("母婴护理员", None),
    ("妇女用品销售员", None),
    ("不限男女", None),
    ("招聘男女普工各10名", None),
    ("男、女普工各5名", None),
    ("女职工享受产假和哺乳假", None),
    ("女职工按国家规定享受产假", None),
    ("提供男女职工宿舍", None),
    ("设女职工休息室", None),
    ("女性工资与男性相同", None),
    ("员工子女优先入学", None),
    ("欢迎退役军人报名", None),
    ("女士服装店招聘营业员", None),
]
NATIVES_OF_A_REGION = [
    # A region of any level, by full or short name, with a native marker and a preference or refusal.
    ("威宁籍人员优先", "威宁籍人员优先"),
    ("威宁县人优先", "威宁县人优先"),
    ("威宁彝族回族苗族自治县籍优先", "威宁彝族回族苗族自治县籍优先"),
    ("威宁籍务工人员优先", "威宁籍务工人员优先"),
    ("衢江户口优先", "衢江户口优先"),
    ("报名请带户口本，衢江区户籍优先", "衢江区户籍优先"),
    ("毕节户籍优先", "毕节户籍优先"),
    ("贵州省籍优先", "贵州省籍优先"),
    ("衢州人优先", "衢州人优先"),
    ("河南人勿扰", "河南人勿扰"),
    ("内蒙古人勿扰", "内蒙古人勿扰"),
    ("广西人免谈", "广西人免谈"),
    ("新疆籍除外", "新疆籍除外"),
    ("宁夏人不要", "宁夏人不要"),
    ("西藏籍人员优先", "西藏籍人员优先"),
    ("香港人优先", "香港人优先"),
    ("黔东南州人勿扰", "黔东南州人勿扰"),
    ("东乡人优先", "东乡人优先"),
    ("赵县人优先", "赵县人优先"),
    # ... or a restriction, preference or refusal before it.
    ("不招贵州人", "不招贵州人"),
    ("谢绝河南籍", "谢绝河南籍"),
    ("不招河南、四川", "不招河南"),
    ("限威宁户籍", "限威宁户籍"),
    ("仅限衢州本地人", "仅限衢州本地人"),
    ("仅招威宁籍", "仅招威宁籍"),
    ("必须是威宁籍", "必须是威宁籍"),
    ("需要衢江户口", "需要衢江户口"),
    ("优先录用毕节籍人员", "优先录用毕节籍人员"),
    ("户籍：威宁县", "户籍：威宁县"),
    # Welcomes, places of work, organisations, and words that only look like a marker.
    ("欢迎威宁籍务工人员报名", None),
    ("招收威宁籍务工人员50名", None),
    ("衢州人才市场", None),
    ("贵州人民出版社", None),
    ("需衢江区人社局盖章", None),
    ("工作地点：衢江区", None),
    ("面向威宁县招工，提供路费补贴", None),
    ("户籍不限", None),
    ("不限威宁籍", None),
    ("不要求衢江户口", None),
    ("贵州人不要错过", None),
    ("威宁籍人员报名不收费", None),
    ("退役军人优先", None),
    ("就业困难人员优先", None),
    ("赵人优先", None),
    ("市辖区人员优先", None),
]


@pytest.mark.parametrize(("text", "phrase"), SEX_IN_JOB_WORDS + NATIVES_OF_A_REGION)
def test_sex_in_job_words_and_natives_of_a_region(text, phrase):
    found = legal.find_discriminatory_terms(text)
    if phrase is None:
        assert found == []
    else:
        assert phrase in found


def test_overlapping_matches_merge_and_repeat_once():
    found = legal.find_discriminatory_terms("仅限女性优先考虑；仅限女性")
    assert found == ["仅限女性优先", "仅限女性"]


def test_legal_reason_names_the_articles():
    for article in ("Employment Promotion Law", "art. 3, 26, 27, 28 and 31", "Women's Rights", "art. 43"):
        assert article in legal.LEGAL_REASON
