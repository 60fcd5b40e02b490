"""Event day end to end, at phone size: a seeker shows their gate code, the desk checks them in while the
network is down and sends the scan when it returns, their future employer records an intent at the booth,
and the big screen's intent figure rises by itself."""
import re
import time
from types import SimpleNamespace

import pytest
import sqlalchemy as sa

from recruit.accounts.models import User
from recruit.checkin.models import Checkin
from recruit.dashboard import services as dashboard_services
from recruit.events.models import Event
from recruit.extensions import db as _db
from recruit.seekers.services import checkin_token
from tests import factories
from tests.browser.helpers import expect
from tests.browser.helpers import sign_in

SENT_WITHIN_S = 15  # the desk sends at once when the network returns, and retries every 10 s


@pytest.fixture
def viewport():
    return "phone"


@pytest.fixture
def day(db, fair, bureau_user):
    """The fair's posting and employer, a seeker with an account, the employer's staff and a screen link."""
    event = db.session.get(Event, fair.event.id)
    seeker_user = factories.create_user("seeker", username="13912345678", display_name="龙小花")
    seeker = factories.create_seeker(user=seeker_user, name="龙小花", mobile="13912345678")
    staff = factories.create_user("employer", employer_id=fair.employer_id, username="yuanli-hr")
    bureau = db.session.scalar(sa.select(User).where(User.username == bureau_user.username))
    _, token = dashboard_services.issue_screen_link(event, "主会场大屏", bureau)
    db.session.commit()
    return SimpleNamespace(event_id=event.id, seeker_id=seeker.id, gate_code=checkin_token(seeker),
                           seeker_login=seeker_user.username, staff_login=staff.username,
                           bureau_login=bureau_user.username, posting_title=fair.title, screen_token=token)


def _checked_in(day):
    _db.session.expire_all()
    return _db.session.scalar(sa.select(sa.func.count()).select_from(Checkin).where(
        Checkin.event_id == day.event_id, Checkin.seeker_id == day.seeker_id))


def _wait_for(condition, seconds):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.25)
    return condition()


def test_from_the_gate_code_to_the_big_screen(new_context, shot, day):
    # The seeker opens their gate code.
    seeker = new_context().new_page()
    seeker.goto("/")
    sign_in(seeker, day.seeker_login)
    seeker.goto("/me/qr")
    code = seeker.locator("[data-checkin-qr]")
    expect(code).to_be_visible()
    assert code.evaluate("img => img.complete && img.naturalWidth > 0"), "the gate code did not load"
    shot(seeker, "gate-code")

    # The big screen shows no intent yet.
    screen = new_context().new_page()
    screen.goto(f"/screen/{day.screen_token}")
    intents = screen.locator('[data-figure="intents"]')
    expect(intents).to_have_text("0")

    # The desk loses the network, scans the code, and says plainly that the scan waits.
    desk_context = new_context()
    desk = desk_context.new_page()
    desk.goto("/")
    sign_in(desk, day.bureau_login)
    desk.goto(f"/bureau/events/{day.event_id}/desk")
    desk_context.set_offline(True)
    desk.locator("[data-code-input]").fill(day.gate_code)
    desk.locator("[data-code-input]").press("Enter")
    pending = desk.locator("[data-pending]")
    expect(pending).to_have_text(re.compile("1 条待上传"))
    expect(desk.locator("[data-answer-message]")).not_to_have_text(re.compile("签到成功"))
    shot(desk, "desk-offline")
    assert _checked_in(day) == 0

    # The network returns: the scan goes out by itself with its own time, once.
    desk_context.set_offline(False)
    expect(pending).to_be_hidden(timeout=SENT_WITHIN_S * 1000)
    assert _wait_for(lambda: _checked_in(day) == 1, SENT_WITHIN_S)
    expect(desk.locator("[data-recent]")).to_contain_text("龙小花")
    shot(desk, "desk-back-online")

    # At the booth, the employer's staff scan the same code and record the intent in one step.
    booth = new_context().new_page()
    booth.goto("/")
    sign_in(booth, day.staff_login)
    booth.goto("/employer/booth")
    booth.locator("#seeker").fill(day.gate_code)
    choice = booth.locator("#choice option", has_text=day.posting_title).first.get_attribute("value")
    booth.locator("#choice").select_option(value=choice)
    booth.get_by_role("button", name="登记意向").click()
    expect(booth.locator("[data-booth-recorded]")).to_contain_text("意向")
    shot(booth, "booth-intent")

    # The screen's intent figure rises without a reload; the seeker sees the intent in their applications.
    expect(intents).to_have_text("1", timeout=10_000)
    shot(screen, "screen-intent")
    seeker.goto("/me/applications")
    expect(seeker.locator("main")).to_contain_text(day.posting_title)
