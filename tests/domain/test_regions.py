"""Tests for the GB/T 2260 region table."""

from recruit.domain import regions


def codes(found):
    """Return the codes of a search result."""
    return [region.code for region in found]


def test_qujiang_and_its_parents():
    region = regions.get("330803")
    assert (region.name, region.level, region.parent_code) == ("衢江区", "county", "330800")
    assert region.full_name == "浙江省衢州市衢江区"
    assert region.initials == "qjq"
    assert not region.retired and region.pickable
    assert regions.city_of("330803").name == "衢州市"
    assert regions.province_of("330803").code == "330000"
    assert regions.get("330000").name == "浙江省"


def test_weining_and_its_parents():
    region = regions.get("520526")
    assert region.name == "威宁彝族回族苗族自治县"
    assert region.full_name == "贵州省毕节市威宁彝族回族苗族自治县"
    assert regions.city_of("520526").code == "520500"
    assert regions.province_of("520526").name == "贵州省"


def test_weining_former_code_is_retired_with_successor():
    region = regions.get("522427")
    assert region.retired and not region.pickable
    assert region.valid_until == 2011
    assert region.successor_code == "520526"
    assert regions.current("522427").code == "520526"
    assert regions.exists("522427")
    assert not regions.exists("522427", include_retired=False)


def test_qu_county_is_retired_with_successor_qujiang():
    region = regions.get("330821")
    assert region.retired and region.valid_until == 2001
    assert regions.current("330821").code == "330803"


def test_successor_chain_is_followed():
    assert regions.get("542623").successor_code == "540422"
    assert regions.current("542623").code == "540481"


def test_current_of_a_current_code_is_itself_and_unknown_is_none():
    assert regions.current("330803").code == "330803"
    assert regions.current("999999") is None


def test_placeholder_rows_resolve_but_are_not_offered():
    assert regions.get("110101").name == "东城区"
    assert regions.get("110101").full_name == "北京市东城区"
    assert regions.exists("110100")
    assert not regions.get("110100").pickable
    assert all(region.name != "市辖区" for region in regions.search("市辖区", limit=100))
    assert "110100" not in codes(regions.children("110000"))


def test_province_direct_county_has_no_city():
    assert regions.get("429004").parent_code == "420000"
    assert regions.city_of("429004") is None
    assert regions.full_name("429004") == "湖北省仙桃市"


def test_full_name_falls_back_to_code():
    assert regions.full_name("999999") == "999999"
    assert regions.get("999999") is None


def test_search_by_name_initials_and_code():
    assert codes(regions.search("衢江"))[0] == "330803"
    # 前进区 (230804) has the same initials; both are exact initials matches.
    assert "330803" in codes(regions.search("qjq"))
    assert "330803" in codes(regions.search("QJQ"))
    assert codes(regions.search("wnyz"))[0] == "520526"
    assert "520526" in codes(regions.search("威宁"))
    assert "522427" not in codes(regions.search("威宁"))
    assert "522427" in codes(regions.search("威宁", include_retired=True))
    assert codes(regions.search("3308"))[0] == "330800"
    assert codes(regions.search("330803")) == ["330803"]


def test_search_ranks_exact_name_then_prefix_then_substring():
    found = regions.search("衢州", limit=50)
    assert found[0].code == "330800"
    assert "330803" in codes(found)
    assert codes(regions.search("朝阳区", limit=5))[0] in {"110105", "220104", "211300"}
    assert regions.search("  ") == []
    assert len(regions.search("区", limit=7)) == 7


def test_every_parent_exists_and_is_one_level_up():
    table = {region.code: region for region in regions.all_regions()}
    for region in table.values():
        if region.level == "province":
            assert region.parent_code is None
            continue
        parent = table[region.parent_code]
        assert parent.level in ("province", "city")
        assert region.code.startswith(parent.code[:2])


def test_counts_of_current_units():
    current = [region for region in regions.all_regions() if region.pickable]
    counties = [region for region in current if region.level == "county"]
    provinces = [region for region in current if region.level == "province"]
    assert len(counties) >= 2800
    assert len(provinces) >= 31
    assert len(provinces) == 34
    assert sum(region.level == "city" for region in current) >= 330


def test_codes_are_unique_six_digits_and_levels_known():
    all_regions = regions.all_regions()
    assert len({region.code for region in all_regions}) == len(all_regions)
    for region in all_regions:
        assert len(region.code) == 6 and region.code.isdigit()
        assert region.level in regions.LEVELS
        assert region.initials.isascii()


def test_every_successor_exists():
    for region in regions.all_regions():
        if region.successor_code:
            assert region.retired
            assert regions.get(region.successor_code) is not None


def test_children_lists_pickable_units():
    names = {region.name for region in regions.children("330800")}
    assert "衢江区" in names
    assert "衢县" not in names
    assert "衢县" in {region.name for region in regions.children("330800", include_retired=True)}


def test_a_name_typed_without_its_suffix_counts_as_exact():
    assert regions.short_name("衢州市") == "衢州"
    assert regions.short_name("内蒙古自治区") == "内蒙古"
    assert regions.short_name("神农架林区") == "神农架"
    assert regions.short_name("滑县") == "滑县"  # one character alone stands for nothing
    assert codes(regions.search("衢州"))[0] == "330800"
    assert codes(regions.search("内蒙古"))[0] == "150000"
    assert codes(regions.search("武宁"))[0] == "360423"


def test_preferred_regions_come_right_after_the_exact_name():
    prefer = ["330000", "520526"]
    assert codes(regions.search("qjq", prefer=prefer))[0] == "330803"
    assert codes(regions.search("wn", prefer=prefer))[0] == "520526"
    assert codes(regions.search("衢州", prefer=prefer))[0] == "330800"
    assert codes(regions.search("武宁", prefer=prefer))[0] == "360423"
    # A city prefers its counties; typed digits still read in code order.
    assert codes(regions.search("wn", prefer=["520500"]))[0] == "520526"
    assert codes(regions.search("52", prefer=prefer)) == sorted(codes(regions.search("52", prefer=prefer)))


def test_unknown_preferred_codes_change_nothing():
    assert codes(regions.search("wn", prefer=["", "99", "999999"])) == codes(regions.search("wn"))
