"""The subsidy roster: per origin county, the workers who reached the stable-employment threshold in a period.

Labour-cooperation subsidies are paid per worker who stays a number of continuous months at one employer (three
by default, `SUBSIDY_MONTHS`); transport subsidies per worker who travelled. A worker counts once, for the period
in which their threshold day fell: the first working day plus the months, at the employer of one application.
A worker reported gone before that day does not count; one who left later still does. What the claim needs and
the platform does not yet hold is listed as missing evidence: the employer's answer "still there" at a check
covering the months, and, for the transport subsidy, the travel in a drive's batch that arrived.
"""
import logging
from dataclasses import dataclass
from dataclasses import field
from datetime import date

import sqlalchemy as sa
from flask import current_app
from flask_babel import force_locale
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import joinedload

from recruit.applications.models import Application
from recruit.audit.services import record
from recruit.core import checks
from recruit.core import clock
from recruit.core import display
from recruit.core.checks import Problems
from recruit.core.clock import local_today
from recruit.domain import errors
from recruit.drives.models import CHECK_MONTHS
from recruit.drives.models import BatchMember
from recruit.drives.models import RetentionCheck
from recruit.drives.models import TravelBatch
from recruit.drives.retention import AT_WORK
from recruit.drives.retention import MONTH_END_SLACK
from recruit.drives.retention import add_months
from recruit.extensions import db
from recruit.postings.models import Posting
from recruit.reports import formats
from recruit.reports.document import Column
from recruit.reports.document import Document
from recruit.reports.document import Section
from recruit.seekers.models import Seeker
from recruit.seekers.services import in_regions_clause

logger = logging.getLogger(__name__)

MAX_MONTHS = 24

errors.register({
    "roster_dates": _l("The last day cannot be before the first."),
    "roster_months": _l("The threshold is a whole number of months from 1 to %(max)s."),
})


@dataclass
class Entry:
    """A worker on the roster, with what shows they stayed."""

    application: Application
    months: int
    reached_on: date
    batch: TravelBatch | None = None
    confirmed: RetentionCheck | None = None  # the employer's "still there" covering the months
    left_on: date | None = None  # the worker left after reaching the threshold
    missing: list = field(default_factory=list)  # "confirmation", "travel"

    @property
    def county(self):
        return self.application.seeker.hometown_code

    def missing_labels(self):
        labels = {"confirmation": _l("The employer's answer that the worker is still there at %(months)s months",
                                     months=self.months),
                  "travel": _l("Travel in a drive's batch (for the transport subsidy)")}
        return [labels[code] for code in self.missing]


def default_months():
    return current_app.config["SUBSIDY_MONTHS"]


def check_request(starts_on, ends_on, months):
    """The roster's period and threshold, every problem at once."""
    found = Problems()
    found.check("starts_on", checks.day, starts_on, required=True)
    found.check("ends_on", checks.day, ends_on, required=True)
    if not isinstance(months, int) or isinstance(months, bool) or not 1 <= months <= MAX_MONTHS:
        found.add("roster_months", "months", max=MAX_MONTHS)
    if isinstance(starts_on, date) and isinstance(ends_on, date) and ends_on < starts_on:
        found.add("roster_dates", "ends_on")
    found.raise_any()


def roster(starts_on, ends_on, months, region_codes=None, county=None, today=None):
    """The entries whose threshold day fell from `starts_on` to `ends_on` (and by today), by county, then day.

    `region_codes` narrows to a partner's regions, `county` to one hometown.
    """
    check_request(starts_on, ends_on, months)
    last = min(ends_on, today or local_today())
    candidates = _candidates(add_months(starts_on, -months) - MONTH_END_SLACK,
                             add_months(last, -months) + MONTH_END_SLACK, region_codes, county)
    applications = db.session.scalars(candidates.options(
        joinedload(Application.seeker), joinedload(Application.event),
        joinedload(Application.posting).joinedload(Posting.employer))).unique().all()
    ids = sa.select(candidates.with_only_columns(Application.id).subquery())
    checks_by, batches = _checks(ids), _batches(ids)
    entries = []
    for application in applications:
        reached = add_months(application.onboarded_on, months)
        if starts_on <= reached <= last:
            entry = _entry(application, reached, months, checks_by.get(application.id, []),
                           batches.get(application.id))
            if entry is not None:
                entries.append(entry)
    entries.sort(key=lambda entry: (entry.county, entry.reached_on, entry.application.seeker.name,
                                    entry.application.id))
    return entries


def _candidates(first, last, region_codes, county):
    """Workers at work whose first day lies where a threshold day in the period can come from."""
    query = (sa.select(Application).join(Application.seeker)
             .where(Application.onboarded_on.is_not(None), Application.onboarded_on >= first,
                    Application.onboarded_on <= last, Application.status.in_(AT_WORK)))
    if region_codes is not None:
        query = query.where(in_regions_clause(region_codes))
    if county:
        query = query.where(Seeker.hometown_code == county)
    return query


def _checks(ids):
    found = {}
    for check in db.session.scalars(sa.select(RetentionCheck).where(RetentionCheck.application_id.in_(ids))
                                    .order_by(RetentionCheck.due_on)):
        found.setdefault(check.application_id, []).append(check)
    return found


def _batches(ids):
    query = (sa.select(BatchMember.application_id, TravelBatch).join(TravelBatch)
             .where(BatchMember.application_id.in_(ids)))
    return dict(db.session.execute(query).all())


def _entry(application, reached, months, found_checks, batch):
    """The worker's entry, or None when they were reported gone before the threshold day."""
    left = next((check.left_on for check in found_checks if check.outcome == "left"), None)
    if left is not None and left < reached:
        return None
    confirmed = next((check for check in found_checks
                      if check.outcome == "stayed" and CHECK_MONTHS[check.kind] >= months), None)
    entry = Entry(application, months, reached, batch=batch, confirmed=confirmed, left_on=left)
    if confirmed is None:
        entry.missing.append("confirmation")
    if batch is None or batch.arrived_at is None:
        entry.missing.append("travel")
    return entry


def counties(region_codes=None):
    """The hometowns of workers who ever started work, for the county choice; a partner's regions only."""
    query = (sa.select(Seeker.hometown_code).join(Application, Application.seeker_id == Seeker.id)
             .where(Application.onboarded_on.is_not(None)).distinct().order_by(Seeker.hometown_code))
    if region_codes is not None:
        query = query.where(in_regions_clause(region_codes))
    return db.session.scalars(query).all()


def document(entries, starts_on, ends_on, months, as_of):
    """The roster as a report Document: the counts per county, then a sheet of each county's workers."""
    by_county = {}
    for entry in entries:
        by_county.setdefault(entry.county, []).append(entry)
    overview = [(code, display.region_name(code), len(found), sum(1 for entry in found if not entry.missing))
                for code, found in by_county.items()]
    sections = [Section("counties", _l("By county"),
                        [Column("code", _l("Region code"), 10), Column("region", _l("Hometown"), 36),
                         Column("workers", _l("Workers"), 10), Column("complete", _l("Evidence complete"), 12)],
                        overview)]
    sections += [Section(f"county-{code}", display.short_region_name(code), ROSTER_COLUMNS,
                         [_row(number, entry) for number, entry in enumerate(found, start=1)])
                 for code, found in by_county.items()]
    facts = [(_l("Period"), f"{starts_on:%Y-%m-%d} – {ends_on:%Y-%m-%d}"),
             (_l("Threshold"), _l("%(months)s continuous months at one employer", months=months)),
             (_l("Workers"), len(entries))]
    return Document("roster", _l("Subsidy roster"), clock.to_local(as_of), facts=facts, sections=sections)


ROSTER_COLUMNS = [
    Column("number", _l("No."), 6), Column("name", _l("Name"), 10), Column("id_number", _l("ID number"), 20),
    Column("employer", _l("Employer"), 30), Column("posting", _l("Posting"), 20),
    Column("event", _l("Recruited at"), 28), Column("departed", _l("Left home"), 12),
    Column("arrived", _l("Arrived"), 12), Column("onboarded_on", _l("First working day"), 12),
    Column("reached_on", _l("Threshold reached"), 12), Column("confirmed", _l("Employer confirmed"), 12),
    Column("left_on", _l("Left on"), 12), Column("missing", _l("Evidence still missing"), 40),
]


def _row(number, entry):
    application, batch = entry.application, entry.batch
    return (number, application.seeker.name, application.seeker.id_masked,
            application.posting.employer.name, application.posting.title,
            application.event.name if application.event else "",
            _local_day(batch.departed_at) if batch else None, _local_day(batch.arrived_at) if batch else None,
            application.onboarded_on, entry.reached_on,
            _local_day(entry.confirmed.answered_at) if entry.confirmed else None, entry.left_on,
            "、".join(str(label) for label in entry.missing_labels()))


def _local_day(moment):
    return clock.to_local(moment).date() if moment else None


def export(starts_on, ends_on, months, by_user, region_codes=None, county=None):
    """The roster as a workbook in the bureau's language, audited with what it covers; (Rendered, file name)."""
    entries = roster(starts_on, ends_on, months, region_codes=region_codes, county=county)
    as_of = clock.utcnow()
    with force_locale(current_app.config["BABEL_DEFAULT_LOCALE"]):
        made = document(entries, starts_on, ends_on, months, as_of)
        rendered = formats.render(made, "xlsx")
        name = f"{made.title}-{starts_on:%Y%m%d}-{ends_on:%Y%m%d}.xlsx"
    record("subsidy_roster_exported", user=by_user, format="xlsx", rows=len(entries),
           period=f"{starts_on:%Y-%m-%d} – {ends_on:%Y-%m-%d}", months=months, hometown=county or None,
           regions=list(region_codes) if region_codes is not None else None)
    return rendered, name
