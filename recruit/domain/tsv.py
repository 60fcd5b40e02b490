"""Reading the data tables shipped with the package: tab-separated, a header row, `#` comment lines."""
import csv
import logging

logger = logging.getLogger(__name__)


def table_by_code(path, make_row):
    """Every row of the file made into an object by `make_row`, indexed by its `code` column."""
    with path.open(encoding="utf-8", newline="") as handle:
        lines = (line for line in handle if not line.startswith("#"))
        table = {row["code"]: make_row(row) for row in csv.DictReader(lines, delimiter="\t")}
    logger.debug("loaded %d rows from %s", len(table), path)
    return table
