"""The report pages: the bureau generates and downloads; partners get summaries of their own seekers only."""
import io
import re
from pathlib import Path

import openpyxl
import pytest
import sqlalchemy as sa

from recruit.audit.models import AuditEvent
from recruit.core.security import DOCUMENT_POLICY
from recruit.reports.models import ReportRun
from tests import factories
from tests.helpers import signed_in


@pytest.fixture
def fair(db):
    """A fair with a Weining seeker and a Qujiang seeker at intent, each checked in."""
    event = factories.create_event(name="衢江春季招聘会", anonymous_visitors=7)
    employer = factories.create_employer(name="衢州测试电子有限公司")
    factories.add_participation(event, employer)
    posting = factories.create_posting(employer, [event], headcount=6, title="SMT操作员")
    for name, hometown in (("威宁人甲", "520526"), ("衢江人乙", "330803")):
        seeker = factories.create_seeker(name=name, hometown_code=hometown)
        factories.create_checkin(seeker, event)
        factories.create_application(seeker=seeker, posting=posting, event=event, status="intent")
    db.session.commit()
    return event


@pytest.fixture
def bureau(client, db):
    return signed_in(client, factories.create_user("bureau"), lang="zh_Hans_CN")


def download_links(page):
    return re.findall(r'href="(/bureau/reports/(\d+)/download)"\s+data-report-id="\d+" data-kind="(\w+)" '
                      r'data-format="(\w+)"', page)


def test_the_bureau_generates_now_and_downloads_every_format(bureau, db, fair):
    response = bureau.post(f"/bureau/events/{fair.id}/reports")
    assert response.status_code == 302

    page = bureau.get(f"/bureau/events/{fair.id}/reports").get_data(as_text=True)
    assert "报表已生成，可以下载。" in page and 'data-last-run="done"' in page
    links = {(kind, fmt): url for url, _, kind, fmt in download_links(page)}
    assert set(links) == {("summary", "xlsx"), ("summary", "csv"), ("summary", "html"), ("sheet", "xlsx"),
                          ("sheet", "html")}

    xlsx = bureau.get(links[("summary", "xlsx")])
    assert xlsx.mimetype == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert "attachment" in xlsx.headers["Content-Disposition"]
    assert "filename*=UTF-8''%E8%A1%A2%E6%B1%9F" in xlsx.headers["Content-Disposition"]  # 衢江…
    book = openpyxl.load_workbook(io.BytesIO(xlsx.data))
    overview = {row[0]: row[1] for row in book["概况"].iter_rows(values_only=True) if row and row[0]}
    assert (overview["入场人数"], overview["意向人数"]) == (9, 2)

    html = bureau.get(links[("sheet", "html")])
    assert html.mimetype == "text/html" and "inline" in html.headers["Content-Disposition"]
    assert html.headers["Content-Security-Policy"] == DOCUMENT_POLICY
    assert "招聘会统计表" in html.get_data(as_text=True)
    downloads = db.session.scalars(sa.select(AuditEvent).where(AuditEvent.action == "report_downloaded")).all()
    assert len(downloads) == 2


def test_a_tampered_file_is_refused_in_the_readers_language(app, bureau, db, fair):
    report = factories.create_report(fair)
    db.session.commit()
    path = Path(app.config["REPORTS_DIR"]) / report.filename
    path.write_bytes(b"changed")

    response = bureau.get(f"/bureau/reports/{report.id}/download", follow_redirects=True)

    assert response.status_code == 200
    assert "该报表文件在生成后被改动过" in response.get_data(as_text=True)


def test_a_failed_run_shows_its_error(bureau, db, fair):
    db.session.add(ReportRun(event=fair, kind="scheduled", due_at=fair.starts_at, status="failed",
                             error="OperationalError: database is locked"))
    db.session.commit()

    page = bureau.get(f"/bureau/events/{fair.id}/reports?status=failed").get_data(as_text=True)

    assert 'data-run-status="failed"' in page and "database is locked" in page
    assert 'data-last-run="failed"' in page


def test_the_overall_page_makes_a_period_report_and_refuses_a_backwards_one(bureau, db, fair):
    bad = bureau.post("/bureau/reports/period", data={"starts_on": "2023-02-01", "ends_on": "2023-01-01"},
                      follow_redirects=True).get_data(as_text=True)
    assert "截止日期不能早于起始日期。" in bad
    assert db.session.scalars(sa.select(ReportRun)).all() == []

    bureau.post("/bureau/reports/period", data={"starts_on": "2023-01-01", "ends_on": "2023-01-31"})

    page = bureau.get("/bureau/reports").get_data(as_text=True)
    assert "2023-01-01 – 2023-01-31" in page and len(download_links(page)) == 5


def test_the_schedule_reads_in_plain_words(bureau, db, fair):
    page = bureau.get(f"/bureau/events/{fair.id}/reports").get_data(as_text=True)
    assert "每天 18:00" in page


def test_a_partner_gets_the_summary_of_their_own_seekers_only(client, db, fair):
    partner = factories.create_user("partner", regions=["520526"])
    desk = signed_in(client, partner, lang="zh_Hans_CN")

    listing = desk.get("/partner/reports").get_data(as_text=True)
    assert f"/partner/events/{fair.id}/reports/summary.html" in listing
    page = desk.get(f"/partner/events/{fair.id}/reports/summary.html")

    text = page.get_data(as_text=True)
    assert page.headers["Content-Security-Policy"] == DOCUMENT_POLICY
    # A real server sends headers in Latin-1: the Chinese file name travels encoded (RFC 6266).
    page.headers["Content-Disposition"].encode("latin-1")
    assert "filename*=UTF-8''" in page.headers["Content-Disposition"]
    assert "威宁人甲" in text and "衢江人乙" not in text
    sheet = desk.get(f"/partner/events/{fair.id}/reports/sheet.xlsx")
    rows = {row[0]: row[1] for row in openpyxl.load_workbook(io.BytesIO(sheet.data)).active
            .iter_rows(values_only=True) if row and row[0]}
    # One identified visitor from Weining; the gate's anonymous count belongs to no region.
    assert (rows["入场求职者"], rows["初步达成就业意向"]) == (1, 1)
    exported = db.session.scalars(sa.select(AuditEvent).where(AuditEvent.action == "report_exported")).all()
    assert [entry.detail["regions"] for entry in exported] == [["520526"], ["520526"]]
