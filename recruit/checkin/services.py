"""Check-in rules and queries."""
import logging

import sqlalchemy as sa
from sqlalchemy.orm import joinedload

from recruit.checkin.models import Checkin
from recruit.extensions import db

logger = logging.getLogger(__name__)


def checkins_of(seeker):
    """The events a seeker checked in at, the latest first, each with its event."""
    query = (sa.select(Checkin).where(Checkin.seeker_id == seeker.id).options(joinedload(Checkin.event))
             .order_by(Checkin.at.desc(), Checkin.id.desc()))
    return db.session.scalars(query).all()


def events_attended(seeker_ids):
    """Per seeker id: how many events they checked in at, in one query."""
    if not seeker_ids:
        return {}
    query = (sa.select(Checkin.seeker_id, sa.func.count(sa.distinct(Checkin.event_id)))
             .where(Checkin.seeker_id.in_(seeker_ids)).group_by(Checkin.seeker_id))
    return dict(db.session.execute(query).all())
