"""The employer services hold every rule without a form: each bad value is refused and nothing is written."""
import pytest
import sqlalchemy as sa

from recruit.accounts.models import User
from recruit.audit.models import AuditEvent
from recruit.domain import uscc
from recruit.domain.errors import RuleError
from recruit.employers import review
from recruit.employers import services
from recruit.employers.models import Employer
from recruit.extensions import db as _db
from tests import factories

PASSWORD = "long-enough-1"


def company(**overrides):
    values = dict(name="衢州元立金属制品有限公司", uscc=uscc.generate("330803", 7), industry="C",
                  region_code="330803", address="衢江区东港三路", size="100-299", description="",
                  contact_name="王经理", contact_mobile="13800138000")
    values.update(overrides)
    return values


def rows():
    return tuple(_db.session.scalar(sa.select(sa.func.count()).select_from(model))
                 for model in (Employer, User, AuditEvent))


def refused(call):
    before = rows()
    with pytest.raises(RuleError) as raised:
        call()
    assert rows() == before
    return {(problem.field, problem.code) for problem in raised.value.problems}


def test_a_valid_company_registers_pending_with_its_account(db):
    code = uscc.generate("330803", 7)
    user = services.register_employer(company(uscc=f" {code[:9].lower()} {code[9:]} "), "yuanli.hr", PASSWORD)
    assert (user.employer.status, user.employer.uscc, user.role) == ("pending", code, "employer")


@pytest.mark.parametrize(("overrides", "problem"), [
    ({"uscc": "NOT-A-USCC"}, ("uscc", "uscc.length")),
    ({"uscc": "9133080300000007I1"}, ("uscc", "uscc.charset")),
    ({"contact_mobile": "12345"}, ("contact_mobile", "mobile.format")),
    ({"contact_mobile": 13800138000}, ("contact_mobile", "text")),
    ({"region_code": "330000"}, ("region_code", "region_province")),  # a whole province
    ({"region_code": "zzz"}, ("region_code", "region")),
    ({"name": ""}, ("name", "required")),
    ({"name": "厂" * 201}, ("name", "too_long")),
    ({"address": "路" * 301}, ("address", "too_long")),
    ({"industry": "Z"}, ("industry", "choice")),
    ({"size": "huge"}, ("size", "choice")),
    ({"description": ["x"]}, ("description", "text")),
])
def test_each_bad_company_value_is_refused(db, overrides, problem):
    assert refused(lambda: services.register_employer(company(**overrides), "yuanli.hr", PASSWORD)) == {problem}


@pytest.mark.parametrize(("username", "code"), [
    ("a", "username_format"), ("", "required"), ("13800138000", "username_format"),
    ("520526199603081234", "username_format"), ("hr name", "username_format"), ("ß" * 65, "too_long"),
])
def test_a_username_starts_with_a_letter_so_it_never_takes_a_seekers_sign_in(db, username, code):
    assert refused(lambda: services.register_employer(company(), username, PASSWORD)) == {("username", code)}


def test_every_problem_of_a_registration_is_reported_at_once(db):
    problems = refused(lambda: services.register_employer(
        company(uscc="NOT-A-USCC", contact_mobile="12345", region_code="330000"), "a", "short"))
    assert problems == {("uscc", "uscc.length"), ("contact_mobile", "mobile.format"),
                        ("region_code", "region_province"), ("username", "username_format"),
                        ("password", "password_short")}


def test_a_code_or_username_taken_is_refused(db):
    services.register_employer(company(), "yuanli.hr", PASSWORD)
    assert refused(lambda: services.register_employer(company(), "other.hr", PASSWORD)) == {("uscc", "uscc_taken")}
    assert refused(lambda: services.register_employer(company(uscc=uscc.generate("330803", 8)), "yuanli.hr",
                                                      PASSWORD)) == {("username", "username_taken")}


def test_an_edit_keeps_the_rules_and_changes_nothing_when_refused(db):
    employer = factories.create_employer(name="衢江旧名有限公司")
    _db.session.commit()
    with pytest.raises(RuleError):
        services.update_employer(employer, company(region_code="330000", name="衢江新名有限公司"))
    _db.session.rollback()
    assert _db.session.get(Employer, employer.id).name == "衢江旧名有限公司"


@pytest.mark.parametrize(("reason", "code"), [("", "reason_required"), ("  ", "reason_required"),
                                              ("理" * 501, "too_long"), (5, "text")])
def test_a_rejection_needs_a_reason_the_column_holds(db, reason, code):
    employer = factories.create_employer(status="pending")
    officer = factories.create_user("bureau")
    with pytest.raises(RuleError) as raised:
        review.reject_employer(employer, officer, reason)
    assert (raised.value.field, raised.value.code) == ("reason", code)
    assert employer.status == "pending"
