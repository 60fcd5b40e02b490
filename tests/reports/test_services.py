"""Generating, keeping and serving reports: files written whole, checked on the way out, every step audited."""
import csv
import hashlib
import io
import zipfile
from datetime import datetime
from pathlib import Path

import openpyxl
import pytest
import sqlalchemy as sa

from recruit.audit.models import AuditEvent
from recruit.domain.errors import RuleError
from recruit.reports import formats
from recruit.reports import services
from recruit.reports.models import Report
from recruit.reports.models import ReportRun
from tests import factories


@pytest.fixture
def fair(db):
    """A published fair: one employer with a posting, a seeker at intent, another checked in, 3 counted at the gate."""
    event = factories.create_event(name="衢江春季招聘会", anonymous_visitors=3)
    employer = factories.create_employer(name="衢州测试电子有限公司")
    factories.add_participation(event, employer)
    posting = factories.create_posting(employer, [event], headcount=4, title="SMT操作员")
    seeker = factories.create_seeker()
    factories.create_checkin(seeker, event)
    factories.create_application(seeker=seeker, posting=posting, event=event, status="intent")
    factories.create_checkin(factories.create_seeker(), event)
    officer = factories.create_user("bureau")
    db.session.commit()
    return event, officer


def folder(app):
    return Path(app.config["REPORTS_DIR"])


def test_a_run_keeps_every_format_whole_with_its_checksum(app, db, fair):
    event, officer = fair

    run = services.generate_now(event, officer)
    db.session.commit()

    kept = {(report.kind, report.format) for report in run.reports}
    assert kept == set(services.OUTPUTS)
    for report in run.reports:
        data = (folder(app) / report.filename).read_bytes()
        assert (len(data), hashlib.sha256(data).hexdigest()) == (report.size, report.sha256)
    assert not list(folder(app).glob(".*.partial"))
    assert run.status == "done" and run.finished_at is not None
    audit = db.session.scalar(sa.select(AuditEvent).where(AuditEvent.action == "report_generated"))
    assert (audit.user_id, audit.target_id, audit.detail["files"]) == (officer.id, run.id, 5)


def test_the_kept_files_say_the_fairs_figures(app, db, fair):
    event, officer = fair
    run = services.generate_now(event, officer)
    db.session.commit()
    files = {(report.kind, report.format): folder(app) / report.filename for report in run.reports}

    sheet = openpyxl.load_workbook(files[("sheet", "xlsx")]).active
    values = {row[0]: row[1] for row in sheet.iter_rows(values_only=True) if row and row[0]}
    assert (values["入场求职者"], values["初步达成就业意向"], values["需求人数"]) == (5, 1, 4)
    with zipfile.ZipFile(files[("summary", "csv")]) as archive:
        overview = archive.read(next(name for name in archive.namelist() if name.endswith("overview.csv")))
    rows = {row[0]: row[1] for row in csv.reader(io.StringIO(overview.decode("utf-8-sig")))}
    assert (rows["入场人数"], rows["意向人数"]) == ("5", "1")
    assert "招聘会统计表" in files[("sheet", "html")].read_text(encoding="utf-8")


def test_a_failed_generation_lists_nothing(app, db, fair, monkeypatch):
    event, officer = fair
    real = formats.render

    def fails_on_html(document, fmt):
        if fmt == "html":
            raise OSError("disk full")
        return real(document, fmt)

    monkeypatch.setattr(formats, "render", fails_on_html)
    with pytest.raises(OSError):
        services.generate_now(event, officer)
    db.session.rollback()

    assert db.session.scalars(sa.select(Report)).all() == []
    assert db.session.scalars(sa.select(ReportRun)).all() == []
    assert not list(folder(app).glob(".*.partial"))


def test_a_download_is_checked_and_audited(app, db, fair):
    event, officer = fair
    report = factories.create_report(event)
    db.session.commit()

    found = services.download(report, officer)

    assert found.data == factories.SAMPLE_CSV
    assert found.name.startswith("衢江春季招聘会-匹配汇总表-") and found.name.endswith(".csv")
    audit = db.session.scalar(sa.select(AuditEvent).where(AuditEvent.action == "report_downloaded"))
    assert (audit.target_type, audit.target_id, audit.detail) == ("Report", report.id,
                                                                  {"format": "csv", "kind": "summary"})


@pytest.mark.parametrize("damage, code", [
    (lambda path: path.write_bytes(path.read_bytes().replace(b"15600", b"99999")), "report_changed"),
    (lambda path: path.write_bytes(path.read_bytes()[:10]), "report_changed"),
    (lambda path: path.unlink(), "report_missing"),
])
def test_a_changed_or_missing_file_is_never_served(app, db, fair, damage, code):
    event, officer = fair
    report = factories.create_report(event)
    db.session.commit()
    damage(folder(app) / report.filename)

    with pytest.raises(RuleError) as refused:
        services.download(report, officer)

    assert refused.value.code == code
    assert db.session.scalar(sa.select(AuditEvent).where(AuditEvent.action == "report_downloaded")) is None


def test_a_made_up_run_reports_as_of_its_due_time(db, fair):
    event, _ = fair
    run = ReportRun(event=event, kind="scheduled", due_at=datetime(2023, 1, 28, 10))

    assert services.scope_of(run).as_of == datetime(2023, 1, 28, 10)


def test_the_final_report_says_what_was_known_when_the_event_closed(db, fair):
    event, _ = fair
    run = ReportRun(event=event, kind="final", due_at=event.ends_at)

    assert services.scope_of(run).as_of > datetime(2026, 1, 1)  # now, not the end of the 2023 fair


def test_a_period_covers_the_events_starting_in_it(app, db, fair):
    event, officer = fair
    factories.create_event(name="五月招聘会", starts_at=datetime(2023, 5, 6, 1), ends_at=datetime(2023, 5, 6, 8))
    db.session.commit()

    run = services.generate_for_dates(datetime(2023, 1, 1).date(), datetime(2023, 1, 31).date(), officer)
    db.session.commit()

    assert run.event_id is None and len(run.reports) == 5
    html = next(folder(app) / r.filename for r in run.reports if (r.kind, r.format) == ("summary", "html"))
    page = html.read_text(encoding="utf-8")
    assert "衢江春季招聘会" in page and "五月招聘会" not in page


def test_a_period_without_events_or_backwards_is_refused(db, fair):
    _, officer = fair
    with pytest.raises(RuleError) as backwards:
        services.generate_for_dates(datetime(2023, 2, 1).date(), datetime(2023, 1, 1).date(), officer)
    with pytest.raises(RuleError) as empty:
        services.generate_for_dates(datetime(2024, 1, 1).date(), datetime(2024, 1, 31).date(), officer)

    assert (backwards.value.code, empty.value.code) == ("report_dates", "report_no_events")
    assert db.session.scalars(sa.select(ReportRun)).all() == []


def test_text_typed_by_the_public_cannot_become_a_formula(app, db, fair):
    event, officer = fair
    employer = factories.create_employer(name='=HYPERLINK("http://evil.example","点击")')
    factories.add_participation(event, employer, booth="B01")
    factories.create_posting(employer, [event], title="-2+3 普工")
    db.session.commit()

    run = services.generate_now(event, officer)
    db.session.commit()

    xlsx = next(folder(app) / r.filename for r in run.reports if (r.kind, r.format) == ("summary", "xlsx"))
    book = openpyxl.load_workbook(xlsx)
    cells = [cell for sheet in book for row in sheet.iter_rows() for cell in row if cell.value is not None]
    assert not [cell.coordinate for cell in cells if cell.data_type == "f"]
    names = [cell.value for cell in cells if isinstance(cell.value, str) and "HYPERLINK" in cell.value]
    assert names and all(name.startswith("'=") for name in names)
