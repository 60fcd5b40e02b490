"""A partner desk on a phone imports a list of seekers with good and bad rows, watches the job to its end,
downloads the refused rows, fixes them in the workbook and imports it again: nobody is registered twice."""
import time

import openpyxl
import pytest
import sqlalchemy as sa

from recruit.imports import engine
from recruit.seekers.models import Seeker
from tests import factories
from tests.browser.conftest import VIEWPORTS
from tests.browser.helpers import expect
from tests.browser.helpers import follow_nav
from tests.browser.helpers import sign_in
from tests.browser.helpers import submit_main_form
from tests.imports.test_seekers_import import HEADERS
from tests.imports.test_seekers_import import id_number
from tests.imports.test_seekers_import import seeker_row

SHOTS = "imports"
PHONE_390 = {**VIEWPORTS["phone"], "viewport": {"width": 390, "height": 844}}
BAD_ID = "520526199604011235"  # one digit off: the checksum fails
SLOW_SECONDS = 0.6  # per row: long enough for the page to show the job running


@pytest.fixture
def viewport(monkeypatch):
    """A phone 390 px wide, given to the shared browser fixtures for this test's duration."""
    monkeypatch.setitem(VIEWPORTS, "phone", PHONE_390)
    return "phone"


@pytest.fixture
def imports_folder(csrf_app, monkeypatch, tmp_path):
    """The live server keeps uploads in a folder of this test's (its app has no instance folder of its own)."""
    monkeypatch.setattr(csrf_app, "instance_path", str(tmp_path))
    return tmp_path / "imports"


@pytest.fixture
def slow_import(monkeypatch):
    """One row a chunk, each a little slow, as a long file goes: the job is seen running before it is done."""
    handle = engine.SeekerRows.handle

    def slowly(self, rows):
        time.sleep(SLOW_SECONDS)
        return handle(self, rows)

    monkeypatch.setattr(engine, "CHUNK", 1)
    monkeypatch.setattr(engine.SeekerRows, "handle", slowly)


@pytest.fixture
def partner(db):
    user = factories.create_user("partner", regions=["520526"], username="weining-desk",
                                 display_name="威宁县人社局 劳务协作站")
    db.session.commit()
    return user.username


def write_csv(path, rows):
    lines = [",".join(HEADERS)] + [",".join(str(row.get(header, "")) for header in HEADERS) for row in rows]
    path.write_text("\r\n".join(lines), encoding="utf-8")
    return path


def upload(page, path):
    page.locator("#file").set_input_files(str(path))
    page.locator("#dry_run").uncheck()
    submit_main_form(page)


def counts(page):
    found = page.locator("[data-import-result] [data-counts]")
    expect(found).to_be_visible(timeout=30_000)
    return {name: int(found.get_attribute(f"data-{name}")) for name in ("created", "unchanged", "invalid")}


def seekers(db):
    db.session.expire_all()
    return db.session.scalar(sa.select(sa.func.count()).select_from(Seeker))


def test_a_partner_imports_fixes_the_refused_rows_and_imports_them_again(page, shot, db, tmp_path, partner,
                                                                         imports_folder, slow_import):
    rows = [seeker_row(1), seeker_row(2), seeker_row(3, 身份证号=BAD_ID), seeker_row(4)]
    original = write_csv(tmp_path / "威宁县求职登记.csv", rows)
    page.goto("/")
    sign_in(page, partner)
    follow_nav(page, "/partner/imports")
    shot(page, "upload")
    upload(page, original)

    expect(page.locator('[data-import-status="running"]')).to_be_visible()
    expect(page.locator("[data-rows-done]")).not_to_have_attribute("data-rows-done", "0")
    shot(page, "running")
    assert counts(page) == {"created": 3, "unchanged": 0, "invalid": 1}
    shot(page, "done")

    with page.expect_download() as info:
        page.locator("[data-errors-download]").click()
    assert info.value.suggested_filename.endswith(".xlsx")
    downloaded = tmp_path / info.value.suggested_filename
    info.value.save_as(downloaded)
    book = openpyxl.load_workbook(downloaded)
    refused = list(book.active.iter_rows(values_only=True))
    assert len(refused) == 2 and refused[1][1] == BAD_ID and refused[1][-1]
    book.active.cell(2, 2).value = id_number(3)
    fixed = tmp_path / "威宁县求职登记-改.xlsx"
    book.save(fixed)

    page.locator("main a[href='/partner/imports']").last.click()
    upload(page, fixed)
    assert counts(page) == {"created": 1, "unchanged": 0, "invalid": 0}
    expect(page.locator("[data-errors-download]")).to_have_count(0)

    page.locator("main a[href='/partner/imports']").last.click()
    upload(page, original)
    assert counts(page) == {"created": 0, "unchanged": 3, "invalid": 1}
    shot(page, "again")
    assert seekers(db) == 4
    page.locator("main a[href='/partner/imports']").last.click()
    expect(page.locator("[data-import-job-id]")).to_have_count(3)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
