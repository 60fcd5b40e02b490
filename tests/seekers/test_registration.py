"""One-page seeker registration: identity from the ID number, consent, and the refusals a person meets."""
from datetime import date

import pytest
import sqlalchemy as sa

from recruit.accounts.models import User
from recruit.audit.models import AuditEvent
from recruit.domain import idcard
from recruit.seekers.models import Seeker
from recruit.seekers.services import PRIVACY_VERSION
from recruit.seekers.services import set_id_number
from tests import factories

QUJIANG_ID = idcard.generate("330803", date(1994, 7, 21), 135)  # odd sequence: a man
WEINING_OLD_ID = idcard.generate("522427", date(1988, 11, 2), 246)  # issued before Bijie became a city


def form(**overrides):
    values = {
        "name": "杨德华", "id_number": QUJIANG_ID, "mobile": "13705701234", "password": "secret-pass-1",
        "confirm": "secret-pass-1", "hometown_code": "", "current_region_code": "330803", "education": "70",
        "skills": "电焊、叉车证, 注塑", "desired_occupations": ["6-99-01"], "expected_salary": "6500",
        "willing_to_relocate": "y", "available_from": "2023-03-01", "consent": "y",
    }
    values.update(overrides)
    return values


def test_registration_page_has_every_field_and_links_the_privacy_notice(client, db):
    page = client.get("/seekers/register").get_data(as_text=True)
    for name in ("name", "id_number", "mobile", "password", "confirm", "hometown_code", "current_region_code",
                 "education", "skills", "desired_occupations", "expected_salary", "willing_to_relocate",
                 "available_from", "consent"):
        assert f'name="{name}"' in page
    assert 'href="/privacy"' in page
    assert 'name="birth_date"' not in page and 'name="sex"' not in page  # derived, never asked
    assert 'name="findable"' not in page  # a registration starts findable; the profile turns it off


def test_registration_derives_identity_stores_the_number_encrypted_and_signs_in(client, db):
    response = client.post("/seekers/register", data=form())

    assert response.status_code == 302
    assert response.headers["Location"] == "/me"
    seeker = db.session.scalars(sa.select(Seeker)).one()
    assert (seeker.birth_date, seeker.sex) == (date(1994, 7, 21), "M")
    assert seeker.hometown_code == "330803"  # left empty: the region of the ID number
    assert seeker.skills == ["电焊", "叉车证", "注塑"]
    assert seeker.desired_occupations == ["6-99-01"]
    assert (seeker.expected_salary, seeker.willing_to_relocate) == (6500, True)
    assert seeker.consent_at is not None and seeker.consent_version == PRIVACY_VERSION
    assert seeker.findable is True  # as the privacy notice agreed to says
    assert seeker.id_masked == idcard.mask(QUJIANG_ID)
    row = db.session.execute(sa.text("SELECT * FROM seekers")).one()
    assert not any(QUJIANG_ID[6:] in str(value) for value in row)  # neither the number nor its birth digits
    user = db.session.get(User, seeker.user_id)
    assert (user.role, user.username) == ("seeker", "13705701234")
    assert db.session.scalars(sa.select(AuditEvent.action)).all() == ["seeker_registered"]
    profile = client.get("/me").get_data(as_text=True)
    assert idcard.mask(QUJIANG_ID) in profile
    assert QUJIANG_ID not in profile


def test_weining_number_with_the_retired_code_gets_the_current_county(client, db):
    response = client.post("/seekers/register", data=form(id_number=WEINING_OLD_ID))

    assert response.status_code == 302
    seeker = db.session.scalars(sa.select(Seeker)).one()
    assert seeker.hometown_code == "520526"
    assert "贵州省毕节市威宁彝族回族苗族自治县" in client.get("/me").get_data(as_text=True)


def test_wrong_id_number_keeps_what_was_typed_and_shows_the_field_error(english, db):
    wrong = QUJIANG_ID[:17] + ("0" if QUJIANG_ID[17] != "0" else "1")

    response = english.post("/seekers/register", data=form(id_number=wrong))

    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "This ID number is not valid" in page
    assert 'id="id_number-error"' in page
    assert 'value="杨德华"' in page and 'value="13705701234"' in page and f'value="{wrong}"' in page
    assert 'value="6500"' in page and "电焊、叉车证、注塑" in page
    assert "secret-pass-1" not in page
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Seeker)) == 0


def test_second_registration_with_the_same_id_number_offers_sign_in(english, db):
    number = idcard.generate("520526", date(1995, 5, 17), 7)
    set_id_number(factories.create_seeker(user=factories.create_user("seeker")), number)
    db.session.commit()

    response = english.post("/seekers/register", data=form(id_number=number.lower(), mobile="13705709999"))

    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "This ID number is already registered." in page
    assert "data-duplicate-id" in page and 'href="/account/login"' in page
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Seeker)) == 1


def test_seeker_under_16_today_is_refused(english, db, frozen_clock):
    """Frozen on 2026-01-01 in Beijing: 16 on that very day is old enough, a day younger is not."""
    young = idcard.generate("330803", date(2010, 1, 2), 11)
    just_sixteen = idcard.generate("330803", date(2010, 1, 1), 13)

    refused = english.post("/seekers/register", data=form(id_number=young))
    accepted = english.post("/seekers/register", data=form(id_number=just_sixteen))

    assert "Nobody under 16 may be hired" in refused.get_data(as_text=True)
    assert accepted.status_code == 302


def test_mobile_of_another_account_is_refused(english, db):
    factories.create_user("seeker", username="13705701234")
    db.session.commit()

    response = english.post("/seekers/register", data=form())

    assert "This mobile number is already used by another account." in response.get_data(as_text=True)
    assert 'id="mobile-error"' in response.get_data(as_text=True)


@pytest.mark.parametrize(("overrides", "field"), [
    ({"consent": ""}, "consent"),
    ({"confirm": "something-else"}, "confirm"),
    ({"password": "short", "confirm": "short"}, "password"),
    ({"hometown_code": "999999"}, "hometown_code"),
    ({"desired_occupations": ["9-99-99"]}, "desired_occupations"),
    ({"expected_salary": "-5"}, "expected_salary"),
    ({"mobile": "12345"}, "mobile"),
])
def test_invalid_fields_are_refused_next_to_the_field(client, db, overrides, field):
    response = client.post("/seekers/register", data=form(**overrides))

    assert response.status_code == 200
    assert f'id="{field}-error"' in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Seeker)) == 0


def test_signed_in_user_is_sent_home_instead_of_registering_again(client, db):
    client.post("/seekers/register", data=form())
    assert client.get("/seekers/register").headers["Location"] == "/me"
