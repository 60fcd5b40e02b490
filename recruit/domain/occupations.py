"""Occupations: the major groups of the 2022 Occupational Classification and common fair trades."""

import functools
import logging
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from recruit.domain import tsv

logger = logging.getLogger(__name__)

DATA_FILE = Path(__file__).with_name("data") / "occupations.tsv"
MAJOR_GROUPS: dict[str, tuple[str, str]] = {
    "1": (
        "党的机关、国家机关、群众团体和社会组织、企事业单位负责人",
        "Heads of Party and state organs, mass and social organisations, enterprises and institutions",
    ),
    "2": ("专业技术人员", "Professional and technical personnel"),
    "3": ("办事人员和有关人员", "Clerical and related personnel"),
    "4": ("社会生产服务和生活服务人员", "Production and personal service personnel"),
    "5": (
        "农、林、牧、渔业生产及辅助人员",
        "Agriculture, forestry, animal husbandry and fishery production and support personnel",
    ),
    "6": ("生产制造及有关人员", "Manufacturing and related personnel"),
    "7": ("军队人员", "Military personnel"),
    "8": ("不便分类的其他从业人员", "Other workers not elsewhere classified"),
}


@dataclass(frozen=True)
class Occupation:
    """One trade a posting or a seeker can name."""

    code: str
    name: str
    name_en: str
    major_group: str
    synonyms: tuple[str, ...]
    initials: str


def _row_to_occupation(row: dict[str, str]) -> Occupation:
    """Turn one TSV row into an Occupation."""
    return Occupation(
        code=row["code"],
        name=row["name"],
        name_en=row["name_en"],
        major_group=row["code"].split("-")[0],
        synonyms=tuple(filter(None, row["synonyms"].split("|"))),
        initials=row["initials"],
    )


@functools.cache
def _table() -> dict[str, Occupation]:
    """Load occupations.tsv once and index it by code."""
    return tsv.table_by_code(DATA_FILE, _row_to_occupation)


def all_occupations() -> tuple[Occupation, ...]:
    """Return every occupation in code order."""
    return tuple(_table().values())


def get(code: str) -> Occupation | None:
    """Return the occupation with this code."""
    return _table().get(code.strip())


def is_valid(code: str) -> bool:
    """Whether the code names an occupation of the list."""
    return get(code) is not None


def major_group_of(code: str) -> str | None:
    """Return the major group code ("1"-"8") of an occupation code, or None if it is unknown."""
    occupation = get(code)
    return occupation.major_group if occupation else None


def _fold(text: str) -> str:
    """Normalise text for matching: NFKC, no whitespace, lower case."""
    return "".join(unicodedata.normalize("NFKC", text).split()).lower()


def _match_rank(occupation: Occupation, query: str) -> int | None:
    """Rank how well an occupation matches a folded query; lower is better, None is no match."""
    name = occupation.name.lower()
    synonyms = [synonym.lower() for synonym in occupation.synonyms]
    if query == name or query in synonyms:
        return 0
    if name.startswith(query):
        return 1
    if any(synonym.startswith(query) for synonym in synonyms):
        return 2
    if query in name:
        return 3
    if any(query in synonym for synonym in synonyms):
        return 4
    if query.isascii() and query.isalpha() and occupation.initials.startswith(query):
        return 5
    if occupation.code.startswith(query):
        return 6
    return None


def search(query: str, limit: int = 20) -> list[Occupation]:
    """Find occupations by name, synonym, pinyin initials or code prefix, best first."""
    text = _fold(query)
    if not text:
        return []
    found = []
    for occupation in _table().values():
        rank = _match_rank(occupation, text)
        if rank is not None:
            found.append((rank, len(occupation.name), occupation.code, occupation))
    found.sort(key=lambda item: item[:3])
    return [item[-1] for item in found[:limit]]
