"""The match summary (DESIGN §3) and the post-fair statistics sheet, built from SQL aggregates.

Every figure is grouped in the database; Python only merges a handful of grouped results by their key and looks
up names. Definitions come from `applications.figures` (people, not applications, for intents and signings).
"""
import logging
from collections import defaultdict

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from recruit.applications.figures import applications_at
from recruit.applications.figures import people_at
from recruit.applications.models import INTENT_OR_BEYOND
from recruit.applications.models import ONBOARDED_OR_BEYOND
from recruit.applications.models import SIGNED_OR_BEYOND
from recruit.applications.models import STATUSES
from recruit.core import clock
from recruit.core import display
from recruit.domain import regions
from recruit.employers.models import Employer
from recruit.events.models import Participation
from recruit.extensions import db
from recruit.postings.models import Posting
from recruit.reports import funnel
from recruit.reports import matching_section
from recruit.reports import scope as scopes
from recruit.reports.document import Chart
from recruit.reports.document import Column
from recruit.reports.document import Document
from recruit.reports.document import Percent
from recruit.reports.document import Ratio
from recruit.reports.document import Section
from recruit.reports.models import KINDS
from recruit.seekers.models import SEXES
from recruit.seekers.models import Seeker

logger = logging.getLogger(__name__)

TITLES = {value: KINDS.label(value) for value in KINDS}
PIPELINE_COLUMNS = (("applicants", _l("Applicants")), ("intents", _l("Intents (people)")),
                    ("signed", _l("Signed (people)")))


def _rows(query):
    """A grouped query's rows by their first column."""
    return {row[0]: tuple(row[1:]) for row in db.session.execute(query)}


def _ratio(numerator, denominator, kind=Ratio):
    return kind(numerator / denominator) if denominator else None


class Figures:
    """The scope's selects, built once and shared by every section."""

    def __init__(self, scope):
        self.scope = scope
        self.applications = scopes.applications(scope)
        self.checkins = scopes.checkins(scope)
        self.seekers = scopes.seekers(scope, self.applications, self.checkins)
        self.postings = scopes.postings(scope)

    def pipeline(self):
        """Applicants, intents and signings (people) and intent applications: SQL columns over `applications`."""
        a = self.applications.c
        return (sa.func.count(sa.distinct(a.seeker_id)), people_at(a.status, a.seeker_id, INTENT_OR_BEYOND),
                people_at(a.status, a.seeker_id, SIGNED_OR_BEYOND))

    def employers(self):
        """Employers taking part: an approved participation at one of the scope's events."""
        return db.session.scalar(
            sa.select(sa.func.count(sa.distinct(Participation.employer_id)))
            .where(Participation.event_id.in_(self.scope.event_ids), Participation.approved.is_(True)))

    def overview(self):
        a, p = self.applications.c, self.postings.c
        n_postings, positions = db.session.execute(
            sa.select(sa.func.count(), sa.func.coalesce(sa.func.sum(p.headcount), 0))).one()
        applications, intent_apps, intents, signed, onboarded = db.session.execute(sa.select(
            sa.func.count(), applications_at(a.status, INTENT_OR_BEYOND),
            people_at(a.status, a.seeker_id, INTENT_OR_BEYOND), people_at(a.status, a.seeker_id, SIGNED_OR_BEYOND),
            people_at(a.status, a.seeker_id, ONBOARDED_OR_BEYOND))).one()
        checked_in = db.session.scalar(sa.select(sa.func.count(sa.distinct(self.checkins.c.seeker_id))))
        seekers = db.session.scalar(sa.select(sa.func.count()).select_from(self.seekers))
        anonymous = scopes.anonymous_visitors(self.scope)
        visitors = db.session.scalar(sa.select(sa.func.count()).select_from(self.checkins)) + anonymous
        return {"visitors": visitors, "anonymous": anonymous, "seekers": seekers, "checked_in": checked_in,
                "employers": self.employers(), "postings": n_postings, "positions": int(positions),
                "applications": applications, "intents": intents, "intent_applications": int(intent_apps),
                "signed": signed, "onboarded": onboarded,
                "intent_rate": _ratio(intents, visitors, Percent), "vacancy_ratio": _ratio(int(positions), seekers)}


OVERVIEW_ROWS = (
    ("visitors", _l("Visitors"), _l("Identified check-ins plus visitors counted at the gate")),
    ("anonymous", _l("Counted at the gate"), _l("Visitors who did not register")),
    ("seekers", _l("Seekers"), _l("Seekers who checked in or applied at the event")),
    ("checked_in", _l("Checked in"), _l("Seekers identified at the gate")),
    ("employers", _l("Employers"), _l("Employers with an approved place at the event")),
    ("postings", _l("Postings"), _l("Postings offered at the event")),
    ("positions", _l("Positions"), _l("Sum of the postings' headcounts")),
    ("applications", _l("Applications"), ""),
    ("intents", _l("Intents (people)"), _l("Seekers with an application at intent or beyond")),
    ("intent_applications", _l("Intent applications"), _l("Applications at intent or beyond")),
    ("signed", _l("Signed (people)"), _l("Seekers with an application signed or beyond")),
    ("onboarded", _l("Onboarded (people)"), _l("Seekers who started work")),
    ("intent_rate", _l("Intent rate"), _l("Intents (people) ÷ visitors")),
    ("vacancy_ratio", _l("Job-vacancy-to-applicant ratio"), _l("Positions ÷ seekers (求人倍率)")),
)


def overview_section(figures):
    values = figures.overview()
    return Section("overview", _l("Overview"),
                   [Column("figure", _l("Figure"), 24), Column("value", _l("Value"), 14),
                    Column("definition", _l("Definition"), 44)],
                   [(label, values[key], definition) for key, label, definition in OVERVIEW_ROWS]), values


def employer_section(figures):
    a, p = figures.applications.c, figures.postings.c
    offered = _rows(sa.select(p.employer_id, sa.func.count(), sa.func.coalesce(sa.func.sum(p.headcount), 0))
                    .group_by(p.employer_id))
    pipeline = _rows(sa.select(Posting.employer_id, *figures.pipeline()).join(Posting, Posting.id == a.posting_id)
                     .group_by(Posting.employer_id))
    booths = _rows(sa.select(Participation.employer_id, sa.func.min(Participation.booth))
                   .where(Participation.event_id.in_(figures.scope.event_ids), Participation.approved.is_(True))
                   .group_by(Participation.employer_id))
    # An employer whose posting went back to review keeps the applications it had at the event.
    ids = set(offered) | set(booths) | set(pipeline)
    names = _rows(sa.select(Employer.id, Employer.name, Employer.industry).where(Employer.id.in_(ids)))
    rows = []
    for employer_id in ids:
        n_postings, positions = offered.get(employer_id, (0, 0))
        applicants, intents, signed = pipeline.get(employer_id, (0, 0, 0))
        name, industry = names[employer_id]
        rows.append((name, booths.get(employer_id, ("",))[0], display.industry_name(industry), n_postings,
                     int(positions), applicants, intents, signed, _ratio(signed, int(positions), Percent)))
    rows.sort(key=lambda row: (-row[6], -row[4], row[0]))
    columns = [Column("employer", _l("Employer"), 36), Column("booth", _l("Booth"), 8),
               Column("industry", _l("Industry"), 20), Column("postings", _l("Postings"), 8),
               Column("positions", _l("Positions"), 8)]
    columns += [Column(key, label, 10) for key, label in PIPELINE_COLUMNS]
    columns.append(Column("fill_rate", _l("Fill rate"), 10))
    return Section("employers", _l("By employer"), columns, rows,
                   note=_l("Fill rate: seekers signed ÷ positions."))


def _desired_occupations():
    """Each seeker's desired trades as rows (seeker id, code): JSON arrays unnested by the database."""
    if db.session.get_bind().dialect.name == "postgresql":
        items = sa.func.json_array_elements_text(Seeker.desired_occupations).table_valued("value")
    else:
        items = sa.func.json_each(Seeker.desired_occupations).table_valued("value")
    return sa.select(Seeker.id.label("seeker_id"), items.c.value.label("code")).select_from(Seeker).join(
        items, sa.true())


def occupation_section(figures):
    a, p = figures.applications.c, figures.postings.c
    demand = _rows(sa.select(p.occupation_code, sa.func.coalesce(sa.func.sum(p.headcount), 0))
                   .group_by(p.occupation_code))
    wanted = _desired_occupations().subquery()
    supply = _rows(sa.select(wanted.c.code, sa.func.count(sa.distinct(wanted.c.seeker_id)))
                   .where(wanted.c.seeker_id.in_(sa.select(figures.seekers.c.id))).group_by(wanted.c.code))
    intents = _rows(sa.select(Posting.occupation_code, people_at(a.status, a.seeker_id, INTENT_OR_BEYOND))
                    .join(Posting, Posting.id == a.posting_id).group_by(Posting.occupation_code))
    rows = []
    for code in set(demand) | set(supply) | set(intents):
        positions, seekers = int(demand.get(code, (0,))[0]), supply.get(code, (0,))[0]
        rows.append((code, display.occupation_name(code), positions, seekers, _ratio(positions, seekers),
                     positions - seekers, intents.get(code, (0,))[0]))
    rows.sort(key=lambda row: (-row[5], -row[2], row[0]))
    columns = [Column("code", _l("Code"), 12), Column("occupation", _l("Occupation"), 24),
               Column("demand", _l("Demand (positions)"), 12), Column("supply", _l("Supply (seekers)"), 12),
               Column("ratio", _l("Ratio"), 8), Column("gap", _l("Shortage"), 10),
               Column("intents", _l("Intents (people)"), 10)]
    return Section("occupations", _l("By occupation"), columns, rows,
                   note=_l("Supply: the event's seekers who want the trade. Sorted by the shortage, demand minus "
                           "supply."))


def _by_hometown(figures):
    """Seekers, checked in, intents, signed and onboarded (people) per hometown code."""
    a, c, s = figures.applications.c, figures.checkins.c, figures.seekers.c
    seekers = _rows(sa.select(Seeker.hometown_code, sa.func.count()).join(figures.seekers, s.id == Seeker.id)
                    .group_by(Seeker.hometown_code))
    came = _rows(sa.select(Seeker.hometown_code, sa.func.count(sa.distinct(c.seeker_id)))
                 .join(Seeker, Seeker.id == c.seeker_id).group_by(Seeker.hometown_code))
    outcomes = _rows(sa.select(Seeker.hometown_code, people_at(a.status, a.seeker_id, INTENT_OR_BEYOND),
                               people_at(a.status, a.seeker_id, SIGNED_OR_BEYOND),
                               people_at(a.status, a.seeker_id, ONBOARDED_OR_BEYOND))
                     .join(Seeker, Seeker.id == a.seeker_id).group_by(Seeker.hometown_code))
    return {code: (count, came.get(code, (0,))[0], *outcomes.get(code, (0, 0, 0)))
            for code, (count,) in seekers.items()}


ORIGIN_FIGURES = [Column("seekers", _l("Seekers"), 10), Column("checked_in", _l("Checked in"), 10),
                  Column("intents", _l("Intents (people)"), 10), Column("signed", _l("Signed (people)"), 10),
                  Column("onboarded", _l("Onboarded (people)"), 10)]


def origin_sections(figures):
    counties = _by_hometown(figures)
    provinces = defaultdict(lambda: [0] * 5)
    for code, counts in counties.items():
        total = provinces[_province_code(code)]
        for i, value in enumerate(counts):
            total[i] += value
    county_rows = [(code, display.region_name(code), *counts) for code, counts in counties.items()]
    county_rows.sort(key=lambda row: (-row[2], row[0]))
    province_rows = [(code, display.short_region_name(code), *counts) for code, counts in provinces.items()]
    province_rows.sort(key=lambda row: (-row[2], row[0]))
    return (
        Section("origins", _l("By hometown"),
                [Column("code", _l("Region code"), 10), Column("region", _l("Hometown"), 36), *ORIGIN_FIGURES],
                county_rows, note=_l("The cross-province outcome: where the seekers come from and how far they got.")),
        Section("provinces", _l("By home province"),
                [Column("code", _l("Region code"), 10), Column("region", _l("Province"), 16), *ORIGIN_FIGURES],
                province_rows),
    )


def _province_code(code):
    province = regions.province_of(code)
    return province.code if province else (code[:2] + "0000")


def industry_section(figures):
    a, p = figures.applications.c, figures.postings.c
    offered = _rows(sa.select(Employer.industry, sa.func.count(sa.distinct(p.employer_id)), sa.func.count(),
                              sa.func.coalesce(sa.func.sum(p.headcount), 0))
                    .join(Employer, Employer.id == p.employer_id).group_by(Employer.industry))
    pipeline = _rows(sa.select(Employer.industry, *figures.pipeline()).join(Posting, Posting.id == a.posting_id)
                     .join(Employer, Employer.id == Posting.employer_id).group_by(Employer.industry))
    rows = []
    for letter in set(offered) | set(pipeline):
        employers, n_postings, positions = offered.get(letter, (0, 0, 0))
        rows.append((letter, display.industry_name(letter), employers, n_postings, int(positions),
                     *pipeline.get(letter, (0, 0, 0))))
    rows.sort(key=lambda row: (-row[4], row[0]))
    columns = [Column("code", _l("Section"), 8), Column("industry", _l("Industry"), 30),
               Column("employers", _l("Employers"), 10), Column("postings", _l("Postings"), 10),
               Column("positions", _l("Positions"), 10)]
    columns += [Column(key, label, 10) for key, label in PIPELINE_COLUMNS]
    return Section("industries", _l("By industry"), columns, rows)


def intent_section(figures):
    a = figures.applications.c
    query = (sa.select(Seeker.name, Seeker.id_masked, Seeker.sex, Seeker.hometown_code, Employer.name,
                       Posting.title, Posting.occupation_code, a.status, a.intent_at)
             .join(Seeker, Seeker.id == a.seeker_id).join(Posting, Posting.id == a.posting_id)
             .join(Employer, Employer.id == Posting.employer_id)
             .where(a.status.in_(INTENT_OR_BEYOND)).order_by(Employer.name, Posting.title, Seeker.name, a.id))
    sexes = {code: str(SEXES.label(code)) for code in SEXES.values}
    statuses = {code: str(STATUSES.label(code)) for code in INTENT_OR_BEYOND}
    hometowns, trades = {}, {}
    rows = []
    for number, (name, masked, sex, hometown, employer, title, trade, status, intent_at) in enumerate(
            db.session.execute(query), start=1):
        if hometown not in hometowns:
            hometowns[hometown] = display.region_name(hometown)
        if trade not in trades:
            trades[trade] = display.occupation_name(trade)
        rows.append((number, name, masked, sexes.get(sex, sex), hometowns[hometown], employer, title,
                     trades[trade], statuses[status], clock.to_local(intent_at) if intent_at else None))
    columns = [Column("number", _l("No."), 6), Column("name", _l("Name"), 10),
               Column("id_number", _l("ID number"), 20), Column("sex", _l("Sex"), 6),
               Column("hometown", _l("Hometown"), 30), Column("employer", _l("Employer"), 30),
               Column("posting", _l("Posting"), 20), Column("occupation", _l("Occupation"), 16),
               Column("status", _l("Status"), 10), Column("intent_at", _l("Intent reached"), 17)]
    return Section("intents", _l("Intent list"), columns, rows,
                   note=_l("ID numbers are masked. One row per application at intent or beyond."))


def _facts(scope):
    """The heading lines: what the report covers (the document says as of when)."""
    event = scope.single
    if event is not None:
        facts = [(_l("Event"), event.name), (_l("Dates"), _dates(event)), (_l("Venue"), event.venue),
                 (_l("Organiser"), organiser(event))]
    else:
        facts = [(_l("Period"), f"{scope.starts_on:%Y-%m-%d} – {scope.ends_on:%Y-%m-%d}"),
                 (_l("Events"), "、".join(event.name for event in scope.events))]
    if scope.region_codes:
        facts.append((_l("Seekers from"), "、".join(display.region_name(code) for code in scope.region_codes)))
    return facts


def _dates(event):
    starts, ends = clock.to_local(event.starts_at), clock.to_local(event.ends_at)
    if starts.date() == ends.date():
        return f"{starts:%Y-%m-%d %H:%M}–{ends:%H:%M}"
    return f"{starts:%Y-%m-%d} – {ends:%Y-%m-%d}"


def organiser(event):
    """The host region's HR and social-security bureau, as the sheet names the organiser."""
    region = regions.get(event.host_region_code)
    return f"{region.name}人力资源和社会保障局" if region else ""


def summary(scope):
    """The match summary of a scope: every section of DESIGN §3."""
    figures = Figures(scope)
    return _summary(scope, figures, overview_section(figures)[0])


def documents(scope):
    """The summary and the sheet of a scope, as a run writes them: the sheet files the summary's own overview,
    counted once."""
    figures = Figures(scope)
    overview, values = overview_section(figures)
    return {"summary": _summary(scope, figures, overview), "sheet": _sheet(scope, values)}


def _summary(scope, figures, overview):
    sections = [overview, employer_section(figures), occupation_section(figures), *origin_sections(figures),
                funnel.section(scope), industry_section(figures), *matching_section.sections(scope),
                intent_section(figures)]
    chart = Chart(_l("Demand and supply by occupation"), "occupations", "occupation", ("demand", "supply"))
    return Document("summary", TITLES["summary"], clock.to_local(scope.as_of), facts=_facts(scope),
                    sections=sections, charts=[chart])


def funnel_document(scope):
    """The outcome funnel on its own, headed like the summary."""
    return funnel.document(scope, _facts(scope))


SHEET_ROWS = (
    ("employers", _l("Companies taking part"), _l("companies")),
    ("postings", _l("Postings offered"), _l("postings")),
    ("positions", _l("People wanted"), _l("people")),
    ("visitors", _l("Job seekers admitted"), _l("visits")),
    ("intents", _l("Preliminary employment intents"), _l("people")),
    ("signed", _l("Signed"), _l("people")),
)


def sheet(scope):
    """The one-page post-fair statistics sheet (招聘会统计表) a county bureau files upward."""
    return _sheet(scope, Figures(scope).overview())


def _sheet(scope, values):
    rows = [(label, values[key], unit) for key, label, unit in SHEET_ROWS]
    section = Section("sheet", _l("Job fair statistics"),
                      [Column("item", _l("Item"), 30), Column("value", _l("Figure"), 14),
                       Column("unit", _l("Unit"), 10)], rows)
    return Document("sheet", TITLES["sheet"], clock.to_local(scope.as_of), facts=_facts(scope),
                    sections=[section],
                    signatures=[_l("Filed by (unit):"), _l("Prepared by:"), _l("Telephone:"), _l("Date filed:")])
