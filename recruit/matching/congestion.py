"""Crowding: keep the same few postings from filling every seeker's list.

Ranked by score alone, a handful of postings top most lists while others are never shown, and the crowded ones
cannot take most of the people sent to them. `rerank` orders each seeker's own candidates by score × a weight
per posting. The weights come from rounds of multiplicative price updates, as in a Sinkhorn scaling of the
columns of a transport plan: a posting shown more often per place than CEILING times the average over all
places loses weight, one shown less regains it up to 1, and no weight goes under 1 − MAX_LOSS, so a clearly
better posting still comes first. Because a seeker's list jumps when a weight crosses a threshold, the updates
shrink round by round and the weights used are the average of the later rounds (without it they swing between
two states). The rounds count the lists of an evenly spaced sample of at most SAMPLE seekers: the ratio to the
average does not depend on how many seekers are counted, and a million lists per round would take seconds.

Only the order changes: the returned scores are the original ones, and a list only holds the seeker's own
candidates. `load_report` measures the result over the postings with places: the Gini coefficient of
recommendations per place, and the share of postings no list shows.
"""

import logging

import numpy as np

from recruit.matching.tables import rank_in_runs

logger = logging.getLogger(__name__)

ROUNDS = 20
# Recommendations per place a posting may get, relative to the average over all places, before it loses weight.
CEILING = 1.0
# The largest share of its score a crowded posting can lose in the ordering.
MAX_LOSS = 0.2
# The first round's update exponent; round t uses STEP / sqrt(t + 1).
STEP = 0.5
SAMPLE = 50_000


def rerank(seeker, posting, score, capacity, n, rounds=ROUNDS, ceiling=CEILING, max_loss=MAX_LOSS):
    """Each seeker's top `n` candidates after re-ranking for crowding, as (seeker, posting, score) arrays.

    Scores must be positive. Edges come out grouped by seeker (ascending), first shown first; at equal weighted
    scores the higher original score comes first, then the input order.
    """
    capacity = np.asarray(capacity, dtype=np.float64)
    rows, scores, postings = _table(seeker, posting, score)
    weight = _weights(scores, postings, capacity, n, rounds, ceiling, max_loss)
    return _lists(rows, scores, postings, weight, n)


def _weights(scores, postings, capacity, n, rounds, ceiling, max_loss):
    """Each posting's weight, averaged over the second half of the rounds."""
    places = capacity > 0
    floor = 1 - max_loss
    weight = np.where(places, 1.0, floor)
    if not rounds or not places.any():
        return weight
    sample = np.unique(np.linspace(0, len(scores) - 1, min(SAMPLE, len(scores))).astype(np.int64))
    scores, postings = scores[sample].astype(np.float32), postings[sample]
    total = np.zeros(len(capacity))
    averaged = 0
    for step in range(rounds):
        shown = postings[_shown(scores * weight.astype(np.float32)[postings], n)]
        average = max(len(shown) / capacity[places].sum(), np.finfo(float).tiny)
        ratio = np.bincount(shown, minlength=len(capacity)) / np.maximum(capacity, 1) / average
        factor = (ceiling / np.maximum(ratio, np.finfo(float).tiny)) ** (STEP / np.sqrt(step + 1))
        weight = np.where(places, np.clip(weight * factor, floor, 1), floor)
        if step >= rounds // 2:
            total += weight
            averaged += 1
    return total / averaged


def _table(seeker, posting, score):
    """Candidates as dense rows (one per seeker with any), best first, each posting once.

    Short rows are padded with score -inf and posting -1.
    """
    seeker = np.asarray(seeker, dtype=np.int64)
    posting = np.asarray(posting, dtype=np.int64)
    score = np.asarray(score, dtype=np.float64)
    if np.any(seeker[1:] < seeker[:-1]):
        order = np.argsort(seeker, kind="stable")
        seeker, posting, score = seeker[order], posting[order], score[order]
    starts = np.flatnonzero(np.r_[True, seeker[1:] != seeker[:-1]])[:len(seeker)]
    rows, count = seeker[starts], np.diff(np.r_[starts, len(seeker)])
    row = np.repeat(np.arange(len(rows)), count)
    column = rank_in_runs(seeker)
    scores = np.full((len(rows), int(count.max(initial=0))), -np.inf)
    postings = np.full(scores.shape, -1, dtype=np.int32)
    scores[row, column] = score
    postings[row, column] = posting
    if np.any(scores[:, 1:] > scores[:, :-1]):
        order = np.argsort(-scores, axis=1, kind="stable")
        scores, postings = np.take_along_axis(scores, order, axis=1), np.take_along_axis(postings, order, axis=1)
    ascending = np.sort(postings, axis=1)
    if np.any((ascending[:, 1:] == ascending[:, :-1]) & (ascending[:, 1:] >= 0)):
        _drop_repeats(scores, postings)
    return rows, scores, postings


def _drop_repeats(scores, postings):
    """A posting listed twice for one seeker keeps its first (best) entry; the others become padding."""
    order = np.argsort(postings, axis=1, kind="stable")
    by_posting = np.take_along_axis(postings, order, axis=1)
    repeated = np.zeros(postings.shape, dtype=bool)
    repeated[:, 1:] = (by_posting[:, 1:] == by_posting[:, :-1]) & (by_posting[:, 1:] >= 0)
    row, place = np.nonzero(repeated)
    scores[row, order[row, place]] = -np.inf
    postings[row, order[row, place]] = -1


def _shown(values, n):
    """Mask of each row's `n` largest finite values."""
    mask = np.zeros(values.shape, dtype=bool)
    if values.shape[1] > n:
        np.put_along_axis(mask, np.argpartition(-values, n - 1, axis=1)[:, :n], True, axis=1)
    else:
        mask[:] = True
    return mask & np.isfinite(values)


def _lists(rows, scores, postings, weight, n):
    """(seeker, posting, score) of each row's top n by weighted score."""
    order = np.argsort(-(scores * weight[postings]), axis=1, kind="stable")[:, :n]
    chosen_scores = np.take_along_axis(scores, order, axis=1)
    chosen_postings = np.take_along_axis(postings, order, axis=1)
    real = np.isfinite(chosen_scores)
    seeker = np.broadcast_to(rows[:, None], real.shape)[real]
    return seeker, chosen_postings[real], chosen_scores[real]


def load_report(posting, capacity):
    """Crowding of a set of recommendations (the posting of each shown edge), over postings with places."""
    capacity = np.asarray(capacity)
    places = capacity > 0
    if not places.any():
        return {"gini": 0.0, "never_share": 0.0}
    load = np.bincount(np.asarray(posting, dtype=np.int64), minlength=len(capacity))[places]
    return {"gini": gini(load / capacity[places]), "never_share": float(np.mean(load == 0))}


def gini(values):
    """Gini coefficient of non-negative values: 0 when all are equal, near 1 when one holds everything."""
    values = np.sort(np.asarray(values, dtype=np.float64))
    total = values.sum()
    if not len(values) or total <= 0:
        return 0.0
    ranks = np.arange(1, len(values) + 1)
    return float(2 * np.sum(ranks * values) / (len(values) * total) - (len(values) + 1) / len(values))
