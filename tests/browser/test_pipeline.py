"""An employer takes an applicant to a preliminary intent; the home page's intent figure counts it."""
import re

from recruit.postings.models import Posting
from tests import factories
from tests.browser.helpers import expect
from tests.browser.helpers import intent_figure
from tests.browser.helpers import sign_in


def move_to(page, status, note):
    """Choose the next status in the application's move form, with a note, and save it."""
    form = page.locator('main form[action$="/move"]')
    form.locator("#to_status").select_option(status)
    form.locator("#note").fill(note)
    form.locator("button[type=submit]").click()
    expect(page.locator(f'main h1 ~ [data-status="{status}"]')).to_be_visible()


def test_employer_moves_an_application_to_intent_and_the_home_page_counts_it(page, shot, db, fair):
    hr = factories.create_user("employer", username="yuanli-hr", employer_id=fair.employer_id)
    seeker = factories.create_seeker(name="龙海燕")
    posting = db.session.get(Posting, fair.id)
    application = factories.create_application(seeker=seeker, posting=posting, event=posting.events[0])
    # Someone already at intent: the figure starts above zero, and an application short of intent is not counted.
    factories.create_application(posting=posting, event=posting.events[0], status="intent")
    db.session.commit()
    username, application_id = hr.username, application.id

    page.goto("/")
    before = intent_figure(page, fair.event.id)
    assert before == 1
    shot(page, "home-before")
    sign_in(page, username)
    expect(page).to_have_url(re.compile(r"/employer$"))
    shot(page, "company")
    page.locator(f'main a[href="/employer/postings/{fair.id}/applicants"]').click()
    expect(page.locator(f'tr[data-application-id="{application_id}"]')).to_contain_text("龙海燕")
    shot(page, "applicants")
    page.get_by_role("link", name="龙海燕").click()
    expect(page).to_have_url(re.compile(rf"/applications/{application_id}$"))
    shot(page, "application")

    move_to(page, "interviewed", "2月1日现场面试，表现良好。")
    shot(page, "interviewed")
    move_to(page, "intent", "双方达成初步意向，待体检后签约。")
    expect(page.locator('main [data-change="intent"]')).to_contain_text("待体检后签约")
    shot(page, "intent")

    page.locator("a.navbar-brand").click()
    figure = page.locator(f'[data-event-id="{fair.event.id}"] [data-figure="intents"]')
    expect(figure).to_have_text(str(before + 1))
    shot(page, "home-after")
