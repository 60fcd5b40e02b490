"""Running an import: read the file, match its columns, hand the rows to their kind a chunk at a time, count
what happened and keep the refused rows with their errors for the person to fix and import again."""
import contextlib
import itertools
import logging
from dataclasses import dataclass
from pathlib import Path

from recruit.domain.errors import RuleError
from recruit.extensions import db
from recruit.imports import columns
from recruit.imports import reading
from recruit.imports import values
from recruit.imports import workbooks
from recruit.imports.employers import EmployerRows
from recruit.imports.postings import PostingRows
from recruit.imports.seekers import SeekerRows
from recruit.imports.workbooks import ErrorBook

logger = logging.getLogger(__name__)

# Rows looked up and written together: one query for the chunk's known records, one statement for its new ones.
CHUNK = 2000
KINDS = {"seekers": SeekerRows, "employers": EmployerRows, "postings": PostingRows}
VERDICTS = ("created", "updated", "unchanged")


@dataclass(frozen=True)
class Job:
    """Who imports, into which event, and whether for real."""

    by_user: object = None
    event: object = None
    dry_run: bool = False
    allowed_regions: object = None


@dataclass(eq=False)
class Row:
    """One row of the file: its number in the sheet, its cells as read, and its fields' values."""

    number: int
    cells: tuple
    values: dict
    texts: dict


@dataclass
class Result:
    kind: str
    dry_run: bool
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    invalid: int = 0
    errors_path: Path | None = None

    @property
    def rows(self):
        return self.created + self.updated + self.unchanged + self.invalid


def run(kind, path, *, errors_path=None, mapping=None, dry_run=False, by_user=None, event=None,
        allowed_regions=None, progress=None):
    """Import the file's rows of `kind`; returns the counts and, when rows were refused, where they are.

    A RuleError before any row is handled: the file cannot be read or lacks a required column. The caller
    commits; a dry run leaves the session as it found it. `progress(rows)`, when given, is called after each
    chunk with the rows of the file handled so far, outside any savepoint: it may commit.
    """
    job = Job(by_user=by_user, event=event, dry_run=dry_run, allowed_regions=allowed_regions)
    handler = KINDS[kind](job)
    headers, rows = reading.rows_of(path)
    matched = columns.match(handler.columns, headers, mapping)
    result = Result(kind=kind, dry_run=dry_run)
    book = ErrorBook(headers)
    _handle_all(handler, rows, matched, headers, result, book, progress or _no_progress)
    if not dry_run:
        handler.audit(result, Path(path).name)
    result.errors_path = book.save(errors_path or default_errors_path(path))
    logger.info("import of %s from %s: %s", kind, Path(path).name, result)
    return result


def default_errors_path(path):
    path = Path(path)
    return path.with_name(f"{path.stem}-errors.xlsx")


def _handle_all(handler, rows, matched, headers, result, book, progress):
    # A problem is said of the column as the file names it.
    labels = {column.field: column.header for column in handler.columns}
    labels.update({column.field: headers[index] for index, column in matched.items()})
    handled = 0
    for chunk in _chunks(rows):
        read = [_row(number, cells, matched) for number, cells in chunk]
        with _scratch(handler.job.dry_run):
            verdicts = handler.handle([row for row in read if not _template_row(row, matched)])
        for row, verdict in verdicts:
            if isinstance(verdict, RuleError):
                result.invalid += 1
                book.add(row.cells, _messages(verdict, labels))
            else:
                setattr(result, verdict, getattr(result, verdict) + 1)
        handled += len(chunk)
        progress(handled)


@contextlib.contextmanager
def _scratch(dry_run):
    """A dry run writes nothing: each chunk's savepoint is rolled back, whatever a check may have flushed."""
    if not dry_run:
        yield
        return
    with db.session.begin_nested() as savepoint:
        yield
        savepoint.rollback()


def _no_progress(rows):
    """Nobody watches the command line's import row by row."""


def _chunks(rows):
    while chunk := list(itertools.islice(rows, CHUNK)):
        yield chunk


def _row(number, cells, matched):
    found, texts = {}, {}
    for index, column in matched.items():
        cell = cells[index] if index < len(cells) else None
        value = column.read(cell)
        if value in (None, "", []) and column.default is not None:
            value = column.default
        found[column.field] = value
        texts[column.field] = values.text(cell)
    return Row(number=number, cells=tuple(cells), values=found, texts=texts)


def _template_row(row, matched):
    """The template's instruction and example rows, left in the file: not data."""
    return any(row.texts == {column.field: getattr(column, part) for column in matched.values()}
               for part in ("instruction", "example"))


def _messages(error, labels):
    """Each problem in the reader's language, after the column it concerns."""
    return [f"{labels[problem.field]}：{problem.message}" if problem.field in labels else problem.message
            for problem in error.problems]


def template(kind):
    """The workbook a person fills for an import of `kind`: our headers, how to fill them, an example."""
    return workbooks.template(KINDS[kind].columns)
