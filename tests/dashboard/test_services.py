"""The big screen's figures, read from check-ins, gate counts and applications as the desks leave them."""
from datetime import datetime

from recruit.checkin.models import VisitorCount
from recruit.dashboard import services
from recruit.extensions import db as _db
from tests import factories


def checked_in(event, hometown, at):
    """A seeker from `hometown` checked in at `at` (naive UTC)."""
    seeker = factories.create_seeker(region_code=hometown)
    factories.create_checkin(seeker, event).at = at
    return seeker


def counted(event, delta, at, client_id):
    _db.session.add(VisitorCount(event_id=event.id, delta=delta, at=at, client_id=client_id))
    event.anonymous_visitors += delta


def test_the_headline_figures_count_check_ins_the_gate_applications_and_intents(db):
    event = factories.create_event()
    posting = factories.create_posting(events=[event])
    seekers = [checked_in(event, "520526", datetime(2023, 1, 28, 1, 12)) for _ in range(3)]
    counted(event, 40, datetime(2023, 1, 28, 1, 20), "gate-1")
    for seeker, status in zip(seekers, ("applied", "intent", "signed"), strict=True):
        factories.create_application(seeker=seeker, posting=posting, event=event, status=status)
    _db.session.flush()

    stats = services.stats(event)

    assert (stats["visitors"], stats["checked_in"], stats["anonymous"]) == (43, 3, 40)
    assert (stats["applications"], stats["intents"]) == (3, 2)
    assert stats["event"] == {"id": event.id, "name": event.name, "status": "published"}


def test_top_employers_count_people_at_intent_or_beyond_with_their_booths(db):
    event = factories.create_event()
    busy = factories.create_employer(name="衢州元立金属制品有限公司")
    quiet = factories.create_employer(name="浙江开山压缩机有限公司")
    absent = factories.create_employer(name="衢江区某物流公司")  # only applications, no intent: not listed
    factories.add_participation(event, busy, booth="A08")
    factories.add_participation(event, quiet, booth="B12")
    busy_jobs = [factories.create_posting(busy, events=[event]) for _ in range(2)]
    seeker = factories.create_seeker()
    for posting in busy_jobs:  # one person with intents at two of its postings is one person
        factories.create_application(seeker=seeker, posting=posting, event=event, status="intent")
    factories.create_application(posting=busy_jobs[0], event=event, status="signed")
    factories.create_application(posting=factories.create_posting(quiet, events=[event]), event=event,
                                 status="intent")
    factories.create_application(posting=factories.create_posting(absent, events=[event]), event=event)

    assert services.top_employers(event) == [
        {"name": "衢州元立金属制品有限公司", "booth": "A08", "intents": 2},
        {"name": "浙江开山压缩机有限公司", "booth": "B12", "intents": 1},
    ]


def test_arrivals_fall_in_the_hours_of_the_bureaus_clock(db):
    event = factories.create_event()
    checked_in(event, "520526", datetime(2023, 1, 28, 1, 12))  # 09:12 in Qujiang
    checked_in(event, "520526", datetime(2023, 1, 28, 1, 59))
    checked_in(event, "330803", datetime(2023, 1, 28, 3, 5))  # 11:05
    counted(event, 10, datetime(2023, 1, 28, 1, 30), "gate-1")
    counted(event, -1, datetime(2023, 1, 28, 1, 31), "gate-2")  # an undo at the gate
    counted(event, 5, datetime(2023, 1, 28, 2, 0), "gate-3")

    assert services.arrivals_per_hour(event) == [
        {"hour": "09:00", "checked_in": 2, "anonymous": 9},
        {"hour": "10:00", "checked_in": 0, "anonymous": 5},
        {"hour": "11:00", "checked_in": 1, "anonymous": 0},
    ]


def test_the_hours_of_an_event_over_two_days_carry_their_day(db):
    event = factories.create_event(ends_at=datetime(2023, 1, 29, 8, 0))
    checked_in(event, "520526", datetime(2023, 1, 28, 1, 12))  # 09:12 on the first day in Qujiang
    checked_in(event, "520526", datetime(2023, 1, 28, 16, 30))  # 00:30 on the second day
    checked_in(event, "330803", datetime(2023, 1, 29, 1, 5))  # 09:05 on the second day

    assert [hour["hour"] for hour in services.arrivals_per_hour(event)] == ["01-28 09:00", "01-29 00:00",
                                                                          "01-29 09:00"]


def test_origins_group_the_checked_in_by_prefecture(db):
    event = factories.create_event()
    other_event = factories.create_event()
    for hometown in ("520526", "520526", "520502", "330803"):  # Weining and Qixingguan are both in Bijie
        checked_in(event, hometown, datetime(2023, 1, 28, 1, 30))
    checked_in(other_event, "330803", datetime(2023, 1, 28, 1, 30))

    assert services.origins(event) == [
        {"code": "520500", "name": "贵州省毕节市", "checked_in": 3},
        {"code": "330800", "name": "浙江省衢州市", "checked_in": 1},
    ]


def test_an_event_nobody_came_to_has_empty_figures(db):
    stats = services.stats(factories.create_event())

    assert (stats["visitors"], stats["intents"], stats["top_employers"], stats["arrivals"], stats["origins"]) == (
        0, 0, [], [], [])
