"""Bureau tests: requests in app contexts of their own, fresh sign-in counters, a signed-in bureau client."""
import pytest

from tests import factories
from tests.helpers import signed_in


@pytest.fixture
def officer(db):
    return factories.create_user("bureau", username="officer", display_name="Officer Wang")


@pytest.fixture
def bureau(client, db, officer):
    """A client signed in as bureau staff, with its pages in English."""
    return signed_in(client, officer)
