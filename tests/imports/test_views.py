"""The import pages: a file sent, its job watched to the end, the rows to fix downloaded and imported again."""
import io
import os
from datetime import timedelta

import pytest
import sqlalchemy as sa
from openpyxl import load_workbook
from werkzeug.datastructures import FileStorage
from werkzeug.datastructures import MultiDict
from werkzeug.test import encode_multipart

from recruit.audit.models import AuditEvent
from recruit.core.clock import utcnow
from recruit.domain import uscc
from recruit.events.models import Participation
from recruit.extensions import db as _db
from recruit.imports import engine
from recruit.imports import forms
from recruit.imports import jobs
from recruit.imports.models import ImportJob
from recruit.seekers.models import Seeker
from tests import factories
from tests.helpers import signed_in
from tests.imports.jobs import create_job
from tests.imports.jobs import wait_for
from tests.imports.test_seekers_import import HEADERS
from tests.imports.test_seekers_import import id_number
from tests.imports.test_seekers_import import seeker_row

PARTNER = "/partner/imports"
BUREAU = "/bureau/imports"
BAD_ID = "520526199604011235"  # one digit off: the checksum fails


def csv_bytes(rows, headers=HEADERS):
    lines = [",".join(headers)] + [",".join(str(row.get(header, "")) for header in headers) for row in rows]
    return "\r\n".join(lines).encode("utf-8")


def good_and_bad():
    return [seeker_row(1), seeker_row(2), seeker_row(3, 身份证号=BAD_ID)]


@pytest.fixture
def partner(db):
    return factories.create_user("partner", regions=["520526"], username="weiningdesk")


@pytest.fixture
def bureau(db):
    return factories.create_user("bureau", username="deskclerk")


def send(client, base, data, name="名单.csv", dry_run=False, **fields):
    """Upload a file as the form does; returns the job's id, once its run is over."""
    form = {"kind": "seekers", "file": (io.BytesIO(data), name), **fields}
    if dry_run:
        form["dry_run"] = "y"
    response = client.post(base, data=form, content_type="multipart/form-data")
    assert response.status_code == 302, response.get_data(as_text=True)
    job_id = int(response.headers["Location"].rstrip("/").rsplit("/", 1)[1])
    wait_for(job_id)
    return job_id


def job(job_id):
    _db.session.expire_all()
    return _db.session.get(ImportJob, job_id)


def seekers(db):
    db.session.expire_all()
    return db.session.scalar(sa.select(sa.func.count()).select_from(Seeker))


def downloaded(client, base, job_id):
    with client.get(f"{base}/{job_id}/errors.xlsx") as response:
        assert response.status_code == 200
        assert response.mimetype.endswith("spreadsheetml.sheet")
        return load_workbook(io.BytesIO(response.data))


def workbook_bytes(book):
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_a_partner_imports_good_and_bad_rows_fixes_the_refused_one_and_imports_it_again(client, db, partner):
    signed_in(client, partner)
    first = send(client, PARTNER, csv_bytes(good_and_bad()))

    page = client.get(f"{PARTNER}/{first}").get_data(as_text=True)
    assert "2 added, 0 updated, 0 unchanged, 1 refused" in page
    assert seekers(db) == 2
    book = downloaded(client, PARTNER, first)
    rows = list(book.active.iter_rows(values_only=True))
    assert len(rows) == 2 and rows[1][1] == BAD_ID and "身份证号" in rows[1][-1]
    assert db.session.scalar(sa.select(AuditEvent).where(AuditEvent.action == "import_errors_downloaded")
                             ).detail == {"file": "名单.csv", "rows": 1}

    book.active.cell(2, 2).value = id_number(3)  # fixed in the workbook, its error column left in
    fixed = send(client, PARTNER, workbook_bytes(book), name="名单-改.xlsx")
    assert (job(fixed).created, job(fixed).invalid, job(fixed).errors_name) == (1, 0, None)

    again = send(client, PARTNER, csv_bytes(good_and_bad()))
    assert (job(again).created, job(again).unchanged, job(again).invalid) == (0, 2, 1)
    assert seekers(db) == 3


def test_a_dry_run_writes_nothing_and_can_then_be_imported(client, db, partner):
    signed_in(client, partner)
    dry = send(client, PARTNER, csv_bytes(good_and_bad()), dry_run=True)

    page = client.get(f"{PARTNER}/{dry}").get_data(as_text=True)
    assert "nothing was written" in page and "2 added" in page
    assert seekers(db) == 0
    response = client.post(f"{PARTNER}/{dry}/run")
    real = int(response.headers["Location"].rsplit("/", 1)[1])
    wait_for(real)
    assert (job(real).dry_run, job(real).created, job(real).invalid) == (False, 2, 1)
    assert seekers(db) == 2
    refused = client.post(f"{PARTNER}/{real}/run", follow_redirects=True).get_data(as_text=True)
    assert "Only a finished dry run can be imported for real." in refused


def test_unknown_columns_are_mapped_on_the_job_page_and_the_file_read_again(client, db, partner):
    signed_in(client, partner)
    headers = ["姓名", "证件号", "手机", "备注"]
    rows = [{"姓名": "杨1梅", "证件号": id_number(1), "手机": "13912340001", "备注": "x"}]
    first = send(client, PARTNER, csv_bytes(rows, headers))
    assert job(first).status == "failed" and job(first).error_code == "import_columns_missing"

    page = client.get(f"{PARTNER}/{first}").get_data(as_text=True)
    assert "身份证号" in page and 'name="column_1"' in page and 'name="column_3"' in page
    assert 'name="column_0"' not in page and 'name="column_2"' not in page  # 姓名 and 手机 are known names

    twice = client.post(f"{PARTNER}/{first}/mapping", data={"column_1": "id_number", "column_3": "id_number"})
    assert "Each field can be chosen for one column only" in twice.get_data(as_text=True)
    response = client.post(f"{PARTNER}/{first}/mapping", data={"column_1": "id_number", "column_3": ""})
    mapped = int(response.headers["Location"].rsplit("/", 1)[1])
    wait_for(mapped)
    assert (job(mapped).status, job(mapped).created, job(mapped).mapping) == ("done", 1, {"证件号": "id_number"})


def test_nobody_reaches_another_partners_job_or_file(client, db, partner, bureau):
    other = factories.create_user("partner", regions=["520526"], username="otherdesk")
    theirs = create_job(other, "partner")
    bureaus = create_job(bureau, "bureau", kind="employers")
    signed_in(client, partner)

    for path in (f"{PARTNER}/{theirs.id}", f"{PARTNER}/{theirs.id}/errors.xlsx", f"{PARTNER}/{bureaus.id}"):
        assert client.get(path).status_code == 404, path
    for path in (f"{PARTNER}/{theirs.id}/run", f"{PARTNER}/{theirs.id}/mapping"):
        assert client.post(path).status_code == 404, path
    assert "list.csv" not in client.get(PARTNER).get_data(as_text=True)
    assert client.get(f"{BUREAU}/{bureaus.id}").status_code == 403
    assert not db.session.scalar(sa.select(AuditEvent).where(AuditEvent.action == "import_errors_downloaded"))


def test_bureau_staff_share_the_bureaus_jobs_but_not_the_partners(client, db, partner, bureau):
    colleague = factories.create_user("bureau", username="colleague")
    shared = create_job(colleague, "bureau", kind="employers")
    partners = create_job(partner, "partner")
    signed_in(client, bureau)

    assert client.get(f"{BUREAU}/{shared.id}").status_code == 200
    assert client.get(f"{BUREAU}/{partners.id}").status_code == 404
    assert client.get(f"{PARTNER}/{partners.id}").status_code == 403


def test_a_partner_imports_only_seekers_of_their_regions(client, db, partner):
    signed_in(client, partner)
    far = seeker_row(2, 身份证号=id_number(2, region="330803"), 户籍地="330803")
    done = send(client, PARTNER, csv_bytes([seeker_row(1), far]))

    assert (job(done).created, job(done).invalid) == (1, 1)
    assert seekers(db) == 1
    assert client.get(f"{PARTNER}/templates/employers.xlsx").status_code == 404
    employers = client.post(PARTNER, data={"kind": "employers", "file": (io.BytesIO(b"a,b\n"), "x.csv")},
                            content_type="multipart/form-data")
    assert employers.status_code == 200 and "Choose one from the list." in employers.get_data(as_text=True)


def test_the_bureau_imports_employers_into_an_event_and_gets_each_template(client, db, bureau):
    event = factories.create_event(name="春风行动")
    signed_in(client, bureau)
    for kind in engine.KINDS:
        response = client.get(f"{BUREAU}/templates/{kind}.xlsx")
        assert response.status_code == 200
        rows = list(load_workbook(io.BytesIO(response.data)).active.iter_rows(values_only=True))
        assert len(rows) == 3 and rows[0][0]
    company = {"单位名称": "衢州元立金属制品有限公司", "统一社会信用代码": uscc.generate("330803", 4242),
               "所属行业": "制造业", "所在地区": "衢江区", "地址": "衢江区廿里镇", "联系人": "王经理",
               "联系电话": "13800138000", "展位号": "B07"}
    done = send(client, BUREAU, csv_bytes([company], list(company)), name="企业.csv", kind="employers",
                event=str(event.id))
    assert (job(done).event_id, job(done).status, job(done).created) == (event.id, "done", 1)
    assert db.session.scalar(sa.select(Participation.booth).where(Participation.event_id == event.id)) == "B07"


def test_a_file_too_big_or_of_another_type_gets_a_clear_message(client, db, partner, monkeypatch):
    signed_in(client, partner)
    monkeypatch.setattr(forms, "MAX_BYTES", 2 * 1024 * 1024)
    # Encoded here in memory: the test client would put a body this big in a temporary file it never closes.
    boundary, body = encode_multipart(MultiDict({"kind": "seekers", "file": FileStorage(
        io.BytesIO(b"x" * (2 * 1024 * 1024 + 1)), "a.csv")}))
    big = client.post(PARTNER, data=body, content_type=f"multipart/form-data; boundary={boundary}")
    big = big.get_data(as_text=True)
    assert "The file is larger than 2 megabytes: split it into several files." in big
    other = client.post(PARTNER, data={"kind": "seekers", "file": (io.BytesIO(b"%PDF"), "a.pdf")},
                        content_type="multipart/form-data").get_data(as_text=True)
    assert "Choose a spreadsheet workbook or a comma-separated file." in other
    none = client.post(PARTNER, data={"kind": "seekers"}, content_type="multipart/form-data")
    assert "Choose the file to import." in none.get_data(as_text=True)
    broken = send(client, PARTNER, b"PK\x03\x04 not really a workbook", name="a.xlsx")
    assert job(broken).status == "failed" and "cannot be read" in job(broken).error
    assert db.session.scalar(sa.select(sa.func.count()).select_from(ImportJob)) == 1


def test_a_job_left_by_a_dead_process_is_marked_failed_on_the_next_page_view(client, db, partner):
    dead = create_job(partner, "partner", status="running", runner=f"{jobs.socket.gethostname()}:{2 ** 22 + 7}",
                      rows_done=2000, locale="en")
    silent = create_job(partner, "partner", status="running", runner="other-host:12",
                        heartbeat_at=utcnow() - timedelta(hours=1))
    alive = create_job(partner, "partner", status="running", runner=jobs.runner())
    signed_in(client, partner)

    page = client.get(f"{PARTNER}/{dead.id}").get_data(as_text=True)
    assert "The import stopped after 2000 rows when the server restarted" in page
    assert (job(dead.id).status, job(silent.id).status, job(alive.id).status) == ("failed", "failed", "running")
    assert int(job(alive.id).runner.rsplit(":", 1)[1]) == os.getpid()


def test_a_crash_mid_file_keeps_the_chunks_before_it_and_says_so(client, db, partner, monkeypatch):
    monkeypatch.setattr(engine, "CHUNK", 2)
    handle = engine.SeekerRows.handle
    calls = []

    def crash_on_second_chunk(self, rows):
        calls.append(len(rows))
        if len(calls) == 2:
            raise RuntimeError("the disk is full")
        return handle(self, rows)

    monkeypatch.setattr(engine.SeekerRows, "handle", crash_on_second_chunk)
    signed_in(client, partner)
    crashed = send(client, PARTNER, csv_bytes([seeker_row(n) for n in range(1, 5)]))

    assert job(crashed).status == "failed" and job(crashed).error_code == "import_failed"
    assert "stopped after 2 rows" in job(crashed).error
    assert seekers(db) == 2
    monkeypatch.setattr(engine.SeekerRows, "handle", handle)
    again = send(client, PARTNER, csv_bytes([seeker_row(n) for n in range(1, 5)]))
    assert (job(again).created, job(again).unchanged) == (2, 2) and seekers(db) == 4
