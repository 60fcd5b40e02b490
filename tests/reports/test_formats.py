"""A report Document written as XLSX, CSV and HTML, and read back the way a user's tools read it."""
import csv
import io
import re
import zipfile
from datetime import date
from datetime import datetime
from decimal import Decimal

import openpyxl
import pytest
from flask_babel import lazy_gettext as _l
from markupsafe import escape
from openpyxl.utils.escape import unescape

from recruit.reports import formats
from recruit.reports.document import Chart
from recruit.reports.document import Column
from recruit.reports.document import Document
from recruit.reports.document import Percent
from recruit.reports.document import Ratio
from recruit.reports.document import Section

# Each one a spreadsheet would run as a formula (or split a cell on) if written as it is.
HOSTILE = ['=HYPERLINK("http://x")', "+1", "-2+3", "@SUM(A1)", "\tx", "\rx"]
TRADES = ["电工", "焊工", "保育员", "<b>张&李</b>", "厨师", "叉车司机"]
LAZY_LABEL = _l("Report schedule")
OVERVIEW_ROWS = [
    ("求职者人数", 1234),
    ("岗位净减少", -56),
    ("签约率", Percent(0.0803)),
    ("求人倍率", Ratio(1.256)),
    ("平均月薪", Decimal("4500.5")),  # what PostgreSQL's AVG gives
    ("开始日期", date(2026, 3, 1)),
    ("统计时间", datetime(2026, 3, 1, 16, 30)),
    ("未填写", None),
]


def overview():
    return Section("overview", "概况", [Column("item", LAZY_LABEL, 24), Column("value", "数值", 14)],
                   list(OVERVIEW_ROWS))


def intents():
    rows = [(name, trade, 10 - number, Percent(0.1 * number))
            for number, (name, trade) in enumerate(zip(HOSTILE, TRADES, strict=True))]
    columns = [Column("name", "姓名", 10), Column("trade", "意向工种", 16), Column("count", "人数", 8),
               Column("share", "占比", 8)]
    return Section("intents", "求职意向", columns, rows, note="按人数排列")


def summary(**changes):
    document = Document(
        kind="summary", title="2026年春风行动招聘会汇总", as_of=datetime(2026, 3, 1, 17, 0),
        facts=[(_l("Report schedule"), "每日18:00"), ("活动名称", "春风行动"), ("参会单位", 86)],
        sections=[overview(), intents()],
        charts=[Chart("求职意向前几位", "intents", "trade", ("count", "share"), limit=4)],
    )
    for name, value in changes.items():
        setattr(document, name, value)
    return document


def statistics_sheet():
    table = Section("figures", "统计", [Column("item", "项目", 24), Column("value", "数值", 12),
                                        Column("unit", "单位", 8)],
                    [("进场求职人数", 1520, "人"), ("达成意向人数", 312, "人"), ("意向率", Percent(0.2053), None)])
    return Document(kind="sheet", title="招聘会统计表", as_of=datetime(2026, 3, 1, 17, 0),
                    facts=[("活动名称", "春风行动"), ("日期", date(2026, 3, 1)), ("地点", "县人力资源市场"),
                           ("主办单位", "县人社局")],
                    sections=[table], signatures=["填报单位：", "填报人：", "填报日期："])


@pytest.fixture(autouse=True)
def context(app):
    with app.app_context():
        yield


def workbook(document):
    rendered = formats.render(document, "xlsx")
    assert (rendered.extension, rendered.mimetype) == (
        "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    return openpyxl.load_workbook(io.BytesIO(rendered.data))


def rows_of(worksheet):
    return [[cell.value for cell in row] for row in worksheet.iter_rows()]


def read_csv(data):
    assert data.startswith(b"\xef\xbb\xbf")  # the BOM that makes Excel read UTF-8
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


@pytest.mark.parametrize(("text", "expected"), [
    *((text, "'" + text) for text in HOSTILE),
    ("电工 = 3人", "电工 = 3人"),
    ("", ""),
])
def test_neutralise_quotes_only_what_starts_like_a_formula(text, expected):
    assert formats.neutralise(text) == expected


def test_xlsx_has_a_cover_and_a_sheet_per_section_with_its_header_frozen():
    book = workbook(summary())
    assert book.sheetnames == ["2026年春风行动招聘会汇总", "概况", "求职意向"]
    cover = rows_of(book.worksheets[0])
    assert cover[0][0] == "2026年春风行动招聘会汇总"
    assert "2026-03-01 17:00" in cover[1][0]
    assert cover[2:] == [[str(LAZY_LABEL), "每日18:00"], ["活动名称", "春风行动"], ["参会单位", 86]]
    sheet = book["概况"]
    assert rows_of(sheet)[0] == [str(LAZY_LABEL), "数值"]
    assert rows_of(book["求职意向"])[0] == ["姓名", "意向工种", "人数", "占比"]
    assert {sheet.freeze_panes, book["求职意向"].freeze_panes} == {"A2"}
    assert sheet.column_dimensions["A"].width == pytest.approx(24, abs=1)
    assert book["求职意向"].column_dimensions["C"].width == pytest.approx(8, abs=1)


def test_xlsx_writes_numbers_as_numbers_with_their_formats():
    sheet = workbook(summary())["概况"]
    cells = {row[0].value: row[1] for row in sheet.iter_rows(min_row=2)}
    assert (cells["求职者人数"].value, cells["求职者人数"].number_format) == (1234, "#,##0")
    assert (cells["岗位净减少"].value, cells["岗位净减少"].data_type) == (-56, "n")
    assert (cells["签约率"].value, cells["签约率"].number_format) == (pytest.approx(0.0803), "0.0%")
    assert (cells["求人倍率"].value, cells["求人倍率"].number_format) == (pytest.approx(1.256), "0.00")
    assert (cells["平均月薪"].value, cells["平均月薪"].number_format) == (4500.5, "#,##0.00")
    assert (cells["开始日期"].value, cells["开始日期"].number_format) == (datetime(2026, 3, 1), "yyyy-mm-dd")
    assert (cells["统计时间"].value, cells["统计时间"].number_format) == (datetime(2026, 3, 1, 16, 30),
                                                                         "yyyy-mm-dd hh:mm")
    assert cells["未填写"].value is None


def test_xlsx_keeps_hostile_text_as_quoted_text():
    book = workbook(summary())
    cells = [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row]
    assert all(cell.data_type != "f" for cell in cells)
    # XlsxWriter stores a carriage return as Excel's escape _x000D_, which openpyxl leaves as it is.
    names = [unescape(row[0]) for row in rows_of(book["求职意向"])[1:len(HOSTILE) + 1]]
    assert names == ["'" + text for text in HOSTILE]


def test_xlsx_sheet_names_are_ones_excel_accepts():
    sections = [Section("a", "意向/工种: [前*十]?", [Column("x", "x")], [("1",)]),
                Section("b", "求职意向" * 10, [Column("x", "x")], []),
                Section("c", "求职意向" * 10, [Column("x", "x")], [])]
    names = workbook(summary(sections=sections, charts=[])).sheetnames[1:]
    assert names[0] == "意向工种 前十"
    assert all(len(name) <= 31 for name in names)
    assert len(set(names)) == 3


def test_xlsx_chart_plots_the_first_rows_of_its_section():
    data = formats.render(summary(), "xlsx").data
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        chart = archive.read("xl/charts/chart1.xml").decode()
        sheet_rels = archive.read("xl/worksheets/_rels/sheet3.xml.rels").decode()
    assert "求职意向!$B$2:$B$5" in chart  # categories: the trades of the first 4 rows (limit=4)
    assert "求职意向!$C$2:$C$5" in chart and "求职意向!$D$2:$D$5" in chart  # a series per column
    assert "drawing" in sheet_rels  # drawn on the intents sheet


def test_xlsx_statistics_sheet_prints_on_one_a4_portrait_page():
    book = workbook(statistics_sheet())
    assert len(book.worksheets) == 1
    sheet = book.worksheets[0]
    assert (sheet.page_setup.paperSize, sheet.page_setup.orientation) == (9, "portrait")
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    # One page wide and one tall; an attribute left out means 1.
    assert (sheet.page_setup.fitToWidth or 1, sheet.page_setup.fitToHeight or 1) == (1, 1)
    assert "A1:C1" in {str(cells) for cells in sheet.merged_cells.ranges}
    values = rows_of(sheet)
    assert values[0][0] == "招聘会统计表"
    labels = [row[0] for row in values]
    assert labels.index("主办单位") < labels.index("项目") < labels.index("进场求职人数") < labels.index("填报单位：")
    assert labels[-3:] == ["填报单位：", "填报人：", "填报日期："]
    assert sheet.row_dimensions[len(values)].height >= 30  # room to sign


def test_csv_of_one_section_is_a_bare_csv():
    rendered = formats.render(summary(sections=[overview()], charts=[]), "csv")
    assert (rendered.extension, rendered.mimetype) == ("csv", "text/csv")
    rows = read_csv(rendered.data)
    assert rows[0] == [str(LAZY_LABEL), "数值"]
    assert [value for _item, value in rows[1:]] == ["1234", "-56", "0.0803", "1.26", "4500.5", "2026-03-01",
                                                     "2026-03-01 16:30", ""]


def test_csv_of_several_sections_is_a_zip_of_one_file_each():
    rendered = formats.render(summary(), "csv")
    assert (rendered.extension, rendered.mimetype) == ("zip", "application/zip")
    with zipfile.ZipFile(io.BytesIO(rendered.data)) as archive:
        assert archive.namelist() == ["01-overview.csv", "02-intents.csv"]
        assert all(info.compress_type == zipfile.ZIP_DEFLATED for info in archive.infolist())
        rows = read_csv(archive.read("02-intents.csv"))
    assert rows[0] == ["姓名", "意向工种", "人数", "占比"]
    assert [row[0] for row in rows[1:]] == ["'" + text for text in HOSTILE]
    assert rows[1][1:] == ["电工", "10", "0.0000"]


def test_html_is_a_standalone_printable_page():
    rendered = formats.render(summary(), "html")
    page = rendered.data.decode()
    assert (rendered.extension, rendered.mimetype) == ("html", "text/html")
    assert '<html lang="zh-CN">' in page and '<meta charset="utf-8">' in page
    assert "@page { size: A4; margin: 15mm }" in page
    assert "break-inside: avoid" in page and "thead { display: table-header-group }" in page
    assert "<script" not in page
    assert not re.search(r"<link|\b(?:src|href)\s*=|url\(|@import", page)  # nothing fetched from anywhere
    assert "http://" not in page.replace(str(escape(HOSTILE[0])), "") and "https://" not in page


def test_html_shows_facts_sections_and_formatted_values_escaped():
    page = formats.render(summary(), "html").data.decode()
    assert "<h1>2026年春风行动招聘会汇总</h1>" in page
    assert f'<th scope="row">{escape(str(LAZY_LABEL))}</th><td>每日18:00</td>' in page
    assert page.index("<h2>概况</h2>") < page.index("<h2>求职意向</h2>")
    for shown in ("1,234", "-56", "8.0%", "1.26", "4,500.50", "2026-03-01", "2026-03-01 16:30", "按人数排列"):
        assert f">{shown}<" in page
    assert "&lt;b&gt;张&amp;李&lt;/b&gt;" in page and "<b>张" not in page
    assert str(escape(HOSTILE[0])) in page  # a web page runs no formula: the text is shown as it is


def test_html_draws_each_chart_as_svg_with_its_labels_and_values():
    page = formats.render(summary(), "html").data.decode()
    svg = page[page.index("<svg"):page.index("</svg>")]
    assert page.index("<h2>求职意向</h2>") < page.index("<svg") < page.index("<th scope=\"col\">姓名</th>")
    assert "求职意向前几位" in svg and "人数" in svg and "占比" in svg  # the title and the legend
    assert [str(escape(trade)) in svg for trade in TRADES] == [True, True, True, True, False, False]  # the first 4 rows
    assert ">10<" in svg and ">10.0%<" in svg  # the values next to their bars
    assert svg.count("<rect") == 2 + 4 * 2  # two legend keys, then a bar per series for each row


def test_html_statistics_sheet_ends_with_its_signature_lines():
    page = formats.render(statistics_sheet(), "html").data.decode()
    lines = [page.index(f"<p>{line}</p>") for line in ("填报单位：", "填报人：", "填报日期：")]
    assert page.index("进场求职人数") < lines[0] < lines[1] < lines[2]


def test_an_unknown_format_is_refused():
    with pytest.raises(ValueError, match="pdf"):
        formats.render(summary(), "pdf")
