"""The posting services hold every rule without a form: each bad value is refused and nothing is written."""
import pytest
import sqlalchemy as sa

from recruit.domain.errors import RuleError
from recruit.extensions import db as _db
from recruit.postings import services
from recruit.postings.models import Posting
from tests import factories


def posting_values(**overrides):
    values = dict(title="注塑工", occupation_code="6-99-01", headcount=5, salary_min=5000, salary_max=7000,
                  education_min=None, age_min=18, age_max=50, work_region_code="330803", skills=["注塑"],
                  description="两班倒，包吃住。", housing=False, meals=True, social_insurance=True,
                  travel_subsidy=False, dormitory=True, event_ids=[])
    values.update(overrides)
    return values


def refused(**overrides):
    employer = factories.create_employer()
    with pytest.raises(RuleError) as raised:
        services.create_posting(employer, posting_values(**overrides))
    assert _db.session.scalar(sa.select(sa.func.count()).select_from(Posting)) == 0
    return {(problem.field, problem.code) for problem in raised.value.problems}


@pytest.mark.parametrize(("overrides", "problem"), [
    ({"work_region_code": "330000"}, ("work_region_code", "region_province")),  # a whole province
    ({"work_region_code": "999999"}, ("work_region_code", "region")),
    ({"headcount": 0}, ("headcount", "number_range")),
    ({"headcount": 2**31}, ("headcount", "number_range")),
    ({"headcount": "5"}, ("headcount", "integer")),
    ({"salary_max": 10**9}, ("salary_max", "number_range")),
    ({"salary_min": 8000}, ("salary_max", "salary_range")),
    ({"age_min": 15}, ("age_min", "underage")),
    ({"age_max": 81}, ("age_max", "number_range")),
    ({"age_min": 40, "age_max": 30}, ("age_max", "age_range")),
    ({"title": ""}, ("title", "required")),
    ({"title": "工" * 201}, ("title", "too_long")),
    ({"title": "女工（流水线）"}, ("title", "discriminatory")),
    ({"description": "威宁籍人员优先"}, ("description", "discriminatory")),
    ({"occupation_code": "nope"}, ("occupation_code", "occupation")),
    ({"education_min": "55"}, ("education_min", "choice")),
    ({"skills": ["焊" * 31]}, ("skills", "tag_too_long")),
    ({"dormitory": "yes"}, ("dormitory", "flag")),
    ({"event_ids": [2**31]}, ("event_ids", "events_closed")),
    ({"event_ids": ["1"]}, ("event_ids", "list")),
])
def test_each_bad_value_is_refused(db, overrides, problem):
    assert refused(**overrides) == {problem}


def test_a_closed_event_is_refused(db):
    closed = factories.create_event(status="closed")
    assert refused(event_ids=[closed.id]) == {("event_ids", "events_closed")}
