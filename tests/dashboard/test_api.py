"""GET /api/v1/events/{id}/stats: bureau staff, or a screen link of that event; everyone else gets a JSON error."""
from datetime import datetime

import pytest

from recruit.dashboard import services
from recruit.extensions import db as _db
from tests import factories
from tests.helpers import signed_in


@pytest.fixture
def event(db):
    event = factories.create_event()
    seeker = factories.create_seeker(region_code="520526")
    factories.create_checkin(seeker, event).at = datetime(2023, 1, 28, 1, 12)
    factories.create_application(seeker=seeker, posting=factories.create_posting(events=[event]), event=event,
                                 status="intent")
    return event


def stats_url(event_id):
    return f"/api/v1/events/{event_id}/stats"


def bearer(token):
    return {"Authorization": f"Bearer {token}"}


def screen_token(event):
    _, token = services.issue_screen_link(event, "主会场大屏", factories.create_user("bureau"))
    _db.session.commit()
    return token


def refused(response, status):
    assert response.status_code == status
    assert response.mimetype == "application/json"
    assert set(response.json["error"]) == {"code", "message", "fields"}


def test_bureau_staff_read_the_figures(client, event):
    signed_in(client, factories.create_user("bureau"))

    response = client.get(stats_url(event.id))

    assert response.status_code == 200
    body = response.json
    assert (body["visitors"], body["checked_in"], body["applications"], body["intents"]) == (1, 1, 1, 1)
    assert body["arrivals"] == [{"hour": "09:00", "checked_in": 1, "anonymous": 0}]
    assert body["origins"] == [{"code": "520500", "name": "贵州省毕节市", "checked_in": 1}]
    assert body["as_of"].endswith("+00:00")


@pytest.mark.parametrize("role", ["seeker", "employer", "partner"])
def test_other_roles_are_refused(client, event, role):
    signed_in(client, factories.create_user(role))

    refused(client.get(stats_url(event.id)), 403)


def test_nobody_signed_in_is_asked_to_sign_in_as_json_not_redirected(client, event):
    refused(client.get(stats_url(event.id)), 401)


def test_a_screen_link_reads_its_own_event(client, event):
    response = client.get(stats_url(event.id), headers=bearer(screen_token(event)))

    assert response.status_code == 200
    assert response.json["event"]["id"] == event.id


def test_a_screen_link_is_no_key_to_another_event(client, event):
    other = factories.create_event(name="2023年衢江区春风行动专场")

    refused(client.get(stats_url(other.id), headers=bearer(screen_token(event))), 403)


def test_a_revoked_or_made_up_link_is_refused(client, event):
    token = screen_token(event)
    [link] = services.screen_links(event)
    services.revoke_screen_link(link, factories.create_user("bureau"))
    _db.session.commit()

    refused(client.get(stats_url(event.id), headers=bearer(token)), 403)
    refused(client.get(stats_url(event.id), headers=bearer("made-up")), 403)


def test_an_unknown_event_is_not_found(client, event):
    signed_in(client, factories.create_user("bureau"))

    refused(client.get(stats_url(event.id + 1000)), 404)


def test_a_screen_reading_marks_its_link_used(client, event):
    token = screen_token(event)

    client.get(stats_url(event.id), headers=bearer(token))

    _db.session.expire_all()
    [link] = services.screen_links(event)
    assert link.last_used_at is not None
