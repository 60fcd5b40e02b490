"""Fill the initials column of occupations.tsv; run by hand after editing it (needs pypinyin).

Usage: python recruit/domain/data/build_occupations.py
"""

import csv
import logging
import re
from pathlib import Path

from pypinyin import Style
from pypinyin import lazy_pinyin

logger = logging.getLogger(__name__)

TABLE = Path(__file__).with_name("occupations.tsv")


def initials(name: str) -> str:
    """Return the lower-case pinyin initials of a name; Latin letters are kept as they are."""
    letters = "".join(lazy_pinyin(name, style=Style.FIRST_LETTER)).lower()
    return re.sub(r"[^a-z]", "", letters)


def main() -> None:
    """Rewrite occupations.tsv with the initials recomputed, keeping its comment header."""
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    lines = TABLE.read_text(encoding="utf-8").splitlines(keepends=True)
    header = [line for line in lines if line.startswith("#")]
    rows = list(csv.DictReader((line for line in lines if not line.startswith("#")), delimiter="\t"))
    for row in rows:
        row["initials"] = initials(row["name"])
    with TABLE.open("w", encoding="utf-8", newline="") as handle:
        handle.writelines(header)
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), delimiter="\t", lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    logger.info("%d occupations written to %s", len(rows), TABLE)


if __name__ == "__main__":
    main()
