"""What a report covers, and the rows it counts as of its time: every figure is aggregated from these selects.

A scope is one event or the events starting within a date range, as of a moment, optionally narrowed to the
seekers from a partner's regions. Applications are taken at the status they had at that moment (their last
recorded change by then), so that a report made up late still says what was true at its due time.
"""
import logging
from dataclasses import dataclass
from datetime import date
from datetime import datetime
from datetime import timedelta

import sqlalchemy as sa

from recruit.applications.models import Application
from recruit.applications.models import ApplicationChange
from recruit.checkin.models import Checkin
from recruit.core import clock
from recruit.events.models import Event
from recruit.extensions import db
from recruit.postings.models import EVER_PUBLIC_STATUSES
from recruit.postings.models import Posting
from recruit.postings.models import posting_events
from recruit.seekers.models import Seeker
from recruit.seekers.services import in_regions_clause

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Scope:
    events: tuple  # Event objects, the soonest first
    as_of: datetime  # naive UTC
    region_codes: tuple[str, ...] = ()  # a partner's regions: only seekers from them count
    starts_on: date | None = None
    ends_on: date | None = None

    @property
    def event_ids(self):
        return [event.id for event in self.events]

    @property
    def single(self):
        """The event when the scope is one event."""
        return self.events[0] if len(self.events) == 1 and self.starts_on is None else None


def for_event(event, as_of=None, region_codes=()):
    return Scope(events=(event,), as_of=as_of or clock.utcnow(), region_codes=tuple(region_codes))


def for_dates(starts_on, ends_on, as_of=None, region_codes=()):
    """The events starting on the days from `starts_on` to `ends_on` (in the bureau's zone)."""
    query = (sa.select(Event).where(Event.starts_at >= clock.day_start(starts_on),
                                    Event.starts_at < clock.day_start(ends_on + timedelta(days=1)))
             .order_by(Event.starts_at, Event.id))
    events = tuple(db.session.scalars(query))
    return Scope(events=events, as_of=as_of or clock.utcnow(), region_codes=tuple(region_codes),
                 starts_on=starts_on, ends_on=ends_on)


def _seeker_filter(scope, seeker_id):
    """SQL narrowing rows to the scope's regions (nothing when the scope has none)."""
    if not scope.region_codes:
        return sa.true()
    return seeker_id.in_(sa.select(Seeker.id).where(in_regions_clause(scope.region_codes)))


def applications(scope):
    """The scope's applications existing at its time, each with the status it had then."""
    last = (sa.select(ApplicationChange.application_id, sa.func.max(ApplicationChange.id).label("change_id"))
            .join(Application, Application.id == ApplicationChange.application_id)
            .where(Application.event_id.in_(scope.event_ids), ApplicationChange.at <= scope.as_of)
            .group_by(ApplicationChange.application_id).subquery())
    return (sa.select(Application.id, Application.seeker_id, Application.posting_id, Application.event_id,
                      Application.intent_at, ApplicationChange.to_status.label("status"))
            .join(last, last.c.application_id == Application.id)
            .join(ApplicationChange, ApplicationChange.id == last.c.change_id)
            .where(_seeker_filter(scope, Application.seeker_id))
            .subquery("scope_applications"))


def checkins(scope):
    """Check-ins at the scope's events up to its time."""
    return (sa.select(Checkin.seeker_id, Checkin.event_id, Checkin.at)
            .where(Checkin.event_id.in_(scope.event_ids), Checkin.at <= scope.as_of,
                   _seeker_filter(scope, Checkin.seeker_id))
            .subquery("scope_checkins"))


def seekers(scope, applied, came):
    """The scope's seekers: who checked in at one of its events or applied at one, by then."""
    ids = sa.union(sa.select(came.c.seeker_id), sa.select(applied.c.seeker_id)).subquery()
    return sa.select(ids.c.seeker_id.label("id")).subquery("scope_seekers")


def postings(scope):
    """The scope's postings that were ever public (drafts and postings under review offer no position)."""
    linked = sa.select(posting_events.c.posting_id).where(posting_events.c.event_id.in_(scope.event_ids))
    return (sa.select(Posting.id, Posting.employer_id, Posting.occupation_code, Posting.headcount, Posting.title)
            .where(Posting.id.in_(linked), Posting.status.in_(EVER_PUBLIC_STATUSES),
                   Posting.created_at <= scope.as_of)
            .subquery("scope_postings"))


def anonymous_visitors(scope):
    """Visitors counted at the gate: none are attributable to a partner's regions."""
    if scope.region_codes:
        return 0
    return sum(event.anonymous_visitors for event in scope.events)
