"""The region search behind the picker, and the privacy notice."""
from recruit.seekers.services import PRIVACY_VERSION


def search(client, query):
    response = client.get("/regions/search", query_string={"q": query})
    assert response.status_code == 200
    assert response.is_json
    return response.get_json()


def test_region_search_finds_qujiang_by_name_and_by_pinyin_initials(client, db):
    qujiang = {"code": "330803", "name": "衢江区", "full_name": "浙江省衢州市衢江区"}
    assert search(client, "衢江")[0] == qujiang
    for query in ("qjq", "QJQ", " qjq "):
        assert qujiang in search(client, query)  # 前进区 has the same initials


def test_region_search_offers_only_current_regions(client, db):
    codes = [r["code"] for r in search(client, "威宁")]
    assert codes[0] == "520526"
    assert "522427" not in codes  # the retired code of the same county
    assert "330821" not in [r["code"] for r in search(client, "衢")]  # 衢县, merged into 衢江区 in 2001
    found = [r["code"] for r in search(client, "衢州")]
    assert found[0] == "330800" and "330803" in found  # the city named as typed, then its counties


def test_region_search_with_nothing_typed_is_empty(client, db):
    assert search(client, "") == []
    assert search(client, "zzzzzz") == []


def test_privacy_notice_says_what_why_how_long_who_and_rights(client, db):
    client.get("/lang/en")
    page = client.get("/privacy").get_data(as_text=True)
    for heading in ("What we keep", "Why we keep it", "Who sees it", "How long we keep it", "Your rights",
                    "Contact"):
        assert heading in page
    assert f'data-privacy-version="{PRIVACY_VERSION}"' in page
