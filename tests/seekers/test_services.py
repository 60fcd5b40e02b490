"""The seeker services the web pages and the JSON API share."""
from datetime import date

import pytest
import sqlalchemy as sa

from recruit.audit.models import AuditEvent
from recruit.domain import idcard
from recruit.seekers import services
from recruit.seekers.models import Seeker
from tests import factories

NUMBER = idcard.generate("520526", date(1993, 8, 15), 88)


def values(**overrides):
    result = {"name": "龙阿妹", "mobile": "+86 151-8570-0002", "hometown_code": None,
              "current_region_code": "", "education": "", "skills": ["采茶"], "desired_occupations": [],
              "expected_salary": None, "willing_to_relocate": False, "available_from": None}
    result.update(overrides)
    return result


def test_register_without_password_creates_no_account(db):
    staff = factories.create_user("partner", regions=["520526"])

    seeker = services.register_seeker(values(), NUMBER.lower(), consent=True, registered_by=staff,
                                      allowed_regions=staff.region_codes)

    assert seeker.user is None and seeker.registered_by_id == staff.id
    assert (seeker.mobile, seeker.hometown_code, seeker.education) == ("15185700002", "520526", None)
    event = db.session.scalars(sa.select(AuditEvent)).one()
    assert (event.action, event.user_id, event.detail) == ("seeker_registered", staff.id, {"by": "partner"})


@pytest.mark.parametrize(("overrides", "field"), [
    ({"name": "  "}, "name"),
    ({"expected_salary": -1}, "expected_salary"),
    ({"current_region_code": "522427"}, "current_region_code"),  # retired: never offered
    ({"education": "55"}, "education"),
    ({"desired_occupations": ["6-99-01", "nope"]}, "desired_occupations"),
    ({"mobile": "0571-8888888"}, "mobile"),
])
def test_rules_hold_without_the_web_form(db, overrides, field):
    with pytest.raises(services.SeekerError) as raised:
        services.register_seeker(values(**overrides), NUMBER, password="secret-pass-1", consent=True)
    assert raised.value.field == field


def test_registration_needs_consent(db):
    with pytest.raises(services.SeekerError) as raised:
        services.register_seeker(values(), NUMBER, password="secret-pass-1")
    assert raised.value.code == "consent"


def test_a_concurrent_registration_of_the_same_number_loses_with_a_field_error(db, monkeypatch):
    earlier = factories.create_seeker()
    services.set_id_number(earlier, NUMBER)
    db.session.commit()
    # As if the other registration committed between this one's check and its insert.
    monkeypatch.setattr(services, "parse_id_number", lambda number, today=None: idcard.parse(number))

    with pytest.raises(services.SeekerError) as raised:
        services.register_seeker(values(), NUMBER, password="secret-pass-1", consent=True)

    assert (raised.value.code, raised.value.field) == ("duplicate_id", "id_number")
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Seeker)) == 1  # the session still works
