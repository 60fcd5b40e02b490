"""The navbar's language switch: English for this and the following pages, and back to Chinese."""
from tests.browser.helpers import CHINESE
from tests.browser.helpers import expect
from tests.browser.helpers import follow_nav
from tests.browser.helpers import open_menu


def switch_language(page, shot, link_text):
    open_menu(page)
    shot(page, "menu")
    page.locator("#nav").get_by_role("link", name=link_text, exact=True).click()


def test_language_switch_turns_the_pages_english_and_back(page, shot, viewport, event):
    page.goto("/")
    html = page.locator("html")
    expect(html).to_have_attribute("lang", "zh-CN")
    expect(page.locator(f'[data-event-id="{event.id}"]')).to_contain_text(event.name)
    # The phone's navbar starts collapsed behind the toggler; the desktop's is open.
    if viewport == "phone":
        expect(page.locator("#nav")).to_be_hidden()
    else:
        expect(page.locator("#nav")).to_be_visible()
    shot(page, "chinese")

    switch_language(page, shot, "English")
    expect(html).to_have_attribute("lang", "en")
    expect(page.locator("main h1")).to_have_text("Job fairs and recruitment drives")
    expect(page.locator(f'[data-event-id="{event.id}"]')).to_contain_text("Intents")
    shot(page, "english")

    follow_nav(page, "/register")
    expect(html).to_have_attribute("lang", "en")
    expect(page.locator("main h1")).to_have_text("Register")
    shot(page, "english-next-page")

    switch_language(page, shot, "中文")
    expect(html).to_have_attribute("lang", "zh-CN")
    expect(page.locator("main h1")).to_have_text(CHINESE)
    expect(page.locator('#nav a[href="/lang/en"]')).to_have_count(1)
    shot(page, "chinese-again")
