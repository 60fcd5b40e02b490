"""The workbooks an import hands out: the template of each kind, and the rows it refused with their errors."""
import logging
from pathlib import Path

from flask_babel import lazy_gettext as _l
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.styles import PatternFill

logger = logging.getLogger(__name__)

ERRORS_HEADER = _l("Errors")
HEADER_FONT = Font(bold=True)
NOTE_FONT = Font(italic=True, color="666666")
EXAMPLE_FILL = PatternFill("solid", fgColor="FFF2CC")
# Excel turns 18 digits into 5.20526E+17 and loses the last three: such columns are kept as text.
TEXT_FORMAT = "@"
COLUMN_WIDTH = 18


def template(columns):
    """A workbook with our headers, a row saying how to fill each column and an example row."""
    book = Workbook()
    sheet = book.active
    sheet.append([column.header for column in columns])
    sheet.append([column.instruction for column in columns])
    sheet.append([column.example for column in columns])
    for index in range(1, len(columns) + 1):
        sheet.cell(1, index).font = HEADER_FONT
        sheet.cell(2, index).font = NOTE_FONT
        sheet.cell(3, index).fill = EXAMPLE_FILL
        letter = sheet.cell(1, index).column_letter
        sheet.column_dimensions[letter].width = COLUMN_WIDTH
        sheet.column_dimensions[letter].number_format = TEXT_FORMAT
    sheet.freeze_panes = "A2"
    return book


class ErrorBook:
    """The refused rows in the file's own columns plus one with their errors, written as they come (a
    write-only workbook keeps no rows in memory); made at the first refused row, so that a file without any
    leaves nothing behind."""

    def __init__(self, headers):
        self.headers = list(headers)
        self.book = None
        self.rows = 0

    def _start(self):
        self.book = Workbook(write_only=True)
        self.sheet = self.book.create_sheet()
        self.sheet.append([self._bold(header) for header in [*self.headers, str(ERRORS_HEADER)]])

    def _bold(self, value):
        cell = WriteOnlyCell(self.sheet, value=value)
        cell.font = HEADER_FONT
        return cell

    def add(self, cells, messages):
        if self.book is None:
            self._start()
        width = len(self.headers)
        cells = list(cells)[:width]
        self.sheet.append(cells + [None] * (width - len(cells)) + ["；".join(messages)])
        self.rows += 1

    def save(self, path):
        """Write the workbook when a row was refused; returns the path, or None."""
        if self.book is None:
            return None
        path = Path(path)
        self.book.save(path)
        return path
