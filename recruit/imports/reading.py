"""Reading an import file row by row: XLSX streamed by openpyxl, CSV in UTF-8 (with or without BOM) or GB18030."""
import codecs
import csv
import logging
from pathlib import Path

from flask_babel import lazy_gettext as _l
from openpyxl import load_workbook

from recruit.domain import errors
from recruit.domain.errors import RuleError
from recruit.imports import values

logger = logging.getLogger(__name__)

BLOCK = 1 << 16
EXCEL_SUFFIXES = (".xlsx", ".xlsm")

errors.register({
    "import_file_type": _l("Choose an Excel workbook (.xlsx) or a CSV file."),
    "import_file_unreadable": _l("This file cannot be read as an Excel workbook or a CSV file."),
    "import_file_empty": _l("The file has no header row."),
})


def rows_of(path):
    """The header row, then (row number, cells) of every row after it that is not empty."""
    path = Path(path)
    rows = _xlsx_rows(path) if path.suffix.lower() in EXCEL_SUFFIXES else _csv_rows(path)
    numbered = ((number, cells) for number, cells in enumerate(rows, start=1)
                if any(values.text(cell) for cell in cells))
    try:
        _, headers = next(numbered)
    except StopIteration:
        raise RuleError("import_file_empty") from None
    return [values.text(header) for header in headers], numbered


def _xlsx_rows(path):
    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises zipfile, KeyError or its own errors for a file that is not XLSX
        logger.info("unreadable workbook %s: %s", path.name, error)
        raise RuleError("import_file_unreadable") from None
    try:
        yield from book.active.iter_rows(values_only=True)
    finally:
        book.close()


def csv_encoding(path):
    """UTF-8 (a BOM is dropped) when every byte of the file decodes as UTF-8; otherwise GB18030, which older
    Excel writes for a Chinese Windows."""
    with path.open("rb") as handle:
        if handle.read(len(codecs.BOM_UTF8)) == codecs.BOM_UTF8:
            return "utf-8-sig"
        handle.seek(0)
        decoder = codecs.getincrementaldecoder("utf-8")()
        try:
            while block := handle.read(BLOCK):
                decoder.decode(block)
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            return "gb18030"
    return "utf-8"


def _csv_rows(path):
    if path.suffix.lower() not in (".csv", ".txt"):
        raise RuleError("import_file_type")
    try:
        with path.open(encoding=csv_encoding(path), newline="") as handle:
            yield from csv.reader(handle)
    except (UnicodeDecodeError, csv.Error):
        raise RuleError("import_file_unreadable") from None
