"""What people do again and again in the browser: the menu, the region picker, a form, signing in."""
import re

from tests import factories

try:
    from playwright.sync_api import expect
except ImportError:  # the `browser` fixture skips these tests (or fails them in CI) and says why
    expect = None

CHINESE = re.compile(r"[\u4e00-\u9fff]")


def open_collapsed(page, target_id):
    """Open a collapsed part (the phone's menu, the filters) with its toggle; elsewhere do nothing."""
    # Whether the toggle shows depends on the stylesheet: decide only once the page has fully loaded.
    page.wait_for_load_state("load")
    toggle = page.locator(f'[data-bs-target="#{target_id}"]')
    if toggle.is_visible() and toggle.get_attribute("aria-expanded") != "true":
        toggle.click()
        # Bootstrap marks it "show" once it has finished opening: a click during the animation can miss.
        expect(page.locator(f"#{target_id}")).to_have_class(re.compile(r"\bshow\b"))


def open_menu(page):
    """On a phone the navbar is collapsed: tap the toggler to reach the links (desktop shows them)."""
    open_collapsed(page, "nav")


def follow_nav(page, href):
    """Follow a link of the navbar, opening the menu first where it is collapsed."""
    open_menu(page)
    page.locator(f'#nav a[href="{href}"]').click()
    expect(page).to_have_url(re.compile(re.escape(href) + r"([?#].*)?$"))


def pick_region(page, field_id, typed, code):
    """Type a place name into a region picker and choose the suggestion; the form will post its code."""
    page.locator(f"#{field_id}").fill(typed)
    option = page.locator(f"#{field_id}-options [role=option]").first
    expect(option).to_be_visible()
    option.click()
    expect(page.locator(f'input[type=hidden][name="{field_id}"]')).to_have_value(code)


def submit_main_form(page):
    """Press the page's own form button (the navbar's sign-out form is not it)."""
    page.locator("main form[method=post] button[type=submit]").click()


def sign_in(page, identifier, password=factories.PASSWORD):
    """From wherever the page is, through the navbar's sign-in link and the sign-in form."""
    follow_nav(page, "/account/login")
    page.locator("#identifier").fill(identifier)
    page.locator("#password").fill(password)
    submit_main_form(page)
    expect(page).not_to_have_url(re.compile(r"/account/login"))


def intent_figure(page, event_id):
    """The event's intent figure as the home page shows it."""
    figure = page.locator(f'[data-event-id="{event_id}"] [data-figure="intents"]')
    expect(figure).to_have_text(re.compile(r"^\s*\d+\s*$"))
    return int(figure.inner_text())
