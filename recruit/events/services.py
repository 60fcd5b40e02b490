"""Event rules and figures: creating and editing events, the employers taking part, live figures."""
import logging
from dataclasses import dataclass
from datetime import UTC

import sqlalchemy as sa
from apscheduler.triggers.cron import CronTrigger
from flask import current_app
from flask_babel import lazy_gettext as _l

from recruit.applications.models import INTENT_OR_BEYOND
from recruit.applications.models import Application
from recruit.audit.services import record
from recruit.checkin.models import Checkin
from recruit.events.models import Event
from recruit.events.models import Participation
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
        sa.select(posting_events.c.event_id, sa.func.count(),
                  sa.func.coalesce(sa.func.sum(Posting.headcount), 0))
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


class EventError(ValueError):
    """An event rule was broken: `code` is stable, `field` names the input, `message` is for the user."""

    def __init__(self, code, field, message=None):
        self.code = code
        self.field = field
        self.message = message if message is not None else MESSAGES[code]
        super().__init__(str(self.message))


MESSAGES = {
    "dates": _l("The end must not be before the start."),
    "cron": _l("Enter five fields: minute, hour, day of month, month, day of week (e.g. 0 18 * * *)."),
    "origins": _l("A cross-province drive needs at least one origin region."),
    "employer_not_approved": _l("Only an approved employer can take part in an event."),
    "already_participating": _l("This employer already takes part in this event."),
}
EVENT_FIELDS = ("name", "kind", "starts_at", "ends_at", "venue", "host_region_code", "origin_region_codes",
                "status", "report_cron", "description")


def _naive_utc(value):
    """Stored times are naive UTC; an aware time (a form's Asia/Shanghai input) is converted first."""
    return value.astimezone(UTC).replace(tzinfo=None) if value.tzinfo is not None else value


def check_dates(starts_at, ends_at):
    if _naive_utc(ends_at) < _naive_utc(starts_at):
        raise EventError("dates", "ends_at")


def check_cron(expression):
    """The schedule as APScheduler reads it (five crontab fields, in the bureau's time zone), normalised."""
    text = " ".join((expression or "").split())
    try:
        CronTrigger.from_crontab(text, timezone=current_app.config["TIMEZONE"])
    except ValueError as error:
        raise EventError("cron", "report_cron") from error
    return text


def check_origins(kind, origin_region_codes):
    if kind == "cross_province" and not origin_region_codes:
        raise EventError("origins", "origin_region_codes")


def _clean(data):
    clean = {name: data.get(name) for name in EVENT_FIELDS}
    clean["name"] = (clean["name"] or "").strip()
    clean["starts_at"] = _naive_utc(clean["starts_at"])
    clean["ends_at"] = _naive_utc(clean["ends_at"])
    clean["origin_region_codes"] = list(dict.fromkeys(clean["origin_region_codes"] or []))
    clean["venue"] = (clean["venue"] or "").strip()
    clean["description"] = clean["description"] or ""
    check_dates(clean["starts_at"], clean["ends_at"])
    check_origins(clean["kind"], clean["origin_region_codes"])
    clean["report_cron"] = check_cron(clean["report_cron"])
    return clean


def create_event(data, by_user):
    """A new event from the values of EVENT_FIELDS (times naive UTC or aware)."""
    event = Event(**_clean(data))
    db.session.add(event)
    db.session.flush()
    record("event_created", target=event, user=by_user, name=event.name)
    return event


def update_event(event, data, by_user):
    clean = _clean(data)
    changed = sorted(name for name, value in clean.items() if getattr(event, name) != value)
    for name in changed:
        setattr(event, name, clean[name])
    db.session.flush()
    record("event_updated", target=event, user=by_user, fields=changed)
    return event


def check_booth(event, booth, participation=None):
    """A booth number names one place in an event's hall: no two employers share it; blank means none yet."""
    booth = (booth or "").strip().upper()
    if not booth:
        return booth
    query = sa.select(Participation.id).where(Participation.event_id == event.id,
                                              Participation.booth == booth)
    if participation is not None:
        query = query.where(Participation.id != participation.id)
    if db.session.scalar(query.limit(1)) is not None:
        message = _l("Booth %(booth)s is already given to another employer at this event.", booth=booth)
        raise EventError("booth_taken", "booth", message)
    return booth


def add_participation(event, employer, booth, by_user):
    """The bureau puts an approved employer in an event; its place there is approved at once."""
    if not employer.is_approved:
        raise EventError("employer_not_approved", "employer_id")
    taken = sa.select(Participation.id).where(Participation.event_id == event.id,
                                               Participation.employer_id == employer.id)
    if db.session.scalar(taken) is not None:
        raise EventError("already_participating", "employer_id")
    booth = check_booth(event, booth)
    participation = Participation(event=event, employer=employer, booth=booth, approved=True)
    db.session.add(participation)
    db.session.flush()
    record("participation_added", target=event, user=by_user, employer_id=employer.id, booth=booth)
    return participation


def set_booth(participation, booth, by_user):
    participation.booth = check_booth(participation.event, booth, participation)
    db.session.flush()
    record("participation_updated", target=participation.event, user=by_user,
           employer_id=participation.employer_id, booth=participation.booth)
    return participation


def approve_participation(participation, by_user):
    participation.approved = True
    db.session.flush()
    record("participation_approved", target=participation.event, user=by_user,
           employer_id=participation.employer_id)
    return participation


def remove_participation(participation, by_user):
    record("participation_removed", target=participation.event, user=by_user,
           employer_id=participation.employer_id, booth=participation.booth)
    db.session.delete(participation)
    db.session.flush()
