"""A way back for someone who forgot their password: staff who checked the ID card give a one-time code,
shown once; the next sign-in must choose a new password; every step is audited."""
import re

import sqlalchemy as sa

from recruit.audit.models import AuditEvent
from tests import factories
from tests.helpers import sign_in
from tests.helpers import signed_in

CODE = re.compile(r'data-reset-code>.*?<strong[^>]*>([2-9A-Z]{8})</strong>', re.S)


def seeker_with_account(region="520526"):
    user = factories.create_user("seeker", username="13912345678")
    return factories.create_seeker(user=user, mobile="13912345678", region_code=region)


def code_from(response):
    match = CODE.search(response.get_data(as_text=True))
    assert match, "no one-time code on the page"
    return match.group(1)


def test_the_bureau_resets_a_seekers_password_and_the_seeker_must_choose_a_new_one(app, client, db):
    seeker = seeker_with_account()
    officer = factories.create_user("bureau")
    old_device = app.test_client()
    signed_in(old_device, seeker.user)
    bureau = signed_in(app.test_client(), officer)

    response = bureau.post(f"/bureau/seekers/{seeker.id}/reset-password")
    code = code_from(response)

    assert response.headers["Cache-Control"] == "no-store"
    assert old_device.get("/me").status_code == 302  # every session of the account ended
    assert sign_in(client, "13912345678").status_code == 200  # the old password no longer works
    signed = sign_in(client, "13912345678", password=code)
    assert signed.location == "/account/password"
    assert client.get("/me").location == "/account/password"  # nothing else until a new password
    changed = client.post("/account/password", data={"current": code, "new": "my-own-pass-9",
                                                     "confirm": "my-own-pass-9"})
    assert changed.status_code == 302 and client.get("/me").status_code == 200
    entry = db.session.scalars(sa.select(AuditEvent).where(AuditEvent.action == "password_reset")).one()
    assert (entry.user_id, entry.target_name) == (officer.id, "139****5678")
    assert code not in repr(entry.detail)


def test_partner_staff_reset_only_the_seekers_of_their_regions(app, db):
    ours = seeker_with_account()
    other_user = factories.create_user("seeker", username="13912340000")
    other = factories.create_seeker(user=other_user, mobile="13912340000", region_code="330803")
    desk = signed_in(app.test_client(), factories.create_user("partner", regions=["520526"]))

    assert code_from(desk.post(f"/partner/seekers/{ours.id}/reset-password"))
    assert desk.post(f"/partner/seekers/{other.id}/reset-password").status_code == 404
    db.session.expire_all()
    assert not other.user.must_change_password


def test_the_bureau_resets_an_employer_contacts_password(app, client, db):
    employer = factories.create_employer()
    contact = factories.create_user("employer", employer_id=employer.id, username="yuanli.hr")
    bureau = signed_in(app.test_client(), factories.create_user("bureau"))

    code = code_from(bureau.post(f"/bureau/employers/{employer.id}/accounts/{contact.id}/reset-password"))

    assert sign_in(client, "yuanli.hr", password=code).location == "/account/password"


def test_a_seeker_without_an_account_has_no_password_to_reset(app, db):
    offline = factories.create_seeker()
    bureau = signed_in(app.test_client(), factories.create_user("bureau"))
    assert bureau.post(f"/bureau/seekers/{offline.id}/reset-password").status_code == 404


def test_the_sign_in_page_says_how_to_get_back_in(english):
    page = english.get("/account/login").get_data(as_text=True)
    assert 'href="/account/forgot"' in page
    forgot = english.get("/account/forgot").get_data(as_text=True)
    assert "one-time code" in forgot and "ID card" in forgot
