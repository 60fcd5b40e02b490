"""Bureau tests: requests in app contexts of their own, fresh sign-in counters, a signed-in bureau client."""
import pytest

from tests import factories
from tests.helpers import sign_in


def signed_in(client, user):
    assert sign_in(client, user.username).status_code == 302, "sign-in failed"
    client.get("/lang/en")
    return client


@pytest.fixture
def officer(db):
    return factories.create_user("bureau", username="officer", display_name="Officer Wang")


@pytest.fixture
def bureau(client, db, officer):
    """A client signed in as bureau staff, with its pages in English."""
    db.session.commit()
    return signed_in(client, officer)
