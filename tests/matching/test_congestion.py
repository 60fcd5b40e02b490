"""Crowding: re-ranking spreads recommendations over more postings, only reorders a seeker's own candidates."""
import numpy as np
import pytest
from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st

from recruit.matching import congestion
from recruit.matching.congestion import gini
from recruit.matching.congestion import load_report
from recruit.matching.congestion import rerank

SHOWN = 5


def skewed(n_seekers=400, n_postings=60, candidates=20, seed=3):
    """Everyone's best five are the same five postings; each seeker's other candidates are nearly as good."""
    rng = np.random.default_rng(seed)
    seeker, posting, score = [], [], []
    for s in range(n_seekers):
        others = rng.choice(np.arange(5, n_postings), size=candidates - 5, replace=False)
        seeker += [s] * candidates
        posting += [0, 1, 2, 3, 4, *others.tolist()]
        score += (95 + rng.random(5) * 5).tolist() + (85 + rng.random(candidates - 5) * 9).tolist()
    capacity = np.full(n_postings, 5)
    return np.array(seeker), np.array(posting), np.array(score), capacity


def lists(seeker, posting, score):
    """Each seeker's shown list as [(posting, score), …] in the order shown."""
    shown = {}
    for s, p, points in zip(seeker.tolist(), posting.tolist(), score.tolist(), strict=True):
        shown.setdefault(s, []).append((p, points))
    return shown


def test_reranking_spreads_a_crowded_instance():
    seeker, posting, score, capacity = skewed()
    before = load_report(rerank(seeker, posting, score, capacity, SHOWN, rounds=0)[1], capacity)
    after = load_report(rerank(seeker, posting, score, capacity, SHOWN)[1], capacity)
    assert before["never_share"] == pytest.approx(55 / 60)
    assert after["gini"] < before["gini"] - 0.3
    assert after["never_share"] < 0.1


def test_without_rounds_lists_are_the_best_scores():
    seeker, posting, score, capacity = skewed(n_seekers=30)
    shown = lists(*rerank(seeker, posting, score, capacity, SHOWN, rounds=0))
    for s, entries in shown.items():
        mine = score[seeker == s]
        assert [points for _, points in entries] == sorted(mine, reverse=True)[:SHOWN]


def test_lists_hold_only_own_candidates_with_their_scores():
    seeker, posting, score, capacity = skewed()
    offered = {(s, p): points for s, p, points in zip(seeker.tolist(), posting.tolist(), score.tolist(), strict=True)}
    shown = lists(*rerank(seeker, posting, score, capacity, SHOWN))
    assert sorted(shown) == sorted(set(seeker.tolist()))
    for s, entries in shown.items():
        assert len(entries) == SHOWN
        assert len({p for p, _ in entries}) == SHOWN
        for p, points in entries:
            assert offered[(s, p)] == points


def test_a_much_better_posting_is_never_pushed_out():
    seeker, posting, score, capacity = skewed()
    shown = lists(*rerank(seeker, posting, score, capacity, SHOWN))
    for s, entries in shown.items():
        listed = {p for p, _ in entries}
        hidden = [points for p, points in zip(posting[seeker == s], score[seeker == s], strict=True) if p not in listed]
        assert min(points for _, points in entries) >= (1 - congestion.MAX_LOSS) * max(hidden) - 1e-9


def test_output_is_grouped_by_seeker_whatever_the_input_order():
    seeker, posting, score, capacity = skewed(n_seekers=50)
    shuffled = np.random.default_rng(1).permutation(len(seeker))
    out_seeker, _, _ = rerank(seeker[shuffled], posting[shuffled], score[shuffled], capacity, SHOWN)
    assert (np.diff(out_seeker) >= 0).all()
    straight = rerank(seeker, posting, score, capacity, SHOWN, rounds=0)
    mixed = rerank(seeker[shuffled], posting[shuffled], score[shuffled], capacity, SHOWN, rounds=0)
    assert [a.tolist() for a in straight] == [a.tolist() for a in mixed]


def test_a_posting_listed_twice_is_shown_once():
    seeker, posting, score = np.array([0, 0, 0, 0]), np.array([7, 7, 3, 5]), np.array([90.0, 80.0, 70.0, 60.0])
    _, shown, points = rerank(seeker, posting, score, np.full(8, 2), 3, rounds=0)
    assert shown.tolist() == [7, 3, 5]
    assert points.tolist() == [90.0, 70.0, 60.0]


def test_short_and_missing_lists():
    seeker, posting, score = np.array([2, 2, 5]), np.array([0, 1, 1]), np.array([50.0, 40.0, 30.0])
    out_seeker, out_posting, _ = rerank(seeker, posting, score, np.array([1, 1]), SHOWN)
    assert out_seeker.tolist() == [2, 2, 5]
    assert out_posting.tolist() == [0, 1, 1]
    empty = rerank(np.zeros(0, int), np.zeros(0, int), np.zeros(0), np.array([1]), SHOWN)
    assert [len(a) for a in empty] == [0, 0, 0]


def test_a_posting_without_places_goes_down_the_list():
    seeker, posting, score = np.array([0, 0]), np.array([0, 1]), np.array([90.0, 80.0])
    _, shown, _ = rerank(seeker, posting, score, np.array([0, 3]), 1)
    assert shown.tolist() == [1]


def test_load_report_counts_recommendations_per_place():
    # Capacities 1, 2, 0, 4: the posting without places is left out; loads per place 2, 1, 0.
    report = load_report(np.array([0, 0, 1, 1, 2]), np.array([1, 2, 0, 4]))
    assert report["never_share"] == pytest.approx(1 / 3)
    assert report["gini"] == pytest.approx(gini([2, 1, 0]))
    assert load_report(np.array([0]), np.array([0, 0])) == {"gini": 0.0, "never_share": 0.0}


def test_gini():
    assert gini([3, 3, 3, 3]) == 0
    assert gini([0, 0, 0, 8]) == pytest.approx(3 / 4)
    assert gini([1, 2, 3]) == pytest.approx(2 / 9)
    assert gini([]) == 0
    assert gini([0, 0]) == 0


@settings(database=None, deadline=None, max_examples=100)
@given(st.data())
def test_reranking_only_reorders_own_candidates(data):
    n_seekers = data.draw(st.integers(1, 12))
    n_postings = data.draw(st.integers(1, 10))
    pairs = sorted(data.draw(st.sets(st.tuples(st.integers(0, n_seekers - 1), st.integers(0, n_postings - 1)),
                                     min_size=1)))
    score = np.array(data.draw(st.lists(st.floats(1, 100), min_size=len(pairs), max_size=len(pairs))))
    capacity = np.array(data.draw(st.lists(st.integers(0, 6), min_size=n_postings, max_size=n_postings)))
    n = data.draw(st.integers(1, 6))
    seeker, posting = np.array([s for s, _ in pairs]), np.array([p for _, p in pairs])
    offered = dict(zip(pairs, score.tolist(), strict=True))
    shown = lists(*rerank(seeker, posting, score, capacity, n))
    for s in set(seeker.tolist()):
        entries = shown[s]
        assert len(entries) == min(n, int((seeker == s).sum()))
        assert len({p for p, _ in entries}) == len(entries)
        assert all(offered[(s, p)] == points for p, points in entries)
