"""The outcome funnel (DESIGN §3): per event and hometown county, how far its seekers got, step by step.

A drive is judged by who arrives and stays, not by its intents. Each step counts people (distinct seekers), as of
the scope's time and within its regions:

- registered: the county's seekers on the platform by the event's end, and any who came or applied later;
- checked in, applied: at the event;
- intents, signed, onboarded: an application at the event at that status or beyond;
- departed: travelling in one of the drive's batches that has left (drives only: a fair has no travel);
- still there at 3 and 6 months: the employer answered that check "still there".

The rate of a step is its count divided by the step before it that the event counts.
"""
import logging
from dataclasses import dataclass

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import aliased

from recruit.applications.figures import people_at
from recruit.applications.models import INTENT_OR_BEYOND
from recruit.applications.models import ONBOARDED_OR_BEYOND
from recruit.applications.models import SIGNED_OR_BEYOND
from recruit.applications.models import Application
from recruit.checkin.models import Checkin
from recruit.core import clock
from recruit.core import display
from recruit.drives.models import BatchMember
from recruit.drives.models import RetentionCheck
from recruit.drives.models import TravelBatch
from recruit.extensions import db
from recruit.reports import scope as scopes
from recruit.reports.document import Column
from recruit.reports.document import Document
from recruit.reports.document import Percent
from recruit.reports.document import Section
from recruit.seekers.models import Seeker
from recruit.seekers.services import in_regions_clause

logger = logging.getLogger(__name__)

# Each step and its label, in the order a worker goes through them.
STEPS = (
    ("registered", _l("Registered (people)")),
    ("checked_in", _l("Checked in")),
    ("applied", _l("Applied (people)")),
    ("intents", _l("Intents (people)")),
    ("signed", _l("Signed (people)")),
    ("departed", _l("Departed")),
    ("onboarded", _l("Onboarded (people)")),
    ("retained_3m", _l("Still there at 3 months")),
    ("retained_6m", _l("Still there at 6 months")),
)
NOTE = _l("People, as of the report's time. Registered: the county's seekers on the platform by the event's end. "
          "Departed counts workers in a travel batch that has left, at cross-province drives only. Each rate is "
          "the step's count divided by the step before it.")


@dataclass
class FunnelRow:
    event: object
    county: str  # the hometown's region code
    counts: dict  # step key -> people, or None where the event has no such step

    def steps(self):
        """(key, label, count, rate) of each step the event counts; the first has no rate."""
        previous = None
        for key, label in STEPS:
            count = self.counts[key]
            if count is None:
                continue
            rate = Percent(count / previous) if previous else None
            yield key, label, count, rate
            previous = count


def rows(scope):
    """The funnel's rows: per event of the scope (in its order), per county, the most registered first."""
    counts = _counts(scope)
    found = []
    for event in scope.events:
        travels = event.kind == "cross_province"
        registered = _registered(scope, event, {county for event_id, county in counts if event_id == event.id})
        for county, people in registered.items():
            steps = counts.get((event.id, county), {})
            values = {key: steps.get(key, 0) for key, _ in STEPS[1:]}
            if not travels:
                values["departed"] = None
            found.append(FunnelRow(event, county, {"registered": people, **values}))
    order = {event.id: index for index, event in enumerate(scope.events)}
    found.sort(key=lambda row: (order[row.event.id], -row.counts["registered"], row.county))
    return found


def _counts(scope):
    """{(event id, county): {step: people}} for every step after registration, in two grouped queries.

    The scope's applications "as of" its time are the costly part: one query takes every step that follows an
    application, its batch and its checks joined (each at most one row per application, so nothing doubles).
    """
    a, c = scopes.applications(scope).c, scopes.checkins(scope).c
    hometown = Seeker.hometown_code
    stayed = {kind: aliased(RetentionCheck, name=f"stayed_{kind}") for kind in ("3m", "6m")}
    query = (sa.select(a.event_id, hometown, sa.func.count(sa.distinct(a.seeker_id)),
                       people_at(a.status, a.seeker_id, INTENT_OR_BEYOND),
                       people_at(a.status, a.seeker_id, SIGNED_OR_BEYOND),
                       people_at(a.status, a.seeker_id, ONBOARDED_OR_BEYOND),
                       _people_where(TravelBatch.departed_at <= scope.as_of, a.seeker_id),
                       *(_people_where(check.id.is_not(None), a.seeker_id) for check in stayed.values()))
             .join(Seeker, Seeker.id == a.seeker_id)
             .outerjoin(BatchMember, BatchMember.application_id == a.id)
             .outerjoin(TravelBatch, TravelBatch.id == BatchMember.batch_id))
    for kind, check in stayed.items():
        query = query.outerjoin(check, sa.and_(check.application_id == a.id, check.kind == kind,
                                               check.outcome == "stayed", check.answered_at <= scope.as_of))
    checked_in = (sa.select(c.event_id, hometown, sa.func.count(sa.distinct(c.seeker_id)))
                  .join(Seeker, Seeker.id == c.seeker_id).group_by(c.event_id, hometown))
    counts = {}
    _merge(counts, query.group_by(a.event_id, hometown),
           ("applied", "intents", "signed", "onboarded", "departed", "retained_3m", "retained_6m"))
    _merge(counts, checked_in, ("checked_in",))
    return counts


def _people_where(condition, seeker_id):
    """SQL: how many distinct seekers have a row meeting the condition."""
    return sa.func.count(sa.distinct(sa.case((condition, seeker_id))))


def _merge(counts, query, keys):
    for event_id, county, *values in db.session.execute(query):
        counts.setdefault((event_id, county), {}).update(zip(keys, values, strict=True))


def _registered(scope, event, counties):
    """{county: seekers registered} for the counties the event reached, and for a drive its origin counties."""
    reached = Seeker.hometown_code.in_(counties) if counties else sa.false()
    if event.origin_region_codes:
        reached = sa.or_(reached, in_regions_clause(event.origin_region_codes))
    # Whoever came or applied by the scope's time was registered, even after the event's end.
    applied = sa.select(Application.seeker_id).where(Application.event_id == event.id,
                                                     Application.created_at <= scope.as_of)
    came = sa.select(Checkin.seeker_id).where(Checkin.event_id == event.id, Checkin.at <= scope.as_of)
    query = (sa.select(Seeker.hometown_code, sa.func.count())
             .where(reached, sa.or_(Seeker.created_at <= min(event.ends_at, scope.as_of), Seeker.id.in_(applied),
                                    Seeker.id.in_(came)))
             .group_by(Seeker.hometown_code))
    if scope.region_codes:
        query = query.where(in_regions_clause(scope.region_codes))
    return dict(db.session.execute(query).all())


def columns():
    found = [Column("event", _l("Event"), 30), Column("code", _l("Region code"), 10),
             Column("region", _l("Hometown"), 30)]
    for index, (key, label) in enumerate(STEPS):
        found.append(Column(key, label, 10))
        if index:
            found.append(Column(f"{key}_rate", _l("%(step)s ÷ the step before", step=label), 10))
    return found


def section(scope):
    """The funnel as a report section, in section 4 of the summary beside the origins."""
    table = []
    for row in rows(scope):
        rates = {key: rate for key, _, _, rate in row.steps()}
        cells = [row.event.name, row.county, display.region_name(row.county)]
        for index, (key, _) in enumerate(STEPS):
            cells.append(row.counts[key])
            if index:
                cells.append(rates.get(key))
        table.append(tuple(cells))
    return Section("funnel", _l("Outcome funnel"), columns(), table, note=NOTE)


def document(scope, facts=()):
    """The funnel on its own, as a workbook or a printable page."""
    return Document("funnel", _l("Outcome funnel"), clock.to_local(scope.as_of), facts=list(facts),
                    sections=[section(scope)])
