"""Someone registered already is registered again: the message stands next to the ID number, in words for
whoever is at the keyboard, and the seeker's page says plainly that the password must be typed again."""
from datetime import date

import pytest

from recruit.domain import idcard
from recruit.seekers.identity import set_id_number
from tests import factories
from tests.browser.helpers import expect
from tests.browser.helpers import sign_in
from tests.browser.helpers import submit_main_form

NUMBER = idcard.generate("520526", date(1994, 6, 2), 77)


@pytest.fixture
def registered(db):
    """A Weining seeker registered by partner staff (no account), and a partner desk of Weining."""
    seeker = factories.create_seeker(name="杨春梅", mobile="13985700001")
    set_id_number(seeker, NUMBER, today=date(2026, 1, 1))
    desk = factories.create_user("partner", regions=["520526"], username="weining-desk")
    db.session.commit()
    return desk


def fill_person(page):
    page.locator("#name").fill("杨春梅")
    page.locator("#id_number").fill(NUMBER)
    page.locator("#mobile").fill("13985700002")
    page.locator("#consent").check()


def test_a_seeker_registering_again_sees_why_next_to_the_number(page, shot, registered):
    page.goto("/seekers/register")
    fill_person(page)
    page.locator("#password").fill("chunmei-2023")
    page.locator("#confirm").fill("chunmei-2023")
    submit_main_form(page)

    error = page.locator("#id_number-error")
    expect(error).to_be_visible()
    expect(error).to_contain_text("请用您当时留下的手机号注册")  # registered by staff with another mobile
    expect(page.locator("#id_number")).to_have_class("form-control is-invalid")
    expect(page.locator("#id_number-preview")).to_be_hidden()  # no second message under the first
    expect(page.locator("[data-password-dropped]")).to_be_visible()
    expect(page.locator("#password")).to_have_value("")
    shot(page, "registered-already")

    page.locator("#id_number").fill(NUMBER[:-1])
    expect(error).to_be_hidden()  # the number changed: the live preview speaks for it now
    expect(page.locator("#id_number-preview")).to_be_visible()


def test_partner_staff_are_told_in_words_for_staff(page, shot, registered):
    page.goto("/")
    sign_in(page, registered.username)
    page.goto("/partner/seekers/new")
    fill_person(page)
    submit_main_form(page)

    error = page.locator("#id_number-error")
    expect(error).to_be_visible()
    expect(error).to_contain_text("名单")  # find them in your list of seekers
    expect(error).not_to_contain_text("登录")  # nothing about signing in: the staff member has an account
    shot(page, "registered-already-by-staff")
