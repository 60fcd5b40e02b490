"""Why a pair scored what it did, as short phrases a seeker or an employer reads."""

import logging

import numpy as np
from flask_babel import lazy_gettext as _l

from recruit.matching import score as scoring

logger = logging.getLogger(__name__)

OCCUPATION = {1.0: _l("Desired trade matches"), scoring.RELATED_TRADE: _l("Related trade")}
REGION = dict(zip(scoring.REGION_CREDIT[:3], (_l("Works in the same county"), _l("Works in the same city"),
                                              _l("Works in the same province")), strict=True))
CROSS_PROVINCE = _l("Willing to work in another province")
SALARY_FITS = _l("Pay within range")
SALARY_BELOW = _l("Pays less than expected")
HAS_SKILLS = _l("Has the skills asked for")
LODGING = _l("Dormitory or housing offered")
TRAVEL = _l("Travel subsidy offered")
NO_LODGING = _l("No dormitory for a worker from away")


def explain(seekers, row, postings, col, trades, words):
    """The reasons for one seeker × posting pair; `words` are the vocabulary's skill words by column."""
    rows, cols = np.array([row]), np.array([col])
    terms = {name: float(value[0, 0]) for name, value in
             scoring.score_block(seekers, rows, postings, cols, trades.groups, scoring.Weights.of()).terms.items()}
    reasons = []
    if terms["occupation"] in OCCUPATION and seekers.trades[row, 0] != scoring.NO_TRADE:
        reasons.append(OCCUPATION[terms["occupation"]])
    reasons.extend(_skills(seekers, row, postings, col, words))
    if seekers.salary[row]:
        reasons.append(SALARY_FITS if terms["salary"] == 1 else SALARY_BELOW)
    reasons.append(REGION.get(terms["region"], CROSS_PROVINCE))
    if terms["region"] < scoring.REGION_CREDIT[1]:
        reasons.extend(_benefits(postings, col))
    return reasons


def _skills(seekers, row, postings, col, words):
    asked = postings.skills[col].indices
    if not len(asked):
        return []
    missing = sorted(set(asked) - set(seekers.skills[row].indices))
    if not missing:
        return [HAS_SKILLS]
    return [_l("Missing: %(skills)s", skills="、".join(words[c] for c in missing))]


def _benefits(postings, col):
    offered = [LODGING] if postings.lodging[col] else []
    if postings.travel[col]:
        offered.append(TRAVEL)
    return offered or [NO_LODGING]
