"""The booth on a phone: the employer's staff read the seeker's gate code with the camera, choose the posting
and record the intent in one step."""
from pathlib import Path

import pytest
import sqlalchemy as sa

from recruit.applications.models import Application
from recruit.events.models import Event
from recruit.seekers.services import checkin_token
from tests import factories
from tests.browser import camera
from tests.browser.conftest import VIEWPORTS
from tests.browser.helpers import expect
from tests.browser.helpers import sign_in

SHOTS = "booth"


@pytest.fixture
def viewport(monkeypatch):
    monkeypatch.setitem(VIEWPORTS, "phone", camera.PHONE)
    return "phone"


@pytest.fixture
def visitor(db, fair):
    """A seeker checked in at the fair, the employer's HR account, and the seeker's gate code."""
    seeker = factories.create_seeker(name="龙小花", region_code="520526")
    factories.create_checkin(seeker, db.session.get(Event, fair.event.id))
    factories.create_user("employer", employer_id=fair.employer_id, username="yuanli-hr")
    db.session.commit()
    return seeker.id, checkin_token(seeker)


def test_the_booth_camera_reads_the_gate_code_and_the_intent_is_recorded(tmp_path, browser, base_url, viewport,
                                                                         shot, db, fair, visitor):
    seeker_id, code = visitor
    with camera.camera_page(browser, base_url, Path(tmp_path), code) as page:
        page.goto("/")
        sign_in(page, "yuanli-hr")
        page.goto("/employer/booth")
        page.locator("[data-camera-start]").click()

        expect(page.locator("#seeker")).to_have_value(code)
        expect(page.locator("[data-booth-read]")).to_be_visible()
        expect(page.locator("[data-camera-box]")).to_be_hidden()  # the camera stops once it has the code
        shot(page, "code-read")
        choice = page.locator("#choice option", has_text=fair.title).first.get_attribute("value")
        page.locator("#choice").select_option(value=choice)
        page.locator("[data-booth-submit]").click()

        expect(page.locator("[data-booth-recorded]")).to_contain_text(fair.title)
        shot(page, "recorded")
    db.session.rollback()
    application = db.session.scalars(sa.select(Application).where(Application.seeker_id == seeker_id)).one()
    assert (application.posting_id, application.status) == (fair.id, "intent")
