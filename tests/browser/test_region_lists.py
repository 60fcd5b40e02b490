"""Regions in a list (a drive's origins, a partner desk's regions) are picked one by one by name, as chips
that can be taken off again: nobody types a six-digit code unless they want to."""
import re

from recruit.accounts.models import User
from recruit.events.models import Event
from tests.browser.helpers import expect
from tests.browser.helpers import sign_in
from tests.browser.helpers import submit_main_form


def pick(page, field_id, typed):
    """Type a place name into a list's picker and choose the first suggestion."""
    page.locator(f"#{field_id}").fill(typed)
    option = page.locator(f"#{field_id}-options [role=option]").first
    expect(option).to_be_visible()
    option.click()


def chips(page):
    return page.locator(".region-chips [data-region-code]")


def test_a_drive_takes_its_origin_regions_by_name(page, shot, bureau_user, db):
    page.goto("/")
    sign_in(page, bureau_user.username)
    page.goto("/bureau/events/new")
    page.locator("#name").fill("衢江—威宁2024年春风行动跨省招工专场")
    page.locator("#kind").select_option("cross_province")
    page.locator("#starts_at").fill("2024-03-01T09:00")
    page.locator("#ends_at").fill("2024-03-01T16:00")
    page.locator("#host_region_code").fill("威宁")
    page.locator("#host_region_code-options [role=option]").first.click()
    pick(page, "origin_region_codes", "威宁")
    pick(page, "origin_region_codes", "毕节市")
    pick(page, "origin_region_codes", "衢江")
    expect(chips(page)).to_have_count(3)
    chips(page).filter(has_text="衢江").click()  # taken off again
    expect(chips(page)).to_have_count(2)
    shot(page, "origin-regions")
    submit_main_form(page)

    expect(page).to_have_url(re.compile(r"/bureau/events/\d+$"))
    db.session.expire_all()
    event = db.session.scalars(db.select(Event)).one()
    assert event.origin_region_codes == ["520526", "520500"]
    page.locator(f"a[href=\"/bureau/events/{event.id}/edit\"]").click()
    expect(chips(page)).to_have_count(2)  # shown again by name when the form is opened
    expect(chips(page).first).to_contain_text("威宁彝族回族苗族自治县")


def test_a_partner_desk_serves_regions_picked_by_name(page, shot, bureau_user, db):
    page.goto("/")
    sign_in(page, bureau_user.username)
    page.goto("/bureau/staff/new")
    page.locator("#username").fill("weining-desk")
    page.locator("#display_name").fill("威宁县劳务协作站")
    page.locator("#role").select_option("partner")
    page.locator("#password").fill("weining-desk-1")
    pick(page, "region_codes", "威宁")
    shot(page, "partner-regions")
    submit_main_form(page)

    expect(page).to_have_url(re.compile(r"/bureau/staff$"))
    db.session.expire_all()
    desk = db.session.scalar(db.select(User).where(User.username == "weining-desk"))
    assert desk.region_codes == ["520526"]
