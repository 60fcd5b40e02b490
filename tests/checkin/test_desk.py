"""The check-in desk page: who may open it, an event not open, and walk-ins registered and checked in in one step."""
import re
from datetime import date
from datetime import datetime
from html import unescape

import pytest
import sqlalchemy as sa

from recruit.checkin.models import Checkin
from recruit.domain import idcard
from recruit.extensions import db as _db
from recruit.seekers.identity import reveal_id_number
from recruit.seekers.models import Seeker
from tests import factories
from tests.helpers import signed_in

NOW = datetime(2023, 1, 28, 1, 30)  # 09:30 in Qujiang, half an hour after the doors opened
WALK_IN_ID = idcard.generate("520526", date(1990, 3, 8), 7)


@pytest.fixture
def desk(client, db, time_machine):
    time_machine.move_to(NOW, tick=False)
    event = factories.create_event(name="Spring Fair at the Gate")
    clerk = factories.create_user("bureau")
    signed_in(client, clerk)
    return client, event, clerk


def walk_in(client, event, **fields):
    data = {"name": "杨春梅", "id_number": WALK_IN_ID, "mobile": "13985712345", "hometown_code": "",
            "consent": "y", **fields}
    return client.post(f"/bureau/events/{event.id}/walk-in", data=data)


def rows(model):
    _db.session.expire_all()
    return _db.session.scalars(sa.select(model)).all()


def page_text(html, name):
    """One of the texts the page gives its script, as the browser reads it."""
    return unescape(re.search(rf'<div hidden data-texts[^>]* data-text-{name}="([^"]*)"', html)[1])


def test_the_desk_opens_for_bureau_staff_with_its_field_and_texts(desk):
    client, event, _ = desk

    response = client.get(f"/bureau/events/{event.id}/desk")

    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Spring Fair at the Gate" in html and 'id="desk-code"' in html and "autofocus" in html
    assert f'data-checkin-url="/api/v1/events/{event.id}/checkins"' in html
    assert (page_text(html, "pending-one"), page_text(html, "pending-many")) == (
        "{count} item waits to be sent", "{count} items wait to be sent")
    camera_refused = re.search(r'<div hidden data-camera-texts[^>]* data-text-refused="([^"]*)"', html)[1]
    assert unescape(camera_refused).startswith("The camera was refused. Allow it in the browser’s")


@pytest.mark.parametrize("role", ["seeker", "employer", "partner"])
def test_other_roles_are_refused_the_desk_and_the_walk_in(client, db, role):
    event = factories.create_event()
    signed_in(client, factories.create_user(role))

    assert client.get(f"/bureau/events/{event.id}/desk").status_code == 403
    assert walk_in(client, event).status_code == 403
    assert rows(Seeker) == []


def test_anonymous_visitors_are_sent_to_sign_in(client, db):
    event = factories.create_event()
    db.session.commit()

    response = client.get(f"/bureau/events/{event.id}/desk")

    assert response.status_code == 302 and "/account/login" in response.headers["Location"]


@pytest.mark.parametrize("status", ["draft", "closed"])
def test_an_event_not_published_shows_why_instead_of_the_desk(desk, status):
    client, _, _ = desk
    event = factories.create_event(status=status)
    _db.session.commit()

    html = client.get(f"/bureau/events/{event.id}/desk").get_data(as_text=True)

    assert "Check-in is open only while the event is published." in html
    assert 'id="desk-code"' not in html and "desk.js" not in html


def test_a_walk_in_is_registered_and_checked_in(desk):
    client, event, clerk = desk

    response = walk_in(client, event)

    assert response.status_code == 302 and response.headers["Location"].endswith(f"/bureau/events/{event.id}/desk")
    [seeker] = rows(Seeker)
    assert (seeker.name, seeker.hometown_code, seeker.registered_by_id) == ("杨春梅", "520526", clerk.id)
    [checkin] = rows(Checkin)
    assert (checkin.seeker_id, checkin.event_id, checkin.channel, checkin.by_user_id) == (
        seeker.id, event.id, "walk_in", clerk.id)
    assert "杨春梅 is registered and checked in." in client.get(response.headers["Location"]).get_data(as_text=True)


def test_a_walk_in_already_registered_is_checked_in_as_they_are(desk):
    client, event, _ = desk
    known = factories.create_seeker(name="龙小花")
    _db.session.commit()

    response = walk_in(client, event, name="Someone Else", id_number=reveal_id_number(known), mobile="13700000000")

    assert response.status_code == 302
    assert [seeker.id for seeker in rows(Seeker)] == [known.id]
    [checkin] = rows(Checkin)
    assert (checkin.seeker_id, checkin.channel) == (known.id, "id_number")
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "龙小花 was already registered and is now checked in." in page


def test_a_walk_in_who_came_before_hears_when(desk, time_machine):
    client, event, _ = desk
    walk_in(client, event)
    time_machine.move_to(datetime(2023, 1, 28, 2, 5), tick=False)

    response = walk_in(client, event)

    assert len(rows(Checkin)) == 1
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "杨春梅 was already registered and checked in at 09:30." in page


def test_an_invalid_id_number_is_shown_on_the_form_and_nothing_is_written(desk):
    client, event, _ = desk

    response = walk_in(client, event, id_number=WALK_IN_ID[:-1] + ("0" if WALK_IN_ID[-1] != "0" else "1"))

    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert 'id="id_number-error"' in html and "data-walk-in open" in html
    assert 'value="杨春梅"' in html  # what was typed stays
    assert rows(Seeker) == [] and rows(Checkin) == []


def test_a_walk_in_without_consent_is_refused(desk):
    client, event, _ = desk

    response = walk_in(client, event, consent="")

    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert 'id="consent-error"' in html and "Registration needs consent to the privacy notice." in html
    assert rows(Seeker) == [] and rows(Checkin) == []


def test_a_walk_in_at_an_event_not_open_is_refused(desk):
    client, _, _ = desk
    draft = factories.create_event(status="draft")
    _db.session.commit()

    response = walk_in(client, draft)

    assert response.status_code == 200
    assert "Check-in is open only while the event is published." in response.get_data(as_text=True)
    assert rows(Seeker) == [] and rows(Checkin) == []


@pytest.mark.parametrize("page", ["desk", "dashboard", "screens"])
def test_the_menu_marks_events_on_an_events_desk_and_dashboard(desk, page):
    client, event, _ = desk

    html = client.get(f"/bureau/events/{event.id}/{page}").get_data(as_text=True)

    current = re.search(r'<a class="nav-link active" aria-current="page" href="([^"]+)"', html)
    assert current and current[1] == "/bureau/events"
