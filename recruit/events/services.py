"""Event rules and figures."""
import logging
from dataclasses import dataclass

import sqlalchemy as sa

from recruit.applications.models import INTENT_OR_BEYOND
from recruit.applications.models import Application
from recruit.checkin.models import Checkin
from recruit.events.models import Event
from recruit.extensions import db
from recruit.postings.models import Posting
from recruit.postings.models import posting_events

logger = logging.getLogger(__name__)

COUNTED_POSTING_STATUSES = ("open", "filled", "closed")


@dataclass
class EventFigures:
    """The live figures of one event."""

    visitors: int = 0
    checked_in: int = 0
    anonymous: int = 0
    postings: int = 0
    positions: int = 0
    applications: int = 0
    intents: int = 0


def _grouped(query):
    return {row[0]: row[1:] for row in db.session.execute(query)}


def figures_for(events):
    """Figures of several events in four grouped queries, whatever their number."""
    ids = [e.id for e in events]
    if not ids:
        return {}
    checkins = _grouped(sa.select(Checkin.event_id, sa.func.count()).where(Checkin.event_id.in_(ids))
                        .group_by(Checkin.event_id))
    postings = _grouped(
        sa.select(posting_events.c.event_id, sa.func.count(), sa.func.coalesce(sa.func.sum(Posting.headcount), 0))
        .join(Posting, Posting.id == posting_events.c.posting_id)
        .where(posting_events.c.event_id.in_(ids), Posting.status.in_(COUNTED_POSTING_STATUSES))
        .group_by(posting_events.c.event_id)
    )
    intent_case = sa.case((Application.status.in_(INTENT_OR_BEYOND), 1), else_=0)
    applications = _grouped(
        sa.select(Application.event_id, sa.func.count(), sa.func.coalesce(sa.func.sum(intent_case), 0))
        .where(Application.event_id.in_(ids)).group_by(Application.event_id)
    )
    result = {}
    for event in events:
        checked_in = checkins.get(event.id, (0,))[0]
        n_postings, positions = postings.get(event.id, (0, 0))
        n_applications, intents = applications.get(event.id, (0, 0))
        result[event.id] = EventFigures(
            visitors=checked_in + event.anonymous_visitors, checked_in=checked_in,
            anonymous=event.anonymous_visitors, postings=n_postings, positions=int(positions),
            applications=n_applications, intents=int(intents),
        )
    return result


def public_events():
    """Published and closed events, the newest first."""
    query = sa.select(Event).where(Event.status.in_(("published", "closed"))).order_by(Event.starts_at.desc())
    return db.session.scalars(query).all()


def all_events():
    return db.session.scalars(sa.select(Event).order_by(Event.starts_at.desc())).all()
