"""Every figure of the match summary and the statistics sheet, checked against counts made with plain SQL.

The expected numbers are written here as SQL text from the definitions (DESIGN §3), not with the report's own
SQLAlchemy expressions, so that a mistake in either shows up as a difference instead of being repeated. The data
is one `recruit demo` load, shared by the whole module; each test's own changes are rolled back.
"""
import csv
import io
import json
import re
import zipfile
from dataclasses import dataclass
from datetime import datetime
from datetime import timedelta

import openpyxl
import pytest
import sqlalchemy as sa
from markupsafe import escape

from recruit.applications import services as applications
from recruit.applications.models import STATUSES
from recruit.applications.models import Application
from recruit.core import clock
from recruit.core import crypto
from recruit.demo import generator
from recruit.demo.timeline import FAIR_END
from recruit.events.models import Event
from recruit.extensions import db
from recruit.matching import services as matching
from recruit.reports import formats
from recruit.reports import scope as scopes
from recruit.reports import summary as summaries
from recruit.reports.document import Percent
from recruit.reports.document import Ratio
from tests import factories

SCALE = 0.05
SEED = 11
WEINING = "520526"
INTENT = "('intent', 'signed', 'onboarded', 'retained')"
SIGNED = "('signed', 'onboarded', 'retained')"
ONBOARDED = "('onboarded', 'retained')"
# The rows of the overview and of the statistics sheet, in the order the bureau reads them.
OVERVIEW = ("visitors", "anonymous", "seekers", "checked_in", "employers", "postings", "positions", "applications",
            "intents", "intent_applications", "signed", "onboarded", "intent_rate", "vacancy_ratio")
SHEET = ("employers", "postings", "positions", "visitors", "intents", "signed")
MATCHING = ("matched_on", "seekers", "good_matches", "good_share", "postings", "hard_to_fill", "placed")
# 18 characters of an ID number, not the digits of a decimal fraction.
FULL_ID_NUMBER = re.compile(r"(?<![\d.])\d{17}[\dXx](?![\d.])")

# What the report counts, as of :as_of, for the event :event: each application at the status of its last change
# by then, the check-ins by then, the seekers who did either, and the event's postings that were ever public.
SCOPE_SQL = """
WITH scope_apps AS (
    SELECT a.id, a.seeker_id, a.posting_id, c.to_status AS status
    FROM applications a
    JOIN application_changes c ON c.application_id = a.id
    JOIN seekers s ON s.id = a.seeker_id
    WHERE a.event_id = :event AND c.at <= :as_of {regions}
      AND NOT EXISTS (SELECT 1 FROM application_changes later
                      WHERE later.application_id = a.id AND later.at <= :as_of
                        AND (later.at > c.at OR (later.at = c.at AND later.id > c.id)))
), scope_checkins AS (
    SELECT k.seeker_id FROM checkins k JOIN seekers s ON s.id = k.seeker_id
    WHERE k.event_id = :event AND k.at <= :as_of {regions}
), scope_seekers AS (
    SELECT seeker_id FROM scope_checkins UNION SELECT seeker_id FROM scope_apps
), scope_postings AS (
    SELECT p.id, p.employer_id, p.occupation_code, p.headcount FROM postings p
    JOIN posting_events pe ON pe.posting_id = p.id
    WHERE pe.event_id = :event AND p.status IN ('open', 'filled', 'closed') AND p.created_at <= :as_of
), approved AS (
    SELECT employer_id, booth FROM participations WHERE event_id = :event AND approved = true
)
"""


@dataclass(frozen=True)
class Case:
    """A summary to check: an event, as of a time (None: now), for a partner's regions or for everyone."""

    event_id: int
    as_of: datetime | None = None
    regions: tuple[str, ...] = ()


CASES = {
    "fair": Case(generator.FAIR_ID),
    "fair at its close": Case(generator.FAIR_ID, as_of=FAIR_END),
    "fair a week on": Case(generator.FAIR_ID, as_of=FAIR_END + timedelta(days=7)),
    "fair for Weining": Case(generator.FAIR_ID, regions=(WEINING,)),
    "drive": Case(generator.DRIVE_ID),
    "drive for Weining": Case(generator.DRIVE_ID, regions=(WEINING,)),
}


@dataclass
class Made:
    scope: scopes.Scope
    document: object

    def rows(self, key):
        return self.document.section(key).rows


@pytest.fixture(scope="module")
def demo(app):
    """One `recruit demo` load with a match run of the fair; the tables are emptied after the module."""
    with app.app_context():
        result = app.test_cli_runner().invoke(args=["demo", "--scale", str(SCALE), "--seed", str(SEED)])
        assert result.exit_code == 0, result.output
        matching.run_event(db.session.get(Event, generator.FAIR_ID))
        db.session.commit()
        yield result.output
        db.session.rollback()
        with db.engine.begin() as conn:
            if conn.dialect.name == "postgresql":
                names = ", ".join(f'"{t.name}"' for t in db.metadata.sorted_tables)
                conn.execute(sa.text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
            else:
                for table in reversed(db.metadata.sorted_tables):
                    conn.execute(table.delete())
        db.session.remove()
        db.engine.dispose()


@pytest.fixture(autouse=True)
def undone(demo):
    """What a test changes is rolled back: the next one sees the demo as it was loaded."""
    yield
    db.session.rollback()


@pytest.fixture(scope="module")
def made(demo):
    """The summary of each case, made once (as of the moment it is first asked for when the case says now)."""
    documents = {}

    def make(name):
        if name not in documents:
            case = CASES[name]
            scope = scopes.for_event(db.session.get(Event, case.event_id), as_of=case.as_of,
                                     region_codes=case.regions)
            documents[name] = Made(scope, summaries.summary(scope))
        return documents[name]

    return make


def query(sql, **params):
    """Rows of plain SQL (lists bound for IN); datetimes bound as the database stores them."""
    statement = sa.text(sql)
    if "as_of" in params:
        statement = statement.bindparams(sa.bindparam("as_of", type_=sa.DateTime()))
    for name, value in params.items():
        if isinstance(value, list):
            statement = statement.bindparams(sa.bindparam(name, expanding=True))
    result = db.session.execute(statement, params)
    return result.all() if result.returns_rows else None


def scoped(scope, sql):
    """Rows of `sql` written over the scope's CTEs (scope_apps, scope_checkins, scope_seekers, scope_postings)."""
    params = {"event": scope.events[0].id, "as_of": scope.as_of}
    regions = ""
    if scope.region_codes:
        regions, params["regions"] = "AND s.hometown_code IN :regions", list(scope.region_codes)
    return query(SCOPE_SQL.format(regions=regions) + sql, **params)


def fraction(numerator, denominator):
    return pytest.approx(numerator / denominator) if denominator else None


def expected_overview(scope):
    (checkins, seekers, checked_in, employers, postings, positions, n_applications, intents, intent_applications,
     signed, onboarded, gate) = scoped(scope, f"""
        SELECT (SELECT COUNT(*) FROM scope_checkins),
               (SELECT COUNT(*) FROM scope_seekers),
               (SELECT COUNT(DISTINCT seeker_id) FROM scope_checkins),
               (SELECT COUNT(DISTINCT employer_id) FROM approved),
               (SELECT COUNT(*) FROM scope_postings),
               (SELECT COALESCE(SUM(headcount), 0) FROM scope_postings),
               (SELECT COUNT(*) FROM scope_apps),
               (SELECT COUNT(DISTINCT seeker_id) FROM scope_apps WHERE status IN {INTENT}),
               (SELECT COUNT(*) FROM scope_apps WHERE status IN {INTENT}),
               (SELECT COUNT(DISTINCT seeker_id) FROM scope_apps WHERE status IN {SIGNED}),
               (SELECT COUNT(DISTINCT seeker_id) FROM scope_apps WHERE status IN {ONBOARDED}),
               (SELECT anonymous_visitors FROM events WHERE id = :event)""")[0]
    anonymous = 0 if scope.region_codes else gate
    visitors = checkins + anonymous
    return {"visitors": visitors, "anonymous": anonymous, "seekers": seekers, "checked_in": checked_in,
            "employers": employers, "postings": postings, "positions": int(positions),
            "applications": n_applications, "intents": intents, "intent_applications": intent_applications,
            "signed": signed, "onboarded": onboarded, "intent_rate": fraction(intents, visitors),
            "vacancy_ratio": fraction(int(positions), seekers)}


def overview_of(made_case):
    rows = made_case.rows("overview")
    assert len(rows) == len(OVERVIEW)
    return dict(zip(OVERVIEW, (value for _label, value, _definition in rows), strict=True))


@pytest.mark.parametrize("name", CASES)
def test_the_overview_counts_what_plain_sql_counts(made, name):
    made_case = made(name)

    shown = overview_of(made_case)

    assert shown == expected_overview(made_case.scope)
    assert shown["intent_rate"] is None or isinstance(shown["intent_rate"], Percent)
    assert shown["vacancy_ratio"] is None or isinstance(shown["vacancy_ratio"], Ratio)


@pytest.mark.parametrize("name", CASES)
def test_the_statistics_sheet_files_the_overviews_figures(made, name):
    made_case = made(name)
    expected = expected_overview(made_case.scope)

    rows = summaries.sheet(made_case.scope).section("sheet").rows

    assert [value for _label, value, _unit in rows] == [expected[key] for key in SHEET]


def test_the_cases_are_not_all_alike(made):
    """Otherwise the parametrised checks would prove less than they seem to."""
    fair, at_close, for_weining = (expected_overview(made(name).scope)
                                   for name in ("fair", "fair at its close", "fair for Weining"))
    drive_for_weining = expected_overview(made("drive for Weining").scope)

    assert at_close["signed"] < fair["signed"] and at_close["intents"] != fair["intents"]
    assert 0 < for_weining["seekers"] < fair["seekers"] and for_weining["intents"] < fair["intents"]
    assert drive_for_weining["intents"] > 0 and fair["anonymous"] > 0


def expected_employers(scope):
    """Per employer name: booth, postings, positions, applicants, intents, signed (people) and fill rate."""
    def people(statuses=None):
        condition = f"AND ap.status IN {statuses}" if statuses else ""
        return (f"(SELECT COUNT(DISTINCT ap.seeker_id) FROM scope_apps ap JOIN postings p ON p.id = ap.posting_id "
                f"WHERE p.employer_id = e.id {condition})")

    expected = {}
    for name, booth, postings, positions, applicants, intents, signed in scoped(scope, f"""
        SELECT e.name, (SELECT MIN(booth) FROM approved WHERE employer_id = e.id),
               (SELECT COUNT(*) FROM scope_postings sp WHERE sp.employer_id = e.id),
               (SELECT COALESCE(SUM(headcount), 0) FROM scope_postings sp WHERE sp.employer_id = e.id),
               {people()}, {people(INTENT)}, {people(SIGNED)}
        FROM employers e
        WHERE e.id IN (SELECT employer_id FROM approved UNION SELECT employer_id FROM scope_postings)"""):
        expected[name] = (booth or "", postings, int(positions), applicants, intents, signed,
                          fraction(signed, int(positions)))
    return expected


def employers_of(made_case):
    return {row[0]: (row[1], *row[3:]) for row in made_case.rows("employers")}


@pytest.mark.parametrize("name", CASES)
def test_each_employer_shows_its_postings_applicants_and_signings(made, name):
    made_case = made(name)
    expected = expected_employers(made_case.scope)

    rows = made_case.rows("employers")

    assert len(rows) == len(expected) > 0
    assert employers_of(made_case) == expected
    assert all(row[8] is None or isinstance(row[8], Percent) for row in rows)


def wanted_sql():
    """(seeker, desired occupation) for every seeker: the JSON list unnested the way each database does it."""
    if db.session.get_bind().dialect.name == "postgresql":
        return ("SELECT s.id AS seeker_id, j.value AS code FROM seekers s "
                "CROSS JOIN LATERAL json_array_elements_text(s.desired_occupations) AS j(value)")
    return "SELECT s.id AS seeker_id, j.value AS code FROM seekers s, json_each(s.desired_occupations) AS j"


def expected_occupations(scope):
    """Per occupation code: demand (positions), supply (seekers), ratio, shortage and intents (people)."""
    expected = {}
    for code, demand, supply, intents in scoped(scope, f"""
        , wanted AS ({wanted_sql()})
        , demand AS (SELECT occupation_code AS code, SUM(headcount) AS positions
                     FROM scope_postings GROUP BY occupation_code)
        , supply AS (SELECT code, COUNT(DISTINCT seeker_id) AS seekers FROM wanted
                     WHERE seeker_id IN (SELECT seeker_id FROM scope_seekers) GROUP BY code)
        , intents AS (SELECT p.occupation_code AS code, COUNT(DISTINCT ap.seeker_id) AS people
                      FROM scope_apps ap JOIN postings p ON p.id = ap.posting_id
                      WHERE ap.status IN {INTENT} GROUP BY p.occupation_code)
        , codes AS (SELECT code FROM demand UNION SELECT code FROM supply)
        SELECT codes.code, COALESCE(demand.positions, 0), COALESCE(supply.seekers, 0), COALESCE(intents.people, 0)
        FROM codes LEFT JOIN demand ON demand.code = codes.code LEFT JOIN supply ON supply.code = codes.code
        LEFT JOIN intents ON intents.code = codes.code"""):
        demand = int(demand)
        expected[code] = (demand, supply, fraction(demand, supply), demand - supply, intents)
    return expected


def occupations_of(made_case):
    return {row[0]: row[2:] for row in made_case.rows("occupations")}


@pytest.mark.parametrize("name", CASES)
def test_each_occupation_weighs_the_positions_against_the_seekers_who_want_it(made, name):
    made_case = made(name)
    expected = expected_occupations(made_case.scope)

    rows = made_case.rows("occupations")

    assert len(rows) == len(expected) > 0
    assert occupations_of(made_case) == expected
    assert [row[5] for row in rows] == sorted((row[5] for row in rows), reverse=True)  # the shortage list


def test_supply_counts_the_seekers_whose_list_names_the_trade(made):
    """The same supply counted in Python from the seekers' lists, without the database unnesting JSON."""
    made_case = made("fair")
    ids = {seeker_id for (seeker_id,) in scoped(made_case.scope, "SELECT seeker_id FROM scope_seekers")}
    wanted = {}
    for seeker_id, desired in query("SELECT id, desired_occupations FROM seekers"):
        if seeker_id in ids:
            for code in set(json.loads(desired) if isinstance(desired, str) else desired):
                wanted[code] = wanted.get(code, 0) + 1

    supply = {row[0]: row[3] for row in made_case.rows("occupations")}

    assert {code: count for code, count in supply.items() if count} == wanted


def outcomes_sql(group):
    """Seekers, checked in, intents, signed and onboarded (people) of the scope per `group` of their hometown."""
    def reached(statuses):
        return (f"SUM(CASE WHEN EXISTS (SELECT 1 FROM scope_apps ap WHERE ap.seeker_id = s.id "
                f"AND ap.status IN {statuses}) THEN 1 ELSE 0 END)")

    return f"""
        SELECT {group}, COUNT(*),
               SUM(CASE WHEN s.id IN (SELECT seeker_id FROM scope_checkins) THEN 1 ELSE 0 END),
               {reached(INTENT)}, {reached(SIGNED)}, {reached(ONBOARDED)}
        FROM seekers s JOIN scope_seekers ss ON ss.seeker_id = s.id GROUP BY {group}"""


@pytest.mark.parametrize("name", CASES)
def test_each_hometown_and_province_shows_how_far_its_seekers_got(made, name):
    made_case = made(name)
    counties = {code: tuple(map(int, counts))
                for code, *counts in scoped(made_case.scope, outcomes_sql("s.hometown_code"))}
    provinces = {f"{prefix}0000": tuple(map(int, counts))
                 for prefix, *counts in scoped(made_case.scope, outcomes_sql("SUBSTR(s.hometown_code, 1, 2)"))}

    origins, by_province = made_case.rows("origins"), made_case.rows("provinces")

    assert len(origins) == len(counties) > 0 and len(by_province) == len(provinces)
    assert {row[0]: row[2:] for row in origins} == counties
    assert {row[0]: row[2:] for row in by_province} == provinces


def expected_industries(scope):
    """Per industry section letter: employers, postings, positions, applicants, intents and signed (people)."""
    offered = scoped(scope, """
        SELECT e.industry, COUNT(DISTINCT sp.employer_id), COUNT(*), SUM(sp.headcount)
        FROM scope_postings sp JOIN employers e ON e.id = sp.employer_id GROUP BY e.industry""")
    people = {industry: counts for industry, *counts in scoped(scope, f"""
        SELECT e.industry, COUNT(DISTINCT ap.seeker_id),
               COUNT(DISTINCT CASE WHEN ap.status IN {INTENT} THEN ap.seeker_id END),
               COUNT(DISTINCT CASE WHEN ap.status IN {SIGNED} THEN ap.seeker_id END)
        FROM scope_apps ap JOIN postings p ON p.id = ap.posting_id JOIN employers e ON e.id = p.employer_id
        GROUP BY e.industry""")}
    return {industry: (employers, postings, int(positions), *people.get(industry, (0, 0, 0)))
            for industry, employers, postings, positions in offered}


def industries_of(made_case):
    return {row[0]: row[2:] for row in made_case.rows("industries")}


@pytest.mark.parametrize("name", CASES)
def test_each_industry_shows_its_employers_postings_and_people(made, name):
    made_case = made(name)
    expected = expected_industries(made_case.scope)

    rows = made_case.rows("industries")

    assert len(rows) == len(expected) > 0
    assert industries_of(made_case) == expected


@pytest.mark.parametrize("name", CASES)
def test_the_intent_list_has_a_row_per_intent_with_the_id_number_masked(made, name):
    made_case = made(name)
    expected = scoped(made_case.scope, f"""
        SELECT s.name, s.id_masked, e.name, p.title FROM scope_apps ap
        JOIN seekers s ON s.id = ap.seeker_id JOIN postings p ON p.id = ap.posting_id
        JOIN employers e ON e.id = p.employer_id WHERE ap.status IN {INTENT}""")

    rows = made_case.rows("intents")

    assert [row[0] for row in rows] == list(range(1, len(expected) + 1))
    assert sorted((row[1], row[2], row[5], row[6]) for row in rows) == sorted(map(tuple, expected))
    assert all("*" in row[2] for row in rows)
    texts = [cell for section in made_case.document.sections for row in section.rows for cell in row
             if isinstance(cell, str)]
    assert not [text for text in texts if FULL_ID_NUMBER.search(text)]


def test_postings_not_yet_public_offer_no_positions(made):
    before = overview_of(made("fair"))
    fair = db.session.get(Event, generator.FAIR_ID)
    employer = fair.postings[0].employer
    for status, trade in (("draft", "4-03-02-01"), ("pending", "4-03-02-02")):
        factories.create_posting(employer=employer, events=[fair], status=status, headcount=40,
                                 occupation_code=trade)

    now = made_now(fair)

    shown = overview_of(now)
    assert (shown["postings"], shown["positions"]) == (before["postings"], before["positions"])
    assert shown == expected_overview(now.scope)
    assert employers_of(now) == expected_employers(now.scope)
    assert occupations_of(now) == expected_occupations(now.scope)
    assert "4-03-02-01" not in occupations_of(now) and "4-03-02-02" not in occupations_of(now)


def test_intents_at_a_posting_back_in_review_still_count_for_its_employer(made):
    """Editing an open posting sends it back to review (postings.services.update_posting): it offers no
    position until approved again, but the seekers who reached an intent with its employer at the fair did."""
    fair = db.session.get(Event, generator.FAIR_ID)
    posting_id, employer = query(f"""
        SELECT p.id, e.name FROM postings p JOIN employers e ON e.id = p.employer_id
        JOIN applications a ON a.posting_id = p.id
        WHERE p.status = 'open' AND a.event_id = :event AND a.status IN {INTENT}
        GROUP BY p.id, e.name ORDER BY COUNT(*) DESC, p.id LIMIT 1""", event=fair.id)[0]
    query("UPDATE postings SET status = 'pending' WHERE id = :posting", posting=posting_id)

    now = made_now(fair)

    listed = {row[2] for row in now.rows("intents") if row[5] == employer}
    assert listed and employers_of(now)[employer][4] == len(listed)
    assert overview_of(now) == expected_overview(now.scope)
    assert employers_of(now) == expected_employers(now.scope)
    assert occupations_of(now) == expected_occupations(now.scope)
    assert industries_of(now) == expected_industries(now.scope)


def latest_run(event_id):
    run_id, seekers, postings, good, hard, placed, hard_ids = query("""
        SELECT id, seekers, postings, good_matches, hard_to_fill, placed, hard_to_fill_ids FROM match_runs
        WHERE event_id = :event ORDER BY created_at DESC, id DESC LIMIT 1""", event=event_id)[0]
    hard_ids = json.loads(hard_ids) if isinstance(hard_ids, str) else hard_ids
    return run_id, {"seekers": seekers, "good_matches": good, "good_share": fraction(good, seekers),
                    "postings": postings, "hard_to_fill": hard, "placed": placed}, hard_ids


def expected_placement(run_id):
    return sorted((employer, title, headcount, placed, float(score)) for employer, title, headcount, placed, score
                  in query("""
        SELECT e.name, p.title, p.headcount, COUNT(*), AVG(m.score) FROM matches m
        JOIN postings p ON p.id = m.posting_id JOIN employers e ON e.id = p.employer_id
        WHERE m.run_id = :run AND m.placed = true GROUP BY p.id, e.name, p.title, p.headcount""", run=run_id))


def shown_placement(document):
    return sorted((row[0], row[1], row[3], row[4], row[5]) for row in document.section("placement").rows)


def test_the_matching_part_reports_the_fairs_latest_run(made):
    document = made("fair").document
    run_id, expected, hard_ids = latest_run(generator.FAIR_ID)
    (placed_pairs,) = query("SELECT COUNT(*) FROM matches WHERE run_id = :run AND placed = true", run=run_id)[0]

    figures = dict(zip(MATCHING, (value for _label, value in document.section("matching").rows), strict=True))

    assert {key: value for key, value in figures.items() if key != "matched_on"} == expected
    assert expected["good_matches"] > 0 and figures["placed"] == placed_pairs > 0
    assert len(document.section("hard_to_fill").rows) == len(hard_ids) == expected["hard_to_fill"]
    placement = expected_placement(run_id)
    assert [row[:4] for row in shown_placement(document)] == [row[:4] for row in placement]
    assert [row[4] for row in shown_placement(document)] == [pytest.approx(row[4], abs=0.05) for row in placement]
    assert all(placed <= headcount for _employer, _title, headcount, placed, _score in placement)


def test_a_posting_no_seeker_matches_is_listed_as_hard_to_fill(made):
    fair = db.session.get(Event, generator.FAIR_ID)
    trade = "2-02-01-01"
    assert trade not in {code for _seeker, code in query(wanted_sql())}
    # Nobody wants the trade, few are 55, fewer hold a postgraduate degree, and the pay is low.
    factories.create_posting(employer=fair.postings[0].employer, events=[fair], title="天体物理研究员",
                             occupation_code=trade, headcount=3, education_min="10", age_min=55, age_max=56,
                             work_region_code="650102", salary_min=2000, salary_max=2100, skills=["射电天文"],
                             dormitory=False, meals=False)
    matching.run_event(fair)

    document = summaries.summary(scopes.for_event(fair))

    _run, _figures, hard_ids = latest_run(generator.FAIR_ID)
    expected = query("SELECT e.name, p.title, p.headcount FROM postings p JOIN employers e ON e.id = p.employer_id "
                     "WHERE p.id IN :ids", ids=hard_ids) if hard_ids else []
    hard = document.section("hard_to_fill").rows
    assert ("天体物理研究员", 3) in {(row[1], row[3]) for row in hard}
    assert sorted((row[0], row[1], row[3]) for row in hard) == sorted(map(tuple, expected))


def test_the_drive_without_a_match_run_says_so(made):
    assert query("SELECT COUNT(*) FROM match_runs WHERE event_id = :event", event=generator.DRIVE_ID)[0][0] == 0

    section = made("drive").document.section("matching")

    assert section.rows == [] and section.note
    assert [s.key for s in made("drive").document.sections if s.key in ("hard_to_fill", "placement")] == []


def made_now(event, as_of=None):
    """A summary made in the test, after what it changed."""
    scope = scopes.for_event(event, as_of=as_of)
    return Made(scope, summaries.summary(scope))


def test_an_earlier_summary_counts_the_status_an_application_had_then(demo):
    fair = db.session.get(Event, generator.FAIR_ID)
    (application_id,) = query(f"""
        SELECT a.id FROM applications a WHERE a.event_id = :event AND a.status = 'interviewed'
          AND NOT EXISTS (SELECT 1 FROM applications other WHERE other.seeker_id = a.seeker_id
                          AND other.event_id = :event AND other.status IN {INTENT})
        ORDER BY a.id LIMIT 1""", event=fair.id)[0]
    before = clock.utcnow() - timedelta(seconds=1)
    earlier = made_now(fair, as_of=before)

    applications.move(db.session.get(Application, application_id), "intent", factories.create_user("bureau"))
    then, now = made_now(fair, as_of=before), made_now(fair)

    assert overview_of(then) == overview_of(earlier) == expected_overview(then.scope)
    assert overview_of(now) == expected_overview(now.scope)
    assert (overview_of(now)["intents"], overview_of(now)["intent_applications"]) == (
        overview_of(earlier)["intents"] + 1, overview_of(earlier)["intent_applications"] + 1)
    seeker = db.session.get(Application, application_id).seeker
    assert seeker.id_masked in {row[2] for row in now.rows("intents")} - {row[2] for row in then.rows("intents")}


def test_a_change_dated_later_counts_only_from_its_time(demo):
    fair = db.session.get(Event, generator.FAIR_ID)
    (application_id,) = query(f"""
        SELECT a.id FROM applications a WHERE a.event_id = :event AND a.status = 'intent'
          AND NOT EXISTS (SELECT 1 FROM applications other WHERE other.seeker_id = a.seeker_id
                          AND other.status IN {SIGNED})
        ORDER BY a.id LIMIT 1""", event=fair.id)[0]
    signs_on = clock.utcnow() + timedelta(days=3)
    query("INSERT INTO application_changes (application_id, from_status, to_status, at, note) "
          "VALUES (:application, 'intent', 'signed', :as_of, '')", application=application_id, as_of=signs_on)

    day_before, on_the_day = made_now(fair, as_of=signs_on - timedelta(days=1)), made_now(fair, as_of=signs_on)

    assert overview_of(day_before) == expected_overview(day_before.scope)
    assert overview_of(on_the_day) == expected_overview(on_the_day.scope)
    assert overview_of(on_the_day)["signed"] == overview_of(day_before)["signed"] + 1
    masked = db.session.get(Application, application_id).seeker.id_masked
    signed_label = str(STATUSES.label("signed"))
    assert [row[8] for row in day_before.rows("intents") if row[2] == masked] == [str(STATUSES.label("intent"))]
    assert [row[8] for row in on_the_day.rows("intents") if row[2] == masked] == [signed_label]


def test_a_partners_summary_counts_only_its_regions_seekers(made):
    everyone = overview_of(made("fair"))
    made_case = made("fair for Weining")

    shown = overview_of(made_case)

    assert shown["anonymous"] == 0 < everyone["anonymous"] and shown["visitors"] == shown["checked_in"]
    assert {row[0] for row in made_case.rows("origins")} == {WEINING}
    assert 0 < shown["seekers"] < everyone["seekers"]


def test_a_real_demo_shows_the_planned_visitors_and_intents(made, demo):
    plan = generator.Plan.at(SCALE)

    fair, drive = overview_of(made("fair")), overview_of(made("drive"))

    assert (fair["visitors"], fair["intents"]) == (plan.fair_visitors, plan.fair_intents)
    assert (drive["visitors"], drive["intents"]) == (plan.drive_visitors, plan.drive_intents)
    assert f"{fair['visitors']:,} visitors" in demo and f"{fair['intents']:,} intents" in demo
    assert f"{drive['visitors']:,} visitors" in demo and f"{drive['intents']:,} intents" in demo


def overview_rows_of_xlsx(data, labels):
    book = openpyxl.load_workbook(io.BytesIO(data), read_only=True)
    sheet = book.worksheets[1]  # the cover, then the sections in order
    found = {row[0]: row[1] for row in sheet.iter_rows(values_only=True) if row and row[0] in labels}
    book.close()
    return found


def test_the_files_show_the_same_visitors_and_intents_and_no_full_id_number(made):
    document = made("fair").document
    rows = dict(zip(OVERVIEW, document.section("overview").rows, strict=True))
    expected = {str(rows[key][0]): rows[key][1] for key in ("visitors", "intents")}  # label: figure
    listed = query(f"""SELECT id_encrypted FROM seekers WHERE id IN (
        SELECT seeker_id FROM applications WHERE event_id = :event AND status IN {INTENT})""", event=generator.FAIR_ID)
    full_numbers = [crypto.decrypt(token) for (token,) in listed]

    xlsx = formats.render(document, "xlsx").data
    archive = zipfile.ZipFile(io.BytesIO(formats.render(document, "csv").data))
    page = formats.render(document, "html").data.decode()

    assert overview_rows_of_xlsx(xlsx, expected) == expected
    overview_csv = archive.read("01-overview.csv").decode("utf-8-sig")
    assert {row[0]: row[1] for row in csv.reader(io.StringIO(overview_csv)) if row[0] in expected} == {
        label: str(value) for label, value in expected.items()}
    for label, value in expected.items():
        assert f'<td>{escape(label)}</td><td class="n">{value:,}</td>' in page
    texts = [page, *(archive.read(name).decode("utf-8-sig") for name in archive.namelist())]
    assert full_numbers and not [n for n in full_numbers if any(n in text for text in texts)]
    assert not [text for text in texts if FULL_ID_NUMBER.search(text)]
