"""Event rules and figures: creating and editing events, the employers taking part, live figures."""
import logging
from dataclasses import dataclass
from datetime import time

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import contains_eager
from sqlalchemy.orm import joinedload

from recruit.applications.figures import applications_at
from recruit.applications.figures import people_at
from recruit.applications.models import INTENT_OR_BEYOND
from recruit.applications.models import Application
from recruit.audit.services import record
from recruit.checkin.models import Checkin
from recruit.core import checks
from recruit.core import clock
from recruit.core.checks import Problems
from recruit.domain import errors
from recruit.domain.errors import RuleError
from recruit.employers.models import Employer
from recruit.events.models import ACTIVE_STATUSES
from recruit.events.models import EVENT_KINDS
from recruit.events.models import EVENT_STATUSES
from recruit.events.models import PUBLIC_STATUSES
from recruit.events.models import Event
from recruit.events.models import Participation
from recruit.extensions import db
from recruit.postings.models import EVER_PUBLIC_STATUSES
from recruit.postings.models import Posting
from recruit.postings.models import posting_events
from recruit.reports import schedule

logger = logging.getLogger(__name__)

EVENT_FIELDS = ("name", "kind", "starts_at", "ends_at", "venue", "host_region_code", "origin_region_codes",
                "status", "report_cron", "description")
MAX_NAME = 200
MAX_VENUE = 300
MAX_DESCRIPTION = 5000
MAX_CRON = 100
MAX_BOOTH = 20

errors.register({
    "dates": _l("The end must not be before the start."),
    "cron": _l("Enter five fields: minute, hour, day of month, month, day of week (e.g. 0 18 * * *)."),
    "origins": _l("A cross-province drive needs at least one origin region."),
    "participant_not_approved": _l("Only an approved employer can take part in an event."),
})
errors.register({
    "already_participating": _l("This employer already takes part in this event."),
    "booth_taken": _l("Booth %(booth)s is already given to another employer at this event."),
    "participation_has_applications": _l(
        "%(name)s cannot be removed: seekers applied for its postings at this event, and those applications "
        "belong to the event's figures. Close its postings instead."),
}, status=409)


@dataclass
class Exhibitor:
    """An employer in an event's hall: its participation (with the booth) and its open postings there."""

    participation: Participation
    postings: list


@dataclass
class EventFigures:
    """The live figures of one event."""

    visitors: int = 0
    checked_in: int = 0
    anonymous: int = 0
    postings: int = 0
    positions: int = 0
    applications: int = 0
    intents: int = 0  # people, as the bureau reports them
    intent_applications: int = 0


def _grouped(query):
    return {row[0]: row[1:] for row in db.session.execute(query)}


def figures_for(events):
    """Figures of several events in three grouped queries, whatever their number."""
    ids = [e.id for e in events]
    if not ids:
        return {}
    checkins = _grouped(sa.select(Checkin.event_id, sa.func.count()).where(Checkin.event_id.in_(ids))
                        .group_by(Checkin.event_id))
    postings = _grouped(
        sa.select(posting_events.c.event_id, sa.func.count(),
                  sa.func.coalesce(sa.func.sum(Posting.headcount), 0))
        .join(Posting, Posting.id == posting_events.c.posting_id)
        .where(posting_events.c.event_id.in_(ids), Posting.status.in_(EVER_PUBLIC_STATUSES))
        .group_by(posting_events.c.event_id)
    )
    applications = _grouped(
        sa.select(Application.event_id, sa.func.count(),
                  people_at(Application.status, Application.seeker_id, INTENT_OR_BEYOND),
                  applications_at(Application.status, INTENT_OR_BEYOND))
        .where(Application.event_id.in_(ids)).group_by(Application.event_id)
    )
    result = {}
    for event in events:
        checked_in = checkins.get(event.id, (0,))[0]
        n_postings, positions = postings.get(event.id, (0, 0))
        n_applications, intents, intent_applications = applications.get(event.id, (0, 0, 0))
        result[event.id] = EventFigures(
            visitors=checked_in + event.anonymous_visitors, checked_in=checked_in,
            anonymous=event.anonymous_visitors, postings=n_postings, positions=int(positions),
            applications=n_applications, intents=intents, intent_applications=int(intent_applications),
        )
    return result


def public_events():
    """Published and closed events, the newest first."""
    query = sa.select(Event).where(Event.status.in_(PUBLIC_STATUSES)).order_by(Event.starts_at.desc())
    return db.session.scalars(query).all()


def active_events():
    """Events being prepared or running, the soonest first."""
    query = sa.select(Event).where(Event.status.in_(ACTIVE_STATUSES)).order_by(Event.starts_at)
    return db.session.scalars(query).all()


def all_events():
    """Every event, the newest first (a select to paginate)."""
    return sa.select(Event).order_by(Event.starts_at.desc(), Event.id.desc())


def _cron(expression):
    """The schedule as APScheduler reads it (five crontab fields, in the bureau's time zone), normalised; empty
    for only a final report at the close."""
    text = " ".join(checks.text(expression, MAX_CRON, required=False).split())
    try:
        schedule.trigger(text)
    except ValueError:
        raise RuleError("cron") from None
    return text


def check_schedule(frequency, at, weekday):
    """The cron kept for a schedule in the bureau's terms (daily at a time, weekly on a day, only at the close)."""
    found = Problems()
    found.check("report_frequency", checks.choice, frequency, schedule.FREQUENCIES)
    if frequency in ("daily", "weekly") and not isinstance(at, time):
        found.add("required", "report_time")
    if frequency == "weekly" and weekday not in range(7):
        found.add("choice", "report_weekday")
    found.raise_any()
    return schedule.to_cron(schedule.Schedule(frequency, at or schedule.DEFAULT_AT,
                                              weekday if frequency == "weekly" else None))


def schedule_text(cron):
    """The report schedule as a sentence ("Daily at 18:00"); a cron of an older version is shown as it is."""
    plain = schedule.from_cron(cron or "")
    return schedule.describe(plain) if plain is not None else _l("Custom schedule: %(cron)s", cron=cron)


def _report_cron(data, found):
    """From the schedule's plain terms when given (the event form), else from a cron (the API, older clients)."""
    if "report_frequency" not in data:
        return found.check("report_cron", _cron, data.get("report_cron"))
    return found.check("report_frequency", check_schedule, data["report_frequency"], data.get("report_time"),
                       data.get("report_weekday"))


def check_event(data):
    """The event's values as stored (times typed in the bureau's zone become UTC); every problem at once."""
    found = Problems()
    clean = {
        "name": found.check("name", checks.text, data.get("name"), MAX_NAME),
        "kind": found.check("kind", checks.choice, data.get("kind"), EVENT_KINDS.values),
        "starts_at": found.check("starts_at", checks.moment, data.get("starts_at")),
        "ends_at": found.check("ends_at", checks.moment, data.get("ends_at")),
        "venue": found.check("venue", checks.text, data.get("venue"), MAX_VENUE, required=False),
        "host_region_code": found.check("host_region_code", checks.region, data.get("host_region_code")),
        "origin_region_codes": found.check("origin_region_codes", checks.region_list,
                                           data.get("origin_region_codes")),
        "status": found.check("status", checks.choice, data.get("status"), EVENT_STATUSES.values),
        "report_cron": _report_cron(data, found),
        "description": found.check("description", checks.text, data.get("description"), MAX_DESCRIPTION,
                                   required=False),
    }
    if clean["starts_at"] and clean["ends_at"] and clean["ends_at"] < clean["starts_at"]:
        found.add("dates", "ends_at")
    if clean["kind"] == "cross_province" and clean["origin_region_codes"] == []:
        found.add("origins", "origin_region_codes")
    found.raise_any()
    clean["starts_at"] = clock.to_utc(clean["starts_at"])
    clean["ends_at"] = clock.to_utc(clean["ends_at"])
    return clean


def create_event(data, by_user):
    """A new event from the values of EVENT_FIELDS, its times as typed in the bureau's zone."""
    event = Event(**check_event(data))
    db.session.add(event)
    db.session.flush()
    record("event_created", target=event, user=by_user, name=event.name)
    return event


def update_event(event, data, by_user):
    clean = check_event(data)
    changed = sorted(name for name, value in clean.items() if getattr(event, name) != value)
    for name in changed:
        setattr(event, name, clean[name])
    db.session.flush()
    record("event_updated", target=event, user=by_user, fields=changed)
    return event


def participations_page(event):
    """The employers taking part in an event, by booth (a select to paginate)."""
    return (sa.select(Participation).where(Participation.event_id == event.id)
            .options(joinedload(Participation.employer)).order_by(Participation.booth, Participation.id))


def position_of(participation):
    """How many participations of its event come before this one on the paged list (same order)."""
    before = sa.or_(Participation.booth < participation.booth,
                    sa.and_(Participation.booth == participation.booth, Participation.id < participation.id))
    return db.session.scalar(sa.select(sa.func.count()).where(Participation.event_id == participation.event_id,
                                                              before))


def exhibitors(event):
    """The approved employers at a public event, by booth (those without one last), each with its open postings
    at the event: two queries, however many employers take part."""
    query = (sa.select(Participation).join(Participation.employer)
             .where(Participation.event_id == event.id, Participation.approved, Employer.status == "approved")
             .options(contains_eager(Participation.employer))
             .order_by(sa.case((Participation.booth == "", 1), else_=0), Participation.booth, Employer.name,
                       Participation.id))
    participations = db.session.scalars(query).all()
    at_event = sa.select(posting_events.c.posting_id).where(posting_events.c.event_id == event.id)
    taking_part = sa.select(Participation.employer_id).where(Participation.event_id == event.id,
                                                             Participation.approved)
    postings = db.session.scalars(
        sa.select(Posting).where(Posting.id.in_(at_event), Posting.employer_id.in_(taking_part),
                                 Posting.status == "open").order_by(Posting.title, Posting.id))
    by_employer = {}
    for posting in postings:
        by_employer.setdefault(posting.employer_id, []).append(posting)
    return [Exhibitor(p, by_employer.get(p.employer_id, [])) for p in participations]


def candidates(event):
    """Approved employers not yet taking part in the event, by name."""
    taking_part = sa.select(Participation.employer_id).where(Participation.event_id == event.id)
    query = (sa.select(Employer).where(Employer.status == "approved", Employer.id.not_in(taking_part))
             .order_by(Employer.name))
    return db.session.scalars(query).all()


def check_booth(event, booth, participation=None):
    """A booth number names one place in an event's hall: no two employers share it; blank means none yet."""
    booth = checks.code_text(booth, MAX_BOOTH)
    if not booth:
        return booth
    query = sa.select(Participation.id).where(Participation.event_id == event.id,
                                              Participation.booth == booth)
    if participation is not None:
        query = query.where(Participation.id != participation.id)
    if db.session.scalar(query.limit(1)) is not None:
        raise RuleError("booth_taken", booth=booth)
    return booth


def check_participation(event, employer, booth):
    found = Problems()
    if employer is None or not employer.is_approved:
        found.add("participant_not_approved", "employer_id")
    elif db.session.scalar(sa.select(Participation.id).where(Participation.event_id == event.id,
                                                             Participation.employer_id == employer.id)):
        found.add("already_participating", "employer_id")
    booth = found.check("booth", check_booth, event, booth)
    found.raise_any()
    return booth


def add_participation(event, employer, booth, by_user):
    """The bureau puts an approved employer in an event; its place there is approved at once."""
    booth = check_participation(event, employer, booth)
    participation = Participation(event=event, employer=employer, booth=booth, approved=True)
    db.session.add(participation)
    db.session.flush()
    record("participation_added", target=event, user=by_user, employer_id=employer.id, booth=booth)
    return participation


def check_new_booth(participation, booth):
    """The booth a participation moves to, as stored; refused as a problem of the field "booth"."""
    try:
        return check_booth(participation.event, booth, participation)
    except RuleError as error:
        raise error.on("booth") from None


def set_booth(participation, booth, by_user):
    participation.booth = check_new_booth(participation, booth)
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
    """The employer leaves the event with its postings; refused while applications of the event exist."""
    event, employer = participation.event, participation.employer
    postings = [posting for posting in employer.postings if event in posting.events]
    applied = sa.select(Application.id).where(Application.event_id == event.id,
                                              Application.posting_id.in_([p.id for p in postings]))
    if postings and db.session.scalar(applied.limit(1)) is not None:
        raise RuleError("participation_has_applications", name=employer.name)
    for posting in postings:
        posting.events.remove(event)
    record("participation_removed", target=event, user=by_user, employer_id=employer.id,
           booth=participation.booth, postings=len(postings))
    db.session.delete(participation)
    db.session.flush()
