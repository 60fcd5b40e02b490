"""The seeker services the web pages, imports and the JSON API share: every rule holds without a form."""
from datetime import date

import pytest
import sqlalchemy as sa

from recruit.accounts.models import User
from recruit.audit.models import AuditEvent
from recruit.domain import idcard
from recruit.domain.errors import RuleError
from recruit.extensions import db as _db
from recruit.seekers import services
from recruit.seekers.identity import set_id_number
from recruit.seekers.models import Seeker
from tests import factories

NUMBER = idcard.generate("520526", date(1993, 8, 15), 88)
TODAY = date(2026, 1, 1)


def values(**overrides):
    result = {"name": "龙阿妹", "mobile": "+86 151-8570-0002", "hometown_code": None,
              "current_region_code": "", "education": "", "skills": ["采茶"], "desired_occupations": [],
              "expected_salary": None, "willing_to_relocate": False, "available_from": None}
    result.update(overrides)
    return result


def count(model):
    return _db.session.scalar(sa.select(sa.func.count()).select_from(model))


def refusal(call):
    """The refusal of a service call, after checking that it wrote nothing."""
    before = (count(Seeker), count(User), count(AuditEvent))
    with pytest.raises(RuleError) as raised:
        call()
    assert (count(Seeker), count(User), count(AuditEvent)) == before
    return raised.value


def test_register_without_password_creates_no_account(db):
    staff = factories.create_user("partner", regions=["520526"])

    seeker = services.register_seeker(values(), NUMBER.lower(), consent=True, registered_by=staff,
                                      allowed_regions=staff.region_codes, today=TODAY)

    assert seeker.user is None and seeker.registered_by_id == staff.id
    assert seeker.findable is True  # not asked at registration: on, as the privacy notice says
    assert (seeker.mobile, seeker.hometown_code, seeker.education) == ("15185700002", "520526", None)
    event = db.session.scalars(sa.select(AuditEvent)).one()
    assert (event.action, event.user_id, event.detail) == ("seeker_registered", staff.id, {"by": "partner"})


@pytest.mark.parametrize(("overrides", "field", "code"), [
    ({"name": "  "}, "name", "required"),
    ({"name": "龙" * 101}, "name", "too_long"),
    ({"name": 12}, "name", "text"),
    ({"expected_salary": -1}, "expected_salary", "number_range"),
    ({"expected_salary": 10**12}, "expected_salary", "number_range"),
    ({"expected_salary": "5000"}, "expected_salary", "integer"),
    ({"expected_salary": True}, "expected_salary", "integer"),
    ({"current_region_code": "522427"}, "current_region_code", "region_retired"),  # never offered
    ({"current_region_code": "999999"}, "current_region_code", "region"),
    ({"hometown_code": "110100"}, "hometown_code", "region"),  # 市辖区 is a placeholder, not a place
    ({"education": "55"}, "education", "choice"),
    ({"desired_occupations": ["6-99-01", "nope"]}, "desired_occupations", "occupation_unknown"),
    ({"desired_occupations": ["6-99-01"] * 2 + ["2-02-07", "4-02-02", "4-03-01", "5-01-01", "6-04-01"]},
     "desired_occupations", "too_many"),
    ({"skills": ["电焊"] * 1 + [f"技能{n}" for n in range(21)]}, "skills", "tags_too_many"),
    ({"skills": ["焊" * 31]}, "skills", "tag_too_long"),
    ({"skills": "电焊"}, "skills", "list"),
    ({"mobile": "0571-8888888"}, "mobile", "mobile.format"),
    ({"mobile": 15185700002}, "mobile", "text"),
    ({"willing_to_relocate": "yes"}, "willing_to_relocate", "flag"),
    ({"findable": "no"}, "findable", "flag"),
    ({"available_from": date(1, 1, 1)}, "available_from", "date_range"),
    ({"available_from": "2026-01-01"}, "available_from", "date"),
])
def test_every_value_is_checked_without_the_web_form(db, overrides, field, code):
    error = refusal(lambda: services.register_seeker(values(**overrides), NUMBER, password="secret-pass-1",
                                                     consent=True, today=TODAY))
    assert [(problem.field, problem.code) for problem in error.problems] == [(field, code)]


@pytest.mark.parametrize(("number", "code"), [
    ("", "required"), (None, "required"), (12345, "text"), ("52052619930815008", "id_number.length"),
    (NUMBER[:-1] + ("0" if NUMBER[-1] != "0" else "1"), "id_number.checksum"),
    (idcard.generate("520526", date(2015, 1, 1), 1), "id_number.underage"),
])
def test_the_id_number_is_checked(db, number, code):
    error = refusal(lambda: services.register_seeker(values(), number, password="secret-pass-1", consent=True,
                                                     today=TODAY))
    assert [(problem.field, problem.code) for problem in error.problems] == [("id_number", code)]


def test_every_problem_is_reported_at_once(db):
    error = refusal(lambda: services.register_seeker(values(name="", mobile="1"), "x", password="short",
                                                     today=TODAY))
    assert {(problem.field, problem.code) for problem in error.problems} == {
        ("id_number", "id_number.length"), ("name", "required"), ("mobile", "mobile.format"),
        ("password", "password_short"), ("consent", "consent")}


def test_registration_needs_consent(db):
    error = refusal(lambda: services.register_seeker(values(), NUMBER, password="secret-pass-1", today=TODAY))
    assert (error.code, error.field) == ("consent", "consent")


def test_partner_staff_register_only_seekers_of_their_regions(db):
    staff = factories.create_user("partner", regions=["520526"])
    error = refusal(lambda: services.register_seeker(values(hometown_code="330803"), NUMBER, consent=True,
                                                     registered_by=staff, allowed_regions=staff.region_codes,
                                                     today=TODAY))
    assert (error.code, error.field) == ("outside_regions", "hometown_code")


def test_a_duplicate_is_told_to_the_seeker_and_to_partner_staff_in_their_own_words(db):
    services.register_seeker(values(), NUMBER, password="secret-pass-1", consent=True, today=TODAY)
    staff = factories.create_user("partner", regions=["520526"])

    again = refusal(lambda: services.register_seeker(values(mobile="13900000001"), NUMBER,
                                                     password="secret-pass-1", consent=True, today=TODAY))
    by_staff = refusal(lambda: services.register_seeker(values(mobile="13900000001"), NUMBER, consent=True,
                                                        registered_by=staff, allowed_regions=["520526"],
                                                        today=TODAY))

    assert (again.code, again.field) == ("id_registered", "id_number")
    assert (by_staff.code, by_staff.field) == ("id_registered_by_staff", "id_number")
    assert "登录" in again.message and "名单" in by_staff.message  # the seeker signs in; staff look them up


def test_a_mobile_number_signs_in_one_account_only(db):
    factories.create_user("employer", username="15185700002")
    error = refusal(lambda: services.register_seeker(values(), NUMBER, password="secret-pass-1", consent=True,
                                                     today=TODAY))
    assert (error.code, error.field) == ("mobile_taken", "mobile")


def test_a_batch_keeps_every_registration_but_the_duplicate_one(db):
    """Fifty registrations in one transaction, one of them a number registered already: 49 are kept."""
    numbers = [idcard.generate("520526", date(1990, 1, 1 + n % 28), 100 + n) for n in range(50)]
    numbers[30] = numbers[12]
    refused = []
    for n, number in enumerate(numbers):
        try:
            services.register_seeker(values(name=f"批量{n}", mobile=f"1390000{n:04d}"), number, consent=True,
                                     registered_by=None, allowed_regions=["520526"], today=TODAY)
        except RuleError as error:
            refused.append((n, error.code))
    db.session.commit()

    assert refused == [(30, "id_registered_by_staff")]
    assert count(Seeker) == 49


def test_a_concurrent_registration_of_the_same_number_loses_with_a_field_error(db, monkeypatch):
    earlier = factories.create_seeker()
    set_id_number(earlier, NUMBER)
    db.session.commit()
    # As if the other registration committed between this one's check and its insert.
    monkeypatch.setattr(services, "check_id_number", lambda number, today, for_staff: idcard.parse(number, today))
    error = refusal(lambda: services.register_seeker(values(), NUMBER, password="secret-pass-1", consent=True,
                                                     today=TODAY))

    assert (error.code, error.field) == ("id_registered_offline", "id_number")
    assert count(Seeker) == 1  # the session still works


def test_a_profile_change_keeps_its_rules_and_writes_nothing_when_refused(db):
    seeker = services.register_seeker(values(), NUMBER, password="secret-pass-1", consent=True, today=TODAY)
    db.session.commit()

    with pytest.raises(RuleError) as raised:
        services.update_profile(seeker, values(name="", expected_salary=2**40))
    db.session.rollback()

    assert {(p.field, p.code) for p in raised.value.problems} == {("name", "required"),
                                                                    ("expected_salary", "number_range")}
    assert db.session.get(Seeker, seeker.id).name == "龙阿妹"


@pytest.mark.parametrize(("code", "hometown"), [("810000", "810000"), ("820000", "820000"), ("830000", "710000")])
def test_residents_of_hong_kong_macao_and_taiwan_register_with_their_permit_numbers(db, code, hometown):
    number = idcard.generate(code, date(1990, 3, 4), 21)
    seeker = services.register_seeker(values(), number, password="secret-pass-1", consent=True, today=TODAY)
    assert (seeker.hometown_code, seeker.birth_date, seeker.sex) == (hometown, date(1990, 3, 4), "M")
