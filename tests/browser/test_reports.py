"""The bureau sets a report schedule, sees the report appear at its time, downloads every file; the numbers match."""
import csv
import io
import time
import zipfile
from datetime import datetime
from datetime import timedelta
from zoneinfo import ZoneInfo

import openpyxl
import pytest
import time_machine

from recruit import scheduler as report_scheduler
from recruit.events.models import Event
from tests import factories
from tests.browser.helpers import expect
from tests.browser.helpers import follow_nav
from tests.browser.helpers import sign_in
from tests.browser.helpers import submit_main_form

BEIJING = ZoneInfo("Asia/Shanghai")


@pytest.fixture
def viewport():
    """A desk in the bureau's office: downloads are a desktop job (the pages themselves are walked on a phone)."""
    return "desktop"


@pytest.fixture
def crowd(db, fair):
    """Three seekers at the fair, two of them at intent, and visitors counted at the gate."""
    event = db.session.get(Event, fair.event.id)
    event.anonymous_visitors = 40
    posting = event.postings[0]
    for number, status in enumerate(("intent", "signed", "applied")):
        seeker = factories.create_seeker(name=f"求职者{'甲乙丙'[number]}")
        factories.create_checkin(seeker, event)
        factories.create_application(seeker=seeker, posting=posting, event=event, status=status)
    db.session.commit()
    return fair


def next_due():
    """A whole minute between one and two minutes from now, in Beijing time."""
    return (datetime.now(BEIJING) + timedelta(seconds=90)).replace(second=0, microsecond=0)


def wait_for_run(page, url, seconds=30):
    """Reload the reports page until the scheduled run is listed as done."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        page.goto(url)
        if page.locator('[data-last-run="done"]').count():
            return
        time.sleep(0.5)
    raise AssertionError(f"no finished report on {url} after {seconds} s")


def download(page, locator):
    with page.expect_download() as info:
        locator.click()
    return info.value.path().read_bytes()


def test_a_scheduled_report_appears_at_its_time_and_every_file_agrees(csrf_app, page, shot, bureau_user, crowd):
    event_id = crowd.event.id
    due = next_due()
    page.goto("/")
    sign_in(page, bureau_user.username)
    page.goto(f"/bureau/events/{event_id}/edit")
    expect(page.locator("#report_weekday")).to_be_hidden()  # a daily report has no weekday
    page.locator("#report_frequency").select_option("weekly")
    expect(page.locator("#report_weekday")).to_be_visible()
    page.locator("#report_frequency").select_option("close")
    expect(page.locator("#report_time")).to_be_hidden()
    page.locator("#report_frequency").select_option("daily")
    page.locator("#report_time").fill(f"{due:%H:%M}")
    shot(page, "schedule")
    submit_main_form(page)
    expect(page.locator("main [data-schedule]")).to_contain_text(f"每天 {due:%H:%M}")

    follow_nav(page, "/bureau/reports")
    page.locator(f'main a[href="/bureau/events/{event_id}/reports"]').first.click()
    expect(page.locator("main [data-schedule]")).to_have_text(f"每天 {due:%H:%M}")
    expect(page.locator('[data-last-run=""]')).to_be_visible()

    with time_machine.travel(due - timedelta(seconds=3), tick=True):
        scheduler = report_scheduler.build(csrf_app)
        scheduler.start()
        try:
            wait_for_run(page, f"/bureau/events/{event_id}/reports")
        finally:
            scheduler.shutdown()
    shot(page, "report-appeared")
    run = page.locator("main tr[data-run-status=done]")
    expect(run).to_have_count(1)
    expect(run).to_contain_text(f"{due:%Y-%m-%d %H:%M}")
    expect(run).to_contain_text("定时")

    summary = openpyxl.load_workbook(io.BytesIO(download(page, run.locator('[data-kind=summary][data-format=xlsx]'))))
    overview = {row[0]: row[1] for row in summary["概况"].iter_rows(values_only=True) if row and row[0]}
    assert (overview["入场人数"], overview["意向人数"], overview["签约人数"]) == (43, 2, 1)

    with zipfile.ZipFile(io.BytesIO(download(page, run.locator("[data-kind=summary][data-format=csv]")))) as files:
        name = next(name for name in files.namelist() if name.endswith("overview.csv"))
        rows = {row[0]: row[1] for row in csv.reader(io.StringIO(files.read(name).decode("utf-8-sig")))}
    assert (rows["入场人数"], rows["意向人数"]) == ("43", "2")

    sheet = openpyxl.load_workbook(io.BytesIO(download(page, run.locator("[data-kind=sheet][data-format=xlsx]"))))
    filed = {row[0]: row[1] for row in sheet.active.iter_rows(values_only=True) if row and row[0]}
    assert (filed["参会企业"], filed["入场求职者"], filed["初步达成就业意向"], filed["签约"]) == (1, 43, 2, 1)

    run.locator("[data-kind=summary][data-format=html]").click()
    expect(page.locator("body")).to_contain_text("匹配汇总表")
    expect(page.locator("table").first).to_contain_text(crowd.event.name)
    shot(page, "summary-page")
    expect(page.locator("tr", has_text="入场人数").first).to_contain_text("43")
    expect(page.locator("tr", has_text="意向人数").first).to_contain_text("2")
