"""Forms carry CSRF tokens: a forged POST from another site is refused with a clear page."""
import re

import pytest

from tests import factories


@pytest.fixture
def csrf_client(csrf_app, db):
    return csrf_app.test_client()


def test_a_post_without_token_is_refused_and_changes_nothing(csrf_client, db):
    factories.create_user("bureau", username="chief")
    db.session.commit()
    form = {"identifier": "chief", "password": factories.PASSWORD}
    response = csrf_client.post("/account/login", data=form)
    assert response.status_code == 400
    assert "表单已过期" in response.get_data(as_text=True)
    assert csrf_client.get("/bureau").status_code == 302  # still signed out


def test_a_post_with_the_pages_token_goes_through(csrf_client, db):
    factories.create_user("bureau", username="chief")
    db.session.commit()
    page = csrf_client.get("/account/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    response = csrf_client.post("/account/login", data={"identifier": "chief", "password": factories.PASSWORD,
                                                         "csrf_token": token})
    assert response.status_code == 302
    assert csrf_client.get("/bureau").status_code == 200
