"""A cross-province drive's travel batch on phones, from the signing to the 3-month retention: the bureau plans
the batch, adds the signed worker and sends it off, the employer confirms the first day and, three months on,
answers that the worker is still there; the partner desk of the worker's county follows it all read-only."""
import re
from datetime import timedelta
from types import SimpleNamespace

import pytest
import sqlalchemy as sa

from recruit.applications.models import Application
from recruit.core.clock import local_today
from recruit.drives import retention
from recruit.drives.models import RetentionCheck
from recruit.extensions import db as _db
from tests import factories
from tests.browser.conftest import VIEWPORTS
from tests.browser.helpers import expect
from tests.browser.helpers import follow_nav
from tests.browser.helpers import sign_in
from tests.drives.conftest import signed

SHOTS = "drives"
PHONE_390 = {**VIEWPORTS["phone"], "viewport": {"width": 390, "height": 844}}
WEINING = "520526"
# Latin words in a page's main part are English left untranslated (dates and mobiles are digits).
LATIN_WORD = re.compile(r"[A-Za-z]{3,}")


@pytest.fixture
def viewport(monkeypatch):
    """A phone 390 px wide, given to the shared browser fixtures for this test's duration."""
    monkeypatch.setitem(VIEWPORTS, "phone", PHONE_390)
    return "phone"


@pytest.fixture
def drive(db):
    """A drive from Weining with one worker signed by an employer, and the four accounts that walk it."""
    event = factories.create_event(name="2023年威宁县劳务协作专场", kind="cross_province",
                                   origin_region_codes=[WEINING])
    employer = factories.create_employer(name="衢州元立金属制品有限公司")
    hr = factories.create_user("employer", employer_id=employer.id, username="yuanli-hr",
                              display_name="元立金属 人事王经理")
    posting = factories.create_posting(employer, [event], title="注塑操作工", headcount=6)
    account = factories.create_user("seeker", display_name="龙小花")
    seeker = factories.create_seeker(user=account, name="龙小花", region_code=WEINING)
    application = signed(seeker, posting, event, hr)
    other = factories.create_employer(name="浙江巨化股份有限公司")
    factories.create_user("employer", employer_id=other.id, username="juhua-hr", display_name="巨化 人事")
    factories.create_user("bureau", username="quzhou-bureau", display_name="衢江区人社局 李科长")
    factories.create_user("partner", regions=[WEINING], username="weining-desk",
                          display_name="威宁县人社局 劳务协作站")
    db.session.commit()
    return SimpleNamespace(event_id=event.id, event_name=event.name, posting_id=posting.id,
                           application_id=application.id, worker=seeker.name,
                           option=f"{seeker.name} · {employer.name} · {posting.title}")


def person(new_context, username):
    """A phone of their own, signed in."""
    page = new_context().new_page()
    page.goto("/")
    sign_in(page, username)
    return page


def in_chinese(page):
    """The page is served in Chinese and its main part has no English left in it."""
    expect(page.locator("html")).to_have_attribute("lang", "zh-CN")
    leftovers = LATIN_WORD.findall(page.locator("main").inner_text())
    assert not leftovers, f"English on {page.url}: {leftovers}"


def flashed(page, text):
    expect(page.locator("main .alert-success")).to_have_text(text)


def plan_batch(page, departs_on):
    page.locator("#departs_on").fill(departs_on.isoformat())
    page.locator("#from_place").fill("威宁县汽车站")
    page.locator("#to_place").fill("衢州市衢江区")
    page.locator("#escort_name").fill("李干事")
    page.locator("#escort_mobile").fill("13800138001")
    page.get_by_role("button", name="计划此批次").click()


def walk_the_batch(page, shot, drive, departs_on):
    """The bureau's part: plan, fill, send off and receive the batch."""
    follow_nav(page, "/bureau/events")
    page.locator(f'main a[href="/bureau/events/{drive.event_id}"]').first.click()
    page.locator("[data-batches-link]").click()
    expect(page.locator("h1")).to_have_text("出行批次")
    in_chinese(page)
    plan_batch(page, departs_on)
    flashed(page, "批次已计划，请加入随行务工人员。")
    status = page.locator("[data-batch-status]")
    expect(status).to_have_text("计划中")
    in_chinese(page)

    page.locator("#application_id").select_option(label=drive.option)
    page.get_by_role("button", name="添加", exact=True).click()
    flashed(page, f"{drive.worker} 已加入此批次。")
    member = page.locator(f'[data-member-application-id="{drive.application_id}"]')
    expect(member).to_contain_text(drive.worker)
    expect(member.locator("[data-status]")).to_have_text("签约")
    expect(page.locator("[data-members-total]")).to_have_text("1")
    shot(page, "planned")

    questions = []
    page.once("dialog", lambda dialog: (questions.append(dialog.message), dialog.accept()))
    page.get_by_role("button", name="标记为已出发").click()
    flashed(page, "批次已出发。")
    assert questions == ["此批次的全部 1 名务工人员都已出发？"]
    expect(status).to_have_text("途中")
    expect(page.locator("[data-departed-at]")).not_to_have_text("—")
    # Not 已离职 (the worker quit): the batch's own word for leaving home.
    expect(page.locator("dt:has(+ [data-departed-at])")).to_have_text("出发时间")
    expect(member.get_by_role("button", name="移出")).to_have_count(0)  # a batch on the way keeps its workers

    page.get_by_role("button", name="标记为已到达").click()
    flashed(page, "批次已到达，请用人单位确认每名务工人员的到岗日期。")
    expect(status).to_have_text("已到达")
    expect(page.locator("[data-arrived-at]")).not_to_have_text("—")
    in_chinese(page)
    shot(page, "arrived")
    page.locator("main .breadcrumb a", has_text="出行批次").click()
    row = page.locator("[data-batch-id]")
    expect(row.locator("[data-members]")).to_have_text("1")
    expect(row.locator("[data-batch-status]")).to_have_text("已到达")


def application_status(page, drive, label):
    """The employer's applicants list, then the application's own page, show the worker at this status."""
    follow_nav(page, "/employer/postings")
    page.locator(f'a[href="/employer/postings/{drive.posting_id}/applicants"]').click()
    row = page.locator(f'[data-application-id="{drive.application_id}"]')
    expect(row.locator("[data-status]")).to_have_text(label)
    row.get_by_role("link", name=drive.worker).click()
    expect(page.locator("main [data-status]").first).to_have_text(label)
    in_chinese(page)


def onboard(page, shot, drive, first_day):
    follow_nav(page, "/employer/arrivals")
    card = page.locator(f'[data-arrival-application-id="{drive.application_id}"]')
    expect(card).to_contain_text(f"{drive.worker} · 注塑操作工")
    expect(card).to_contain_text("威宁县汽车站")
    in_chinese(page)
    shot(page, "arrivals")
    card.locator(f"#onboard-{drive.application_id}-onboarded_on").fill(first_day.isoformat())
    card.get_by_role("button", name="确认到岗日期").click()
    flashed(page, f"{drive.worker} 已到岗。")
    expect(page.locator("[data-no-arrivals]")).to_be_visible()
    application_status(page, drive, "到岗")
    expect(page.locator("[data-onboarded-on]")).to_have_text(first_day.isoformat())


def the_daily_job_runs(csrf_app, day):
    """What the scheduler's retention job does, in an app context of its own, on `day` instead of today."""
    with csrf_app.app_context():
        created = retention.create_due_checks(day)
        _db.session.commit()
        check_id = _db.session.scalar(sa.select(RetentionCheck.id))
    assert created == 1
    return check_id


def another_company_tries(page, db, check_id):
    """Juhua's HR sees no check and cannot answer Yuanli's by posting the form with a valid token of its own."""
    follow_nav(page, "/employer/arrivals")
    expect(page.locator("[data-no-checks]")).to_be_visible()
    expect(page.locator("[data-open-check-id]")).to_have_count(0)
    in_chinese(page)
    token = page.locator("input[name=csrf_token]").first.get_attribute("value")
    response = page.request.post(f"/employer/retention/{check_id}",
                                 form={"csrf_token": token, f"check-{check_id}-outcome": "stayed"})
    assert response.status == 404
    db.session.expire_all()
    assert db.session.get(RetentionCheck, check_id).answered_at is None


def answer_still_there(page, shot, drive, check_id):
    follow_nav(page, "/employer")
    expect(page.locator("[data-task-checks]")).to_have_text("1 项稳岗核实等待您答复。")
    in_chinese(page)
    page.locator("[data-drive-tasks]").get_by_role("link", name="立即答复").click()
    card = page.locator(f'[data-open-check-id="{check_id}"]')
    expect(card).to_contain_text(f"{drive.worker} · 注塑操作工")
    expect(card).to_contain_text("3个月")
    in_chinese(page)
    shot(page, "retention-check")
    card.get_by_label("仍在岗").check()
    card.get_by_role("button", name="提交答复").click()
    flashed(page, "谢谢，答复已记录。")
    expect(page.locator("[data-open-check-id]")).to_have_count(0)
    expect(page.locator("[data-no-checks]")).to_be_visible()
    follow_nav(page, "/employer")
    expect(page.locator("[data-drive-tasks]")).to_have_count(0)  # nothing waits on the company's page either
    application_status(page, drive, "稳岗（3个月）")


def the_partner_follows(page, shot, drive):
    follow_nav(page, "/partner/batches")
    row = page.locator("[data-batch-id]")
    expect(row).to_have_count(1)
    expect(row).to_contain_text(drive.event_name)
    expect(row.locator("[data-batch-status]")).to_have_text("已到达")
    in_chinese(page)
    row.get_by_role("link").first.click()
    member = page.locator(f'[data-member-application-id="{drive.application_id}"]')
    expect(member).to_contain_text(drive.worker)
    expect(member.locator("[data-status]")).to_have_text("稳岗（3个月）")
    expect(page.locator("main form")).to_have_count(0)  # read-only: nothing to change or send
    in_chinese(page)
    shot(page, "partner-batch")
    page.locator("main a", has_text="出行批次").click()
    page.get_by_role("link", name="逾期的稳岗核实").click()
    expect(page.locator("[data-overdue-total]")).to_have_text("0")
    expect(page.locator("[data-none-overdue]")).to_have_text("没有逾期的答复。")
    in_chinese(page)


def test_a_travel_batch_goes_from_the_signing_to_the_retention(new_context, shot, db, csrf_app, drive):
    today = local_today()
    departs_on, first_day = today - timedelta(days=2), today - timedelta(days=1)
    bureau = person(new_context, "quzhou-bureau")
    walk_the_batch(bureau, shot, drive, departs_on)

    hr = person(new_context, "yuanli-hr")
    onboard(hr, shot, drive, first_day)

    check_id = the_daily_job_runs(csrf_app, retention.add_months(first_day, 3))
    another_company_tries(person(new_context, "juhua-hr"), db, check_id)
    answer_still_there(hr, shot, drive, check_id)
    db.session.expire_all()
    assert db.session.get(Application, drive.application_id).status == "retained"

    partner = person(new_context, "weining-desk")
    the_partner_follows(partner, shot, drive)
    for page in (bureau, hr, partner):
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
