"""A worker from Weining registers, corrects a mistyped ID number, and applies for an opening."""
import re
from datetime import date

from recruit.domain import idcard
from tests.browser.helpers import CHINESE
from tests.browser.helpers import expect
from tests.browser.helpers import follow_nav
from tests.browser.helpers import pick_region
from tests.browser.helpers import submit_main_form

VALID_ID = idcard.generate("520526", date(1996, 3, 8), 123)
PASSWORD = "chunmei-2023"


def mistyped(number):
    """The number with one digit of its sequence part changed: the check character no longer fits."""
    return number[:15] + str((int(number[15]) + 1) % 10) + number[16:]


def fill_passwords(page):
    page.locator("#password").fill(PASSWORD)
    page.locator("#confirm").fill(PASSWORD)


def test_seeker_registers_corrects_the_id_number_and_applies(page, shot, fair):
    page.goto("/")
    expect(page.locator("html")).to_have_attribute("lang", "zh-CN")
    shot(page, "home")
    follow_nav(page, "/register")
    shot(page, "choose")
    page.locator('main a[href="/seekers/register"]').click()
    expect(page).to_have_url(re.compile(r"/seekers/register$"))

    page.locator("#name").fill("杨春梅")
    page.locator("#id_number").fill(mistyped(VALID_ID))
    page.locator("#mobile").fill("13985712345")
    fill_passwords(page)
    page.locator("#skills").fill("电焊、叉车证")
    page.locator("#consent").check()
    shot(page, "wrong-id-typed")
    submit_main_form(page)

    error = page.locator("#id_number-error")
    expect(error).to_be_visible()
    id_error = error.inner_text()
    expect(page.locator("#id_number")).to_have_attribute("aria-invalid", "true")
    expect(page.locator("main .is-invalid")).to_have_count(1)
    expect(page.locator("#name")).to_have_value("杨春梅")
    expect(page.locator("#mobile")).to_have_value("13985712345")
    expect(page.locator("#skills")).to_have_value("电焊、叉车证")
    expect(page.locator("#password")).to_have_value("")
    shot(page, "id-error")

    page.locator("#id_number").fill(VALID_ID)
    expect(page.locator("#id_number-preview")).to_contain_text("1996-03-08")
    fill_passwords(page)
    pick_region(page, "hometown_code", "威宁", "520526")
    page.locator("#consent").check()
    shot(page, "corrected")
    submit_main_form(page)

    expect(page).to_have_url(re.compile(r"/me$"))
    expect(page.locator("[data-birth-date]")).to_contain_text("1996-03-08")
    expect(page.locator("[data-hometown]")).to_contain_text("威宁彝族回族苗族自治县")
    expect(page.locator("[data-id-masked]")).not_to_contain_text(VALID_ID)
    shot(page, "profile")

    follow_nav(page, "/postings")
    expect(page.locator(f'[data-posting-id="{fair.id}"]')).to_contain_text(fair.employer_name)
    shot(page, "openings")
    page.get_by_role("link", name=fair.title).click()
    expect(page).to_have_url(re.compile(rf"/postings/{fair.id}$"))
    shot(page, "posting")
    page.locator(f'form[action$="/postings/{fair.id}/apply"] button[type=submit]').click()

    expect(page).to_have_url(re.compile(r"/me/applications$"))
    application = page.locator("article[data-application-id]")
    expect(application).to_have_count(1)
    expect(application).to_contain_text(fair.title)
    expect(application.locator('[data-status="applied"]')).to_be_visible()
    shot(page, "my-applications")
    # Checked last, so that a message in the wrong language does not hide how the rest of the walk went.
    assert CHINESE.search(id_error), f"the ID number's error is not in Chinese: {id_error!r}"
