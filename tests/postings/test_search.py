"""The keyword search finds what people type: a trade by any of its names, in Chinese or English, and the
words people use for the same trade (普工 is the commonest word at a fair, yet few postings are titled so)."""
import pytest

from recruit.postings import services
from tests import factories
from tests.postings.helpers import shown_ids


def found(db, q):
    return {posting.title for posting in db.session.scalars(services.search_postings({"q": q}))}


@pytest.fixture
def postings(db):
    """Postings whose titles, descriptions and trades name the same jobs differently."""
    employer = factories.create_employer()
    for title, code, description in [
        ("操作工", "5-99-14", "采摘季节工，按件计酬。"),  # the title a synonym of 普工, the trade not
        ("包装岗位", "6-99-01", "日结，包吃住。"),  # the trade 普工, the words not
        ("钢结构师傅", "6-99-05", "看得懂图纸。"),  # the trade 焊工 (Welder)
        ("仓储物流岗", "6-99-39", "两班倒。"),  # the trade 叉车司机 (Forklift driver)
        ("财务助理", "2-99-13", "熟悉办公软件，提成10%起。"),
        ("保洁阿姨", "4-99-36", "商场保洁，做六休一。"),
    ]:
        factories.create_posting(employer, title=title, occupation_code=code, description=description)
    factories.create_posting(employer, status="pending", title="流水线工（待审）", occupation_code="6-99-01")
    db.session.commit()


def test_a_trade_word_finds_its_synonyms_in_titles_and_the_trade_itself(db, postings):
    assert found(db, "普工") == {"操作工", "包装岗位"}
    assert found(db, "流水线") == {"操作工", "包装岗位"}  # another word of the same group
    assert found(db, "叉车") == {"仓储物流岗"}
    assert found(db, "叉车司机") == {"仓储物流岗"}
    assert found(db, "电焊") == {"钢结构师傅"}
    assert found(db, "焊工") == {"钢结构师傅"}


def test_english_trade_names_find_postings_in_any_case(db, postings):
    assert found(db, "welder") == {"钢结构师傅"}
    assert found(db, "WELDER") == {"钢结构师傅"}
    assert found(db, "Forklift") == {"仓储物流岗"}
    assert found(db, "general worker") == {"操作工", "包装岗位"}  # as 普工 finds, in the titles' Chinese words


def test_a_word_in_the_description_still_counts(db, postings):
    assert found(db, "日结") == {"包装岗位"}
    assert found(db, "办公软件") == {"财务助理"}


def test_every_word_must_match(db, postings):
    assert found(db, "普工 日结") == {"包装岗位"}
    assert found(db, "普工 采摘") == {"操作工"}
    assert found(db, "普工 welder") == set()


def test_a_word_that_names_nothing_finds_nothing(db, postings):
    assert found(db, "潜水员") == set()
    assert found(db, "astronaut") == set()


def test_percent_and_underscore_are_read_as_typed(db, postings):
    assert found(db, "%") == {"财务助理"}
    assert found(db, "10%") == {"财务助理"}
    assert found(db, "_") == set()
    assert found(db, "提成_0") == set()


def test_postings_nobody_may_see_stay_hidden_whatever_the_word(db, postings):
    assert "流水线工（待审）" not in found(db, "流水线工")


def test_the_english_page_finds_a_welder(english, db, postings):
    page = english.get("/postings", query_string={"q": "welder"}).get_data(as_text=True)
    assert len(shown_ids(page)) == 1 and "钢结构师傅" in page


def test_the_bureau_review_list_finds_by_trade_word_and_by_employer(db):
    employer = factories.create_employer(name="衢州焊接科技有限公司")
    factories.create_posting(employer, status="pending", title="操作工", occupation_code="5-99-14")
    factories.create_posting(factories.create_employer(), status="pending", title="会计", occupation_code="2-99-13")
    db.session.commit()

    def titles(text):
        return {posting.title for posting in db.session.scalars(services.for_review(status="pending", text=text))}

    assert titles("普工") == {"操作工"}
    assert titles("焊接科技") == {"操作工"}  # the employer's name
    assert titles("Accountant") == {"会计"}
    assert titles("%") == set()
