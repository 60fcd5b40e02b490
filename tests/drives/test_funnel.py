"""The outcome funnel: per event and hometown county, each step matches a count made another way."""
import io
from datetime import date
from datetime import datetime

import openpyxl
import pytest
import sqlalchemy as sa

from recruit.applications.models import Application
from recruit.audit.models import AuditEvent
from recruit.checkin.models import Checkin
from recruit.drives.models import BatchMember
from recruit.drives.models import RetentionCheck
from recruit.reports import funnel
from recruit.reports import scope as scopes
from recruit.reports import summary
from recruit.seekers.models import Seeker
from tests import factories
from tests.drives.conftest import FAR
from tests.drives.conftest import ORIGIN
from tests.helpers import signed_in


def independent(db, event, county, cutoff):
    """The steps counted from the rows themselves, one person at a time."""
    def of_county(seeker_ids):
        return {i for i in seeker_ids if db.session.get(Seeker, i).hometown_code == county}

    applications = db.session.scalars(sa.select(Application).where(Application.event_id == event.id)).all()
    came = of_county(c.seeker_id for c in db.session.scalars(sa.select(Checkin).where(Checkin.event_id == event.id)))
    applicants = of_county(a.seeker_id for a in applications)
    registered = {s.id for s in db.session.scalars(sa.select(Seeker).where(Seeker.hometown_code == county))
                  if s.created_at <= cutoff} | came | applicants

    def at(statuses):
        return of_county(a.seeker_id for a in applications if a.status in statuses)

    members = {m.application_id: m.batch for m in db.session.scalars(sa.select(BatchMember))}
    stayed = {kind: of_county(c.application.seeker_id for c in db.session.scalars(sa.select(RetentionCheck))
                              if c.kind == kind and c.outcome == "stayed" and c.application.event_id == event.id)
              for kind in ("3m", "6m")}
    departed = of_county(a.seeker_id for a in applications if a.id in members and members[a.id].departed_at)
    return {"registered": len(registered), "checked_in": len(came), "applied": len(applicants),
            "intents": len(at(("intent", "signed", "onboarded", "retained"))),
            "signed": len(at(("signed", "onboarded", "retained"))),
            "departed": len(departed) if event.kind == "cross_province" else None,
            "onboarded": len(at(("onboarded", "retained"))),
            "retained_3m": len(stayed["3m"]), "retained_6m": len(stayed["6m"])}


def test_every_step_of_every_county_matches_an_independent_count(season, db):
    found = funnel.rows(scopes.for_dates(date(2023, 1, 1), date(2023, 12, 31)))
    assert {(row.event.id, row.county) for row in found} == {
        (season.event.id, ORIGIN), (season.event.id, FAR), (season.fair.id, ORIGIN)}
    for row in found:
        assert row.counts == independent(db, row.event, row.county, row.event.ends_at), (row.event.name, row.county)


def test_the_drive_loses_people_step_by_step_as_it_happened(season):
    weining = next(row for row in funnel.rows(scopes.for_event(season.event)) if row.county == ORIGIN)
    # Six registered by the drive's end and five came; all five applied, four reached an intent, three signed and
    # two travelled. Both started work; one left within three months, the other is still there at six.
    assert weining.counts == {"registered": 6, "checked_in": 5, "applied": 5, "intents": 4, "signed": 3,
                              "departed": 2, "onboarded": 2, "retained_3m": 1, "retained_6m": 1}
    rates = {key: rate for key, _, _, rate in weining.steps()}
    assert rates["registered"] is None
    assert rates["departed"] == pytest.approx(2 / 3) and rates["retained_3m"] == pytest.approx(0.5)


def test_a_fair_has_no_travel_step_and_onboarding_follows_the_signing(season):
    row = funnel.rows(scopes.for_event(season.fair))[0]
    assert row.counts["departed"] is None
    steps = {key: (count, rate) for key, _, count, rate in row.steps()}
    assert "departed" not in steps
    assert steps["onboarded"] == (1, 1.0)
    assert steps["retained_3m"] == (1, 1.0)


def test_a_partner_sees_only_the_counties_of_its_regions(season):
    rows = funnel.rows(scopes.for_event(season.event, region_codes=[FAR]))
    assert [(row.county, row.counts["departed"], row.counts["retained_3m"]) for row in rows] == [(FAR, 1, 1)]


def test_the_funnel_is_as_of_the_scopes_time(season, db):
    before = funnel.rows(scopes.for_event(season.event, as_of=datetime(2023, 1, 20)))
    assert before == [] or all(row.counts["checked_in"] == 0 for row in before)


def test_the_summary_carries_the_funnel_in_its_origin_part(season):
    document = summary.summary(scopes.for_event(season.event))
    keys = [section.key for section in document.sections]
    assert keys.index("funnel") == keys.index("provinces") + 1
    weining = next(row for row in document.section("funnel").rows if row[1] == ORIGIN)
    assert weining[0] == season.event.name and weining[3] == 6


def test_the_bureau_reads_the_funnel_on_the_events_reports_page_and_downloads_it(app, season, db):
    client = signed_in(app.test_client(), season.bureau)
    page = client.get(f"/bureau/events/{season.event.id}/reports").get_data(as_text=True)
    assert f'data-funnel-county="{ORIGIN}"' in page and "Still there at 6 months" in page
    response = client.get(f"/bureau/events/{season.event.id}/funnel.xlsx")
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(response.data)).worksheets[1]
    header = [column.key for column in funnel.columns()]  # the workbook is in the bureau's language
    weining = next(row for row in sheet.iter_rows(min_row=2, values_only=True) if row[1] == ORIGIN)
    assert weining[header.index("departed")] == 2
    entry = db.session.scalars(sa.select(AuditEvent).where(AuditEvent.action == "funnel_exported")).one()
    assert entry.user_id == season.bureau.id and entry.target_id == season.event.id


def test_partner_staff_read_their_regions_funnel_only(app, season, db):
    client = signed_in(app.test_client(), season.far_partner)
    page = client.get(f"/partner/events/{season.event.id}/funnel").get_data(as_text=True)
    assert f'data-funnel-county="{FAR}"' in page and f'data-funnel-county="{ORIGIN}"' not in page
    response = client.get(f"/partner/events/{season.event.id}/reports/funnel.xlsx")
    assert response.status_code == 200
    rows = list(openpyxl.load_workbook(io.BytesIO(response.data)).worksheets[1].iter_rows(min_row=2,
                                                                                           values_only=True))
    assert [row[1] for row in rows if row[1]] == [FAR]  # the note follows the table
    entry = db.session.scalars(sa.select(AuditEvent).where(AuditEvent.action == "report_exported")).one()
    assert entry.detail["kind"] == "funnel" and entry.detail["regions"] == [FAR]


def test_partner_staff_get_no_funnel_of_an_unpublished_event(app, season, db):
    draft = factories.create_event(status="draft", name="筹备中的专场")
    client = signed_in(app.test_client(), season.partner)
    assert client.get(f"/partner/events/{draft.id}/funnel").status_code == 404
    assert client.get(f"/partner/events/{draft.id}/reports/funnel.xlsx").status_code == 404
    assert signed_in(app.test_client(), season.staff).get(
        f"/partner/events/{season.event.id}/funnel").status_code == 403
