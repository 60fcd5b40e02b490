"""A report Document written as an XLSX workbook, CSV (a ZIP of them for several sections) or a printable HTML page.

XLSX: a summary gets a cover sheet (title, as-of time, facts) and one sheet per section with its header row in the
first row, frozen, and its charts to the right of the table; a statistics sheet ("sheet") is one worksheet set up
for A4 portrait on one page, with the signature lines under its table. Numbers stay numbers with a number format.

CSV is one table per file and stays machine-readable: UTF-8 with a BOM (Excel then reads the Chinese right),
Percent as a decimal fraction with 4 decimals (0.0803), Ratio with 2 decimals, dates and times in ISO form
(2026-01-01, 2026-01-01 12:30), no title or facts.

In XLSX and CSV a text cell that a spreadsheet would run as a formula gets a leading apostrophe (`neutralise`).
"""
import csv
import functools
import io
import logging
import numbers
import zipfile
from dataclasses import dataclass
from datetime import date
from datetime import datetime

import xlsxwriter
from flask import render_template
from flask_babel import gettext as _
from markupsafe import Markup

from recruit.reports.document import Percent
from recruit.reports.document import Ratio

logger = logging.getLogger(__name__)

# OWASP's list of the characters a spreadsheet takes as the start of a formula (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# Excel refuses these in a sheet name, a name longer than 31 characters, and "History" (its own).
SHEET_NAME_FORBIDDEN = str.maketrans("", "", "[]:*?/\\")
SHEET_NAME_LENGTH = 31
RESERVED_SHEET_NAMES = frozenset({"history"})
# The most specific type first: Percent and Ratio are floats, a datetime is a date, a bool an int.
KINDS = (
    (type(None), "empty"),
    (Percent, "percent"),
    (Ratio, "ratio"),
    (numbers.Integral, "int"),
    (numbers.Number, "float"),  # Decimal too: PostgreSQL's AVG and SUM give one
    (datetime, "datetime"),
    (date, "date"),
)
NUMBER_FORMATS = {
    "int": "#,##0",
    "float": "#,##0.00",
    "percent": "0.0%",
    "ratio": "0.00",
    "date": "yyyy-mm-dd",
    "datetime": "yyyy-mm-dd hh:mm",
}
NUMERIC = frozenset({"int", "float", "percent", "ratio"})
XLSX_OPTIONS = {"in_memory": True, "remove_timezone": True}
CHART_WIDTH = 640
# A4 (XlsxWriter's paper 9); the statistics sheet is filed on paper.
A4 = 9
# The inline SVG charts: pixel sizes in the viewBox, and one colour per series.
SVG_WIDTH = 720
SVG_LABEL_WIDTH = 170
SVG_BAR_SPACE = 460
SVG_BAR = 16
SVG_GROUP_GAP = 10
SVG_LEGEND_LINE = 18
SVG_LABEL_CHARS = 12
SVG_COLOURS = ("#2f6db5", "#e08a2c", "#3f9852", "#b84a4a", "#7b5ea7", "#5a5a5a")


@dataclass(frozen=True)
class Rendered:
    data: bytes
    extension: str  # "xlsx", "csv", "zip" or "html"
    mimetype: str


@dataclass(frozen=True)
class _HtmlSection:
    """A section as the HTML template shows it: cells already written out, the charts as SVG."""

    title: str
    note: str
    labels: list
    rows: object  # an iterator of ((text, is_number), …) tuples, consumed once by the template
    charts: list


def render(document, fmt):
    """The document as a file: fmt is "xlsx", "csv" or "html"."""
    writers = {"xlsx": _xlsx, "csv": _csv, "html": _html}
    if fmt not in writers:
        raise ValueError(f"unknown report format {fmt!r}")
    rendered = writers[fmt](document)
    logger.debug("rendered %s report as %s: %d bytes", document.kind, rendered.extension, len(rendered.data))
    return rendered


def neutralise(text):
    """Text a spreadsheet would take for a formula ("=HYPERLINK(…)", "+1", "@SUM(…)"), made plain text."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


@functools.cache
def _kind(cls):
    """How a value of this type is shown; cached, as it is asked once per cell of sections of 100,000 rows."""
    return next((kind for base, kind in KINDS if issubclass(cls, base)), "text")


def _display(value):
    """A value as the HTML page shows it: 12,345, 8.0%, 1.25, 2026-01-01 12:30."""
    kind = _kind(type(value))
    if kind == "empty":
        return ""
    if kind == "int":
        return f"{value:,}"
    if kind == "float":
        return f"{value:,.2f}"
    if kind == "percent":
        return f"{value:.1%}"
    if kind == "ratio":
        return f"{value:.2f}"
    if kind == "datetime":
        return value.strftime("%Y-%m-%d %H:%M")
    return value.isoformat() if kind == "date" else str(value)


def _as_of(document):
    return _("As of %(time)s", time=_display(document.as_of))


# XLSX

def _xlsx(document):
    output = io.BytesIO()
    workbook = xlsxwriter.Workbook(output, XLSX_OPTIONS)
    placements = _statistics_sheet(workbook, document) if document.kind == "sheet" else _summary(workbook, document)
    sections = {section.key: section for section in document.sections}
    offsets = dict.fromkeys(sections, 0)
    for chart in document.charts:
        worksheet, header = placements[chart.section]
        offsets[chart.section] += _chart(workbook, worksheet, header, sections[chart.section], chart,
                                         offsets[chart.section])
    workbook.close()
    return Rendered(output.getvalue(), "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")


def _formats(workbook, printed):
    """One cell format per kind of value, plus the headings; a printed sheet draws its grid."""
    base = {"border": 1, "valign": "vcenter"} if printed else {}
    formats = {kind: workbook.add_format({**base, "num_format": fmt}) for kind, fmt in NUMBER_FORMATS.items()}
    formats["text"] = workbook.add_format({**base, "text_wrap": printed})
    # An empty cell needs writing only to carry the grid; without a format write_blank writes nothing.
    formats["empty"] = formats["text"] if printed else None
    formats["header"] = workbook.add_format({**base, "bold": True, "bg_color": "#DDEBF7", "text_wrap": True,
                                             "valign": "vcenter", "border": 1})
    formats["label"] = workbook.add_format({**base, "bold": True})
    formats["title"] = workbook.add_format({"bold": True, "font_size": 16, "align": "center", "valign": "vcenter"})
    formats["muted"] = workbook.add_format({"font_color": "#595959", "align": "right" if printed else "left"})
    formats["signature"] = workbook.add_format({"valign": "bottom"})
    formats["line"] = workbook.add_format({"bottom": 1})
    return formats


def _cell(worksheet, row, col, value, formats):
    kind = _kind(type(value))
    if kind == "text":
        # write_string, never write(): write() would turn "=1+1" into a formula and "http://…" into a link.
        worksheet.write_string(row, col, neutralise(str(value)), formats["text"])
    elif kind in NUMERIC:
        worksheet.write_number(row, col, value, formats[kind])
    elif kind == "empty":
        worksheet.write_blank(row, col, None, formats["empty"])
    else:
        worksheet.write_datetime(row, col, value, formats[kind])


def _span(worksheet, row, first_col, last_col, cell_format):
    """Cells of a row merged into one, left empty: merge_range writes its value with write(), which would take
    "=…" for a formula, so the caller writes the value into the first cell."""
    if last_col > first_col:
        worksheet.merge_range(row, first_col, row, last_col, "", cell_format)
    else:
        worksheet.write_blank(row, first_col, None, cell_format)


def _text(worksheet, row, last_col, text, cell_format):
    """Text across the columns 0 to last_col."""
    _span(worksheet, row, 0, last_col, cell_format)
    worksheet.write_string(row, 0, neutralise(str(text)), cell_format)


def _heading(worksheet, document, formats, last_col):
    """The title, the as-of time and the facts (label, then the value across the other columns); the next row."""
    _text(worksheet, 0, last_col, document.title, formats["title"])
    worksheet.set_row(0, 30)
    _text(worksheet, 1, last_col, _as_of(document), formats["muted"])
    for row, (label, value) in enumerate(document.facts, 2):
        worksheet.write_string(row, 0, neutralise(str(label)), formats["label"])
        _span(worksheet, row, 1, last_col, formats[_kind(type(value))])
        _cell(worksheet, row, 1, value, formats)
    return 2 + len(document.facts)


def _table(worksheet, row, section, formats):
    """The section's header row at `row`, its rows under it and its note; returns the next free row."""
    for col, column in enumerate(section.columns):
        worksheet.write_string(row, col, neutralise(str(column.label)), formats["header"])
    for number, values in enumerate(section.rows, row + 1):
        for col, value in enumerate(values):
            _cell(worksheet, number, col, value, formats)
    end = row + 1 + len(section.rows)
    if not section.note:
        return end
    worksheet.write_string(end + 1, 0, neutralise(str(section.note)), formats["muted"])
    return end + 2


def _sheet_name(title, taken):
    """A name Excel accepts and no other sheet of the workbook has (Excel compares them ignoring case)."""
    base = str(title).translate(SHEET_NAME_FORBIDDEN).strip()[:SHEET_NAME_LENGTH].strip("'") or "Sheet"
    name, number = base, 1
    while name.casefold() in taken:
        number += 1
        suffix = f"({number})"
        name = base[:SHEET_NAME_LENGTH - len(suffix)] + suffix
    taken.add(name.casefold())
    return name


def _summary(workbook, document):
    """A cover sheet, then a sheet per section; returns where each section's header row is."""
    formats = _formats(workbook, printed=False)
    taken = set(RESERVED_SHEET_NAMES)
    cover = workbook.add_worksheet(_sheet_name(document.title, taken))
    cover.set_column(0, 0, 20)
    cover.set_column(1, 1, 40)
    _heading(cover, document, formats, last_col=1)
    placements = {}
    for section in document.sections:
        worksheet = workbook.add_worksheet(_sheet_name(section.title, taken))
        for col, column in enumerate(section.columns):
            worksheet.set_column(col, col, column.width)
        _table(worksheet, 0, section, formats)
        worksheet.freeze_panes(1, 0)
        if section.columns:
            worksheet.autofilter(0, 0, len(section.rows), len(section.columns) - 1)
        placements[section.key] = (worksheet, 0)
    return placements


def _statistics_sheet(workbook, document):
    """The one-page statistics sheet (招聘会统计表): heading, facts, table, then room for the signatures."""
    formats = _formats(workbook, printed=True)
    worksheet = workbook.add_worksheet(_sheet_name(document.title, set(RESERVED_SHEET_NAMES)))
    last_col = max([1, *(len(section.columns) - 1 for section in document.sections)])
    for section in document.sections:
        for col, column in enumerate(section.columns):
            worksheet.set_column(col, col, column.width)
    row = _heading(worksheet, document, formats, last_col)
    placements = {}
    for section in document.sections:
        row += 1
        if len(document.sections) > 1:
            worksheet.write_string(row, 0, neutralise(str(section.title)), formats["label"])
            row += 1
        placements[section.key] = (worksheet, row)
        row = _table(worksheet, row, section, formats)
    _signatures(worksheet, row + 1, document.signatures, formats, last_col)
    worksheet.set_paper(A4)
    worksheet.set_portrait()
    worksheet.fit_to_pages(1, 1)
    worksheet.center_horizontally()
    return placements


def _signatures(worksheet, first_row, lines, formats, last_col):
    """A line per signature ("填报人："), with a tall row and a rule to sign on."""
    for row, line in enumerate(lines, first_row):
        worksheet.set_row(row, 36)
        worksheet.write_string(row, 0, neutralise(str(line)), formats["signature"])
        _span(worksheet, row, 1, last_col, formats["line"])


def _chart(workbook, worksheet, header, section, chart, y_offset):
    """A clustered bar chart of the section's first rows beside its table; returns the height it takes."""
    first, last = header + 1, header + min(chart.limit, len(section.rows))
    if last < first:
        return 0
    index = {column.key: col for col, column in enumerate(section.columns)}
    category = index[chart.category]
    bars = workbook.add_chart({"type": "bar"})
    for key in chart.series:
        col = index[key]
        bars.add_series({
            "name": [worksheet.name, header, col],
            "categories": [worksheet.name, first, category, last, category],
            "values": [worksheet.name, first, col, last, col],
            "data_labels": {"value": True},
        })
    bars.set_title({"name": neutralise(str(chart.title))})
    bars.set_y_axis({"reverse": True})  # a bar chart draws its first category at the bottom otherwise
    height = max(288, 90 + (last - first + 1) * len(chart.series) * 20)
    bars.set_size({"width": CHART_WIDTH, "height": height})
    worksheet.insert_chart(header, len(section.columns) + 1, bars, {"x_offset": 10, "y_offset": y_offset})
    return height + 20


# CSV

def _csv(document):
    if len(document.sections) == 1:
        return Rendered(_csv_file(document.sections[0]), "csv", "text/csv")
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as archive:
        for position, section in enumerate(document.sections, 1):
            member = zipfile.ZipInfo(f"{position:02d}-{section.key}.csv", document.as_of.timetuple()[:6])
            archive.writestr(member, _csv_file(section), zipfile.ZIP_DEFLATED)
    return Rendered(output.getvalue(), "zip", "application/zip")


def _csv_file(section):
    output = io.BytesIO()
    with io.TextIOWrapper(output, encoding="utf-8-sig", newline="") as text:
        writer = csv.writer(text)
        writer.writerow([neutralise(str(column.label)) for column in section.columns])
        writer.writerows([csv_cell(value) for value in row] for row in section.rows)
        text.flush()
        return output.getvalue()


def csv_cell(value):
    """A value as a CSV cell: numbers and times as written, text safe from being read as a formula."""
    kind = _kind(type(value))
    if kind == "text":
        return neutralise(str(value))
    if kind == "empty":
        return ""
    if kind == "percent":
        return f"{value:.4f}"
    if kind == "ratio":
        return f"{value:.2f}"
    if kind == "datetime":
        return value.isoformat(sep=" ", timespec="minutes")
    return value.isoformat() if kind == "date" else str(value)


# HTML

def _html(document):
    sections = {section.key: section for section in document.sections}
    charts = {key: [] for key in sections}
    for chart in document.charts:
        charts[chart.section].append(_svg(chart, sections[chart.section]))
    page = render_template(
        "reports/document.html", document=document, as_of=_as_of(document),
        facts=[(str(label), _display(value)) for label, value in document.facts],
        sections=[_html_section(section, charts[section.key]) for section in document.sections],
        signatures=[str(line) for line in document.signatures],
    )
    return Rendered(page.encode(), "html", "text/html")


def _html_section(section, charts):
    rows = (tuple((_display(value), _kind(type(value)) in NUMERIC) for value in row) for row in section.rows)
    return _HtmlSection(str(section.title), str(section.note), [str(column.label) for column in section.columns],
                        rows, charts)


def _svg(chart, section):
    """Horizontal clustered bars drawn with SVG attributes only: the page may be shown where no CSS applies."""
    index = {column.key: col for col, column in enumerate(section.columns)}
    rows = section.rows[:chart.limit]
    if not rows:
        return Markup("")
    series = [(str(section.columns[index[key]].label), index[key]) for key in chart.series]
    values = [float(row[col]) for row in rows for _label, col in series if _kind(type(row[col])) in NUMERIC]
    peak = max([*values, 0]) or 1
    top = 30 + len(series) * SVG_LEGEND_LINE + 6
    group = len(series) * SVG_BAR + SVG_GROUP_GAP
    height = top + len(rows) * group
    parts = [Markup('<svg viewBox="0 0 {} {}" width="100%" role="img" '
                    'font-family="sans-serif" font-size="12"><title>{}</title>').format(SVG_WIDTH, height, chart.title),
             Markup('<text x="0" y="16" font-size="14" font-weight="bold">{}</text>').format(chart.title)]
    for number, (label, _col) in enumerate(series):
        y = 30 + number * SVG_LEGEND_LINE
        parts.append(Markup('<rect x="{}" y="{}" width="12" height="12" fill="{}"/><text x="{}" y="{}">{}</text>')
                     .format(SVG_LABEL_WIDTH, y, _colour(number), SVG_LABEL_WIDTH + 18, y + 11, label))
    for position, row in enumerate(rows):
        parts.append(_svg_group(row, series, top + position * group, peak, str(row[index[chart.category]])))
    parts.append(Markup("</svg>"))
    return Markup("").join(parts)


def _svg_group(row, series, y, peak, category):
    """One category: its label, then a bar and its value per series."""
    short = category if len(category) <= SVG_LABEL_CHARS else category[:SVG_LABEL_CHARS - 1] + "…"
    middle = y + len(series) * SVG_BAR / 2
    parts = [Markup('<text x="{}" y="{}" text-anchor="end" dominant-baseline="middle">{}</text>')
             .format(SVG_LABEL_WIDTH - 8, middle, short)]
    for number, (_label, col) in enumerate(series):
        value = row[col]
        length = max(float(value), 0) / peak * SVG_BAR_SPACE if _kind(type(value)) in NUMERIC else 0
        top = y + number * SVG_BAR
        parts.append(Markup('<rect x="{}" y="{}" width="{:.1f}" height="{}" fill="{}"/>'
                            '<text x="{:.1f}" y="{}" dominant-baseline="middle" font-size="11">{}</text>')
                     .format(SVG_LABEL_WIDTH, top, length, SVG_BAR - 3, _colour(number),
                             SVG_LABEL_WIDTH + length + 4, top + (SVG_BAR - 3) / 2, _display(value)))
    return Markup("").join(parts)


def _colour(number):
    return SVG_COLOURS[number % len(SVG_COLOURS)]
