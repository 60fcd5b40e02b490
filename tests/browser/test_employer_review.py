"""A company registers and posts an opening; the bureau approves both; a passer-by finds the opening."""
import re

from recruit.domain import uscc
from tests.browser.helpers import expect
from tests.browser.helpers import follow_nav
from tests.browser.helpers import open_collapsed
from tests.browser.helpers import pick_region
from tests.browser.helpers import sign_in
from tests.browser.helpers import submit_main_form

COMPANY = "衢州市衢江区鑫源包装有限公司"
TITLE = "仓库管理员"
PASSWORD = "xinyuan-hr-2023"


def register_company(page, shot):
    page.goto("/")
    follow_nav(page, "/register")
    page.locator('main a[href="/employers/register"]').click()
    expect(page).to_have_url(re.compile(r"/employers/register$"))
    page.locator("#name").fill(COMPANY)
    page.locator("#uscc").fill(uscc.generate("330803", 4242))
    page.locator("#industry").select_option("C")
    pick_region(page, "region_code", "衢江", "330803")
    page.locator("#address").fill("衢江区廿里镇工业园区2号")
    page.locator("#contact_name").fill("徐丽")
    page.locator("#contact_mobile").fill("13757012345")
    page.locator("#username").fill("xinyuan-hr")
    page.locator("#password").fill(PASSWORD)
    page.locator("#confirm").fill(PASSWORD)
    shot(page, "company-form")
    submit_main_form(page)
    expect(page).to_have_url(re.compile(r"/employer$"))
    expect(page.locator('[data-employer-status="pending"]')).to_be_visible()
    shot(page, "company-pending")


def post_opening(page, shot, event):
    page.locator('main a[href="/employer/postings/new"]').first.click()
    expect(page).to_have_url(re.compile(r"/employer/postings/new$"))
    page.locator("#title").fill(TITLE)
    page.locator("#occupation_code").select_option(label="仓库管理员")
    page.locator("#headcount").fill("3")
    page.locator("#salary_min").fill("4500")
    page.locator("#salary_max").fill("6000")
    page.locator("#description").fill("负责成品仓收发货和盘点，长白班，包住宿。")
    pick_region(page, "work_region_code", "衢江", "330803")
    page.locator("#dormitory").check()
    page.locator("#travel_subsidy").check()
    page.get_by_label(event.name).check()
    shot(page, "posting-form")
    submit_main_form(page)
    expect(page).to_have_url(re.compile(r"/employer/postings(#posting-\d+)?$"))
    posting = page.locator("main li[data-posting-id]", has_text=TITLE)
    expect(posting.locator('[data-posting-status="draft"]')).to_be_visible()
    shot(page, "posting-draft")
    posting.locator('form[action$="/submit"] button[type=submit]').click()
    expect(posting.locator('[data-posting-status="pending"]')).to_be_visible()
    shot(page, "posting-submitted")


def approve(page, shot, kind, name):
    """From the bureau's home, open what waits for review by its name and approve it."""
    follow_nav(page, "/bureau")
    page.locator(f'main a[href^="/bureau/{kind}/"]', has_text=name).first.click()
    expect(page).to_have_url(re.compile(rf"/bureau/{kind}/\d+$"))
    shot(page, f"review-{kind}")
    page.locator('main form[action$="/approve"] button[type=submit]').click()
    expect(page.locator("main .alert-success")).to_be_visible()
    shot(page, f"approved-{kind}")


def search_openings(page, shot, words):
    """An anonymous visitor's search of the public openings; returns the cards found."""
    page.goto("/")
    follow_nav(page, "/postings")
    open_collapsed(page, "filters")
    page.locator("#q").fill(words)
    page.locator("form[role=search] button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/postings\?.*q="))
    expect(page.locator("#result-count")).to_be_visible()
    shot(page, "public-search")
    return page.locator("[data-posting-id]", has_text=TITLE)


def test_company_registers_and_posts_the_bureau_approves_and_the_opening_is_public(
        new_context, shot, bureau_user, event):
    employer = new_context().new_page()
    register_company(employer, shot)
    post_opening(employer, shot, event)
    visitor = new_context().new_page()
    expect(search_openings(visitor, shot, "仓库")).to_have_count(0)

    bureau = new_context().new_page()
    bureau.goto("/")
    sign_in(bureau, bureau_user.username)
    expect(bureau).to_have_url(re.compile(r"/bureau$"))
    shot(bureau, "bureau-home")
    approve(bureau, shot, "employers", COMPANY)
    approve(bureau, shot, "postings", TITLE)

    follow_nav(employer, "/employer")
    expect(employer.locator('[data-employer-status="approved"]')).to_be_visible()
    shot(employer, "company-approved")
    follow_nav(employer, "/employer/postings")
    posting = employer.locator("main li[data-posting-id]", has_text=TITLE)
    expect(posting.locator('[data-posting-status="open"]')).to_be_visible()
    shot(employer, "posting-open")

    card = search_openings(visitor, shot, "仓库")
    expect(card).to_contain_text(COMPANY)
    card.get_by_role("link", name=TITLE).click()
    expect(visitor.locator("main h1")).to_have_text(TITLE)
    expect(visitor.locator('main a[href^="/account/login?next="]')).to_be_visible()
    shot(visitor, "public-posting")
