"""Sign-in by mobile, ID number or username; sessions that really end; throttling; safe redirects."""
from datetime import date

import pytest

from recruit.audit.models import AuditEvent
from recruit.domain import idcard
from recruit.seekers.services import set_id_number
from tests import factories
from tests.helpers import sign_in

PROTECTED = "/account/password"  # any page that needs a signed-in user of any role


def id_number_ending_in_x():
    return next(number for n in range(1000)
                if (number := idcard.generate("520526", date(1992, 3, 8), n)).endswith("X"))


@pytest.fixture
def seeker_user(db):
    user = factories.create_user("seeker", username="13912345678")
    seeker = factories.create_seeker(user=user, mobile="13912345678")
    set_id_number(seeker, id_number_ending_in_x())
    db.session.commit()
    return user


def test_seeker_signs_in_with_mobile(client, seeker_user):
    response = sign_in(client, "139 1234 5678")
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/me")
    assert client.get(PROTECTED).status_code == 200


@pytest.mark.parametrize("transform", [str.upper, str.lower])
def test_seeker_signs_in_with_id_number_in_either_case(client, seeker_user, transform):
    response = sign_in(client, transform(id_number_ending_in_x()))
    assert response.status_code == 302
    assert client.get(PROTECTED).status_code == 200


def test_staff_signs_in_with_username(client, db):
    factories.create_user("partner", username="weining-station", regions=["520526"])
    db.session.commit()
    response = sign_in(client, "weining-station")
    assert response.headers["Location"].endswith("/partner/seekers")


def test_wrong_password_is_refused_with_a_message(client, seeker_user, db):
    client.get("/lang/en")
    response = sign_in(client, "13912345678", password="not-the-password")
    assert response.status_code == 200
    assert "The account or password is wrong." in response.get_data(as_text=True)
    assert client.get(PROTECTED).status_code == 302
    failed = db.session.query(AuditEvent).filter_by(action="login_failed").one()
    assert failed.detail["identifier"] == "139****5678"  # the audit log never keeps a mobile in clear


def test_failed_sign_in_with_id_number_is_audited_masked(client, seeker_user, db):
    number = id_number_ending_in_x()
    sign_in(client, number, password="not-the-password")
    failed = db.session.query(AuditEvent).filter_by(action="login_failed").one()
    assert number not in str(failed.detail)
    assert failed.detail["identifier"] == idcard.mask(number)


def test_inactive_user_is_refused(client, db):
    factories.create_user("partner", username="retired-staff", active=False)
    db.session.commit()
    response = sign_in(client, "retired-staff")
    assert response.status_code == 200
    assert client.get(PROTECTED).status_code == 302


def test_sign_out_ends_the_session_on_the_server(app, client, seeker_user):
    sign_in(client, "13912345678")
    copy = app.test_client()  # someone who copied the session cookie before sign-out
    copy.set_cookie("session", client.get_cookie("session").value)
    assert copy.get(PROTECTED).status_code == 200

    response = client.post("/account/logout")

    assert response.status_code == 302
    assert client.get(PROTECTED).status_code == 302
    assert copy.get(PROTECTED).status_code == 302


def test_remember_cookie_stops_working_after_sign_out(app, client, seeker_user):
    sign_in(client, "13912345678", remember="y")
    token = client.get_cookie("remember_token").value

    def remembered_client():
        other = app.test_client()  # a browser holding only the remember cookie
        other.set_cookie("remember_token", token)
        return other

    assert remembered_client().get(PROTECTED).status_code == 200
    client.post("/account/logout")
    assert remembered_client().get(PROTECTED).status_code == 302


def test_password_change_ends_other_sessions_but_keeps_this_one(app, client, seeker_user):
    sign_in(client, "13912345678")
    other_device = app.test_client()
    sign_in(other_device, "13912345678")

    response = client.post(PROTECTED, data={"current": factories.PASSWORD, "new": "a-new-password-7",
                                            "confirm": "a-new-password-7"})

    assert response.status_code == 302
    assert client.get(PROTECTED).status_code == 200
    assert other_device.get(PROTECTED).status_code == 302
    client.post("/account/logout")
    assert sign_in(client, "13912345678", password="a-new-password-7").status_code == 302


def test_session_cookie_is_http_only_and_same_site_lax(client, seeker_user):
    response = sign_in(client, "13912345678")
    cookie = next(h for h in response.headers.getlist("Set-Cookie") if h.startswith("session="))
    assert "HttpOnly" in cookie
    assert "SameSite=Lax" in cookie


@pytest.mark.parametrize("target", ["https://evil.example/steal", "//evil.example/steal", "/\\evil.example",
                                    "javascript:alert(1)"])
def test_next_to_another_host_is_ignored(client, seeker_user, target):
    response = client.post(f"/account/login?next={target}",
                           data={"identifier": "13912345678", "password": factories.PASSWORD})
    assert response.headers["Location"] == "/me"


def test_next_on_this_site_is_followed(client, seeker_user):
    response = client.post("/account/login?next=/account/password",
                           data={"identifier": "13912345678", "password": factories.PASSWORD})
    assert response.headers["Location"] == "/account/password"


def test_self_registration_starts_a_new_session(client, db):
    """Nothing of the session before registering (a CSRF secret, a planted value) carries over."""
    from tests.seekers.test_registration import form

    with client.session_transaction() as before:
        before["planted"] = "from before registering"
    assert client.post("/seekers/register", data=form()).status_code == 302
    with client.session_transaction() as after:
        assert "planted" not in after and "_user_id" in after


def test_deactivating_a_staff_account_ends_its_sessions_for_good(app, client, db):
    desk = factories.create_user("partner", regions=["520526"], username="weining.desk")
    factories.create_user("bureau", username="officer")
    db.session.commit()
    sign_in(client, "weining.desk")
    bureau = app.test_client()
    sign_in(bureau, "officer")
    data = {"display_name": desk.display_name, "region_codes": "520526"}

    bureau.post(f"/bureau/staff/{desk.id}/edit", data=data)  # deactivated: "active" left out
    bureau.post(f"/bureau/staff/{desk.id}/edit", data={**data, "active": "y"})  # and active again

    assert client.get("/partner/seekers").status_code == 302  # the old cookie stays dead
    assert bureau.get("/bureau").status_code == 200  # the editor is still signed in
