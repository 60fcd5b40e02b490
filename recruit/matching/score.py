"""Seeker × posting scores: hard filters, weighted terms, and the reasons behind each score.

Scores are computed on blocks of seekers × postings with numpy, blocked by occupation so that the cost grows
with the pairs that can match rather than with seekers × postings: first each seeker against the postings of
the trades they named, then, only where those leave room in their list, against the rest of the same major
groups. A pair outside a seeker's major groups is never a candidate (it would earn no occupation credit); a
seeker who names no trade is scored against every posting.

`score_block` is the definition, term by term, used to explain a score; `fast_scores` gives the same numbers
for large blocks by computing what depends only on a seeker's profile once per distinct profile.
"""

import logging
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import numpy as np

from recruit.matching.tables import NO_TRADE
from recruit.matching.tables import city
from recruit.matching.tables import province
from recruit.matching.tables import rank_in_runs

logger = logging.getLogger(__name__)

TERMS = ("occupation", "skills", "salary", "region", "benefits")
DEFAULT_WEIGHTS = {"occupation": 40, "skills": 20, "salary": 20, "region": 10, "benefits": 10}
# Occupation credit for a trade in the same major group as a desired one, and for a seeker who names none.
RELATED_TRADE = 0.5
ANY_TRADE = 0.5
# Region credit: same county, same city, same province, elsewhere.
REGION_CREDIT = (1.0, 0.75, 0.5, 0.25)
# An expectation this share above the posting's maximum pay earns no salary credit.
SALARY_FALLOFF = 0.5
# What a seeker working away from home needs: a bed counts more than the fare.
LODGING_CREDIT = 0.6
TRAVEL_CREDIT = 0.4
# Cells per scored block: bounds the memory of one block (a few float32 arrays of this size).
BLOCK_CELLS = 2_000_000
# numpy and BLAS release the GIL: blocks are scored on this many threads (the machine's cores).
THREADS = 2
UNFIT = -1.0
# A block's keys hold a score in 1/SCORE_STEPS points above a column number of COLUMN_BITS bits.
SCORE_STEPS = 64
COLUMN_BITS = 16
MAX_COLUMNS = 2**COLUMN_BITS - 1
MAX_STEPS = 100 * SCORE_STEPS
# Columns scored at a time for the rows of a block still looking for better postings.
SLICE = 512


class WeightsError(ValueError):
    """Matching weights that cannot be used (a configuration mistake, reported at start-up)."""


@dataclass(frozen=True)
class Weights:
    """Points each term is worth; they add up to 100."""

    occupation: float
    skills: float
    salary: float
    region: float
    benefits: float

    @classmethod
    def of(cls, mapping=None):
        """Weights from a mapping of term to a non-negative number, scaled to add up to 100."""
        values = dict(DEFAULT_WEIGHTS)
        unknown = set(mapping or {}) - set(TERMS)
        if unknown:
            raise WeightsError(f"unknown matching terms: {', '.join(sorted(unknown))}")
        values.update(mapping or {})
        if any(not isinstance(v, (int, float)) or v < 0 for v in values.values()):
            raise WeightsError("matching weights must be numbers of 0 or more")
        total = sum(values.values())
        if total <= 0:
            raise WeightsError("at least one matching weight must be above 0")
        return cls(**{term: 100 * values[term] / total for term in TERMS})


def parse_weights(text):
    """Weights as a bureau writes them in configuration: "occupation=50,skills=10"."""
    mapping = {}
    for part in filter(None, (p.strip() for p in (text or "").split(","))):
        term, _, value = part.partition("=")
        try:
            mapping[term.strip()] = float(value)
        except ValueError:
            raise WeightsError(f"matching weight {part!r} is not term=number") from None
    return Weights.of(mapping)


@dataclass
class Block:
    """Scores of seekers `rows` × postings `cols`, with each term (0–1) kept for explaining them."""

    scores: np.ndarray
    fit: np.ndarray
    terms: dict


def fits(seekers, rows, postings, cols):
    """The hard filters (recruit.domain.eligibility, as arrays): age, education, relocation, availability."""
    return _person_fits(seekers, rows, postings, cols) & _place_fits(seekers, rows, postings, cols)


def _person_fits(seekers, rows, postings, cols):
    """Age within the posting's range on the day, education at least its minimum."""
    age = seekers.age[rows][:, None]
    fit = (age >= postings.age_min[cols][None, :]) & (age <= postings.age_max[cols][None, :])
    return fit & (seekers.education[rows][:, None] >= postings.education[cols][None, :])


def _place_fits(seekers, rows, postings, cols):
    """Work in the home province or a seeker willing to relocate; available by the day."""
    home = province(seekers.region[rows])[:, None]
    fit = (home == province(postings.region[cols])[None, :]) | seekers.relocate[rows][:, None]
    return fit & seekers.available[rows][:, None]


def _occupation(seekers, rows, postings, cols, groups):
    wished = seekers.trades[rows]
    trade = postings.trade[cols][None, :]
    group = _groups_of(groups, postings.trade[cols])[None, :]
    wished_groups = _groups_of(groups, wished)
    exact = np.zeros((len(rows), len(cols)), dtype=bool)
    related = np.zeros_like(exact)
    for slot in range(wished.shape[1]):
        named = wished[:, slot][:, None]
        exact |= (named == trade) & (named != NO_TRADE)
        related |= (wished_groups[:, slot][:, None] == group) & (group != -1)
    term = np.where(related, np.float32(RELATED_TRADE), np.float32(0))
    term[(wished[:, 0] == NO_TRADE)] = ANY_TRADE
    term[exact] = 1
    return term


def _skills(seekers, rows, postings, cols):
    asked = postings.skills[cols]
    wanted = np.asarray(asked.getnnz(axis=1), dtype=np.float32)
    shared = (seekers.skills[rows] @ asked.T).toarray().astype(np.float32, copy=False)
    return np.where(wanted[None, :] > 0, shared / np.maximum(wanted, 1)[None, :], np.float32(1))


def _salary(seekers, rows, postings, cols):
    expected = seekers.salary[rows].astype(np.float32)[:, None]
    top = postings.salary_max[cols].astype(np.float32)[None, :]
    above = (expected - top) / (SALARY_FALLOFF * np.maximum(top, 1))
    return np.clip(1 - above, 0, 1)


def _region(seekers, rows, postings, cols):
    home = seekers.region[rows][:, None]
    work = postings.region[cols][None, :]
    same_city = city(home) == city(work)
    levels = [home == work, same_city, province(home) == province(work)]
    term = np.select(levels, REGION_CREDIT[:3], REGION_CREDIT[3]).astype(np.float32)
    return term, same_city


def _benefits(postings, cols, same_city):
    offered = (LODGING_CREDIT * postings.lodging[cols] + TRAVEL_CREDIT * postings.travel[cols]).astype(np.float32)
    return np.where(same_city, np.float32(1), offered[None, :])


def score_block(seekers, rows, postings, cols, groups, weights):
    """Scores 0–100 of every seeker in `rows` for every posting in `cols`; UNFIT where a hard filter fails."""
    region, same_city = _region(seekers, rows, postings, cols)
    terms = {
        "occupation": _occupation(seekers, rows, postings, cols, groups),
        "skills": _skills(seekers, rows, postings, cols),
        "salary": _salary(seekers, rows, postings, cols),
        "region": region,
        "benefits": _benefits(postings, cols, same_city),
    }
    scores = sum(np.float32(getattr(weights, name)) * terms[name] for name in TERMS)
    fit = fits(seekers, rows, postings, cols)
    scores = np.where(fit, scores, np.float32(UNFIT))
    return Block(scores=scores, fit=fit, terms=terms)


def _groups_of(trades_groups, trade_slots):
    """Major group of each trade slot; -1 for an empty slot."""
    return np.where(trade_slots == NO_TRADE, -1, trades_groups[np.maximum(trade_slots, 0)])


def _distinct(*columns):
    """Rows with the same values in every column share a profile: (first row of each profile, row → profile)."""
    key = np.zeros(len(columns[0][0]), dtype=np.int64)
    for column, bits in columns:
        key = (key << bits) | column.astype(np.int64)
    _, first, inverse = np.unique(key, return_index=True, return_inverse=True)
    return first, inverse.ravel()


def _gathered(rows, columns, points):
    """Compute points(profile rows) once per distinct profile of `rows` and give each row its profile's."""
    first, inverse = _distinct(*columns)
    return points(rows[first])[inverse]


def _profile_points(seekers, rows, postings, cols, weights):
    """Pay, place and benefit points, -inf where a hard filter fails.

    Each depends on one or two fields of a seeker (place; expected pay; age and education), which seekers of one
    trade share with many others: the term functions run once per distinct value and rows are gathered.
    """
    def place(profiles):
        region, same_city = _region(seekers, profiles, postings, cols)
        points = np.float32(weights.region) * region + np.float32(weights.benefits) * _benefits(postings, cols,
                                                                                                same_city)
        points[~_place_fits(seekers, profiles, postings, cols)] = -np.inf
        return points

    def pay(profiles):
        return np.float32(weights.salary) * _salary(seekers, profiles, postings, cols)

    def person(profiles):
        return np.where(_person_fits(seekers, profiles, postings, cols), np.float32(0), np.float32(-np.inf))

    points = _gathered(rows, [(seekers.region[rows], 20), (seekers.relocate[rows], 1), (seekers.available[rows], 1)],
                       place)
    points += _gathered(rows, [(seekers.salary[rows], 21)], pay)
    points += _gathered(rows, [(seekers.age[rows], 8), (seekers.education[rows], 4)], person)
    return points


def _skill_points(seekers, rows, postings, cols, weight):
    """Skill points: each seeker's few skills (sparse) times the postings' asked skills, weighted per posting."""
    asked = postings.skills[cols]
    wanted = np.asarray(asked.getnnz(axis=1))
    if not asked.nnz:
        return np.float32(weight)
    need = (asked.T.toarray() * (np.float32(weight) / np.maximum(wanted, 1)).astype(np.float32)[None, :])
    points = np.asarray(seekers.skills[rows] @ need, dtype=np.float32)
    points[:, wanted == 0] = weight
    return points


def _exact_trades(seekers, rows, postings, cols):
    """Where a posting's trade is one the seeker named."""
    exact = np.zeros((len(rows), len(cols)), dtype=bool)
    trade = postings.trade[cols][None, :]
    for slot in range(seekers.trades.shape[1]):
        exact |= seekers.trades[rows, slot][:, None] == trade
    return exact


def fast_scores(seekers, rows, postings, cols, weights, occupation):
    """The scores score_block gives (-inf for UNFIT), given each pair's occupation credit (a number or "related":
    same major group, pairs of a named trade left out as they are scored with full credit)."""
    scores = _profile_points(seekers, rows, postings, cols, weights)
    scores += _skill_points(seekers, rows, postings, cols, weights.skills)
    if occupation == "related":
        scores += np.float32(weights.occupation * RELATED_TRADE)
        scores[_exact_trades(seekers, rows, postings, cols)] = -np.inf
    else:
        scores += np.float32(weights.occupation * occupation)
    return scores


@dataclass
class Edges:
    """Scored pairs as parallel arrays of seeker index, posting index and score, each seeker's best first."""

    seeker: np.ndarray
    posting: np.ndarray
    score: np.ndarray

    def __len__(self):
        return len(self.seeker)


def _turns(rows):
    """Where each seeker's round of equal scores starts in a slice: spread, and the same on every run."""
    return (rows.astype(np.int64) * 2654435761) % 1_000_003


def _keys(scores, first_column, turns):
    """Integer keys that order a block's cells: the score in 1/SCORE_STEPS points, then the column.

    Among equal scores each row takes the slice's columns in a round that starts at its own turn, so ties do
    not all go to the same postings (a key still names its column: see _columns).
    """
    np.maximum(scores, -1, out=scores)
    scores *= SCORE_STEPS
    keys = scores.astype(np.int32)
    keys <<= COLUMN_BITS
    width = scores.shape[1]
    rounds = np.arange(width, dtype=np.int32)[None, :] + (turns % width).astype(np.int32)[:, None]
    # A full slice is a power of two wide: a mask instead of a division on every cell.
    rounds = rounds & (width - 1) if width & (width - 1) == 0 else rounds % width
    keys |= MAX_COLUMNS - first_column - rounds
    return keys


def _columns(found, turns, n_columns):
    """The block columns that keys made by _keys name."""
    position = MAX_COLUMNS - (found & MAX_COLUMNS)
    first = position // SLICE * SLICE
    width = np.minimum(SLICE, n_columns - first)
    return first + (position - first - turns) % width


def _likely_best_first(seekers, rows, postings, cols, weights):
    """The block's columns ordered by what they would score for its commonest kind of seeker (place and pay):
    rows that soon hold k postings at the best possible score stop early."""
    first, inverse = _distinct((seekers.region[rows], 20), (seekers.salary[rows], 21))
    typical = rows[first[np.bincount(inverse).argmax()]]
    one = np.array([typical])
    probe = (_profile_points(seekers, one, postings, cols, weights)
             + _skill_points(seekers, one, postings, cols, weights.skills)).ravel()
    # Equal-looking postings in an order of this block's own, so that blocks do not all start on the same ones.
    shuffle = np.random.default_rng(int(rows[0])).permutation(len(cols))
    return cols[np.lexsort((shuffle, -np.maximum(probe, -1)))]


def _block_top(task, seekers, postings, weights, k, min_score):
    """Each row's k best columns of a block, as (seeker, posting, score) arrays.

    Columns are scanned in slices, best-looking first; a row keeps its k best keys so far (exactly k: a key
    names its column) and leaves the scan once its k-th best reaches the block's highest possible score.
    """
    rows, cols, occupation, ceiling = task
    cols = _likely_best_first(seekers, rows, postings, cols, weights) if len(cols) > SLICE else cols
    best = np.full((len(rows), k), -1, dtype=np.int32)
    active = np.arange(len(rows))
    turns = _turns(rows)
    done_at = int(ceiling * SCORE_STEPS) << COLUMN_BITS
    for first in range(0, len(cols), SLICE):
        part = cols[first:first + SLICE]
        scores = fast_scores(seekers, rows[active], postings, part, weights, occupation)
        keys = np.concatenate([best[active], _keys(scores, first, turns[active])], axis=1)
        best[active] = np.partition(keys, keys.shape[1] - k, axis=1)[:, keys.shape[1] - k:]
        active = active[best[active].min(axis=1) < done_at]
        if not len(active):
            break
    row, slot = np.nonzero(best >= int(min_score * SCORE_STEPS) << COLUMN_BITS)
    found = best[row, slot]
    # int32 indexes: a province's candidate lists are tens of millions of edges.
    return (rows[row].astype(np.int32), cols[_columns(found, turns[row], len(cols))].astype(np.int32),
            (found >> COLUMN_BITS).astype(np.float32) / SCORE_STEPS)


def _chunks(rows, cols, occupation, ceiling):
    for first in range(0, len(cols), MAX_COLUMNS):
        part = cols[first:first + MAX_COLUMNS]
        step = max(1, BLOCK_CELLS // min(len(part), SLICE))
        for start in range(0, len(rows), step):
            yield rows[start:start + step], part, occupation, ceiling


def _named_trade_tasks(seekers, postings, weights):
    """Seekers × postings of a trade they named: full occupation credit."""
    wished = seekers.trades
    for trade in np.unique(postings.trade[postings.trade != NO_TRADE]):
        rows = np.flatnonzero((wished == trade).any(axis=1) & seekers.available)
        if len(rows):
            yield from _chunks(rows, np.flatnonzero(postings.trade == trade), 1.0, _ceiling(weights, 1.0))


def _related_tasks(seekers, postings, groups, needy, weights):
    """Seekers who still lack k strong matches × the other postings of their trades' major groups, and seekers
    who named no trade × every posting."""
    wished = _groups_of(groups, seekers.trades)
    posting_groups = _groups_of(groups, postings.trade)
    for group in np.unique(posting_groups[posting_groups >= 0]):
        rows = np.flatnonzero((wished == group).any(axis=1) & needy)
        if len(rows):
            yield from _chunks(rows, np.flatnonzero(posting_groups == group), "related", _ceiling(weights,
                                                                                                 RELATED_TRADE))
    open_minded = np.flatnonzero((seekers.trades[:, 0] == NO_TRADE) & seekers.available)
    if len(open_minded) and len(postings):
        yield from _chunks(open_minded, np.arange(len(postings)), ANY_TRADE, _ceiling(weights, ANY_TRADE))


def _run(tasks, seekers, postings, weights, k, min_score):
    with ThreadPoolExecutor(max_workers=THREADS) as pool:
        return list(pool.map(lambda task: _block_top(task, seekers, postings, weights, k, min_score), tasks))


def top_postings(seekers, postings, trades, k=20, weights=None, min_score=1.0):
    """Each seeker's best `k` postings that pass the hard filters, as Edges (best first per seeker).

    Postings of a named trade are scored first. A posting of a related trade can score at most its ceiling, so
    only seekers whose k-th best is not above it are scored against related trades as well.
    """
    weights = weights or Weights.of()
    named_tasks = _named_trade_tasks(seekers, postings, weights)
    named = _best_per_seeker(_run(named_tasks, seekers, postings, weights, k, min_score), k)
    needy = seekers.available & ~(_kth_score(named, len(seekers), k) > _ceiling(weights, RELATED_TRADE))
    related = _run(_related_tasks(seekers, postings, trades.groups, needy, weights), seekers, postings, weights, k,
                   min_score)
    return _best_per_seeker([(named.seeker, named.posting, named.score), *related], k)


def _ceiling(weights, occupation):
    """The highest score a pair can reach with this occupation credit."""
    return weights.occupation * occupation + (100 - weights.occupation)


def _kth_score(edges, n_seekers, k):
    """Each seeker's k-th best score so far; -inf for a seeker with fewer than k."""
    kth = np.full(n_seekers, -np.inf, dtype=np.float32)
    counts = np.bincount(edges.seeker, minlength=n_seekers)
    full = np.flatnonzero(counts >= k)
    starts = np.r_[0, np.cumsum(counts)[:-1]]
    kth[full] = edges.score[starts[full] + k - 1]
    return kth


def _best_per_seeker(parts, k):
    """Merge per-block best lists: each seeker's k best over all blocks, best first.

    One sort of 64-bit keys: seeker, then score in 1/SCORE_STEPS points downwards (scores come back at that
    precision), then the posting counted round from the seeker's own turn, so that ties spread over postings.
    """
    parts = [part for part in parts if len(part[0])]
    if not parts:
        empty = np.zeros(0, dtype=np.int64)
        return Edges(empty, empty.copy(), np.zeros(0, dtype=np.float32))
    seeker, posting, score = (np.concatenate(column) for column in zip(*parts, strict=True))
    steps = np.round(score * SCORE_STEPS).astype(np.int64)
    n_postings = int(posting.max()) + 1
    turn = _turns(seeker) % n_postings
    keys = np.sort((seeker.astype(np.int64) << 40) | ((MAX_STEPS - steps) << 24) | ((posting + turn) % n_postings))
    seeker = keys >> 40
    posting = ((keys & (2**24 - 1)) - _turns(seeker) % n_postings) % n_postings
    score = (MAX_STEPS - ((keys >> 24) & (2**16 - 1))).astype(np.float32) / SCORE_STEPS
    keep = rank_in_runs(seeker) < k
    return Edges(seeker[keep], posting[keep], score[keep])
