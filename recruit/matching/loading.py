"""Seekers and postings from the database (or any rows with the same fields) into the matcher's tables."""

import functools
import logging

import numpy as np
from scipy import sparse

from recruit.domain import education
from recruit.domain import occupations
from recruit.domain import skills
from recruit.matching.tables import MAX_TRADES
from recruit.matching.tables import NO_TRADE
from recruit.matching.tables import Postings
from recruit.matching.tables import Seekers
from recruit.matching.tables import Trades

logger = logging.getLogger(__name__)


@functools.cache
def trades() -> Trades:
    """Every occupation of the list by index, with its major group."""
    every = occupations.all_occupations()
    return Trades(codes=[o.code for o in every], groups=np.array([int(o.major_group) for o in every], np.int8))


class Vocabulary:
    """Canonical skill words by column, shared by the seekers and postings of one run."""

    def __init__(self):
        self.columns = {}
        self.words = []

    def columns_of(self, tags):
        found = []
        for word in _canonical_tags(tuple(tags or ())):
            if word not in self.columns:
                self.columns[word] = len(self.words)
                self.words.append(word)
            found.append(self.columns[word])
        return found


@functools.lru_cache(maxsize=65536)
def _canonical_tags(tags):
    """skills.normalise, remembered: most people list the same few skills."""
    return skills.normalise(tags)


def _tag_matrix(column_lists, width):
    """Rows of column indexes as a 0/1 CSR matrix."""
    indptr = np.cumsum([0] + [len(columns) for columns in column_lists])
    indices = np.fromiter((c for columns in column_lists for c in columns), dtype=np.int32, count=indptr[-1])
    data = np.ones(len(indices), dtype=np.float32)
    return sparse.csr_matrix((data, indices, indptr), shape=(len(column_lists), width))


def _rank(level):
    return education.RANK.get(level or "", 0)


def _region(code):
    return int(code) if code and code.isdigit() else 0


def _trade_slots(codes, index):
    known = [index[code] for code in dict.fromkeys(codes or ()) if code in index][:MAX_TRADES]
    return known + [NO_TRADE] * (MAX_TRADES - len(known))


def _ages(births, day):
    """Whole years on `day` (idcard.age_on for many): a year less until the birthday has come."""
    year = np.array([b.year for b in births], dtype=np.int16)
    month_day = np.array([b.month * 100 + b.day for b in births], dtype=np.int16)
    return (day.year - year - (month_day > day.month * 100 + day.day)).astype(np.int16)


def seekers_table(rows, day, vocabulary):
    """Seekers as arrays, ages and availability counted on `day`."""
    rows = list(rows)
    index = trades().index()
    return Seekers(
        ids=np.array([r.id for r in rows], dtype=np.int64),
        age=_ages([r.birth_date for r in rows], day),
        education=np.array([_rank(r.education) for r in rows], dtype=np.int8),
        region=np.array([_region(r.current_region_code or r.hometown_code) for r in rows], dtype=np.int32),
        relocate=np.array([bool(r.willing_to_relocate) for r in rows], dtype=bool),
        available=np.array([r.available_from is None or r.available_from <= day for r in rows], dtype=bool),
        salary=np.array([r.expected_salary or 0 for r in rows], dtype=np.int32),
        trades=np.array([_trade_slots(r.desired_occupations, index) for r in rows], dtype=np.int16).reshape(
            len(rows), MAX_TRADES),
        skills=[vocabulary.columns_of(r.skills) for r in rows],
    )


def postings_table(rows, vocabulary):
    """Postings as arrays; `capacity` is the places not yet signed."""
    rows = list(rows)
    index = trades().index()
    return Postings(
        ids=np.array([r.id for r in rows], dtype=np.int64),
        age_min=np.array([r.age_min for r in rows], dtype=np.int16),
        age_max=np.array([r.age_max for r in rows], dtype=np.int16),
        education=np.array([_rank(r.education_min) for r in rows], dtype=np.int8),
        region=np.array([_region(r.work_region_code) for r in rows], dtype=np.int32),
        salary_min=np.array([r.salary_min for r in rows], dtype=np.int32),
        salary_max=np.array([r.salary_max for r in rows], dtype=np.int32),
        # A posting's trade is checked against the list when saved; a code since dropped matches no wish.
        trade=np.array([index.get(r.occupation_code, NO_TRADE) for r in rows], dtype=np.int16),
        skills=[vocabulary.columns_of(r.skills) for r in rows],
        lodging=np.array([bool(r.dormitory or r.housing) for r in rows], dtype=bool),
        travel=np.array([bool(r.travel_subsidy) for r in rows], dtype=bool),
        capacity=np.array([max(r.headcount - r.signed_count, 0) for r in rows], dtype=np.int32),
    )


def finish(vocabulary, *tables):
    """Turn each table's skill column lists into matrices, now that the vocabulary is complete."""
    for table in tables:
        table.skills = _tag_matrix(table.skills, len(vocabulary.words))
    return tables
