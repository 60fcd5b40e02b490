"""On a phone: an employer invites a recommended candidate, the seeker sees it and accepts, the employer sees the
answer and the new applicant."""
import re

import pytest

from tests import factories
from tests.browser.helpers import expect
from tests.browser.helpers import follow_nav
from tests.browser.helpers import sign_in

SEEKER_MOBILE = "13985710001"


@pytest.fixture
def viewport():
    """The flow a person walks on their phone: 375×812 only."""
    return "phone"


@pytest.fixture
def people(db, fair):
    """The fair's employer with an HR account, and a Qujiang moulding worker who lets employers find her."""
    hr = factories.create_user("employer", username="yuanli-hr", employer_id=fair.employer_id)
    user = factories.create_user("seeker", username=SEEKER_MOBILE, display_name="龙海燕")
    seeker = factories.create_seeker(user=user, name="龙海燕", mobile=SEEKER_MOBILE, region_code="330803",
                                     desired_occupations=["6-99-01"], skills=["注塑"], expected_salary=6000)
    db.session.commit()
    return hr.username, seeker.id


def fits_the_screen(page):
    """Nothing on the page is wider than the phone."""
    assert page.evaluate("document.documentElement.scrollWidth") <= 375


def test_an_invited_seeker_accepts_on_her_phone(new_context, shot, fair, people):
    hr_username, seeker_id = people
    applicants = f"/employer/postings/{fair.id}/applicants"
    employer = new_context().new_page()
    employer.goto("/")
    sign_in(employer, hr_username)
    employer.goto(applicants)
    candidate = employer.locator(f'[data-candidates] tr[data-candidate-id="{seeker_id}"]')
    expect(candidate).to_contain_text("龙*燕")
    expect(candidate).not_to_contain_text("龙海燕")
    expect(candidate.locator("[data-score]")).to_be_visible()
    fits_the_screen(employer)
    shot(employer, "candidates")
    candidate.locator(f'form[action$="/invite/{seeker_id}"] button[type=submit]').click()
    expect(employer).to_have_url(re.compile(re.escape(applicants) + "#candidates$"))
    expect(employer.locator("main .alert-success")).to_contain_text("龙*燕")
    expect(candidate.locator('[data-invitation-status="pending"]')).to_be_visible()
    shot(employer, "invited")

    seeker = new_context().new_page()
    seeker.goto("/")
    sign_in(seeker, SEEKER_MOBILE)
    expect(seeker).to_have_url(re.compile(r"/me$"))
    invitation = seeker.locator("[data-invitations] [data-invitation-id]")
    expect(invitation).to_contain_text(fair.title)
    expect(invitation).to_contain_text(fair.employer_name)
    fits_the_screen(seeker)
    shot(seeker, "my-page")
    follow_nav(seeker, "/notices")
    notice = seeker.locator('[data-notice="invitation_received"]')
    expect(notice).to_contain_text(fair.title)
    shot(seeker, "notice")
    notice.locator("a").click()
    expect(seeker).to_have_url(re.compile(r"/me$"))
    invitation.locator('form[action$="/accept"] button[type=submit]').click()
    expect(seeker).to_have_url(re.compile(r"/me#invitations$"))
    expect(seeker.locator("main .alert-success")).to_contain_text(fair.title)
    expect(invitation.locator('[data-invitation-status="accepted"]')).to_be_visible()
    fits_the_screen(seeker)
    shot(seeker, "accepted")

    employer.goto(applicants)
    expect(employer.locator('[data-invitations] [data-invitation-status="accepted"]')).to_be_visible()
    expect(employer.locator("tr[data-application-id]")).to_contain_text("龙海燕")
    expect(employer.locator(f'[data-candidates] tr[data-candidate-id="{seeker_id}"]')).to_have_count(0)
    fits_the_screen(employer)
    shot(employer, "applicant")
