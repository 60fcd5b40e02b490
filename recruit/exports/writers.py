"""A table written row by row into a temporary file, as XLSX or CSV: memory stays bounded whatever its length.

The cells follow the reports' rules (recruit/reports/formats.py): text a spreadsheet would run as a formula is
neutralised, numbers and dates stay numbers and dates in XLSX, CSV is UTF-8 with a BOM so that Excel reads the
Chinese, dates and times in ISO form.
"""
import csv
import io
import logging
import tempfile
from dataclasses import dataclass
from datetime import date
from datetime import datetime

import xlsxwriter

from recruit.reports.formats import NUMBER_FORMATS
from recruit.reports.formats import csv_cell
from recruit.reports.formats import neutralise

logger = logging.getLogger(__name__)

MIMETYPES = {"xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "csv": "text/csv"}
# Up to this size the file stays in memory; beyond it the temporary file is on disk, and the response streams
# it from there and closes it.
SPOOL_BYTES = 4 * 1024 * 1024
XLSX_WIDTH = 16


@dataclass(frozen=True)
class Written:
    file: object  # a binary file positioned at its start, for send_file to stream and close
    rows: int
    mimetype: str


def write(fmt, headers, rows):
    """The headers and every row of the iterable, as a file in the format ("xlsx" or "csv")."""
    output = tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES)  # noqa: SIM115 (the response closes it)
    count = _xlsx(output, headers, rows) if fmt == "xlsx" else _csv(output, headers, rows)
    size = output.seek(0, io.SEEK_END)
    output.seek(0)
    logger.debug("exported %d rows as %s: %d bytes", count, fmt, size)
    return Written(_small(output) if size <= SPOOL_BYTES else output, count, MIMETYPES[fmt])


def _small(output):
    """A small file as bytes in memory: nothing is left open if the response is never read to its end."""
    with output:
        return io.BytesIO(output.read())


def _xlsx(output, headers, rows):
    # constant_memory: each row goes to a temporary file as soon as the next one starts.
    workbook = xlsxwriter.Workbook(output, {"constant_memory": True, "remove_timezone": True})
    worksheet = workbook.add_worksheet()
    formats = {kind: workbook.add_format({"num_format": NUMBER_FORMATS[kind]}) for kind in ("date", "datetime")}
    header = workbook.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1})
    worksheet.set_column(0, max(len(headers) - 1, 0), XLSX_WIDTH)
    worksheet.freeze_panes(1, 0)
    for col, text in enumerate(headers):
        worksheet.write_string(0, col, neutralise(str(text)), header)
    count = 0
    for count, values in enumerate(rows, 1):
        for col, value in enumerate(values):
            _xlsx_cell(worksheet, count, col, value, formats)
    worksheet.autofilter(0, 0, count, max(len(headers) - 1, 0))
    workbook.close()
    return count


def _xlsx_cell(worksheet, row, col, value, formats):
    if value is None or value == "":
        return
    if isinstance(value, bool) or not isinstance(value, int | float | date):
        # write_string, never write(): "=1+1" would become a formula and "http://…" a link.
        worksheet.write_string(row, col, neutralise(str(value)))
    elif isinstance(value, datetime):
        worksheet.write_datetime(row, col, value, formats["datetime"])
    elif isinstance(value, date):
        worksheet.write_datetime(row, col, datetime.combine(value, datetime.min.time()), formats["date"])
    else:
        worksheet.write_number(row, col, value)


def _csv(output, headers, rows):
    text = io.TextIOWrapper(output, encoding="utf-8-sig", newline="", write_through=True)
    writer = csv.writer(text)
    writer.writerow([neutralise(str(header)) for header in headers])
    count = 0
    for values in rows:
        writer.writerow([csv_cell(value) for value in values])
        count += 1
    text.flush()
    text.detach()  # the wrapper would close the file it wraps when collected
    return count

