"""The content security policy blocks nothing of our own: the pages, the QR code and the confirm buttons work.

A blocked inline script or style shows in Chromium as a console error naming the Content Security Policy.
"""
import re
from datetime import datetime

from recruit.core.security import CONTENT_SECURITY_POLICY
from recruit.seekers.services import PRIVACY_VERSION
from tests import factories
from tests.browser.helpers import expect
from tests.browser.helpers import pick_region
from tests.browser.helpers import sign_in

POLICY = "Content Security Policy"


def watched(page):
    """The page's console errors and uncaught exceptions, as they come."""
    problems = []
    page.on("console", lambda message: message.type == "error" and problems.append(message.text))
    page.on("pageerror", lambda error: problems.append(str(error)))
    return problems


def blocked(problems):
    return [problem for problem in problems if POLICY in problem]


def test_home_registration_and_the_check_in_code_run_under_the_policy(page, shot, db, event):
    user = factories.create_user("seeker", username="yang-chunmei")
    factories.create_seeker(user=user, name="杨春梅", consent_at=datetime(2023, 1, 20, 2, 0),
                            consent_version=PRIVACY_VERSION)
    db.session.commit()
    problems = watched(page)

    response = page.goto("/")
    assert response.headers["content-security-policy"] == CONTENT_SECURITY_POLICY
    expect(page.locator(f'[data-event-id="{event.id}"]')).to_be_visible()
    page.goto("/seekers/register")
    page.locator("#id_number").fill("52052619960308")
    expect(page.locator("#id_number-preview")).to_be_visible()  # id-preview.js ran
    pick_region(page, "hometown_code", "威宁", "520526")  # region-picker.js fetched the regions
    shot(page, "registration")

    sign_in(page, user.username)
    expect(page).to_have_url(re.compile(r"/me$"))
    qr = page.locator("[data-checkin-qr] svg.checkin-qr")
    expect(qr).to_be_visible()
    box = qr.bounding_box()
    assert box["width"] > 100 and box["height"] > 100
    shot(page, "check-in-code")
    assert not blocked(problems), problems

    # The policy is enforced and its breaches do reach the console: an inline script neither runs nor hides.
    page.evaluate("""() => { const s = document.createElement("script");
                             s.textContent = "document.body.dataset.inlineRan = 'yes'"; document.body.append(s); }""")
    expect(page.locator("body")).not_to_have_attribute("data-inline-ran", "yes")
    for _ in range(20):  # the console message may arrive a moment after the script was refused
        if blocked(problems):
            break
        page.wait_for_timeout(100)
    assert blocked(problems), problems


def test_a_confirm_button_asks_and_a_refusal_sends_nothing(page, shot, db, fair):
    hr = factories.create_user("employer", username="yuanli-hr", employer_id=fair.employer_id)
    db.session.commit()
    problems = watched(page)
    page.goto("/")
    sign_in(page, hr.username)
    page.goto("/employer/postings")
    posting = page.locator(f'main li[data-posting-id="{fair.id}"]')
    close = posting.locator('form[action$="/close"] button[type=submit]')
    questions = []

    def answer(accept):
        def handle(dialog):
            questions.append((dialog.type, dialog.message))
            dialog.accept() if accept else dialog.dismiss()
        return handle

    page.once("dialog", answer(False))
    close.click()
    page.wait_for_timeout(300)
    expect(posting.locator('[data-posting-status="open"]')).to_be_visible()
    page.once("dialog", answer(True))
    close.click()
    expect(posting.locator('[data-posting-status="closed"]')).to_be_visible()
    shot(page, "closed")
    assert [kind for kind, _ in questions] == ["confirm", "confirm"]
    assert all("关闭" in message for _, message in questions), questions
    assert not blocked(problems), problems
