"""The big screen at the fair: it follows the figures by itself, rides out a lost connection, and stops when the
bureau revokes its link. On the hall's 1920×1080 screen and on a small phone, nothing wider than the screen."""
import re
from types import SimpleNamespace

import pytest

from recruit.accounts.models import User
from recruit.applications.services import record_booth_intent
from recruit.dashboard import services
from recruit.events.models import Event
from recruit.postings.models import Posting
from recruit.seekers.models import Seeker
from tests import factories
from tests.browser.conftest import VIEWPORTS
from tests.browser.helpers import expect
from tests.browser.helpers import sign_in

SHOTS = "dashboard"  # the screenshots' folder under test-output/browser
SIZES = {
    "big-screen": {"viewport": {"width": 1920, "height": 1080}},
    "phone": {"viewport": {"width": 375, "height": 740}, "device_scale_factor": 2, "is_mobile": True,
              "has_touch": True},
}
# The page reads the figures every 5 s: a change shows within one read and a slow one.
REFRESH_MS = 8_000
STATS = "**/api/v1/events/*/stats"


@pytest.fixture(params=list(SIZES))
def viewport(request, monkeypatch):
    """The sizes of this test, given to the shared browser fixtures for its duration."""
    monkeypatch.setitem(VIEWPORTS, request.param, SIZES[request.param])
    return request.param


@pytest.fixture
def hall(db, fair):
    """The fair under way: a crowd counted at the gate, a seeker from Weining checked in, the employer's HR at
    the booth, and a screen link."""
    event = db.session.get(Event, fair.event.id)
    event.anonymous_visitors = 15600
    seeker = factories.create_seeker(name="龙小花", region_code="520526")
    factories.create_checkin(seeker, event)
    hr = factories.create_user("employer", username="yuanli-hr", employer_id=fair.employer_id)
    _, token = services.issue_screen_link(event, "主会场大屏", factories.create_user("bureau"))
    db.session.commit()
    return SimpleNamespace(event_id=event.id, seeker_id=seeker.id, hr_id=hr.id, token=token, fair=fair)


def watched(page):
    """What the content security policy blocked on the page (Chromium says so on the console)."""
    blocked = []
    page.on("console", lambda message: "Content Security Policy" in message.text and blocked.append(message.text))
    return blocked


def figure(page, name):
    return page.locator(f'[data-dashboard] [data-figure="{name}"]')


def chart_drawn(page):
    page.wait_for_function("""() => {
        const chart = window.Chart && Chart.getChart(document.querySelector("[data-arrivals-chart]"));
        return chart && chart.data.labels.length > 0;
    }""")


def fits_the_width(page):
    """Nothing scrolls sideways: a page too wide makes the document wider than the viewport."""
    return page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]


def record_intent(db, hall):
    """The employer's HR records the seeker's intent at the booth, as the booth page does."""
    event = db.session.get(Event, hall.event_id)
    seeker = db.session.get(Seeker, hall.seeker_id)
    posting = db.session.get(Posting, hall.fair.id)
    record_booth_intent(seeker, posting, event, db.session.get(User, hall.hr_id))
    db.session.commit()


def test_the_screen_follows_the_fair_by_itself(page, shot, db, hall):
    blocked = watched(page)
    response = page.goto(f"/screen/{hall.token}")
    assert response.status == 200 and response.headers["cache-control"] == "no-store"
    expect(figure(page, "checked_in")).to_have_text("1")
    expect(figure(page, "intents")).to_have_text("0")
    expect(page.locator('[data-list="origins"]')).to_contain_text("贵州省毕节市")
    chart_drawn(page)
    assert fits_the_width(page)
    shot(page, "opened")

    record_intent(db, hall)
    expect(figure(page, "intents")).to_have_text("1", timeout=REFRESH_MS)
    expect(figure(page, "visitors")).to_have_text("15,601")  # rewritten by the script, with its separator
    employers = page.locator('[data-list="employers"]')
    expect(employers).to_contain_text(hall.fair.employer_name)
    expect(employers).to_contain_text("A08")
    shot(page, "intent-recorded")

    page.route(STATS, lambda route: route.abort())
    expect(page.locator("[data-connection-lost]")).to_be_visible(timeout=REFRESH_MS)
    expect(figure(page, "intents")).to_have_text("1")  # the last figures stay up
    shot(page, "connection-lost")
    page.unroute(STATS)
    expect(page.locator("[data-connection-lost]")).to_be_hidden(timeout=REFRESH_MS)
    assert fits_the_width(page)
    assert not blocked, blocked


def test_the_bureau_issues_a_link_for_the_screen_and_revoking_it_stops_the_screen(new_context, shot, db, hall,
                                                                                  bureau_user):
    desk = new_context().new_page()
    desk.goto("/")
    sign_in(desk, bureau_user.username)
    desk.goto(f"/bureau/events/{hall.event_id}/screens")
    desk.locator("#name").fill("签到处电视")
    desk.locator('main form[action$="/screens"] button[type=submit]').click()
    address = desk.locator("[data-new-url]").inner_text().strip()
    assert re.fullmatch(r"http://127\.0\.0\.1:\d+/screen/[\w-]{40,}", address)
    assert fits_the_width(desk)
    shot(desk, "link-issued")

    screen = new_context().new_page()
    screen.goto(address)
    expect(figure(screen, "checked_in")).to_have_text("1")
    shot(screen, "screen")

    desk.goto(f"/bureau/events/{hall.event_id}/dashboard")  # the bureau's own view reads with its session
    expect(desk.locator("[data-as-of]")).to_have_attribute("datetime", re.compile(r"\+00:00$"))
    expect(figure(desk, "checked_in")).to_have_text("1")
    assert fits_the_width(desk)
    shot(desk, "live-dashboard")

    desk.goto(f"/bureau/events/{hall.event_id}/screens")
    expect(desk.locator("body")).not_to_contain_text(address)  # shown once, when it was issued
    row = desk.locator("tr[data-link-id]", has_text="签到处电视")
    desk.once("dialog", lambda dialog: dialog.accept())
    row.locator("button[type=submit]").click()
    expect(row.locator("[data-link-status]")).to_have_attribute("data-link-status", "revoked")

    expect(screen.locator("[data-stopped]")).to_be_visible(timeout=REFRESH_MS)
    expect(figure(screen, "checked_in")).to_have_text("1")
    shot(screen, "revoked")
    assert screen.url == address  # no sign-in page took over the screen
