"""A suggested placement: each seeker to at most one posting, no posting past its places, the most total score.

The input is the sparse candidate graph (each seeker's best postings, as edge arrays) and each posting's
remaining headcount. Two methods:

- **exact**: an assignment problem over headcount slots, solved by scipy's LAPJVsp
  (`min_weight_full_bipartite_matching`). A posting whose candidates all fit (headcount ≥ candidates) gives
  each candidate a slot of its own; any other posting gets one slot per place, each joined to all of its
  candidates. Each seeker also has a private dummy slot, so a full matching always exists and "unplaced" is a
  choice. Weights are score + 1 on real slots and 1 on the dummy: every seeker is matched exactly once, so the
  constant changes no optimum, and scipy needs it because it drops zero weights from a sparse matrix. The
  slot graph is an exact model of the headcounts (a placement is feasible if and only if it is a matching of
  it), so the optimum is the optimal placement; the tests check it against brute force.
- **auction**: Bertsekas's auction, with a posting's places as copies of one object. All free seekers bid at
  once for their best posting net of its price, offering the gap to their second best (another posting, or 0
  for staying unplaced) plus ε; a posting keeps its highest `capacity` bids, and once full its price is the
  lowest of them (0 before). Each placed seeker is then within ε of their best net value and an unplaced one
  has nothing worth more than 0, so by LP duality the total is within ε per placed seeker of the optimum;
  `Placement.bound` is that dual value. A score-descending greedy (as deferred acceptance) with rounds of
  improving swaps was tried first: at 156,000 seekers it reached 0.991 of the optimum (0.949 without the
  swaps) in about the time the auction takes to reach 0.9998.

The exact method's cost grows with its slot edges (places × candidates per full posting); `place` uses it up to
EXACT_LIMIT of them. Measured on this machine (2 cores) with benchmarks/matching.py: 3.3 million slot edges
(15,600 seekers, 500 postings) take about 2 s, 24 million (156,000 × 5,000) about 50 s; the auction takes
0.3 s and 5 s for them, and about 35 s for a million seekers and 18 million candidate edges.
"""

import logging
import time
from dataclasses import dataclass

import numpy as np
from scipy import sparse
from scipy.sparse.csgraph import min_weight_full_bipartite_matching

from recruit.matching.tables import rank_in_runs

logger = logging.getLogger(__name__)

UNPLACED = -1
EXACT_LIMIT = 5_000_000
# The auction's bid increment, as a share of the highest score: 2 points on the 0–100 scale. 0.05 halves the
# auction's time at a million seekers and keeps 0.997 of the optimum at 156,000.
EPSILON = 0.02


@dataclass
class Placement:
    """The chosen posting of each seeker (UNPLACED where none) and that pair's score (0 where none).

    `bound` is at least the best possible total: the total itself when exact, the auction's dual value at its
    final prices otherwise, so that total ÷ bound is a proven floor on how close to the optimum it came.
    """

    choice: np.ndarray
    score: np.ndarray
    method: str
    seconds: float
    bound: float

    @property
    def total(self):
        return float(self.score.sum())

    def score_of(self, seeker):
        return float(self.score[seeker])


@dataclass
class Graph:
    """The edges worth placing, grouped by seeker, with each posting's places."""

    seeker: np.ndarray
    posting: np.ndarray
    score: np.ndarray
    capacity: np.ndarray

    def degree(self):
        return np.bincount(self.posting, minlength=len(self.capacity))


def place(n_seekers, seeker, posting, score, capacity, exact_limit=EXACT_LIMIT):
    """The best placement: exact while the slot graph has at most `exact_limit` edges, by auction above that."""
    started = time.perf_counter()
    graph = candidate_graph(n_seekers, seeker, posting, score, capacity)
    if slot_edges(graph) <= exact_limit:
        method, (chosen, bound) = "exact", (_exact(n_seekers, graph), None)
    else:
        method, (chosen, bound) = "auction", _auction(n_seekers, graph, EPSILON * float(graph.score.max(initial=0)))
    placed = chosen >= 0
    choice = np.full(n_seekers, UNPLACED, dtype=np.int64)
    choice[placed] = graph.posting[chosen[placed]]
    points = np.zeros(n_seekers)
    points[placed] = graph.score[chosen[placed]]
    seconds = time.perf_counter() - started
    logger.info("placement of %d seekers by %s in %.2f s", n_seekers, method, seconds)
    total = float(points.sum())
    return Placement(choice=choice, score=points, method=method, seconds=seconds,
                     bound=total if bound is None else max(bound, total))


def candidate_graph(n_seekers, seeker, posting, score, capacity):
    """The edges worth placing (a score above 0, a posting with places), grouped by seeker."""
    seeker = np.asarray(seeker, dtype=np.int64)
    posting = np.asarray(posting, dtype=np.int64)
    score = np.asarray(score, dtype=np.float64)
    capacity = np.asarray(capacity, dtype=np.int64)
    if not len(seeker) == len(posting) == len(score):
        raise ValueError("seeker, posting and score must be the same length")
    if len(seeker) and (seeker.min() < 0 or seeker.max() >= n_seekers):
        raise ValueError("seeker index out of range")
    if len(posting) and (posting.min() < 0 or posting.max() >= len(capacity)):
        raise ValueError("posting index out of range")
    if len(capacity) and capacity.min() < 0:
        raise ValueError("capacity must not be negative")
    useful = (score > 0) & (capacity[posting] > 0)
    seeker, posting, score = seeker[useful], posting[useful], score[useful]
    if np.any(seeker[1:] < seeker[:-1]):
        order = np.argsort(seeker, kind="stable")
        seeker, posting, score = seeker[order], posting[order], score[order]
    return Graph(seeker, posting, score, capacity)


def slot_edges(graph):
    """Edges of the exact method's slot graph (dummies included): the measure of its cost."""
    degree = graph.degree()
    full = graph.capacity < degree
    seekers = int(np.count_nonzero(graph.seeker[1:] != graph.seeker[:-1])) + bool(len(graph.seeker))
    return int(degree[~full].sum() + (graph.capacity * degree)[full].sum()) + seekers


def _exact(n_seekers, graph):
    """The optimal edge of each seeker (-1 for none), by assignment over headcount slots."""
    chosen = np.full(n_seekers, -1, dtype=np.int64)
    # A repeated seeker × posting pair would put two entries in one cell of the matrix: keep the best.
    pair = graph.seeker * len(graph.capacity) + graph.posting
    order = np.lexsort((-graph.score, pair))
    unique = order[np.r_[True, pair[order][1:] != pair[order][:-1]][:len(order)]]
    if not len(unique):
        return chosen
    matrix, edge_of_entry, rows = _slot_matrix(Graph(graph.seeker[unique], graph.posting[unique],
                                                     graph.score[unique], graph.capacity))
    _, columns = min_weight_full_bipartite_matching(matrix, maximize=True)
    entry_row = np.repeat(np.arange(len(rows)), np.diff(matrix.indptr))
    edge = edge_of_entry[matrix.indices == columns[entry_row]]
    chosen[rows] = np.where(edge >= 0, unique[edge], -1)
    return chosen


def _slot_matrix(graph):
    """Seekers × slots with weights score + 1, each row ending in its dummy slot (weight 1).

    Returns the CSR matrix, the edge behind each stored entry (-1 for a dummy) and the seeker of each row.
    Edges arrive sorted by seeker, so the entries are built in row order and no sort is needed.
    """
    degree = graph.degree()
    shared = graph.capacity < degree
    own = ~shared[graph.posting]
    own_column = np.cumsum(own) - 1
    first_shared = own.sum() + np.r_[0, np.cumsum(np.where(shared, graph.capacity, 0))[:-1]]
    rows, row_of_edge = np.unique(graph.seeker, return_inverse=True)
    dummy_base = own.sum() + np.where(shared, graph.capacity, 0).sum()
    # One item per edge and one dummy per row, in row order (each row's dummy last).
    item_edge = np.r_[np.arange(len(graph.seeker)), np.full(len(rows), -1)]
    item_row = np.r_[row_of_edge, np.arange(len(rows))]
    order = np.argsort(item_row, kind="stable")
    item_edge, item_row = item_edge[order], item_row[order]
    is_edge = item_edge >= 0
    edge = np.where(is_edge, item_edge, 0)
    width = np.where(is_edge & ~own[edge], graph.capacity[graph.posting[edge]], 1)
    start = np.where(is_edge, np.where(own[edge], own_column[edge], first_shared[graph.posting[edge]]),
                     dummy_base + item_row)
    item = np.repeat(np.arange(len(item_edge)), width)
    columns = start[item] + np.arange(len(item)) - np.repeat(np.cumsum(width) - width, width)
    weights = np.where(is_edge, graph.score[edge] + 1.0, 1.0)[item]
    indptr = np.r_[0, np.cumsum(np.bincount(item_row, weights=width, minlength=len(rows)).astype(np.int64))]
    matrix = sparse.csr_matrix((weights, columns, indptr), shape=(len(rows), dummy_base + len(rows)))
    return matrix, item_edge[item], rows


def _auction(n_seekers, graph, epsilon):
    """(chosen edge of each seeker or -1, dual bound) by a Jacobi auction: all free seekers bid in each round."""
    table = _Table.of(n_seekers, graph)
    capacity = graph.capacity
    price = np.zeros(len(capacity), dtype=np.float32)
    held = np.zeros(0, dtype=np.int64)
    held_bid = np.zeros(0, dtype=np.float32)
    # Bids are below this, so (posting × span − bid) sorts by posting, then by bid, highest first.
    span = float(graph.score.max(initial=0)) + epsilon + 1
    active = np.arange(len(table.start))
    while len(active):
        column, best, second = table.top_two(active, price)
        bidding = best > 0
        edge = table.start[active[bidding]] + column[bidding]
        bid = graph.score[edge].astype(np.float32) - second[bidding] + np.float32(epsilon)
        touched = np.zeros(len(capacity), dtype=bool)
        touched[graph.posting[edge]] = True
        again = touched[graph.posting[held]]
        bids, amounts = np.r_[held[again], edge], np.r_[held_bid[again], bid]
        order = np.argsort(graph.posting[bids] * span - amounts)
        bids, amounts = bids[order], amounts[order]
        posting = graph.posting[bids]
        place = rank_in_runs(posting)
        kept = place < capacity[posting]
        held, held_bid = np.r_[held[~again], bids[kept]], np.r_[held_bid[~again], amounts[kept]]
        lowest = kept & (place == capacity[posting] - 1)
        price[posting[lowest]] = amounts[lowest]
        # Outbid seekers bid again next round, in row order (it keeps the table reads close together).
        active = np.sort(table.row_of_edge[bids[~kept]])
    chosen = np.full(n_seekers, -1, dtype=np.int64)
    chosen[graph.seeker[held]] = held
    return chosen, _dual_bound(graph, table, price.astype(np.float64))


def _dual_bound(graph, table, price):
    """Σ seekers max(0, best score − price) + Σ postings places × price: no placement totals more (LP duality)."""
    if not len(graph.seeker):
        return 0.0
    surplus = np.maximum.reduceat(graph.score - price[graph.posting], table.start)
    return float(np.maximum(surplus, 0).sum() + (graph.capacity * price).sum())


@dataclass
class _Table:
    """Each seeker with candidates as one row of scores and postings, padded with -inf to the longest list."""

    start: np.ndarray  # the row's first edge in the graph
    row_of_edge: np.ndarray
    scores: np.ndarray  # float32 (rows, width)
    postings: np.ndarray  # int32 (rows, width)

    @classmethod
    def of(cls, n_seekers, graph):
        degree = np.bincount(graph.seeker, minlength=n_seekers)
        rows = np.flatnonzero(degree)
        start = (np.cumsum(degree) - degree)[rows]
        row_of_edge = np.repeat(np.arange(len(rows)), degree[rows])
        column = np.arange(len(graph.seeker)) - start[row_of_edge]
        width = int(degree.max(initial=0))
        scores = np.full((len(rows), width), -np.inf, dtype=np.float32)
        postings = np.zeros((len(rows), width), dtype=np.int32)
        scores[row_of_edge, column] = graph.score
        postings[row_of_edge, column] = graph.posting
        return cls(start, row_of_edge, scores, postings)

    def top_two(self, rows, price):
        """Per row: the column of the best value (score − price), that value, and the next one (at least 0)."""
        values = self.scores[rows] - price[self.postings[rows]]
        column = np.argmax(values, axis=1)
        at = np.arange(len(rows))
        best = values[at, column]
        values[at, column] = -np.inf
        return column, best, np.maximum(values.max(axis=1, initial=-np.inf), 0)
