"""Scores: hard filters as eligibility defines them, weighted terms in the expected order, reasons."""
from datetime import date
from types import SimpleNamespace

import numpy as np
import pytest
from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st

from recruit.domain import eligibility
from recruit.domain import idcard
from recruit.matching import loading
from recruit.matching import reasons
from recruit.matching import score as scoring

DAY = date(2026, 3, 1)


def seeker(id=1, birth=date(1995, 5, 17), education="60", region="330803", hometown="330803", relocate=False,
           available=None, salary=5000, trades=("6-99-01",), skills=()):
    return SimpleNamespace(id=id, birth_date=birth, education=education, current_region_code=region,
                           hometown_code=hometown, willing_to_relocate=relocate, available_from=available,
                           expected_salary=salary, desired_occupations=list(trades), skills=list(skills))


def posting(id=1, age=(16, 60), education=None, region="330803", pay=(4500, 6500), trade="6-99-01", skills=(),
            dormitory=False, housing=False, travel=False, headcount=5, signed=0):
    return SimpleNamespace(id=id, age_min=age[0], age_max=age[1], education_min=education, work_region_code=region,
                           salary_min=pay[0], salary_max=pay[1], occupation_code=trade, skills=list(skills),
                           dormitory=dormitory, housing=housing, travel_subsidy=travel, headcount=headcount,
                           signed_count=signed)


def tables(seekers, postings, day=DAY):
    vocabulary = loading.Vocabulary()
    p = loading.postings_table(postings, vocabulary)
    s = loading.seekers_table(seekers, day, vocabulary)
    loading.finish(vocabulary, s, p)
    return s, p, vocabulary


def ranked(one_seeker, postings, **kwargs):
    """Posting ids in the order the seeker's list shows them, with their scores."""
    s, p, _ = tables([one_seeker], postings)
    edges = scoring.top_postings(s, p, loading.trades(), k=len(postings), **kwargs)
    return [(int(p.ids[j]), round(float(v), 1)) for j, v in zip(edges.posting, edges.score, strict=True)]


def test_the_same_trade_in_the_same_county_scores_full_marks():
    assert ranked(seeker(), [posting()]) == [(1, 100.0)]


def test_expected_order_trade_then_pay_then_place():
    offers = [
        posting(id=1, trade="6-99-05"),  # 焊工: same major group as 普工, related
        posting(id=2),  # 普工, everything fits
        posting(id=3, pay=(3000, 4000)),  # 普工 but pays less than expected
        posting(id=4, region="330802"),  # 普工 in the same city, another county
        posting(id=5, trade="4-99-06"),  # another major group: not a candidate at all
    ]
    order = [posting_id for posting_id, _ in ranked(seeker(), offers)]
    assert order == [2, 4, 3, 1]


def test_skills_asked_for_and_synonyms_count_once():
    has_it = seeker(skills=["叉车证"])
    offers = [posting(id=1, skills=["叉车"]), posting(id=2, skills=["电焊"])]
    assert ranked(has_it, offers) == [(1, 100.0), (2, 80.0)]


@pytest.mark.parametrize(("who", "offer"), [
    (seeker(birth=date(1960, 1, 1)), posting(age=(18, 45))),  # too old on the day
    (seeker(birth=date(2011, 1, 1)), posting()),  # 15 on the day
    (seeker(education="70"), posting(education="60")),  # junior high for a senior-high minimum
    (seeker(education=None), posting(education="70")),  # no level given, a minimum asked
    (seeker(relocate=False), posting(region="520526")),  # another province, not willing
    (seeker(available=date(2026, 4, 1)), posting()),  # starts after the day
])
def test_a_seeker_failing_a_hard_filter_never_appears(who, offer):
    assert ranked(who, [offer]) == []


def test_a_seeker_willing_to_relocate_is_matched_across_provinces_with_its_reason():
    weining = seeker(region="520526", hometown="520526", relocate=True)
    s, p, words = tables([weining], [posting(dormitory=True, travel=True)])
    edges = scoring.top_postings(s, p, loading.trades(), k=1)
    assert len(edges) == 1
    phrases = [str(r) for r in reasons.explain(s, 0, p, 0, loading.trades(), words.words)]
    assert phrases == ["Desired trade matches", "Pay within range", "Willing to work in another province",
                       "Dormitory or housing offered", "Travel subsidy offered"]


def test_reasons_name_the_missing_skill():
    s, p, words = tables([seeker(skills=["电焊"])], [posting(skills=["叉车证", "电焊"], pay=(3000, 4000))])
    phrases = [str(r) for r in reasons.explain(s, 0, p, 0, loading.trades(), words.words)]
    assert "Missing: 叉车" in phrases
    assert "Pays less than expected" in phrases


def test_weights_come_from_configuration_and_change_the_order():
    offers = [posting(id=1, pay=(3000, 4000)), posting(id=2, trade="6-99-05")]
    assert [i for i, _ in ranked(seeker(), offers)] == [1, 2]
    pay_matters = scoring.parse_weights("occupation=10,salary=80")
    assert [i for i, _ in ranked(seeker(), offers, weights=pay_matters)] == [2, 1]


@pytest.mark.parametrize("text", ["occupation=abc", "luck=5", "occupation=-1", "occupation=0,skills=0,salary=0,"
                                  "region=0,benefits=0"])
def test_unusable_weights_are_refused(text):
    with pytest.raises(scoring.WeightsError):
        scoring.parse_weights(text)


def test_a_bad_weight_setting_stops_the_start_with_its_name(monkeypatch):
    from recruit import create_app
    from recruit.config import ConfigError

    monkeypatch.setenv("RECRUIT_MATCH_WEIGHTS", "luck=5")
    with pytest.raises(ConfigError, match="RECRUIT_MATCH_WEIGHTS"):
        create_app()


def test_a_posting_whose_trade_left_the_list_is_offered_only_to_open_minded_seekers():
    offers = [posting(id=1, trade="9-99-99")]
    assert ranked(seeker(), offers) == []
    assert [i for i, _ in ranked(seeker(trades=()), offers)] == [1]


births = st.dates(min_value=date(1950, 1, 1), max_value=date(2012, 12, 31))
levels = st.sampled_from([None, "10", "20", "30", "41", "60", "70", "80", "90"])
places = st.sampled_from(["330803", "330802", "330881", "520526", "110101"])


@settings(max_examples=200, deadline=None)
@given(birth=births, level=levels, minimum=levels, home=places, work=places, relocate=st.booleans(),
       age_min=st.integers(16, 40), span=st.integers(0, 40), starts=st.none() | st.dates(date(2026, 1, 1),
                                                                                          date(2026, 6, 1)))
def test_the_matcher_filters_exactly_as_eligibility_does(birth, level, minimum, home, work, relocate, age_min, span,
                                                         starts):
    who = seeker(birth=birth, education=level, region=home, hometown=home, relocate=relocate, available=starts)
    offer = posting(age=(age_min, min(age_min + span, 80)), education=minimum, region=work)
    expected = (eligibility.age_fits(birth, DAY, offer.age_min, offer.age_max)
                and eligibility.education_fits(level, minimum)
                and eligibility.relocation_fits(home, work, relocate)
                and eligibility.available_by(starts, DAY))
    s, p, _ = tables([who], [offer])
    assert bool(scoring.fits(s, np.array([0]), p, np.array([0]))[0, 0]) == expected
    assert (len(scoring.top_postings(s, p, loading.trades(), k=1)) == 1) == expected


@settings(max_examples=200, deadline=None)
@given(expected=st.integers(1000, 20000), raise_by=st.integers(0, 20000), top=st.integers(3000, 15000),
       trade=st.sampled_from(["6-99-01", "6-99-05", "4-99-06"]), region=places)
def test_asking_for_more_pay_never_raises_a_score(expected, raise_by, top, trade, region):
    offer = posting(pay=(2000, top), trade=trade, region=region)
    before = ranked(seeker(salary=expected, relocate=True), [offer])
    after = ranked(seeker(salary=expected + raise_by, relocate=True), [offer])
    assert bool(before) == bool(after)
    if before:
        assert after[0][1] <= before[0][1]


def test_each_seekers_list_keeps_their_best_k_across_occupation_groups():
    wide = seeker(trades=("6-99-01", "4-99-06"))
    offers = [posting(id=i, trade="6-99-01" if i % 2 else "4-99-06", pay=(4000, 4000 + 100 * i)) for i in range(1, 9)]
    listed = ranked(wide, offers)
    scores = [v for _, v in listed]
    assert len(listed) == 8 and scores == sorted(scores, reverse=True)
    s, p, _ = tables([wide, seeker(id=2)], offers)
    edges = scoring.top_postings(s, p, loading.trades(), k=3)
    assert np.bincount(edges.seeker).tolist() == [3, 3]


def test_age_is_counted_on_the_matching_day():
    turning_sixteen = seeker(birth=date(2010, 3, 2))
    assert ranked(turning_sixteen, [posting()]) == []
    s, p, _ = tables([turning_sixteen], [posting()], day=date(2026, 3, 2))
    assert idcard.age_on(date(2010, 3, 2), date(2026, 3, 2)) == 16
    assert len(scoring.top_postings(s, p, loading.trades(), k=1)) == 1


@settings(max_examples=300, deadline=None)
@given(birth=st.dates(date(1940, 1, 1), date(2012, 12, 31)), day=st.dates(date(2020, 1, 1), date(2030, 12, 31)))
def test_ages_of_many_are_counted_as_the_id_number_rule_counts_one(birth, day):
    assert int(loading._ages([birth], day)[0]) == idcard.age_on(birth, day)


def random_tables(rng, n_seekers, n_postings):
    trade_codes = ["6-99-01", "6-99-05", "6-99-39", "4-99-06", "2-99-03"]
    places = ["330803", "330802", "330881", "520526", "110101"]
    levels = [None, "20", "30", "60", "70"]
    tags = ["叉车", "电焊", "CAD", "普工", "电工证", "包装"]
    people = [seeker(id=i + 1, birth=date(int(rng.integers(1960, 2009)), int(rng.integers(1, 13)), 1),
                     education=levels[rng.integers(5)], region=places[rng.integers(5)],
                     hometown=places[rng.integers(5)], relocate=bool(rng.integers(2)),
                     available=None if rng.integers(3) else date(2026, int(rng.integers(1, 6)), 1),
                     salary=int(rng.integers(0, 20)) * 500,
                     trades=list(rng.choice(trade_codes, size=rng.integers(0, 4), replace=False)),
                     skills=list(rng.choice(tags, size=rng.integers(0, 4), replace=False)))
              for i in range(n_seekers)]
    offers = [posting(id=j + 1, age=(int(rng.integers(16, 30)), int(rng.integers(30, 61))),
                      education=levels[rng.integers(5)], region=places[rng.integers(5)],
                      pay=(3000, int(rng.integers(7, 20)) * 500), trade=trade_codes[rng.integers(5)],
                      skills=list(rng.choice(tags, size=rng.integers(0, 3), replace=False)),
                      dormitory=bool(rng.integers(2)), travel=bool(rng.integers(2)))
              for j in range(n_postings)]
    return tables(people, offers)


def test_the_fast_block_scores_agree_with_the_definition_term_by_term():
    s, p, _ = random_tables(np.random.default_rng(7), 300, 40)
    rows, cols = np.arange(len(s)), np.arange(len(p))
    weights = scoring.Weights.of()
    definition = scoring.score_block(s, rows, p, cols, loading.trades().groups, weights)
    occupation = definition.terms["occupation"]
    expected = np.where(definition.fit, definition.scores, -np.inf)
    for credit in (1.0, scoring.ANY_TRADE):
        fast = scoring.fast_scores(s, rows, p, cols, weights, credit)
        same = occupation == credit
        assert same.any()
        np.testing.assert_allclose(fast[same], expected[same], atol=1e-3)
    related = scoring.fast_scores(s, rows, p, cols, weights, "related")
    shown = (occupation == scoring.RELATED_TRADE) & (s.trades[:, 0] != -1)[:, None]
    np.testing.assert_allclose(related[shown], expected[shown], atol=1e-3)


def test_the_blocked_top_lists_equal_a_full_sort_of_every_pair():
    s, p, _ = random_tables(np.random.default_rng(11), 400, 60)
    k = 5
    definition = scoring.score_block(s, np.arange(len(s)), p, np.arange(len(p)), loading.trades().groups,
                                     scoring.Weights.of())
    edges = scoring.top_postings(s, p, loading.trades(), k=k)
    for row in range(len(s)):
        scores = definition.scores[row]
        candidates = (scores >= 1) & (definition.terms["occupation"][row] > 0)
        expected = sorted(np.round(scores[candidates], 1).tolist(), reverse=True)[:k]
        listed = np.round(edges.score[edges.seeker == row], 1).tolist()
        assert listed == pytest.approx(expected, abs=0.05), row
