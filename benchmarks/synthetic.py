"""Synthetic seekers, postings and trades for the matcher, at any scale, with the mix of a Qujiang season.

Most seekers live in Qujiang (330803) or elsewhere in Zhejiang, a quarter come from Weining (520526) on the
cross-province drive, the rest from anywhere; most postings are in Qujiang's factories. Trades are drawn from
the occupation list with a heavy tail (a few trades are asked for by many), and each trade has its own few
skill tags, so that skills and trades agree as they do in real profiles.
"""

import functools
import logging

import numpy as np
from scipy import sparse

from recruit.domain import education
from recruit.domain import occupations
from recruit.domain import regions
from recruit.matching.tables import MAX_TRADES
from recruit.matching.tables import NO_TRADE
from recruit.matching.tables import Postings
from recruit.matching.tables import Seekers
from recruit.matching.tables import Trades

logger = logging.getLogger(__name__)

HOME = 330803
ORIGIN = 520526
VOCABULARY = 200
TAGS_PER_TRADE = 4
# Shares of (Qujiang, the rest of Quzhou, the rest of Zhejiang, Weining, anywhere else).
SEEKER_PLACES = (0.45, 0.10, 0.10, 0.25, 0.10)
POSTING_PLACES = (0.70, 0.15, 0.15, 0.0, 0.0)
# Highest education attained, by code, and how common it is among fair visitors.
EDUCATION_MIX = {"70": 0.36, "60": 0.16, "40": 0.16, "30": 0.15, "20": 0.08, "80": 0.06, "90": 0.02, "10": 0.01}
NO_EDUCATION_GIVEN = 0.04
TRADE_ORDER_SEED = 1


def trades():
    """Every occupation of the list, in code order, with its major group."""
    codes = [o.code for o in occupations.all_occupations()]
    groups = np.array([int(o.major_group) for o in occupations.all_occupations()], dtype=np.int8)
    return Trades(codes=codes, groups=groups)


@functools.cache
def _counties():
    """(rest of Quzhou, rest of Zhejiang, anywhere else) county codes, current ones only."""
    current = [int(r.code) for r in regions.all_regions() if r.level == "county" and r.pickable]
    quzhou = [c for c in current if c // 100 == HOME // 100 and c != HOME]
    zhejiang = [c for c in current if c // 10000 == HOME // 10000 and c // 100 != HOME // 100]
    elsewhere = [c for c in current if c // 10000 != HOME // 10000 and c != ORIGIN]
    return np.array(quzhou), np.array(zhejiang), np.array(elsewhere)


def _places(rng, n, shares):
    quzhou, zhejiang, elsewhere = _counties()
    kind = rng.choice(5, size=n, p=shares)
    place = np.full(n, HOME, dtype=np.int32)
    for number, pool in ((1, quzhou), (2, zhejiang), (4, elsewhere)):
        rows = kind == number
        place[rows] = rng.choice(pool, size=rows.sum())
    place[kind == 3] = ORIGIN
    return place


def _trade_weights(table, manufacturing):
    """A heavy-tailed popularity per trade, the same every season, with manufacturing (group 6) made commoner."""
    weights = 1 / np.arange(1, len(table.codes) + 1) ** 0.9
    weights = np.random.default_rng(TRADE_ORDER_SEED).permutation(weights)
    weights[table.groups == 6] *= manufacturing
    return weights / weights.sum()


def _skills(rng, rows_trades, tags_of_trade, most):
    """One row of skill tags per row of trades: mostly tags of those trades, some from anywhere."""
    n = len(rows_trades)
    count = rng.integers(0, most + 1, size=n)
    slot = rng.integers(0, rows_trades.shape[1], size=count.sum())
    row = np.repeat(np.arange(n), count)
    trade = rows_trades[row, slot]
    own = (trade != NO_TRADE) & (rng.random(len(row)) < 0.7)
    tags = rng.integers(0, VOCABULARY, size=len(row))
    tags[own] = tags_of_trade[trade[own], rng.integers(0, TAGS_PER_TRADE, size=own.sum())]
    matrix = sparse.csr_matrix((np.ones(len(row), dtype=np.float32), (row, tags)), shape=(n, VOCABULARY))
    matrix.sum_duplicates()
    matrix.data[:] = 1
    return matrix


def _wished_trades(rng, n, weights):
    """Up to five distinct trades per seeker, NO_TRADE after the last; a few name none."""
    drawn = rng.choice(len(weights), size=(n, MAX_TRADES), p=weights).astype(np.int16)
    count = rng.integers(1, MAX_TRADES + 1, size=n)
    count[rng.random(n) < 0.05] = 0
    drawn[np.arange(MAX_TRADES)[None, :] >= count[:, None]] = NO_TRADE
    drawn.sort(axis=1)
    repeated = np.zeros_like(drawn, dtype=bool)
    repeated[:, 1:] = drawn[:, 1:] == drawn[:, :-1]
    drawn[repeated] = NO_TRADE
    # Named trades first, then the pads.
    order = np.argsort(drawn == NO_TRADE, axis=1, kind="stable")
    return np.take_along_axis(drawn, order, axis=1)


def seekers(n, table, tags_of_trade, rng):
    """n seekers of a season's mix."""
    region = _places(rng, n, SEEKER_PLACES)
    codes = list(EDUCATION_MIX)
    levels = rng.choice(len(codes), size=n, p=list(EDUCATION_MIX.values()))
    rank = np.array([education.RANK[c] for c in codes], dtype=np.int8)[levels]
    rank[rng.random(n) < NO_EDUCATION_GIVEN] = 0
    salary = (np.clip(rng.lognormal(np.log(5500), 0.3, size=n), 3000, 12000) // 500 * 500).astype(np.int32)
    salary[rng.random(n) < 0.1] = 0
    wished = _wished_trades(rng, n, _trade_weights(table, manufacturing=3))
    relocate = np.where(region // 10000 == HOME // 10000, rng.random(n) < 0.3, rng.random(n) < 0.9)
    return Seekers(
        ids=np.arange(1, n + 1, dtype=np.int64),
        age=np.clip(rng.triangular(16, 30, 60, size=n), 16, 60).astype(np.int16),
        education=rank,
        region=region,
        relocate=relocate,
        available=rng.random(n) < 0.95,
        salary=salary,
        trades=wished,
        skills=_skills(rng, wished, tags_of_trade, most=5),
    )


def postings(n, table, tags_of_trade, rng):
    """n postings of Qujiang's employers, 1 to 50 places each, most of them a handful."""
    trade = rng.choice(len(table.codes), size=n, p=_trade_weights(table, manufacturing=5)).astype(np.int16)
    salary_min = rng.integers(6, 19, size=n).astype(np.int32) * 500
    salary_max = np.minimum(salary_min + rng.integers(1, 7, size=n) * 500, 12000).astype(np.int32)
    asked = np.where(rng.random(n) < 0.6, 0, rng.integers(3, 6, size=n)).astype(np.int8)
    capacity = np.clip(rng.geometric(1 / 8, size=n), 1, 50).astype(np.int32)
    return Postings(
        ids=np.arange(1, n + 1, dtype=np.int64),
        age_min=rng.choice(np.array([16, 18, 18, 18, 20], dtype=np.int16), size=n),
        age_max=rng.choice(np.array([35, 40, 45, 50, 55, 60], dtype=np.int16), size=n),
        education=asked,
        region=_places(rng, n, POSTING_PLACES),
        salary_min=salary_min,
        salary_max=salary_max,
        trade=trade,
        skills=_skills(rng, trade[:, None], tags_of_trade, most=4),
        lodging=rng.random(n) < 0.6,
        travel=rng.random(n) < 0.3,
        capacity=capacity,
    )


def tables(n_seekers, n_postings, seed=2023):
    """(Seekers, Postings, Trades) of this size, the same for the same seed."""
    rng = np.random.default_rng(seed)
    table = trades()
    tags_of_trade = rng.integers(0, VOCABULARY, size=(len(table.codes), TAGS_PER_TRADE))
    return seekers(n_seekers, table, tags_of_trade, rng), postings(n_postings, table, tags_of_trade, rng), table
