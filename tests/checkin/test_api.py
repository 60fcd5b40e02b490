"""The check-in desk's API: a scan, a typed number, a repeat, a scan queued offline, the visitor counter, and
every way a request can be wrong."""
import re
import uuid
from datetime import datetime

import pytest
import sqlalchemy as sa

from recruit.checkin.models import Checkin
from recruit.checkin.models import VisitorCount
from recruit.events.models import Event
from recruit.extensions import db as _db
from recruit.seekers.identity import reveal_id_number
from recruit.seekers.services import checkin_token
from tests import factories
from tests.helpers import sign_in
from tests.helpers import signed_in

NOW = datetime(2023, 1, 28, 1, 30)  # 09:30 in Qujiang, half an hour after the doors opened


@pytest.fixture
def desk(client, db, time_machine):
    time_machine.move_to(NOW, tick=False)
    event = factories.create_event()
    seeker = factories.create_seeker(name="龙小花", mobile="13912345678")
    signed_in(client, factories.create_user("bureau"), lang="zh_Hans_CN")
    return client, event, seeker


def scan(client, event, code, **extra):
    body = {"client_id": uuid.uuid4().hex, "code": code, **extra}
    return client.post(f"/api/v1/events/{event.id}/checkins", json=body)


def checkins():
    _db.session.expire_all()
    return _db.session.scalars(sa.select(Checkin)).all()


def test_a_gate_code_checks_the_seeker_in_and_says_who_they_are(desk):
    client, event, seeker = desk

    answer = scan(client, event, checkin_token(seeker))

    assert answer.status_code == 201
    assert answer.json["seeker"] == {"id": seeker.id, "name": "龙小花", "id_masked": seeker.id_masked,
                                     "hometown_code": "520526", "hometown": "贵州省毕节市威宁彝族回族苗族自治县"}
    assert "*" in seeker.id_masked and answer.json["channel"] == "qr"
    assert (answer.json["new"], answer.json["repeat"], answer.json["at"]) == (True, False, "2023-01-28T01:30:00+00:00")
    [checkin] = checkins()
    assert (checkin.seeker_id, checkin.event_id, checkin.by_user_id is not None) == (seeker.id, event.id, True)


def test_a_repeat_is_not_a_second_visitor_and_says_when_they_came(desk, time_machine):
    client, event, seeker = desk
    scan(client, event, checkin_token(seeker))
    time_machine.move_to(datetime(2023, 1, 28, 2, 5), tick=False)

    answer = scan(client, event, seeker.mobile)

    assert answer.status_code == 200
    assert (answer.json["new"], answer.json["repeat"], answer.json["local_time"]) == (False, True, "09:30")
    assert answer.json["message"] == "已于 09:30 签到"
    assert len(checkins()) == 1


def test_an_id_number_typed_at_the_desk_finds_the_seeker(desk):
    client, event, seeker = desk
    number = reveal_id_number(seeker)

    answer = scan(client, event, f" {number.lower()} ")

    assert answer.status_code == 201 and answer.json["channel"] == "id_number"
    assert answer.json["seeker"]["id"] == seeker.id
    assert number not in answer.get_data(as_text=True)


def test_a_scan_sent_again_by_a_desk_back_online_is_the_same_answer(desk):
    client, event, seeker = desk
    body = {"client_id": "desk-1-scan-0001", "code": checkin_token(seeker)}
    first = client.post(f"/api/v1/events/{event.id}/checkins", json=body)

    again = client.post(f"/api/v1/events/{event.id}/checkins", json=body)

    assert (first.status_code, again.status_code) == (201, 200)
    assert again.json["id"] == first.json["id"] and again.json["repeat"] is False
    assert len(checkins()) == 1


def test_a_queued_scan_keeps_the_time_it_was_made(desk, time_machine):
    client, event, seeker = desk
    time_machine.move_to(datetime(2023, 1, 28, 3, 0), tick=False)  # the network came back at 11:00

    answer = scan(client, event, checkin_token(seeker), at="2023-01-28T09:41:07+08:00")

    assert answer.status_code == 201 and answer.json["local_time"] == "09:41"
    assert checkins()[0].at == datetime(2023, 1, 28, 1, 41, 7)


def test_a_desk_clock_that_runs_ahead_gets_the_servers_time(desk):
    client, event, seeker = desk

    answer = scan(client, event, checkin_token(seeker), at="2023-01-28T18:00:00+08:00")

    assert answer.status_code == 201
    assert checkins()[0].at == NOW


@pytest.mark.parametrize(("extra", "status", "code", "field"), [
    ({"code": "WyI1Il0.forged"}, 422, "checkin_code_forged", "code"),
    ({"code": "13800000000"}, 404, "checkin_seeker_unknown", "code"),
    ({"code": "520526199505170019"}, 422, "id_number.checksum", "code"),
    ({"code": "  "}, 422, "required", "code"),
    ({"code": "x" * 301}, 422, "invalid", "code"),
    ({"code": 42}, 422, "invalid", "code"),
    ({"client_id": "short"}, 422, "checkin_client_id", "client_id"),
    ({"client_id": "x" * 65}, 422, "invalid", "client_id"),
    ({"at": "yesterday"}, 422, "invalid", "at"),
    ({"at": "2023-01-27T08:00:00+08:00"}, 422, "checkin_too_early", "at"),
    ({"seeker_id": 1}, 422, "invalid", "seeker_id"),
])
def test_a_wrong_scan_is_refused_in_the_users_language_and_writes_nothing(desk, extra, status, code, field):
    client, event, seeker = desk
    body = {"client_id": uuid.uuid4().hex, "code": checkin_token(seeker), **extra}

    answer = client.post(f"/api/v1/events/{event.id}/checkins", json=body)

    assert answer.status_code == status, answer.json
    assert answer.json["error"]["code"] == code
    assert field in answer.json["error"]["fields"]
    assert re.search(r"[\u4e00-\u9fff]", answer.json["error"]["message"]), "the message is not in Chinese"
    assert all(re.search(r"[\u4e00-\u9fff]", text) for texts in answer.json["error"]["fields"].values()
               for text in texts)
    assert checkins() == []


def test_a_body_that_is_not_json_is_a_json_error(desk):
    client, event, _ = desk
    answer = client.post(f"/api/v1/events/{event.id}/checkins", data="code=1", content_type="text/plain")
    assert answer.status_code == 422 and answer.json["error"]["code"] == "invalid"


def test_a_mobile_number_two_seekers_share_asks_for_the_id_number(desk):
    client, event, seeker = desk
    factories.create_seeker(name="龙小草", mobile=seeker.mobile)
    _db.session.commit()

    answer = scan(client, event, seeker.mobile)

    assert answer.status_code == 409 and answer.json["error"]["code"] == "checkin_mobile_several"
    assert checkins() == []


@pytest.mark.parametrize("status", ["draft", "closed"])
def test_an_event_that_is_not_open_takes_no_check_in(desk, status):
    client, event, seeker = desk
    event.status = status
    _db.session.commit()

    answer = scan(client, event, checkin_token(seeker))

    assert answer.status_code == 409 and answer.json["error"]["code"] == "checkin_event_not_open"
    assert checkins() == []


def test_an_unknown_event_is_a_json_404(desk):
    client, _, seeker = desk
    answer = client.post("/api/v1/events/999999/checkins", json={"client_id": uuid.uuid4().hex, "code": "x"})
    assert answer.status_code == 404 and answer.json["error"]["code"] == "not_found"


@pytest.mark.parametrize("role", [None, "seeker", "employer", "partner"])
def test_only_bureau_staff_check_people_in(client, db, role):
    event = factories.create_event()
    seeker = factories.create_seeker()
    if role == "seeker":
        signed_in(client, factories.create_seeker(user=factories.create_user("seeker")).user)
    elif role:
        user = factories.create_user(role, employer=factories.create_employer()) if role == "employer" \
            else factories.create_user(role, regions=["520526"])
        signed_in(client, user)
    _db.session.commit()

    answer = scan(client, event, checkin_token(seeker))

    assert answer.status_code == (401 if role is None else 403)
    assert set(answer.json["error"]) == {"code", "message", "fields"}
    assert checkins() == []


def test_a_session_request_without_its_csrf_token_is_refused(csrf_app, db):
    event = factories.create_event()
    staff = factories.create_user("bureau")
    seeker = factories.create_seeker()
    db.session.commit()
    client = csrf_app.test_client()
    page = client.get("/account/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)
    client.post("/account/login", data={"identifier": staff.username, "password": factories.PASSWORD,
                                        "csrf_token": token})
    page = client.get("/bureau").get_data(as_text=True)
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)
    body = {"client_id": uuid.uuid4().hex, "code": checkin_token(seeker)}

    refused = client.post(f"/api/v1/events/{event.id}/checkins", json=body)
    taken = client.post(f"/api/v1/events/{event.id}/checkins", json=body, headers={"X-CSRFToken": token})

    assert refused.status_code == 400 and refused.json["error"]["code"] == "csrf"
    assert taken.status_code == 201


# The counter of visitors who do not register

def count(client, event, delta, client_id=None):
    return client.post(f"/api/v1/events/{event.id}/visitor-counts",
                       json={"client_id": client_id or uuid.uuid4().hex, "delta": delta})


def test_plus_one_plus_ten_and_undo_move_the_events_visitor_figure(desk):
    client, event, _ = desk

    answers = [count(client, event, delta).json["anonymous_visitors"] for delta in (1, 10, -10)]

    assert answers == [1, 11, 1]
    _db.session.expire_all()
    assert _db.session.get(Event, event.id).anonymous_visitors == 1


def test_a_count_sent_again_counts_once(desk):
    client, event, _ = desk
    assert [count(client, event, 10, "desk-1-count-01").json for _ in range(2)] == [{"anonymous_visitors": 10}] * 2
    assert _db.session.scalar(sa.select(sa.func.count()).select_from(VisitorCount)) == 1


@pytest.mark.parametrize(("delta", "status", "code"), [
    (0, 422, "visitor_count_step"), (11, 422, "number_range"), (-1, 409, "visitor_count_below_zero"),
    ("1", 422, "invalid"), (1.5, 422, "invalid"), (True, 422, "invalid"),
])
def test_a_count_out_of_bounds_is_refused_and_changes_nothing(desk, delta, status, code):
    client, event, _ = desk

    answer = count(client, event, delta)

    assert answer.status_code == status and answer.json["error"]["code"] == code
    assert "delta" in answer.json["error"]["fields"]
    _db.session.expire_all()
    assert _db.session.get(Event, event.id).anonymous_visitors == 0
    assert _db.session.scalar(sa.select(sa.func.count()).select_from(VisitorCount)) == 0


# The document

def test_the_openapi_document_lists_the_resources_with_their_schemas(client, db):
    document = client.get("/api/v1/openapi.json").json

    assert document["openapi"].startswith("3.")
    assert {"/api/v1/events/{event_id}/checkins", "/api/v1/events/{event_id}/stats",
            "/api/v1/events/{event_id}/visitor-counts"} <= set(document["paths"])
    post = document["paths"]["/api/v1/events/{event_id}/checkins"]["post"]
    assert {"201", "200", "404", "409", "422"} <= set(post["responses"])
    body = post["requestBody"]["content"]["application/json"]["schema"]
    assert "$ref" in body or "properties" in body
    assert "Error" in document["components"]["schemas"]


def test_sign_in_with_the_same_session_is_what_the_desk_uses(client, db):
    staff = factories.create_user("bureau")
    _db.session.commit()
    assert sign_in(client, staff.username).status_code == 302
    assert client.get("/api/v1/events/999999/stats").status_code == 404
