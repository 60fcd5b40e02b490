"""Company registration: a pending company with its HR contact's account, signed in at once."""
import sqlalchemy as sa

from recruit.accounts.models import User
from recruit.audit.models import AuditEvent
from recruit.domain import uscc
from recruit.employers.models import Employer
from tests import factories

VALID_USCC = "91110108551385082Q"


def form(**overrides):
    values = dict(name="衢州衢江新材料有限公司", uscc=VALID_USCC, industry="C", region_code="330803",
                  address="衢江区廿里镇工业园 8 号", size="100-299", description="生产注塑件。",
                  contact_name="王经理", contact_mobile="138 0013 8000", username="qjxcl",
                  password="long-enough-1", confirm="long-enough-1")
    values.update(overrides)
    return values


def employers(db):
    return db.session.scalars(sa.select(Employer)).all()


def test_registration_creates_a_pending_company_and_signs_in(client, db):
    client.get("/lang/en")

    response = client.post("/employers/register", data=form())

    assert response.status_code == 302
    assert response.location.endswith("/employer")
    [employer] = employers(db)
    assert (employer.status, employer.uscc, employer.contact_mobile) == ("pending", VALID_USCC, "13800138000")
    user = db.session.scalar(sa.select(User).where(User.username == "qjxcl"))
    assert (user.role, user.employer_id) == ("employer", employer.id)
    assert db.session.scalar(sa.select(AuditEvent.action).where(AuditEvent.target_id == employer.id)) \
        == "employer_registered"
    page = client.get("/employer").get_data(as_text=True)
    assert "Waiting for the bureau's review" in page
    assert "nothing is public yet" in page


def test_a_bad_uscc_keeps_what_was_typed_and_says_why_at_the_field(client, db):
    client.get("/lang/en")

    response = client.post("/employers/register", data=form(uscc="91110108551385082R"))

    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert 'id="uscc-error"' in page
    assert "This unified social credit code is not valid" in page
    assert 'value="衢州衢江新材料有限公司"' in page
    assert 'value="91110108551385082R"' in page
    assert 'value="qjxcl"' in page
    assert "long-enough-1" not in page
    assert employers(db) == []


def test_a_second_registration_of_the_same_code_is_refused(client, db):
    factories.create_employer(uscc=VALID_USCC, name="先注册的公司")
    db.session.commit()
    client.get("/lang/en")

    response = client.post("/employers/register", data=form(uscc=VALID_USCC.lower()))

    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert 'id="uscc-error"' in page
    assert "already registered" in page
    assert [e.name for e in employers(db)] == ["先注册的公司"]
    assert db.session.scalar(sa.select(User).where(User.username == "qjxcl")) is None


def test_a_taken_username_and_differing_passwords_are_shown_together(client, db):
    factories.create_user("bureau", username="qjxcl")
    db.session.commit()
    client.get("/lang/en")

    page = client.post("/employers/register", data=form(confirm="something-else")).get_data(as_text=True)

    assert 'id="username-error"' in page and "This username is taken" in page
    assert 'id="confirm-error"' in page and "The two passwords differ." in page
    assert employers(db) == []


def test_registration_checks_mobile_region_and_industry(client, db):
    client.get("/lang/en")

    page = client.post("/employers/register", data=form(
        contact_mobile="1234", region_code="330000", industry="Z", uscc=uscc.generate("330803", 7),
    )).get_data(as_text=True)

    assert 'id="contact_mobile-error"' in page
    assert 'id="region_code-error"' in page and "not a whole province" in page
    assert 'id="industry-error"' in page
    assert employers(db) == []


def test_industries_are_named_in_the_users_language(client, db):
    assert "C · 制造业" in client.get("/employers/register").get_data(as_text=True)
    client.get("/lang/en")
    assert "C · Manufacturing" in client.get("/employers/register").get_data(as_text=True)


def test_a_refused_registration_says_the_password_must_be_typed_again(english, db):
    page = english.post("/employers/register", data=form(region_code="330000")).get_data(as_text=True)

    assert "Choose a city, county or district, not a whole province." in page
    assert "data-password-dropped" in page and 'value="long-enough-1"' not in page
    assert employers(db) == []


def test_a_refused_password_is_said_at_the_field_without_the_note(english, db):
    page = english.post("/employers/register", data=form(password="short", confirm="short")).get_data(
        as_text=True)
    assert "Use at least 8 characters." in page and "data-password-dropped" not in page


def test_the_page_promises_no_sign_in_the_account_does_not_have(english, db):
    """An employer signs in with its username only: a contact mobile is no sign-in name (it may be a
    seeker's), so the page does not offer it."""
    page = english.get("/employers/register").get_data(as_text=True)
    assert "mobile number works too" not in page and "Start with a letter" in page
