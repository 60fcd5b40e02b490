"""Administrative divisions (GB/T 2260), current and retired, from the shipped regions.tsv."""

import functools
import logging
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from recruit.domain import tsv

logger = logging.getLogger(__name__)

DATA_FILE = Path(__file__).with_name("data") / "regions.tsv"
LEVELS = ("province", "city", "county")
# Statistical rows that hold a code but name no real unit: resolvable for old ID numbers, never offered.
PLACEHOLDERS = frozenset(
    {"市辖区", "县", "市", "市区", "林区", "省直辖县级行政单位", "自治区直辖县级行政单位", "省直辖行政单位"}
)
_LEVEL_ORDER = {"county": 0, "city": 1, "province": 2}


@dataclass(frozen=True)
class Region:
    """One administrative division code with its names and history."""

    code: str
    name: str
    level: str
    parent_code: str | None
    full_name: str
    initials: str
    retired: bool
    successor_code: str | None
    valid_until: int | None = None

    @property
    def pickable(self) -> bool:
        """Whether a person may choose this region in a form."""
        return not self.retired and self.name not in PLACEHOLDERS


def _row_to_region(row: dict[str, str]) -> Region:
    """Turn one TSV row into a Region."""
    return Region(
        code=row["code"],
        name=row["name"],
        level=row["level"],
        parent_code=row["parent_code"] or None,
        full_name=row["full_name"],
        initials=row["initials"],
        retired=row["retired"] == "1",
        successor_code=row["successor_code"] or None,
        valid_until=int(row["valid_until"]) if row["valid_until"] else None,
    )


@functools.cache
def _table() -> dict[str, Region]:
    """Load regions.tsv once and index it by code."""
    return tsv.table_by_code(DATA_FILE, _row_to_region)


@functools.cache
def _children() -> dict[str, tuple[Region, ...]]:
    """Index the regions by parent code."""
    children: dict[str, list[Region]] = {}
    for region in _table().values():
        if region.parent_code:
            children.setdefault(region.parent_code, []).append(region)
    return {code: tuple(regions) for code, regions in children.items()}


def get(code: str) -> Region | None:
    """Return the region with this six-digit code, current or retired."""
    return _table().get(code.strip())


def exists(code: str, include_retired: bool = True) -> bool:
    """Whether the code is known, counting retired codes unless told otherwise."""
    region = get(code)
    return region is not None and (include_retired or not region.retired)


def all_regions() -> tuple[Region, ...]:
    """Return every region in code order, retired codes and placeholders included."""
    return tuple(_table().values())


def children(code: str, include_retired: bool = False) -> tuple[Region, ...]:
    """Return the pickable regions directly under a code (retired ones too when asked)."""
    return tuple(
        region
        for region in _children().get(code, ())
        if region.pickable or (include_retired and region.retired)
    )


def province_of(code: str) -> Region | None:
    """Return the province a code belongs to."""
    return get(code[:2] + "0000") if len(code) == 6 else None


def city_of(code: str) -> Region | None:
    """Return the prefecture-level unit of a code, or None where a county sits right under a province."""
    region = get(code)
    if region is None or region.level == "province":
        return None
    if region.level == "city":
        return region
    parent = get(region.parent_code)
    return parent if parent is not None and parent.level == "city" else None


def full_name(code: str) -> str:
    """Return the name from province down, or the code itself when it is unknown."""
    region = get(code)
    return region.full_name if region else code


def current(code: str) -> Region | None:
    """Follow the successor chain of a retired code to the region that holds it now."""
    region = get(code)
    seen = set()
    while region is not None and region.successor_code and region.code not in seen:
        seen.add(region.code)
        successor = get(region.successor_code)
        if successor is None:
            break
        region = successor
    return region


_CODE_PREFIX = 6
# What people leave off a name when they type it (衢州 for 衢州市), the longest first; a name of one character
# without it (滑 of 滑县) is too short to stand for the region.
NAME_SUFFIXES = ("特别行政区", "自治区", "自治州", "自治县", "自治旗", "地区", "林区", "新区", "省", "市", "县", "区",
                 "盟", "旗")


def short_name(name: str) -> str:
    """The name without the kind of unit it ends with (衢州 of 衢州市), or the name itself."""
    for suffix in NAME_SUFFIXES:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return name[: -len(suffix)]
    return name


def _match_rank(region: Region, query: str) -> int | None:
    """Rank how well a region matches a normalised query; lower is better, 0 is the region named as typed."""
    if query in (region.name, region.code):
        return 0
    if region.name.startswith(query):
        return 0 if query == short_name(region.name) else 1
    if query in region.name:
        return 2
    if query in region.full_name:
        return 3
    if query == region.initials:
        return 4
    if query.isascii() and query.isalpha() and region.initials.startswith(query):
        return 5
    if query.isdigit() and region.code.startswith(query):
        return _CODE_PREFIX
    return None


def _sort_key(rank: int, region: Region, preferred: bool) -> tuple:
    """The region named as typed first, then the preferred ones, then the rest; in each, current before retired,
    then by rank, counties first and shorter names first."""
    if rank == _CODE_PREFIX:
        # Someone typing digits reads the codes in order (the city, then its counties), wherever they lie.
        return (True, True, region.retired, rank, 0, 0, region.code)
    return (rank > 0, not preferred, region.retired, rank, _LEVEL_ORDER[region.level], len(region.name), region.code)


def search(query: str, limit: int = 20, include_retired: bool = False,
           prefer: Iterable[str] = ()) -> list[Region]:
    """Find regions by Chinese name, full name, pinyin initials or code prefix, best first.

    `prefer` holds the codes of the regions the user most likely means (the bureau's province, the hometowns
    its drives recruit from): the regions inside them come right after the one named exactly as typed.
    """
    text = "".join(unicodedata.normalize("NFKC", query).split()).lower()
    if not text:
        return []
    preferred = tuple(prefix(code) for code in prefer if exists(code))
    found = []
    for region in _table().values():
        if region.name in PLACEHOLDERS or (region.retired and not include_retired):
            continue
        rank = _match_rank(region, text)
        if rank is not None:
            found.append((_sort_key(rank, region, region.code.startswith(preferred)), region))
    found.sort(key=lambda item: item[0])
    return [region for _, region in found[:limit]]


def prefix(code: str) -> str:
    """The prefix every code inside a region shares: 52 for a province, 5205 for a city, the code for a county."""
    if code.endswith("0000"):
        return code[:2]
    if code.endswith("00"):
        return code[:4]
    return code


def contains(region_code: str, code: str) -> bool:
    """Whether `code` lies in the region `region_code` (a province holds its cities and counties)."""
    return bool(code) and code.startswith(prefix(region_code))


def within_any(code: str, region_codes) -> bool:
    """Whether `code` lies in one of the regions."""
    return any(contains(region, code) for region in region_codes)
