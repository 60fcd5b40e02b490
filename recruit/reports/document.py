"""What a report holds, independent of its file format: headed facts, sections of rows, charts.

The summary service builds a Document from SQL aggregates; `formats` writes it as XLSX, CSV or HTML. Cell values
are plain Python values and their type says how they are shown: int and float as numbers, Percent as a
percentage, Ratio with two decimals, date and datetime as such, str as text, None as an empty cell.
"""
import logging
from dataclasses import dataclass
from dataclasses import field
from datetime import datetime

logger = logging.getLogger(__name__)


class Percent(float):
    """A share (0.0803) shown as a percentage (8.0%)."""


class Ratio(float):
    """A ratio such as 求人倍率, shown with two decimals."""


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    width: int = 12  # in characters, as a spreadsheet counts them (a Chinese character counts two)


@dataclass
class Section:
    key: str  # stable and ASCII: file and sheet names are built from it
    title: str
    columns: list[Column]
    rows: list[tuple]
    note: str = ""


@dataclass(frozen=True)
class Chart:
    """A clustered bar chart of a section: one bar group per row (the first `limit`), one bar per series column."""

    title: str
    section: str
    category: str
    series: tuple[str, ...]
    limit: int = 15


@dataclass
class Document:
    kind: str  # "summary" or "sheet"
    title: str
    as_of: datetime  # wall-clock time in the bureau's zone
    facts: list[tuple[str, object]] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    charts: list[Chart] = field(default_factory=list)
    # Lines printed under a statistics sheet for hand signatures (填报单位, 填报人 …).
    signatures: list[str] = field(default_factory=list)

    def section(self, key):
        return next(section for section in self.sections if section.key == key)
