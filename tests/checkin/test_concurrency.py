"""Two desks scanning the same person at the same moment, and a desk sending the same scan twice at once:
one check-in each time, on SQLite and on PostgreSQL (the suite runs on both)."""
import uuid

import pytest
import sqlalchemy as sa

from recruit.checkin.models import Checkin
from recruit.checkin.models import VisitorCount
from recruit.events.models import Event
from recruit.extensions import db as _db
from recruit.seekers.services import checkin_token
from tests import factories
from tests.helpers import Overlap
from tests.helpers import run_together
from tests.helpers import sign_in


@pytest.fixture
def gate(app, db):
    event = factories.create_event()
    seeker = factories.create_seeker(name="龙小花")
    desks = [factories.create_user("bureau") for _ in range(2)]
    db.session.commit()
    clients = []
    for desk in desks:
        client = app.test_client()
        assert sign_in(client, desk.username).status_code == 302
        clients.append(client)
    return event.id, checkin_token(seeker), clients


def _checkins(event_id):
    _db.session.expire_all()
    return _db.session.scalars(sa.select(Checkin).where(Checkin.event_id == event_id)).all()


def _post_together(clients, path, bodies, table):
    responses = []

    def post(client, body):
        responses.append(client.post(path, json=body))

    with Overlap(f"INSERT INTO {table}").installed() as overlap:
        run_together([lambda c=c, b=b: post(c, b) for c, b in zip(clients, bodies, strict=True)])
    assert overlap.overlapped and all(overlap.overlapped), "the two requests did not overlap"
    return responses


def test_two_desks_scanning_one_person_at_once_check_them_in_once(gate):
    event_id, token, clients = gate
    bodies = [{"client_id": uuid.uuid4().hex, "code": token} for _ in clients]

    responses = _post_together(clients, f"/api/v1/events/{event_id}/checkins", bodies, "checkins")

    assert sorted(r.status_code for r in responses) == [200, 201]
    assert sorted((r.json["new"], r.json["repeat"]) for r in responses) == [(False, True), (True, False)]
    assert len({r.json["id"] for r in responses}) == 1
    assert len(_checkins(event_id)) == 1


def test_one_scan_sent_twice_at_once_counts_once(gate):
    event_id, token, clients = gate
    body = {"client_id": uuid.uuid4().hex, "code": token}

    responses = _post_together(clients, f"/api/v1/events/{event_id}/checkins", [body, body], "checkins")

    assert sorted(r.status_code for r in responses) == [200, 201]
    assert all(not r.json["repeat"] for r in responses)
    [checkin] = _checkins(event_id)
    assert checkin.client_id == body["client_id"]


def test_a_count_sent_twice_at_once_counts_once_and_two_desks_both_count(gate):
    event_id, _, clients = gate
    path = f"/api/v1/events/{event_id}/visitor-counts"
    same = {"client_id": uuid.uuid4().hex, "delta": 10}

    _post_together(clients, path, [same, same], "visitor_counts")
    _post_together(clients, path, [{"client_id": uuid.uuid4().hex, "delta": 1} for _ in clients], "visitor_counts")

    _db.session.expire_all()
    assert _db.session.get(Event, event_id).anonymous_visitors == 12
    assert _db.session.scalar(sa.select(sa.func.count()).select_from(VisitorCount)) == 3
