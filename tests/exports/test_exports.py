"""Exports of seekers, postings and applications: what the file holds, whose rows, and the audit entry."""
import csv
import io
from datetime import date
from datetime import datetime
from datetime import timedelta

import openpyxl
import pytest
import sqlalchemy as sa

from recruit.applications import services as application_services
from recruit.audit.models import AuditEvent
from recruit.domain import idcard
from recruit.extensions import db as _db
from recruit.seekers.identity import reveal_id_number
from recruit.seekers.identity import set_id_number
from recruit.seekers.models import Seeker
from tests import factories
from tests.helpers import signed_in

WEINING = "520526"
QUJIANG = "330803"
BOM = b"\xef\xbb\xbf"


def read(response):
    """The header row and the data rows of an exported file, each cell as text."""
    assert response.status_code == 200, response.get_data(as_text=True)[:300]
    assert response.headers["Cache-Control"] == "no-store"
    assert response.headers["Content-Disposition"].startswith("attachment;")
    if response.mimetype == "text/csv":
        assert response.data.startswith(BOM)
        rows = list(csv.reader(io.StringIO(response.data.decode("utf-8-sig"))))
    else:
        sheet = openpyxl.load_workbook(io.BytesIO(response.data), read_only=True).active
        rows = [["" if cell is None else str(cell) for cell in row] for row in sheet.iter_rows(values_only=True)]
    return rows[0], rows[1:]


def column(header, rows, name):
    return [row[header.index(name)] for row in rows]


def audit(action):
    return _db.session.scalars(sa.select(AuditEvent).where(AuditEvent.action == action)).all()


def given(entry):
    """The details an audit entry names (the filters left empty are stored as empty)."""
    return {key: value for key, value in entry.detail.items() if value not in (None, "", [])}


@pytest.fixture
def bureau(english, db):
    return signed_in(english, factories.create_user("bureau", username="exporter"))


@pytest.fixture
def partner(app, db):
    """A client of its own: a test may export as the bureau and as a partner."""
    return signed_in(app.test_client(), factories.create_user("partner", regions=[WEINING], username="weiningdesk"))


@pytest.fixture
def people(db):
    """A seeker from Weining and one from Qujiang, each applied for a posting at the fair."""
    event = factories.create_event(name="Spring Fair", origin_region_codes=[WEINING])
    posting = factories.create_posting(factories.create_employer(name="Quartz Moulding Ltd"), [event],
                                       title="Injection Moulder")
    near = factories.create_seeker(region_code=WEINING, name="Quartz Seeker", skills=["welding"],
                                   desired_occupations=["6-99-01"], expected_salary=6000, education="40")
    far = factories.create_seeker(region_code=QUJIANG, name="Garnet Seeker")
    staff = factories.create_user("employer", employer_id=posting.employer_id)
    applications = [application_services.apply(seeker, posting, event) for seeker in (near, far)]
    application_services.move(applications[0], "interviewed", staff)
    factories.create_checkin(near, event)
    _db.session.commit()
    return event, posting, near, far


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_a_seeker_row_reads_as_people_read_it_with_the_id_number_masked(bureau, people, fmt):
    event, _posting, near, _far = people
    header, rows = read(bureau.get(f"/bureau/exports/seekers.{fmt}?hometown={WEINING}"))

    assert header[:3] == ["Name", "ID number (masked)", "Sex"] and header[-1] == "Furthest application"
    assert len(rows) == 1
    row = dict(zip(header, rows[0], strict=True))
    assert row["Name"] == "Quartz Seeker" and row["ID number (masked)"] == near.id_masked
    _, everyone = read(bureau.get(f"/bureau/exports/seekers.{fmt}"))
    assert "*" in near.id_masked and not [cell for row in everyone for cell in row if reveal_id_number(near) in cell]
    assert row["Hometown"].startswith("贵州省") and row["Education"] == "Secondary vocational education"
    assert row["Skills"] == "welding" and row["Willing to relocate"] == "No"
    assert row["Events checked in"] == "1" and row["Furthest application"] == "Interviewed"
    assert row["Expected monthly pay (yuan)"] == "6000"


def test_times_are_in_the_bureaus_time_zone(bureau, db):
    seeker = factories.create_seeker(name="Late Seeker")
    seeker.created_at = datetime(2023, 1, 27, 17, 30)  # UTC: 01:30 the next day in Shanghai
    _db.session.commit()
    header, rows = read(bureau.get("/bureau/exports/seekers.csv"))
    assert column(header, rows, "Registered at") == ["2023-01-28 01:30"]


def test_the_export_is_audited_with_its_filters_and_count_and_no_personal_data(bureau, people):
    read(bureau.get(f"/bureau/exports/seekers.xlsx?hometown={WEINING}"))

    [entry] = audit("seekers_exported")
    assert given(entry) == {"format": "xlsx", "rows": 1, "hometown": WEINING}
    assert entry.user.username == "exporter"


def test_an_event_narrows_seekers_postings_and_applications_to_it(bureau, people):
    event, posting, near, far = people
    other = factories.create_event(name="Autumn Fair")
    factories.create_posting(title="Lathe Operator", events=[other])
    factories.create_application(seeker=factories.create_seeker(name="Opal Seeker"), event=other)
    _db.session.commit()

    _, seekers = read(bureau.get(f"/bureau/exports/seekers.csv?event_id={event.id}"))
    _, postings = read(bureau.get(f"/bureau/exports/postings.csv?event_id={event.id}&status="))
    header, applications = read(bureau.get(f"/bureau/exports/applications.csv?event_id={event.id}"))

    assert sorted(row[0] for row in seekers) == ["Garnet Seeker", "Quartz Seeker"]
    assert [row[2] for row in postings] == ["Injection Moulder"]
    assert sorted(column(header, applications, "Name")) == ["Garnet Seeker", "Quartz Seeker"]
    [entry] = audit("applications_exported")
    assert entry.target_type == "Event" and entry.target_id == event.id and entry.detail["rows"] == 2


def test_application_rows_carry_the_seeker_the_posting_and_the_time_of_each_step(bureau, people):
    event, _posting, near, _far = people
    header, rows = read(bureau.get("/bureau/exports/applications.xlsx?status=interviewed"))

    assert len(rows) == 1
    row = dict(zip(header, rows[0], strict=True))
    assert row["Name"] == "Quartz Seeker" and row["ID number (masked)"] == near.id_masked
    assert row["Posting"] == "Injection Moulder" and row["Employer"] == "Quartz Moulding Ltd"
    assert row["Event"] == "Spring Fair" and row["Status"] == "Interviewed"
    assert row["Applied at"] and row["Interviewed at"] and not row["Signed at"] and not row["Closed at"]


def test_postings_follow_the_list_filters_waiting_for_review_by_default(bureau, db):
    employer = factories.create_employer(name="Beta Tools Ltd")
    factories.create_posting(employer, title="Lathe Operator", status="pending", housing=True)
    factories.create_posting(employer, title="Warehouse Keeper", status="open")
    _db.session.commit()

    header, pending = read(bureau.get("/bureau/exports/postings.xlsx"))
    _, everything = read(bureau.get("/bureau/exports/postings.csv?status="))
    _, found = read(bureau.get("/bureau/exports/postings.csv?status=&q=Warehouse"))

    assert column(header, pending, "Title") == ["Lathe Operator"]
    row = dict(zip(header, pending[0], strict=True))
    assert row["Unified social credit code"] == employer.uscc and row["Status"] == "Waiting for review"
    assert row["Lowest monthly pay (yuan)"] == "5000" and "Housing" in row["Benefits"]
    assert len(everything) == 2 and [row[2] for row in found] == ["Warehouse Keeper"]
    assert given(audit("postings_exported")[-1]) == {"format": "csv", "rows": 1, "search": "Warehouse"}


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_an_empty_export_is_still_a_file_with_its_headers(bureau, db, fmt):
    header, rows = read(bureau.get(f"/bureau/exports/applications.{fmt}"))
    assert header[0] == "Name" and header[-1] == "Closed at" and rows == []
    assert audit("applications_exported")[0].detail["rows"] == 0


def test_a_partner_exports_only_the_seekers_of_their_regions_whatever_the_address_says(partner, people):
    event, _posting, _near, far = people
    _, seekers = read(partner.get("/partner/exports/seekers.xlsx"))
    _, crafted = read(partner.get(f"/partner/exports/seekers.csv?hometown={QUJIANG}"))
    header, applications = read(partner.get(f"/partner/exports/applications.csv?event_id={event.id}"))
    _, crafted_applications = read(partner.get(f"/partner/exports/applications.csv?hometown={QUJIANG}"))

    assert [row[0] for row in seekers] == ["Quartz Seeker"]
    assert crafted == [] and crafted_applications == []
    assert column(header, applications, "Name") == ["Quartz Seeker"]
    assert given(audit("seekers_exported")[0]) == {"format": "xlsx", "rows": 1, "regions": [WEINING]}


def test_a_partner_cannot_reach_the_bureaus_exports_or_a_draft_event(partner, db):
    draft = factories.create_event(status="draft")
    _db.session.commit()
    assert partner.get("/bureau/exports/seekers.xlsx").status_code == 403
    assert partner.get(f"/partner/exports/applications.csv?event_id={draft.id}").status_code == 404


def test_a_partner_with_no_region_exports_nobody(english, people):
    client = signed_in(english, factories.create_user("partner", username="newdesk"))
    _, rows = read(client.get("/partner/exports/seekers.csv"))
    assert rows == []


@pytest.mark.parametrize("query, status", [
    ("/bureau/exports/seekers.pdf", 404),
    ("/bureau/exports/seekers.xlsx?hometown=nowhere", 400),
    ("/bureau/exports/seekers.xlsx?event_id=abc", 400),
    ("/bureau/exports/seekers.xlsx?event_id=99999999999999999999", 400),
    ("/bureau/exports/applications.csv?event_id=999999", 404),
    ("/bureau/exports/applications.csv?status=hired", 400),
    ("/bureau/exports/postings.csv?status=everything", 400),
])
def test_a_bad_parameter_is_refused_clearly_and_nothing_is_audited(bureau, db, query, status):
    response = bureau.get(query)
    assert response.status_code == status
    assert response.mimetype == "text/html"
    assert not _db.session.scalars(sa.select(AuditEvent).where(AuditEvent.action.like("%_exported"))).all()


def test_text_a_spreadsheet_would_run_is_kept_as_text(bureau, db):
    factories.create_seeker(name="=HYPERLINK(\"http://x\")")
    _db.session.commit()
    header, rows = read(bureau.get("/bureau/exports/seekers.csv"))
    assert column(header, rows, "Name") == ["'=HYPERLINK(\"http://x\")"]


def test_the_file_has_a_chinese_name(client, db):
    client = signed_in(client, factories.create_user("bureau"), lang="zh_Hans_CN")
    response = client.get("/bureau/exports/seekers.xlsx")
    assert "filename*=UTF-8''%E6%B1%82%E8%81%8C%E8%80%85" in response.headers["Content-Disposition"]  # 求职者


def _many_seekers(count):
    rows = []
    for number in range(count):
        seeker = Seeker(name=f"Seeker {number:04d}", mobile=f"137{number:08d}", hometown_code=WEINING,
                        consent_at=datetime(2023, 1, 1))
        set_id_number(seeker, idcard.generate(WEINING, date(1990, 1, 1) + timedelta(days=number // 900),
                                              number % 900 + 1), today=date(2026, 1, 1))
        rows.append(seeker)
    _db.session.add_all(rows)
    _db.session.flush()


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_a_large_export_holds_every_seeker_once(bureau, partner, db, fmt):
    _many_seekers(3000)
    factories.create_seeker(region_code=QUJIANG, name="Garnet Seeker")
    _db.session.commit()

    header, rows = read(bureau.get(f"/bureau/exports/seekers.{fmt}"))
    _, partners = read(partner.get(f"/partner/exports/seekers.{fmt}"))

    names = column(header, rows, "Name")
    assert len(names) == 3001 and len(set(names)) == 3001
    assert len(partners) == 3000 and "Garnet Seeker" not in [row[0] for row in partners]
    assert all("*" in masked for masked in column(header, rows, "ID number (masked)"))
    assert sorted(entry.detail["rows"] for entry in audit("seekers_exported")) == [3000, 3001]


def test_a_file_beyond_the_memory_limit_streams_from_disk(bureau, db, monkeypatch):
    monkeypatch.setattr("recruit.exports.writers.SPOOL_BYTES", 2048)
    _many_seekers(200)
    _db.session.commit()

    response = bureau.get("/bureau/exports/seekers.xlsx")
    try:
        header, rows = read(response)
    finally:
        response.close()
    assert len(rows) == 200 and len(response.data) > 2048
