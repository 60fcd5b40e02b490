"""Placement: headcounts are never exceeded, a seeker gets one posting at most, the exact total is the optimum."""
import itertools

import numpy as np
import pytest
from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st

from recruit.matching import placement
from recruit.matching.placement import UNPLACED
from recruit.matching.placement import place

EXACT = {"exact_limit": 10**9}
AUCTION = {"exact_limit": -1}


def edges(*triples):
    seeker, posting, score = zip(*triples, strict=True) if triples else ((), (), ())
    return np.array(seeker, dtype=np.int64), np.array(posting, dtype=np.int64), np.array(score, dtype=np.float64)


def brute_force(n_seekers, seeker, posting, score, capacity):
    """The best total over every way of giving each seeker one of their edges or nothing."""
    options = [[None] + [e for e in range(len(seeker)) if seeker[e] == s] for s in range(n_seekers)]
    best = 0.0
    for combination in itertools.product(*options):
        taken = [e for e in combination if e is not None]
        used = np.bincount(posting[taken].astype(np.int64), minlength=len(capacity))
        if (used <= capacity).all():
            best = max(best, float(score[taken].sum()))
    return best


def assert_feasible(result, n_seekers, seeker, posting, score, capacity):
    """Only given edges, one posting per seeker, no posting past its places, scores and total consistent."""
    assert result.choice.shape == (n_seekers,)
    offered = {}
    for s, p, points in zip(seeker.tolist(), posting.tolist(), score.tolist(), strict=True):
        offered[(s, p)] = max(points, offered.get((s, p), points))
    for s in range(n_seekers):
        if result.choice[s] == UNPLACED:
            assert result.score[s] == 0
        else:
            assert (s, int(result.choice[s])) in offered
            assert result.score[s] <= offered[(s, int(result.choice[s]))]
    placed = result.choice[result.choice != UNPLACED]
    assert (np.bincount(placed, minlength=len(capacity)) <= capacity).all()
    assert result.total == pytest.approx(result.score.sum())


@pytest.mark.parametrize("options", [EXACT, AUCTION])
def test_the_better_candidate_takes_the_last_place(options):
    seeker, posting, score = edges((0, 0, 60), (1, 0, 90))
    result = place(2, seeker, posting, score, np.array([1]), **options)
    assert result.choice.tolist() == [UNPLACED, 0]
    assert result.total == 90


@pytest.mark.parametrize("options", [EXACT, AUCTION])
def test_a_seeker_steps_aside_when_that_places_one_more(options):
    # Greedy gives A the posting both want (10) and leaves B with nothing; the optimum sends A to its second
    # choice (9) so that B, who has no other, gets the first (8): 17 against 10.
    seeker, posting, score = edges((0, 0, 10), (0, 1, 9), (1, 0, 8))
    result = place(2, seeker, posting, score, np.array([1, 1]), **options)
    assert result.choice.tolist() == [1, 0]
    assert result.total == 17


def test_a_posting_takes_as_many_as_its_places():
    seeker, posting, score = edges((0, 0, 70), (1, 0, 80), (2, 0, 90), (2, 1, 10))
    result = place(3, seeker, posting, score, np.array([2, 1]), **EXACT)
    assert result.choice.tolist() == [UNPLACED, 0, 0]
    assert result.total == 170


@pytest.mark.parametrize("options", [EXACT, AUCTION])
def test_a_posting_without_places_takes_nobody(options):
    seeker, posting, score = edges((0, 0, 100), (0, 1, 20))
    result = place(1, seeker, posting, score, np.array([0, 3]), **options)
    assert result.choice.tolist() == [1]


@pytest.mark.parametrize("options", [EXACT, AUCTION])
def test_nothing_to_place(options):
    result = place(3, *edges(), np.array([2, 2]), **options)
    assert result.choice.tolist() == [UNPLACED] * 3
    assert result.total == 0


def test_edges_without_score_are_never_used():
    seeker, posting, score = edges((0, 0, 0), (1, 0, -5))
    result = place(2, seeker, posting, score, np.array([2]), **EXACT)
    assert result.choice.tolist() == [UNPLACED, UNPLACED]


@pytest.mark.parametrize("options", [EXACT, AUCTION])
def test_a_repeated_pair_counts_once_at_its_best_score(options):
    seeker, posting, score = edges((0, 0, 30), (0, 0, 50), (1, 0, 40))
    result = place(2, seeker, posting, score, np.array([1]), **options)
    assert result.choice.tolist() == [0, UNPLACED]
    assert result.total == 50


@pytest.mark.parametrize("options", [EXACT, AUCTION])
def test_edge_order_does_not_matter(options):
    seeker, posting, score = edges((2, 1, 5), (0, 0, 10), (1, 1, 7), (0, 1, 9), (1, 0, 8), (2, 0, 6))
    capacity = np.array([1, 1])
    shuffled = np.random.default_rng(7).permutation(len(seeker))
    first = place(3, seeker, posting, score, capacity, **options)
    second = place(3, seeker[shuffled], posting[shuffled], score[shuffled], capacity, **options)
    assert first.total == second.total


def test_small_problems_are_solved_exactly_and_large_ones_by_auction():
    seeker, posting, score = edges((0, 0, 10), (1, 0, 8))
    assert place(2, seeker, posting, score, np.array([1])).method == "exact"
    assert place(2, seeker, posting, score, np.array([1]), exact_limit=0).method == "auction"


@pytest.mark.parametrize(
    ("n_seekers", "seeker", "posting", "capacity", "problem"),
    [
        (2, [0, 2], [0, 0], [1], "seeker index"),
        (2, [0, -1], [0, 0], [1], "seeker index"),
        (2, [0, 1], [0, 1], [1], "posting index"),
        (2, [0, 1], [0, 0], [-1], "capacity"),
        (2, [0, 1], [0], [1], "same length"),
    ],
)
def test_inconsistent_input_is_refused(n_seekers, seeker, posting, capacity, problem):
    score = np.full(len(seeker), 10.0)
    with pytest.raises(ValueError, match=problem):
        place(n_seekers, np.array(seeker), np.array(posting), score, np.array(capacity))


def test_the_slot_graph_counts_places_only_where_candidates_compete():
    # Posting 0: 2 places, 3 candidates → 6 slot edges; posting 1: 5 places, 1 candidate → its own slot; 3 dummies.
    seeker, posting, score = edges((0, 0, 1), (1, 0, 1), (2, 0, 1), (2, 1, 1))
    graph = placement.candidate_graph(3, seeker, posting, score, np.array([2, 5]))
    assert placement.slot_edges(graph) == 6 + 1 + 3


@st.composite
def problems(draw, max_seekers, max_postings, max_capacity):
    n_seekers = draw(st.integers(1, max_seekers))
    n_postings = draw(st.integers(1, max_postings))
    pairs = draw(st.sets(st.tuples(st.integers(0, n_seekers - 1), st.integers(0, n_postings - 1))))
    scores = draw(st.lists(st.integers(1, 100), min_size=len(pairs), max_size=len(pairs)))
    capacity = np.array(draw(st.lists(st.integers(0, max_capacity), min_size=n_postings, max_size=n_postings)))
    seeker, posting = (np.array([pair[i] for pair in sorted(pairs)], dtype=np.int64) for i in (0, 1))
    return n_seekers, seeker, posting, np.array(scores, dtype=np.float64), capacity


@settings(database=None, deadline=None, max_examples=200)
@given(problems(max_seekers=6, max_postings=3, max_capacity=2))
def test_exact_total_is_the_brute_force_optimum(problem):
    result = place(*problem, **EXACT)
    assert_feasible(result, *problem)
    assert result.total == pytest.approx(brute_force(*problem))


@settings(database=None, deadline=None, max_examples=200)
@given(problems(max_seekers=40, max_postings=8, max_capacity=5))
def test_auction_is_feasible_and_within_its_guarantee(problem):
    exact = place(*problem, **EXACT)
    auction = place(*problem, **AUCTION)
    assert_feasible(exact, *problem)
    assert_feasible(auction, *problem)
    assert auction.total <= exact.total + 1e-9
    assert auction.bound >= exact.total - 1e-6
    # The auction's own guarantee: within ε of the optimum per placed seeker (prices are float32).
    epsilon = placement.EPSILON * max(problem[3].max(initial=0), 0)
    assert auction.total >= exact.total - (auction.choice != UNPLACED).sum() * epsilon - 1e-3
