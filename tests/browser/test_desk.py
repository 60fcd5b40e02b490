"""The check-in desk on a phone at the gate: a scanner's code and Enter, a repeat, the network lost and back, a
session that ends with scans waiting, the visitor counter, and the camera reading a gate code."""
import re
import time
from pathlib import Path

import pytest
import sqlalchemy as sa

from recruit.checkin.models import Checkin
from recruit.core.clock import utcnow
from recruit.events.models import Event
from recruit.seekers.services import checkin_token
from tests import factories
from tests.browser import camera
from tests.browser.conftest import VIEWPORTS
from tests.browser.helpers import expect
from tests.browser.helpers import sign_in

SHOTS = "desk"  # the screenshots' folder under test-output/browser
CHECKINS = "**/api/v1/events/*/checkins"
# The desk tries again every 10 s; going back online also sends at once.
RETRY_MS = 12_000


@pytest.fixture
def viewport(monkeypatch):
    """A phone at the gate, given to the shared browser fixtures for this test's duration."""
    monkeypatch.setitem(VIEWPORTS, "phone", camera.PHONE)
    return "phone"


@pytest.fixture
def seekers(db, event):
    """Two registered seekers with their gate codes, as their /me/qr pages show them."""
    found = [factories.create_seeker(name="龙小花", region_code="520526"),
             factories.create_seeker(name="杨春梅", region_code="522725")]
    db.session.commit()
    return [{"id": seeker.id, "name": seeker.name, "masked": seeker.id_masked, "token": checkin_token(seeker)}
            for seeker in found]


def watched(page):
    """The page's console errors and uncaught exceptions (a blocked script or style shows there)."""
    problems = []
    page.on("console", lambda message: message.type == "error" and "Failed to load resource" not in message.text
            and problems.append(message.text))
    page.on("pageerror", lambda error: problems.append(str(error)))
    return problems


def open_desk(page, bureau_user, event):
    page.goto("/")
    sign_in(page, bureau_user.username)
    page.goto(f"/bureau/events/{event.id}/desk")
    expect(page.locator("[data-connection]")).to_have_attribute("data-connection", "online")


def scan(page, code):
    """What a USB scanner does: types the code into the focused field and presses Enter."""
    field = page.locator("#desk-code")
    expect(field).to_be_focused()
    page.keyboard.type(code)
    page.keyboard.press("Enter")


def checkin_of(db, seeker_id, seconds=10):
    """The seeker's check-in, once the live server has written it."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        db.session.rollback()
        found = db.session.scalar(sa.select(Checkin).where(Checkin.seeker_id == seeker_id))
        if found is not None:
            return found
        time.sleep(0.2)
    raise AssertionError(f"seeker {seeker_id} is not checked in after {seconds} s")


def test_scans_are_answered_and_kept_while_the_network_is_down(new_context, shot, db, bureau_user, event, seekers):
    context = new_context()
    page = context.new_page()
    problems = watched(page)
    open_desk(page, bureau_user, event)
    answer = page.locator("[data-answer]")
    one, two = seekers

    scan(page, one["token"])
    expect(answer).to_have_attribute("data-answer", "new")
    expect(answer).to_contain_text(one["name"])
    expect(answer).to_contain_text(one["masked"])
    expect(answer).to_contain_text("威宁彝族回族苗族自治县")
    expect(answer).to_have_class(re.compile(r"\balert-success\b"))
    expect(page.locator("#desk-code")).to_be_focused()
    shot(page, "checked-in")

    scan(page, one["token"])
    expect(answer).to_have_attribute("data-answer", "repeat")
    expect(answer).to_contain_text(re.compile(r"已于 \d\d:\d\d 签到"))
    expect(answer).to_have_class(re.compile(r"\balert-warning\b"))
    expect(page.locator("[data-recent] li")).to_have_count(2)
    shot(page, "repeat")

    context.set_offline(True)
    expect(page.locator("[data-connection]")).to_have_attribute("data-connection", "offline")
    scan(page, two["token"])
    pending = page.locator("[data-pending]")
    expect(pending).to_have_attribute("data-pending", "1")
    expect(pending).to_be_visible()
    expect(pending).to_contain_text(re.compile(r"^1\D"))
    expect(answer).to_have_attribute("data-answer", "waiting")
    expect(answer).not_to_contain_text(two["name"])
    expect(answer).not_to_have_class(re.compile(r"\balert-success\b"))
    expect(page.locator("[data-walk-in-offline]")).not_to_have_attribute("hidden", "")  # in the closed walk-in
    shot(page, "offline")
    scanned_at = utcnow()
    time.sleep(1.5)  # the check-in must keep the time of the scan, not take the time it was sent
    db.session.rollback()
    assert db.session.scalar(sa.select(Checkin).where(Checkin.seeker_id == two["id"])) is None

    context.set_offline(False)
    expect(pending).to_have_attribute("data-pending", "0", timeout=RETRY_MS)
    expect(pending).to_be_hidden()
    expect(answer).to_have_attribute("data-answer", "new")
    expect(answer).to_contain_text(two["name"])
    expect(page.locator("[data-connection]")).to_have_attribute("data-connection", "online")
    checkin = checkin_of(db, two["id"])
    assert abs((checkin.at - scanned_at).total_seconds()) < 1.5
    assert checkin.channel == "qr"
    shot(page, "back-online")
    assert not problems, problems


def test_a_session_that_ended_keeps_the_scans_through_a_reload(page, shot, db, bureau_user, event, seekers):
    open_desk(page, bureau_user, event)
    ended = {"error": {"code": "unauthorized", "message": "Please sign in first.", "fields": {}}}
    page.route(CHECKINS, lambda route: route.fulfill(status=401, json=ended))

    scan(page, seekers[0]["token"])
    expect(page.locator("[data-sign-in]")).to_be_visible()
    expect(page.locator("[data-pending]")).to_have_attribute("data-pending", "1")
    expect(page.locator("[data-answer]")).to_have_attribute("data-answer", "waiting")
    shot(page, "session-ended")

    page.unroute(CHECKINS)
    page.reload()  # the clerk signed in again: the scan waited in IndexedDB and goes now
    expect(page.locator("[data-pending]")).to_have_attribute("data-pending", "0")
    expect(page.locator("[data-recent] li[data-state=new]")).to_contain_text(seekers[0]["name"])
    checkin_of(db, seekers[0]["id"])
    shot(page, "sent-after-reload")


def test_the_counter_counts_undoes_and_waits_offline(new_context, shot, db, bureau_user, event):
    context = new_context()
    page = context.new_page()
    open_desk(page, bureau_user, event)
    count = page.locator("[data-count]")
    expect(count).to_have_text("0")
    expect(page.locator("[data-undo]")).to_be_disabled()

    page.locator("[data-delta='1']").click()
    expect(count).to_have_text("1")
    page.locator("[data-delta='10']").click()
    expect(count).to_have_text("11")
    page.locator("[data-undo]").click()  # takes back the +10, the desk's last count
    expect(count).to_have_text("1")
    shot(page, "counted")

    context.set_offline(True)
    expect(page.locator("[data-connection]")).to_have_attribute("data-connection", "offline")
    page.locator("[data-delta='1']").click()
    expect(page.locator("[data-count-pending]")).to_contain_text("+1")
    expect(count).to_have_text("1")  # not counted until the server says so
    context.set_offline(False)
    expect(count).to_have_text("2", timeout=RETRY_MS)
    expect(page.locator("[data-count-pending]")).to_be_hidden()
    db.session.rollback()
    assert db.session.get(Event, event.id).anonymous_visitors == 2
    shot(page, "counted-after-offline")


def test_without_a_camera_the_desk_says_so(page, bureau_user, event):
    open_desk(page, bureau_user, event)
    page.locator("[data-camera-start]").click()
    expect(page.locator("[data-camera-message]")).to_be_visible()
    expect(page.locator("[data-camera-box]")).to_be_hidden()


# ---- The camera, with Chromium's fake camera showing a gate code ----

@pytest.fixture
def camera_page(tmp_path, browser, base_url, viewport, seekers):
    """A page whose camera shows the first seeker's gate code."""
    with camera.camera_page(browser, base_url, Path(tmp_path), seekers[0]["token"]) as page:
        yield page


def test_the_camera_reads_a_gate_code_once(camera_page, shot, db, bureau_user, event, seekers):
    page = camera_page
    open_desk(page, bureau_user, event)
    page.locator("[data-camera-start]").click()
    expect(page.locator("[data-camera-box]")).to_be_visible()

    answer = page.locator("[data-answer]")
    expect(answer).to_have_attribute("data-answer", "new")
    expect(answer).to_contain_text(seekers[0]["name"])
    shot(page, "camera-scan")
    time.sleep(4)  # the code stays in front of the camera: it is still the one scan
    expect(page.locator("[data-recent] li")).to_have_count(1)
    checkin_of(db, seekers[0]["id"])

    page.locator("[data-camera-stop]").click()
    expect(page.locator("[data-camera-box]")).to_be_hidden()
    expect(page.locator("[data-camera-start]")).to_be_visible()
