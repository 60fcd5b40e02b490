"""Events: created and edited in Beijing time, stored in UTC; booths unique within an event."""
from datetime import datetime

import sqlalchemy as sa

from recruit.audit.models import AuditEvent
from recruit.events.models import Event
from recruit.events.models import Participation
from tests import factories

FORM = {
    "name": "2023年威宁跨省招工专场", "kind": "cross_province", "starts_at": "2023-03-01T09:00",
    "ends_at": "2023-03-01T16:30", "venue": "威宁县人力资源市场", "host_region_code": "520526",
    "origin_region_codes": "520526, 520500", "status": "draft", "report_frequency": "daily",
    "report_time": "18:00", "report_weekday": "0",
    "description": "衢江企业赴威宁招工",
}


def events(db):
    return db.session.scalars(sa.select(Event)).all()


def test_an_event_is_created_in_beijing_time_and_stored_in_utc(bureau, db):
    response = bureau.post("/bureau/events/new", data=FORM)

    assert response.status_code == 302
    [event] = events(db)
    assert event.starts_at == datetime(2023, 3, 1, 1, 0)
    assert event.ends_at == datetime(2023, 3, 1, 8, 30)
    assert event.origin_region_codes == ["520526", "520500"]
    assert event.report_cron == "0 18 * * *"
    assert response.headers["Location"].endswith(f"/bureau/events/{event.id}")
    audit = db.session.scalar(sa.select(AuditEvent).where(AuditEvent.target_type == "Event"))
    assert (audit.action, audit.target_id) == ("event_created", event.id)

    form = bureau.get(f"/bureau/events/{event.id}/edit").get_data(as_text=True)
    assert 'value="2023-03-01T09:00"' in form
    assert 'value="2023-03-01T16:30"' in form
    assert "2023-03-01 09:00" in bureau.get(f"/bureau/events/{event.id}").get_data(as_text=True)


def test_editing_an_event_keeps_beijing_time(bureau, db):
    event = factories.create_event(status="draft")
    db.session.commit()

    response = bureau.post(f"/bureau/events/{event.id}/edit",
                           data={**FORM, "starts_at": "2023-03-02T08:00", "ends_at": "2023-03-02T12:00",
                                 "status": "published"})

    assert response.status_code == 302
    db.session.expire_all()
    event = db.session.get(Event, event.id)
    assert (event.starts_at, event.ends_at, event.status) == (datetime(2023, 3, 2), datetime(2023, 3, 2, 4),
                                                              "published")
    update = db.session.scalar(sa.select(AuditEvent).where(AuditEvent.action == "event_updated"))
    assert "starts_at" in update.detail["fields"] and "status" in update.detail["fields"]


def test_the_schedule_is_set_in_plain_terms_and_kept_as_a_cron(bureau, db):
    response = bureau.post("/bureau/events/new", data={**FORM, "report_frequency": "weekly", "report_time": "09:30",
                                                        "report_weekday": "4"})

    assert response.status_code == 302
    [event] = events(db)
    assert event.report_cron == "30 9 * * fri"
    bureau.get("/lang/en")
    assert "Every Friday at 09:30" in bureau.get(f"/bureau/events/{event.id}").get_data(as_text=True)
    form = bureau.get(f"/bureau/events/{event.id}/edit").get_data(as_text=True)
    assert '<option selected value="weekly">' in form and 'value="09:30"' in form
    assert '<option selected value="4">' in form


def test_only_a_final_report_keeps_no_cron(bureau, db):
    bureau.post("/bureau/events/new", data={**FORM, "report_frequency": "close", "report_time": ""})

    [event] = events(db)
    assert event.report_cron == ""


def test_an_older_custom_cron_is_kept_unless_another_schedule_is_picked(bureau, db):
    event = factories.create_event(status="draft")
    event.report_cron = "0 8,18 * * *"
    db.session.commit()

    form = bureau.get(f"/bureau/events/{event.id}/edit").get_data(as_text=True)
    assert '<option selected value="custom">' in form
    bureau.post(f"/bureau/events/{event.id}/edit", data={**FORM, "report_frequency": "custom"})
    db.session.expire_all()
    assert db.session.get(Event, event.id).report_cron == "0 8,18 * * *"


def test_a_bad_schedule_is_a_field_error_and_nothing_is_saved(bureau, db):
    response = bureau.post("/bureau/events/new", data={**FORM, "report_frequency": "weekly", "report_time": "",
                                                        "report_weekday": "9"})

    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert 'id="report_time-error"' in page and 'id="report_weekday-error"' in page
    page = bureau.post("/bureau/events/new", data={**FORM, "report_frequency": "hourly"}).get_data(as_text=True)
    assert 'id="report_frequency-error"' in page
    assert events(db) == []


def test_an_end_before_the_start_is_a_field_error_and_nothing_is_saved(bureau, db):
    response = bureau.post("/bureau/events/new", data={**FORM, "ends_at": "2023-03-01T08:00"})

    page = response.get_data(as_text=True)
    assert 'id="ends_at-error"' in page
    assert "The end must not be before the start." in page
    assert events(db) == []


def test_a_cross_province_drive_needs_valid_origin_regions(bureau, db):
    page = bureau.post("/bureau/events/new", data={**FORM, "origin_region_codes": ""}).get_data(as_text=True)
    assert "A cross-province drive needs at least one origin region." in page
    page = bureau.post("/bureau/events/new", data={**FORM, "origin_region_codes": "520526, 999999"}).get_data(
        as_text=True)
    assert "999999 is not a region code" in page
    page = bureau.post("/bureau/events/new", data={**FORM, "origin_region_codes": "522427"}).get_data(
        as_text=True)
    assert "522427 is a former code: use 520526." in page
    assert events(db) == []


def test_employers_take_part_with_booths_unique_within_the_event(bureau, db):
    event = factories.create_event()
    other_event = factories.create_event()
    first = factories.create_employer(name="衢江第一企业")
    second = factories.create_employer(name="衢江第二企业")
    factories.add_participation(other_event, second, booth="A01")
    db.session.commit()

    bureau.post(f"/bureau/events/{event.id}/participations", data={"employer_id": first.id, "booth": "a01"})
    response = bureau.post(f"/bureau/events/{event.id}/participations",
                           data={"employer_id": second.id, "booth": "A01"})

    assert "Booth A01 is already given to another employer at this event." in response.get_data(as_text=True)
    rows = db.session.scalars(sa.select(Participation).where(Participation.event_id == event.id)).all()
    assert [(p.employer_id, p.booth, p.approved) for p in rows] == [(first.id, "A01", True)]


def test_a_booth_is_changed_approved_and_removed(bureau, db):
    event = factories.create_event()
    first = factories.add_participation(event, factories.create_employer(), booth="A01")
    second = factories.add_participation(event, factories.create_employer(), booth="A02", approved=False)
    db.session.commit()

    taken = bureau.post(f"/bureau/participations/{second.id}/booth", data={"booth": "A01"})
    assert f'id="booth-{second.id}-error"' in taken.get_data(as_text=True)
    bureau.post(f"/bureau/participations/{second.id}/booth", data={"booth": "B07"})
    bureau.post(f"/bureau/participations/{second.id}/approve")
    bureau.post(f"/bureau/participations/{first.id}/remove")

    db.session.expire_all()
    rows = db.session.scalars(sa.select(Participation).where(Participation.event_id == event.id)).all()
    assert [(p.id, p.booth, p.approved) for p in rows] == [(second.id, "B07", True)]


def test_only_approved_employers_can_be_added(bureau, db):
    event = factories.create_event()
    pending = factories.create_employer(status="pending", name="待审核企业")
    db.session.commit()

    page = bureau.get(f"/bureau/events/{event.id}").get_data(as_text=True)
    assert "待审核企业" not in page
    response = bureau.post(f"/bureau/events/{event.id}/participations", data={"employer_id": pending.id})
    assert response.status_code == 200
    assert db.session.scalars(sa.select(Participation)).all() == []


def test_the_event_page_shows_live_figures(bureau, db):
    event = factories.create_event(anonymous_visitors=12)
    posting = factories.create_posting(events=[event], headcount=8)
    factories.create_application(posting=posting, event=event, status="intent")
    db.session.commit()

    page = bureau.get(f"/bureau/events/{event.id}").get_data(as_text=True)

    assert 'data-figure="visitors">12<' in page
    assert 'data-figure="positions">8<' in page
    assert 'data-figure="intents">1<' in page
    assert posting.title in page
