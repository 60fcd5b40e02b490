"""Staff accounts through the service: the same rules as the form, nothing written when refused."""
import pytest
import sqlalchemy as sa

from recruit.accounts import staff
from recruit.accounts.models import User
from recruit.domain.errors import RuleError
from recruit.extensions import db as _db
from tests import factories

PASSWORD = "long-enough-1"


def accounts():
    return _db.session.scalar(sa.select(sa.func.count()).select_from(User))


def refused(**overrides):
    values = dict(username="li.clerk", display_name="李文书", role="partner", password=PASSWORD,
                  region_codes=["520526"])
    values.update(overrides)
    before = accounts()
    with pytest.raises(RuleError) as raised:
        staff.create_staff(by_user=factories.create_user("bureau"), **values)
    assert accounts() == before + 1  # only the bureau user of the call
    return {(problem.field, problem.code) for problem in raised.value.problems}


@pytest.mark.parametrize(("overrides", "problem"), [
    ({"username": ""}, ("username", "required")),
    ({"username": "13800138000"}, ("username", "username_format")),  # a seeker's mobile sign-in
    ({"username": "52052619960308123X"}, ("username", "username_format")),  # an ID number sign-in
    ({"username": "ab"}, ("username", "username_format")),
    ({"display_name": ""}, ("display_name", "required")),
    ({"display_name": "名" * 101}, ("display_name", "too_long")),
    ({"role": "seeker"}, ("role", "choice")),
    ({"password": "short"}, ("password", "password_short")),
    ({"password": "x" * 129}, ("password", "password_long")),
    ({"region_codes": []}, ("region_codes", "regions_required")),
    ({"region_codes": ["zzz"]}, ("region_codes", "region_in_list")),
    ({"region_codes": ["522427"]}, ("region_codes", "region_retired")),
    ({"role": "bureau", "region_codes": ["520526"]}, ("region_codes", "regions_bureau")),
])
def test_each_bad_value_is_refused(db, overrides, problem):
    assert refused(**overrides) == {problem}


def test_a_taken_username_is_refused(db):
    factories.create_user("bureau", username="li.clerk")
    assert refused() == {("username", "username_taken")}


def test_nobody_deactivates_themselves_or_resets_their_own_password_here(db):
    officer = factories.create_user("bureau")
    with pytest.raises(RuleError) as raised:
        staff.update_staff(officer, officer, "王", [], False, password="new-password-1")
    assert {(p.field, p.code) for p in raised.value.problems} == {("active", "self_deactivate"),
                                                                   ("password", "own_password")}
    assert officer.active
