"""The event services hold every rule without a form: each bad value is refused and nothing is written."""
from datetime import datetime

import pytest
import sqlalchemy as sa

from recruit.applications.models import Application
from recruit.domain.errors import RuleError
from recruit.events import services
from recruit.events.models import Event
from recruit.events.models import Participation
from recruit.extensions import db as _db
from tests import factories


def event_values(**overrides):
    values = dict(name="2023年威宁跨省招工专场", kind="cross_province", starts_at=datetime(2023, 3, 1, 9, 0),
                  ends_at=datetime(2023, 3, 1, 16, 30), venue="威宁县人力资源市场", host_region_code="520526",
                  origin_region_codes=["520526"], status="draft", report_cron="0 18 * * *", description="")
    values.update(overrides)
    return values


def events():
    return _db.session.scalar(sa.select(sa.func.count()).select_from(Event))


def refused(**overrides):
    with pytest.raises(RuleError) as raised:
        services.create_event(event_values(**overrides), factories.create_user("bureau"))
    assert events() == 0
    return {(problem.field, problem.code) for problem in raised.value.problems}


def test_times_typed_in_beijing_are_stored_in_utc(db):
    event = services.create_event(event_values(), factories.create_user("bureau"))
    assert (event.starts_at, event.ends_at) == (datetime(2023, 3, 1, 1, 0), datetime(2023, 3, 1, 8, 30))


@pytest.mark.parametrize(("overrides", "problem"), [
    ({"host_region_code": "999999"}, ("host_region_code", "region")),
    ({"origin_region_codes": ["zzz"]}, ("origin_region_codes", "region_in_list")),
    ({"origin_region_codes": "520526"}, ("origin_region_codes", "list")),
    ({"origin_region_codes": []}, ("origin_region_codes", "origins")),
    ({"name": ""}, ("name", "required")),
    ({"name": "会" * 201}, ("name", "too_long")),
    ({"kind": "party"}, ("kind", "choice")),
    ({"status": "open"}, ("status", "choice")),
    ({"starts_at": datetime(1, 1, 1)}, ("starts_at", "datetime_range")),
    ({"ends_at": datetime(9999, 12, 31, 23, 59)}, ("ends_at", "datetime_range")),
    ({"ends_at": datetime(2023, 3, 1, 8, 0)}, ("ends_at", "dates")),
    ({"starts_at": "2023-03-01"}, ("starts_at", "datetime")),
    ({"report_cron": "0 18 * *"}, ("report_cron", "cron")),
    ({"report_cron": "0 " * 60}, ("report_cron", "too_long")),
])
def test_each_bad_value_is_refused(db, overrides, problem):
    assert refused(**overrides) == {problem}


@pytest.mark.parametrize(("booth", "code"), [("ß" * 11, "too_long"), (7, "text")])
def test_a_booth_is_measured_as_it_is_stored(db, booth, code):
    """"ß".upper() is "SS": eleven of them are 22 characters, past the column's 20."""
    event = factories.create_event()
    with pytest.raises(RuleError) as raised:
        services.add_participation(event, factories.create_employer(), booth, factories.create_user("bureau"))
    assert (raised.value.field, raised.value.code) == ("booth", code)
    assert _db.session.scalars(sa.select(Participation)).all() == []


def test_removing_an_employer_takes_its_postings_off_the_event(db):
    event = factories.create_event()
    employer = factories.create_employer()
    participation = factories.add_participation(event, employer)
    posting = factories.create_posting(employer, events=[event])

    services.remove_participation(participation, factories.create_user("bureau"))

    assert event not in posting.events
    assert services.figures_for([event])[event.id].postings == 0


def test_an_employer_whose_postings_were_applied_for_at_the_event_stays(db):
    event = factories.create_event()
    employer = factories.create_employer(name="衢江留任企业")
    participation = factories.add_participation(event, employer)
    posting = factories.create_posting(employer, events=[event])
    factories.create_application(posting=posting, event=event)

    with pytest.raises(RuleError) as raised:
        services.remove_participation(participation, factories.create_user("bureau"))

    assert raised.value.code == "participation_has_applications" and "衢江留任企业" in raised.value.message
    assert event in posting.events
    assert _db.session.scalar(sa.select(sa.func.count()).select_from(Application)) == 1
