"""Building blocks for the posting tests: a signed-in company and a valid posting form."""
import re

from tests import factories
from tests.helpers import signed_in


def posting_form(**overrides):
    values = dict(title="注塑工", occupation_code="6-99-01", headcount="5", salary_min="5000",
                  salary_max="7000", education_min="", age_min="18", age_max="50", work_region_code="330803",
                  skills="注塑、看图纸", description="操作注塑机，两班倒，包吃住。", dormitory="y", meals="y")
    values.update(overrides)
    return {key: value for key, value in values.items() if value is not None}


def sign_in_staff(client, db, employer):
    """A staff account of the employer, signed in, with the pages in English."""
    user = factories.create_user("employer", employer_id=employer.id)
    signed_in(client, user)
    return user


def shown_ids(page):
    """The postings a list page shows, in order."""
    return [int(found) for found in re.findall(r'posting-card" data-posting-id="(\d+)"', page)]
