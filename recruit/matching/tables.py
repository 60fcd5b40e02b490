"""Seekers and postings as column arrays: what the matcher reads, built once per run."""

import logging
from dataclasses import dataclass

import numpy as np
from scipy import sparse

logger = logging.getLogger(__name__)

# A seeker names at most this many desired trades (the profile form allows five).
MAX_TRADES = 5
NO_TRADE = -1


@dataclass
class Seekers:
    """One row per seeker. Region codes are GB/T 2260 numbers (330803); 0 is unknown."""

    ids: np.ndarray  # int64
    age: np.ndarray  # int16, age on the matching day
    education: np.ndarray  # int8, education.RANK of the level, 0 when none is given
    region: np.ndarray  # int32, where the seeker lives now (current region, else hometown)
    relocate: np.ndarray  # bool, willing to work outside their home province
    available: np.ndarray  # bool, available by the matching day
    salary: np.ndarray  # int32, expected monthly pay, 0 when none is given
    trades: np.ndarray  # int16 (n, MAX_TRADES), trade indexes (Trades), NO_TRADE pads
    skills: sparse.csr_matrix  # float32 (n, len(vocabulary)), 1 where the seeker has the skill

    def __len__(self):
        return len(self.ids)


@dataclass
class Postings:
    """One row per posting."""

    ids: np.ndarray  # int64
    age_min: np.ndarray  # int16
    age_max: np.ndarray  # int16
    education: np.ndarray  # int8, education.RANK of the minimum, 0 when there is none
    region: np.ndarray  # int32, the place of work
    salary_min: np.ndarray  # int32
    salary_max: np.ndarray  # int32
    trade: np.ndarray  # int16, trade index (Trades)
    skills: sparse.csr_matrix  # float32 (n, len(vocabulary))
    lodging: np.ndarray  # bool, dormitory or housing offered
    travel: np.ndarray  # bool, travel subsidy offered
    capacity: np.ndarray  # int32, places still to fill

    def __len__(self):
        return len(self.ids)


@dataclass
class Trades:
    """Occupation codes by index, with each one's major group (a small int, "6" is 6)."""

    codes: list
    groups: np.ndarray  # int8, indexed like codes

    def index(self):
        return {code: i for i, code in enumerate(self.codes)}


def rank_in_runs(keys):
    """Position of each element within its run of equal keys (the keys already grouped): 0, 1, 2, 0, 1, …"""
    if not len(keys):
        return np.zeros(0, dtype=np.int64)
    starts = np.flatnonzero(np.r_[True, keys[1:] != keys[:-1]])
    return np.arange(len(keys)) - np.repeat(starts, np.diff(np.r_[starts, len(keys)]))


def province(region):
    """Province part of region numbers (330803 → 33)."""
    return region // 10000


def city(region):
    """City part of region numbers (330803 → 3308)."""
    return region // 100
