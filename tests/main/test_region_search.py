"""The region picker puts the obvious answer first: the place named as typed, then the places the bureau works
with (the province of its events, the hometowns its drives recruit from), then the rest of China."""
import pytest

from tests import factories

QUJIANG = "330803"
QIANJIN = "230804"  # 黑龙江 佳木斯 前进区: the same initials, qjq
WEINING = "520526"
WUNING = "360423"  # 江西 九江 武宁县: initials wnx


def codes(client, query):
    response = client.get("/regions/search", query_string={"q": query})
    assert response.status_code == 200
    return [region["code"] for region in response.get_json()]


@pytest.fixture
def drive(db):
    """A cross-province drive hosted in 衢江区 that recruits from 威宁."""
    factories.create_event(kind="cross_province", host_region_code=QUJIANG, origin_region_codes=[WEINING])
    db.session.commit()


def test_initials_shared_across_china_list_the_bureaus_places_first(client, drive):
    found = codes(client, "qjq")
    assert found.index(QUJIANG) < found.index(QIANJIN)
    found = codes(client, "wn")
    assert found[0] == WEINING and WUNING in found


def test_a_whole_province_of_the_events_comes_first_not_only_the_host_county(client, db):
    factories.create_event(host_region_code="330881")  # 江山市, in the same province as 衢江区
    db.session.commit()
    found = codes(client, "qjq")
    assert found.index(QUJIANG) < found.index(QIANJIN)


def test_a_city_typed_without_its_suffix_comes_before_its_counties(client, drive):
    found = codes(client, "衢州")
    assert found[0] == "330800"
    assert QUJIANG in found[1:]


def test_without_events_the_exact_name_still_comes_first_and_nothing_is_lost(client, db):
    found = codes(client, "衢州")
    assert found[0] == "330800" and QUJIANG in found
    assert {QUJIANG, QIANJIN} <= set(codes(client, "qjq"))
    assert {WEINING, WUNING} <= set(codes(client, "wn"))
    assert codes(client, "毕节市")[0] == "520500"


def test_the_exact_name_beats_a_preferred_region(client, drive):
    assert codes(client, "毕节市")[0] == "520500"
    assert codes(client, "武宁")[0] == WUNING  # 武宁县, though 威宁 is the drive's origin
    assert codes(client, "衢江")[0] == QUJIANG


def test_digits_read_in_code_order_whatever_the_preference(client, drive):
    found = codes(client, "52")
    assert found == sorted(found) and found[0] == "520000"
    assert codes(client, "3308")[0] == "330800"


def test_broken_region_codes_in_an_event_prefer_nothing(client, db):
    factories.create_event(host_region_code="999999", origin_region_codes=["", "52", None, 520526])
    db.session.commit()
    found = codes(client, "wn")
    assert found[0] == WUNING


def test_retired_codes_are_never_offered_even_in_a_preferred_region(client, drive):
    assert "522427" not in codes(client, "威宁")  # the code 威宁 had until 2011
    assert "330821" not in codes(client, "衢")  # 衢县, merged into 衢江区 in 2001
