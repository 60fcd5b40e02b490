"""A seeker whom staff registered without an online account gets one: staff open it with a one-time code,
or the seeker claims the record by registering with the same ID number and the mobile number on record."""
import re

import pytest
import sqlalchemy as sa

from recruit.accounts.models import User
from recruit.audit.models import AuditEvent
from recruit.extensions import db as _db
from recruit.seekers.models import Seeker
from tests import factories
from tests.helpers import sign_in
from tests.helpers import signed_in
from tests.partner.test_partner import register_form

CODE = re.compile(r'data-account-code>.*?<strong[^>]*>([2-9A-Z]{8})</strong>', re.S)


@pytest.fixture
def registered(app, db):
    """Weining's station registered 马建国 without an account; an employer recorded an intent for him."""
    desk = signed_in(app.test_client(), factories.create_user("partner", username="weining", regions=["520526"]))
    desk.post("/partner/seekers/new", data=register_form())
    seeker = db.session.scalars(sa.select(Seeker)).one()
    factories.create_application(seeker=seeker, posting=factories.create_posting(title="钢筋工"), status="intent")
    db.session.commit()
    return desk, seeker


def code_from(response):
    match = CODE.search(response.get_data(as_text=True))
    assert match, "no one-time code on the page"
    return match.group(1)


def audit(action):
    return _db.session.scalars(sa.select(AuditEvent).where(AuditEvent.action == action)).all()


def test_partner_opens_an_account_and_the_seeker_signs_in_to_their_applications(client, db, registered):
    desk, seeker = registered

    response = desk.post(f"/partner/seekers/{seeker.id}/account")
    code = code_from(response)

    assert response.headers["Cache-Control"] == "no-store"
    assert sign_in(client, "15185700001", password=code).location == "/account/password"
    client.post("/account/password", data={"current": code, "new": "my-own-pass-9", "confirm": "my-own-pass-9"})
    assert "钢筋工" in client.get("/me/applications").get_data(as_text=True)
    [entry] = audit("seeker_account_opened")
    assert entry.detail == {"by": "partner"} and code not in repr(entry.detail)


def test_the_code_is_shown_once_and_a_second_opening_is_refused(client, db, registered):
    desk, seeker = registered
    code = code_from(desk.post(f"/partner/seekers/{seeker.id}/account"))
    desk.get("/lang/en")

    again = desk.post(f"/partner/seekers/{seeker.id}/account", follow_redirects=True)

    page = again.get_data(as_text=True)
    assert "This seeker already has an online account." in page and not CODE.search(page)
    assert sign_in(client, "15185700001", password=code).location == "/account/password"  # the first code holds


def test_the_seekers_page_offers_to_open_an_account_only_when_there_is_none(db, registered):
    desk, seeker = registered
    action = f'action="/partner/seekers/{seeker.id}/account"'
    assert action in desk.get(f"/partner/seekers/{seeker.id}").get_data(as_text=True)
    desk.post(f"/partner/seekers/{seeker.id}/account")
    page = desk.get(f"/partner/seekers/{seeker.id}").get_data(as_text=True)
    assert action not in page and f'action="/partner/seekers/{seeker.id}/reset-password"' in page


def test_no_account_is_opened_on_a_mobile_number_another_account_signs_in_with(db, registered):
    desk, seeker = registered
    factories.create_user("employer", username="15185700001")
    db.session.commit()
    desk.get("/lang/en")

    page = desk.post(f"/partner/seekers/{seeker.id}/account", follow_redirects=True).get_data(as_text=True)

    assert "This mobile number is already used by another account." in page
    db.session.expire_all()
    assert seeker.user_id is None and not audit("seeker_account_opened")


def test_partner_staff_open_accounts_only_in_their_regions(app, db, registered):
    elsewhere = factories.create_seeker(region_code="330803")
    db.session.commit()
    desk, _ = registered
    assert desk.post(f"/partner/seekers/{elsewhere.id}/account").status_code == 404
    db.session.expire_all()
    assert elsewhere.user_id is None


def test_the_bureau_opens_an_account_too(app, client, db, registered):
    _, seeker = registered
    bureau = signed_in(app.test_client(), factories.create_user("bureau"))

    code = code_from(bureau.post(f"/bureau/seekers/{seeker.id}/account"))

    assert sign_in(client, str(seeker.mobile), password=code).location == "/account/password"
    assert audit("seeker_account_opened")[0].detail == {"by": "bureau"}


def test_a_seeker_claims_the_record_by_registering_with_its_id_and_mobile_number(client, db, registered):
    _, seeker = registered
    client.get("/lang/en")

    response = client.post("/seekers/register", data={**register_form(name="马建"), "password": "secret-pass-1",
                                                      "confirm": "secret-pass-1"}, follow_redirects=True)

    page = response.get_data(as_text=True)
    assert "Your online account is open, with the details staff registered for you" in page
    db.session.expire_all()
    [claimed] = db.session.scalars(sa.select(Seeker)).all()
    assert claimed.user is not None and claimed.name == "马建国"  # the record stays as staff made it
    assert "钢筋工" in client.get("/me/applications").get_data(as_text=True)
    client.post("/account/logout")
    assert sign_in(client, "15185700001", password="secret-pass-1").location == "/me"
    [entry] = audit("seeker_account_claimed")
    assert entry.user_id == claimed.user.id


def test_a_claim_needs_a_good_password_and_consent(client, db, registered):
    client.get("/lang/en")

    response = client.post("/seekers/register", data={**register_form(consent=""), "password": "short",
                                                      "confirm": "short"})

    page = response.get_data(as_text=True)
    assert 'id="password-error"' in page and 'id="consent-error"' in page
    assert db.session.scalar(sa.select(sa.func.count()).select_from(User).where(User.role == "seeker")) == 0
