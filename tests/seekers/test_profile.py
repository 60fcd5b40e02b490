"""The seeker's own profile, its gate QR code, profile edit, and what other users cannot reach."""
import re
from datetime import date

import pytest
import sqlalchemy as sa

from recruit.accounts.models import User
from recruit.domain import idcard
from recruit.seekers.services import checkin_token
from recruit.seekers.services import read_checkin_token
from recruit.seekers.services import set_id_number
from tests import factories
from tests.helpers import sign_in

NUMBER_A = idcard.generate("520526", date(1990, 4, 12), 22)  # even sequence: a woman
NUMBER_B = idcard.generate("520526", date(1985, 9, 30), 31)


def make_seeker(db, number, mobile, **fields):
    user = factories.create_user("seeker", username=mobile, display_name=fields.get("name", "求职者"))
    seeker = factories.create_seeker(user=user, mobile=mobile, **fields)
    set_id_number(seeker, number)
    db.session.commit()
    return seeker


@pytest.fixture
def seeker_a(db):
    return make_seeker(db, NUMBER_A, "13800000001", name="王芳", skills=["缝纫"],
                       desired_occupations=["6-99-01"], education="70")


@pytest.fixture
def seeker_b(db):
    return make_seeker(db, NUMBER_B, "13800000002", name="李强")


def edit_form(**overrides):
    values = {"name": "王芳", "mobile": "13800000001", "hometown_code": "520526", "current_region_code": "",
              "education": "60", "skills": "缝纫、质检", "desired_occupations": ["6-99-01"],
              "expected_salary": "5800", "willing_to_relocate": "y", "available_from": "2023-02-20"}
    values.update(overrides)
    return values


def test_profile_shows_own_details_masked_with_a_qr_code(client, seeker_a, seeker_b):
    client.get("/lang/en")
    sign_in(client, "13800000001")

    page = client.get("/me").get_data(as_text=True)

    assert "王芳" in page and idcard.mask(NUMBER_A) in page
    assert NUMBER_A not in page
    assert "1990-04-12" in page and "Female" in page
    assert "贵州省毕节市威宁彝族回族苗族自治县" in page
    assert "<svg" in page and 'class="checkin-qr"' in page
    assert 'href="/me/edit"' in page and 'href="/account/password"' in page
    assert "李强" not in page and idcard.mask(NUMBER_B) not in page


def test_checkin_token_names_the_seeker_and_cannot_be_forged(app, seeker_a, seeker_b):
    token = checkin_token(seeker_a)

    assert read_checkin_token(token) == seeker_a.id
    assert read_checkin_token(token[:-2] + ("AA" if not token.endswith("AA") else "BB")) is None
    other_payload = checkin_token(seeker_b).split(".")[0]
    assert read_checkin_token(token.replace(token.split(".")[0], other_payload)) is None
    assert read_checkin_token("") is None and read_checkin_token("not a token") is None


def test_edit_saves_everything_but_the_id_number(client, db, seeker_a):
    sign_in(client, "13800000001")

    response = client.post("/me/edit", data=edit_form(id_number=NUMBER_B, birth_date="2000-01-01"))

    assert response.headers["Location"] == "/me"
    db.session.expire_all()
    assert seeker_a.education == "60" and seeker_a.skills == ["缝纫", "质检"]
    assert (seeker_a.expected_salary, seeker_a.available_from) == (5800, date(2023, 2, 20))
    assert seeker_a.id_masked == idcard.mask(NUMBER_A) and seeker_a.birth_date == date(1990, 4, 12)


def test_a_seeker_turns_being_found_by_employers_off_and_on(client, db, seeker_a):
    client.get("/lang/en")
    sign_in(client, "13800000001")
    edit = client.get("/me/edit").get_data(as_text=True)
    assert re.search(r'<input[^>]*\bchecked[^>]*name="findable"', edit)
    assert "They see your mobile number and ID number only if you apply." in edit

    client.post("/me/edit", data=edit_form())  # the box left unticked

    db.session.expire_all()
    assert seeker_a.findable is False
    page = client.get("/me").get_data(as_text=True)
    assert "data-not-findable" in page and 'href="/me/edit#findable"' in page
    client.post("/me/edit", data=edit_form(findable="y"))
    db.session.expire_all()
    assert seeker_a.findable is True
    assert "data-not-findable" not in client.get("/me").get_data(as_text=True)


def test_edit_form_shows_the_current_values(client, seeker_a):
    sign_in(client, "13800000001")
    page = client.get("/me/edit").get_data(as_text=True)
    assert 'value="王芳"' in page and 'value="缝纫"' in page
    assert 'value="6-99-01"\n                     id="desired_occupations-6-99-01" checked' in page
    assert 'name="id_number"' not in page and idcard.mask(NUMBER_A) in page


def test_new_mobile_becomes_the_sign_in_name(app, client, db, seeker_a):
    sign_in(client, "13800000001")

    client.post("/me/edit", data=edit_form(mobile="13911112222"))

    assert db.session.scalar(sa.select(User.username).where(User.id == seeker_a.user_id)) == "13911112222"
    assert sign_in(app.test_client(), "13911112222").status_code == 302
    assert sign_in(app.test_client(), "13800000001").status_code == 200


def test_mobile_of_another_account_is_refused_on_edit(client, db, seeker_a, seeker_b):
    client.get("/lang/en")
    sign_in(client, "13800000001")

    response = client.post("/me/edit", data=edit_form(mobile="13800000002", name="改名"))

    assert "This mobile number is already used by another account." in response.get_data(as_text=True)
    assert 'value="改名"' in response.get_data(as_text=True)
    db.session.expire_all()
    assert (seeker_a.mobile, seeker_a.name) == ("13800000001", "王芳")


@pytest.mark.parametrize("path", ["/me", "/me/edit"])
def test_own_pages_need_a_signed_in_seeker(app, client, db, path):
    assert client.get(path).headers["Location"].startswith("/account/login")
    factories.create_user("partner", username="station", regions=["520526"])
    db.session.commit()
    sign_in(client, "station")
    assert client.get(path).status_code == 403


@pytest.mark.parametrize("path", ["/partner/seekers", "/partner/seekers/{id}", "/partner/seekers/new"])
def test_a_seeker_cannot_reach_another_seeker_through_the_partner_pages(client, seeker_a, seeker_b, path):
    sign_in(client, "13800000001")
    assert client.get(path.format(id=seeker_b.id)).status_code == 403
