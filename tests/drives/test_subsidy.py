"""The subsidy roster: who reached the stable-employment threshold in a period, per county, with what is missing."""
import io
from datetime import date

import openpyxl
import pytest
import sqlalchemy as sa

from recruit.applications import services as application_services
from recruit.audit.models import AuditEvent
from recruit.domain.errors import RuleError
from recruit.drives import subsidy
from tests.drives.conftest import FAR
from tests.drives.conftest import ORIGIN
from tests.helpers import signed_in

YEAR = (date(2023, 1, 1), date(2023, 12, 31))
CONFIRMATION, TRAVEL = "confirmation", "travel"


@pytest.fixture
def roster_season(season, db):
    """Beside the season: a worker who came on their own, started on 1 March and has not been asked yet."""
    season.late.onboarded_on = date(2023, 3, 1)
    application_services.move(season.late, "onboarded", season.staff)
    db.session.commit()
    return season


def listed(entries):
    """The entries by county and application: the roster's own order within a day is by name."""
    counties = [entry.county for entry in entries]
    assert counties == sorted(counties)
    return sorted((entry.county, entry.application.id, entry.reached_on, entry.missing)
                  for entry in entries)


def test_the_roster_lists_who_stayed_three_months_with_the_missing_evidence(roster_season):
    s = roster_season
    # Counted by hand: the worker who left on 2 April is not listed; the others reached three months.
    assert listed(subsidy.roster(*YEAR, 3)) == [
        (ORIGIN, s.worker.id, date(2023, 5, 22), []),
        (ORIGIN, s.fair_worker.id, date(2023, 5, 22), [TRAVEL]),
        (ORIGIN, s.late.id, date(2023, 6, 1), [CONFIRMATION, TRAVEL]),
    ] + [(FAR, s.far_worker.id, date(2023, 5, 22), [])]


def test_a_longer_threshold_needs_the_later_answer(roster_season):
    s = roster_season
    six = CONFIRMATION
    assert listed(subsidy.roster(*YEAR, 6)) == [
        (ORIGIN, s.worker.id, date(2023, 8, 22), []),
        (ORIGIN, s.fair_worker.id, date(2023, 8, 22), [six, TRAVEL]),
        (ORIGIN, s.late.id, date(2023, 9, 1), [six, TRAVEL]),
    ] + [(FAR, s.far_worker.id, date(2023, 8, 22), [six])]


def test_a_worker_counts_in_the_period_their_threshold_day_falls_in(roster_season):
    s = roster_season
    june = subsidy.roster(date(2023, 6, 1), date(2023, 6, 30), 3)
    assert [entry.application.id for entry in june] == [s.late.id]
    may = subsidy.roster(date(2023, 5, 1), date(2023, 5, 31), 3)
    assert s.late.id not in [entry.application.id for entry in may] and len(may) == 3
    assert subsidy.roster(date(2023, 5, 23), date(2023, 5, 31), 3) == []
    assert subsidy.roster(*YEAR, 3, today=date(2023, 5, 31)) != [] and all(
        entry.reached_on <= date(2023, 5, 31) for entry in subsidy.roster(*YEAR, 3, today=date(2023, 5, 31)))


def test_a_worker_who_left_after_the_threshold_still_counts(roster_season, db):
    s = roster_season
    s.other_worker.onboarded_on = date(2022, 12, 1)
    db.session.commit()
    entry = next(entry for entry in subsidy.roster(date(2022, 1, 1), date(2023, 12, 31), 3)
                 if entry.application.id == s.other_worker.id)
    assert entry.left_on == date(2023, 4, 2) and entry.reached_on == date(2023, 3, 1)


def test_one_county_and_a_partners_regions(roster_season):
    s = roster_season
    assert [entry.application.id for entry in subsidy.roster(*YEAR, 3, county=FAR)] == [s.far_worker.id]
    assert {entry.county for entry in subsidy.roster(*YEAR, 3, region_codes=[ORIGIN])} == {ORIGIN}
    assert subsidy.roster(*YEAR, 3, region_codes=[FAR], county=ORIGIN) == []


@pytest.mark.parametrize("months", [0, 25, -1, True, None])
def test_a_threshold_out_of_range_is_refused(roster_season, months):
    with pytest.raises(RuleError) as refused:
        subsidy.roster(*YEAR, months)
    assert refused.value.problems[0].field == "months"


def test_the_bureau_reads_the_roster_and_downloads_it(app, roster_season, db):
    s = roster_season
    client = signed_in(app.test_client(), s.bureau)
    page = client.get("/bureau/reports/subsidy-roster?starts_on=2023-01-01&ends_on=2023-12-31&months=3")
    text = page.get_data(as_text=True)
    assert page.status_code == 200 and 'data-roster-total="4"' in text
    assert f'data-roster-application="{s.other_worker.id}"' not in text
    assert "The employer's answer that the worker is still there at 3 months" in text and "Complete" in text
    response = client.get("/bureau/reports/subsidy-roster.xlsx?starts_on=2023-01-01&ends_on=2023-12-31&months=3")
    assert response.status_code == 200
    workbook = openpyxl.load_workbook(io.BytesIO(response.data))
    assert len(workbook.worksheets) == 4  # the cover, by county, and one sheet per county
    counts = [row for row in workbook.worksheets[1].iter_rows(min_row=2, values_only=True) if row[0]]
    assert sorted((row[0], row[2], row[3]) for row in counts) == [(ORIGIN, 3, 1), (FAR, 1, 1)]
    weining = workbook.worksheets[2]
    header = [column.key for column in subsidy.ROSTER_COLUMNS]  # the workbook is in the bureau's language
    names = [row[header.index("name")] for row in weining.iter_rows(min_row=2, values_only=True)
             if isinstance(row[0], int)]
    assert names == [s.worker.seeker.name, s.fair_worker.seeker.name, s.late.seeker.name]
    ids = [row[header.index("id_number")] for row in weining.iter_rows(min_row=2, values_only=True)
           if isinstance(row[0], int)]
    assert all("*" in value for value in ids)
    entry = db.session.scalars(sa.select(AuditEvent).where(AuditEvent.action == "subsidy_roster_exported")).one()
    assert entry.detail["rows"] == 4 and entry.detail["months"] == 3 and entry.detail["regions"] is None


def test_partner_staff_get_their_regions_roster_only(app, roster_season, db):
    s = roster_season
    client = signed_in(app.test_client(), s.far_partner)
    text = client.get("/partner/reports/subsidy-roster?starts_on=2023-01-01&ends_on=2023-12-31&months=3"
                      ).get_data(as_text=True)
    assert f'data-roster-application="{s.far_worker.id}"' in text
    assert f'data-roster-application="{s.worker.id}"' not in text
    crafted = client.get(f"/partner/reports/subsidy-roster.xlsx?starts_on=2023-01-01&ends_on=2023-12-31&months=3"
                         f"&county={ORIGIN}")
    assert crafted.status_code == 200 and "Choose one from the list." in crafted.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(AuditEvent).where(
        AuditEvent.action == "subsidy_roster_exported")) == 0
    response = client.get("/partner/reports/subsidy-roster.xlsx?starts_on=2023-01-01&ends_on=2023-12-31&months=3")
    assert len(openpyxl.load_workbook(io.BytesIO(response.data)).worksheets) == 3
    entry = db.session.scalars(sa.select(AuditEvent).where(AuditEvent.action == "subsidy_roster_exported")).one()
    assert entry.detail["regions"] == [FAR] and entry.detail["rows"] == 1


@pytest.mark.parametrize("query, field_error", [
    ("starts_on=2023-12-31&ends_on=2023-01-01&months=3", "The last day cannot be before the first."),
    ("starts_on=2023-01-01&ends_on=2023-12-31&months=0", "The threshold is a whole number of months from 1 to 24."),
    ("starts_on=2023-01-01&ends_on=2023-12-31&months=abc", "Not a valid integer value."),
    ("starts_on=yesterday&ends_on=2023-12-31&months=3", "Not a valid date value."),
])
def test_bad_filters_get_a_message_and_no_file(app, roster_season, db, query, field_error):
    client = signed_in(app.test_client(), roster_season.bureau)
    for path in ("/bureau/reports/subsidy-roster", "/bureau/reports/subsidy-roster.xlsx"):
        response = client.get(f"{path}?{query}")
        assert response.status_code == 200 and response.mimetype == "text/html"
        assert field_error in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(AuditEvent).where(
        AuditEvent.action == "subsidy_roster_exported")) == 0


def test_the_page_opens_on_this_year_at_the_configured_threshold(app, roster_season):
    app.config["SUBSIDY_MONTHS"] = 6
    text = signed_in(app.test_client(), roster_season.bureau).get("/bureau/reports/subsidy-roster").get_data(
        as_text=True)
    assert 'name="months" type="number" value="6"' in text or 'value="6"' in text
    assert 'data-roster-total="0"' in text  # nobody reaches a threshold in this year


def test_employers_and_seekers_get_no_roster(app, roster_season):
    for user in (roster_season.staff, roster_season.worker.seeker.user):
        client = signed_in(app.test_client(), user)
        assert client.get("/bureau/reports/subsidy-roster").status_code in (403, 404)
        assert client.get("/partner/reports/subsidy-roster.xlsx").status_code == 403
