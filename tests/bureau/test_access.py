"""Every bureau route is for bureau staff only."""
import pytest

from tests import factories
from tests.helpers import signed_in


def bureau_urls(app):
    """Each bureau route with an id filled in, and the method it answers."""
    with app.test_request_context():
        for rule in app.url_map.iter_rules():
            if not rule.endpoint.startswith("bureau."):
                continue
            url = rule.build({name: _sample(rule, name) for name in rule.arguments})[1]
            for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
                yield method, url


def _sample(rule, name):
    """An id, or the first of the values a route takes for this argument (an export's format)."""
    items = getattr(rule._converters[name], "items", None)
    return sorted(items)[0] if items else 1


def test_there_are_bureau_routes(app):
    assert len(list(bureau_urls(app))) >= 20


@pytest.mark.parametrize("role", ["seeker", "employer", "partner"])
def test_other_roles_get_403_everywhere(app, client, db, role):
    employer = factories.create_employer() if role == "employer" else None
    user = factories.create_user(role, regions=["520526"] if role == "partner" else (),
                                 employer_id=employer.id if employer else None)
    db.session.commit()
    signed_in(client, user)
    for method, url in bureau_urls(app):
        assert client.open(url, method=method).status_code == 403, (method, url)


def test_anonymous_users_are_sent_to_sign_in(app, client, db):
    for method, url in bureau_urls(app):
        response = client.open(url, method=method)
        assert response.status_code == 302, (method, url)
        assert "/account/login" in response.headers["Location"]


def test_bureau_staff_reach_the_home_page(bureau):
    page = bureau.get("/bureau")
    assert page.status_code == 200
    assert "Bureau desk" in page.get_data(as_text=True)
