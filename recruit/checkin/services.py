"""Check-in rules and queries: a scan or a typed number at the desk, walk-ins, the anonymous count.

A desk may send the same scan twice (it lost the network and sends its queue again) and two desks may scan
the same person at once: each scan carries the id its desk gave it, and the database's unique constraints
decide, so that a person checks in once and a scan counts once.
"""
import logging
from dataclasses import dataclass
from datetime import datetime
from datetime import timedelta

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.dialects import postgresql
from sqlalchemy.dialects import sqlite
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import joinedload

from recruit.checkin.models import Checkin
from recruit.checkin.models import VisitorCount
from recruit.core import checks
from recruit.core.clock import utcnow
from recruit.domain import errors
from recruit.domain import idcard
from recruit.domain import mobile
from recruit.domain.errors import RuleError
from recruit.events.models import Event
from recruit.extensions import db
from recruit.seekers import services as seeker_services
from recruit.seekers.identity import find_by_id_number
from recruit.seekers.identity import id_hash_of
from recruit.seekers.identity import looks_like_id_number
from recruit.seekers.models import Seeker

logger = logging.getLogger(__name__)

MAX_CODE = 300
MIN_CLIENT_ID, MAX_CLIENT_ID = 8, 64
MAX_COUNT_STEP = 10
# A scan queued offline keeps its own time, but not one from before the event's day.
EARLIEST_BEFORE_START = timedelta(hours=12)
INSERTS = {"postgresql": postgresql.insert, "sqlite": sqlite.insert}

errors.register({
    "checkin_code_forged": _l("This QR code was not issued by this system."),
    "checkin_client_id": _l("Each scan needs an id of 8 to 64 characters from its desk."),
    "checkin_too_early": _l("This scan is dated before the event began."),
    "visitor_count_step": _l("Count from -10 to +10 visitors at a time, but not 0."),
})
errors.register({"checkin_seeker_unknown": _l("No registered seeker has this code or number.")}, status=404)
errors.register({
    "checkin_event_not_open": _l("Check-in is open only while the event is published."),
    "checkin_mobile_several": _l("Several seekers have this mobile number. Enter the ID number instead."),
    "visitor_count_below_zero": _l("The count of visitors cannot go below zero."),
}, status=409)


@dataclass(frozen=True)
class SeekerCard:
    """Who the desk sees: the name, the masked ID number and the hometown."""

    id: int
    name: str
    id_masked: str
    hometown_code: str

    @classmethod
    def of(cls, seeker):
        """The card of a seeker, or of a row read with CARD_COLUMNS."""
        return cls(seeker.id, seeker.name, seeker.id_masked, seeker.hometown_code)


@dataclass(frozen=True)
class Arrival:
    """What a desk shows for a scan: the check-in, whether this scan made it, and whether the person had
    already checked in before (a repeat is not a second visitor). A scan sent again is neither.

    Plain values taken before the commit, so that answering the desk reads nothing from the database again."""

    id: int
    client_id: str | None
    at: datetime
    channel: str
    seeker: SeekerCard
    new: bool
    repeat: bool

    @classmethod
    def of(cls, row, *, repeat):
        """The arrival of a check-in read earlier, from a row of CARD_COLUMNS and CHECKIN_COLUMNS."""
        return cls(row.checkin_id, row.client_id, row.at, row.channel, SeekerCard.of(row), new=False, repeat=repeat)


# The gate's busiest path reads these columns, not whole seekers and check-ins: a seeker has forty.
CARD_COLUMNS = (Seeker.id, Seeker.name, Seeker.id_masked, Seeker.hometown_code)
CHECKIN_COLUMNS = (Checkin.id.label("checkin_id"), Checkin.client_id, Checkin.at, Checkin.channel)


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


def seeker_for_code(code, event):
    """The seeker a desk means, and how it found them: the signed token of the gate QR code, an ID number,
    or a mobile number (which must name one seeker). With the seeker's check-in at the event, if any, read in
    the same query: (card, channel, a row of CHECKIN_COLUMNS or None)."""
    try:
        criterion, channel = _criterion_for(checks.text(code, MAX_CODE))
    except RuleError as error:
        raise error.on("code") from None
    query = (sa.select(*CARD_COLUMNS, *CHECKIN_COLUMNS).where(criterion).limit(2)
             .outerjoin(Checkin, sa.and_(Checkin.seeker_id == Seeker.id, Checkin.event_id == event.id)))
    found = db.session.execute(query).all()
    if len(found) > 1:
        raise RuleError("checkin_mobile_several", "code")
    if not found:
        raise RuleError("checkin_seeker_unknown", "code")
    row = found[0]
    return SeekerCard.of(row), channel, row if row.checkin_id is not None else None


def _criterion_for(text):
    if looks_like_id_number(text):
        return Seeker.id_hash == id_hash_of(idcard.parse(text).number), "id_number"
    number = mobile.normalize(text)
    if number.isdigit():
        return Seeker.mobile == number, "id_number"
    seeker_id = seeker_services.read_checkin_token(text)
    if seeker_id is None:
        raise RuleError("checkin_code_forged")
    return Seeker.id == seeker_id, "qr"


def gate(event_id):
    """What a scan needs of its event, as one row (id, status, starts_at), or None: the gate's busiest path does
    not load the whole event."""
    query = sa.select(Event.id, Event.status, Event.starts_at).where(Event.id == event_id)
    return db.session.execute(query).first()


def check_open(event):
    if event.status != "published":
        raise RuleError("checkin_event_not_open")


def _client_id(value):
    value = value if isinstance(value, str) else ""
    if not MIN_CLIENT_ID <= len(value) <= MAX_CLIENT_ID or not value.isprintable():
        raise RuleError("checkin_client_id", "client_id")
    return value


def _scan_time(event, at, now):
    """The time a desk gives its scan (naive UTC), or now; a desk's clock that runs ahead gets now."""
    now = now or utcnow()
    if at is None or at > now:
        return now
    if at < event.starts_at - EARLIEST_BEFORE_START:
        raise RuleError("checkin_too_early", "at")
    return at


def check_in(event, code, *, client_id, at=None, by_user=None, now=None):
    """Check the seeker a scan or typed number names in at the event (an Event, or its row from `gate`); see
    Arrival for what comes back."""
    check_open(event)
    client_id = _client_id(client_id)
    card, channel, earlier = seeker_for_code(code, event)
    if earlier is not None:
        return Arrival.of(earlier, repeat=earlier.client_id != client_id)
    return _record(event, card, channel, client_id=client_id, at=_scan_time(event, at, now), by_user=by_user)


def record_checkin(event, seeker, channel, *, client_id=None, at=None, by_user=None):
    """One check-in per seeker and event; of two desks at the same moment, the second finds the first's."""
    earlier = _checkins_at(event, Checkin.seeker_id == seeker.id)
    if earlier:
        return Arrival.of(earlier[0], repeat=True)
    return _record(event, SeekerCard.of(seeker), channel, client_id=client_id, at=at or utcnow(), by_user=by_user)


def _record(event, card, channel, *, client_id, at, by_user):
    values = {"event_id": event.id, "seeker_id": card.id, "channel": channel, "client_id": client_id, "at": at,
              "by_user_id": by_user.id if by_user is not None else None}
    checkin_id = _insert_unless_taken(values)
    if checkin_id is not None:
        return Arrival(checkin_id, client_id, at, channel, card, new=True, repeat=False)
    # Another desk checked the seeker in a moment ago, or this desk's scan came twice at once.
    taken = Checkin.seeker_id == card.id
    earlier = _checkins_at(event, sa.or_(taken, Checkin.client_id == client_id) if client_id else taken)
    same_scan = next((row for row in earlier if client_id and row.client_id == client_id), None)
    if same_scan is not None:
        return Arrival.of(same_scan, repeat=False)
    return Arrival.of(earlier[0], repeat=True)


def _checkins_at(event, criterion):
    query = (sa.select(*CARD_COLUMNS, *CHECKIN_COLUMNS).join(Checkin.seeker)
             .where(Checkin.event_id == event.id, criterion))
    return db.session.execute(query).all()


def _insert_unless_taken(values):
    """INSERT … ON CONFLICT DO NOTHING RETURNING id: the new check-in's id, or None when the seeker or the scan
    has one already. One statement where a savepoint, the insert and its release take three, and the table's
    own, not the ORM's, on the gate's busiest path."""
    insert = INSERTS[db.session.get_bind().dialect.name]
    table = Checkin.__table__
    return db.session.scalar(insert(table).values(**values).on_conflict_do_nothing().returning(table.c.id))


def walk_in(event, values, id_number, *, consent, by_user, now=None):
    """Register a visitor at the desk and check them in, in one step. A person already registered is
    checked in as they are (the desk says so) rather than refused. Returns (arrival, registered now)."""
    check_open(event)
    existing = _registered(id_number)
    if existing is not None:
        return record_checkin(event, existing, "id_number", at=now, by_user=by_user), False
    seeker = seeker_services.register_seeker(values, id_number, consent=consent, registered_by=by_user)
    return record_checkin(event, seeker, "walk_in", at=now, by_user=by_user), True


def _registered(id_number):
    try:
        number = idcard.parse(checks.text(id_number, 40)).number
    except RuleError:
        return None  # the registration reports the problem with the number, along with every other one
    return find_by_id_number(number)


def count_visitors(event, delta, *, client_id, at=None, by_user=None, now=None):
    """Add `delta` (+1, +10, or -1 to undo) to the event's visitors who did not register; a count sent again
    changes nothing. Returns the event's count after it."""
    check_open(event)
    client_id = _client_id(client_id)
    try:
        step = checks.integer(delta, -MAX_COUNT_STEP, MAX_COUNT_STEP)
    except RuleError as error:
        raise error.on("delta") from None
    if step == 0:
        raise RuleError("visitor_count_step", "delta")
    if not _counted_before(event, client_id):
        try:
            with db.session.begin_nested():
                db.session.add(VisitorCount(event_id=event.id, delta=step, client_id=client_id,
                                            at=_scan_time(event, at, now),
                                            by_user_id=by_user.id if by_user is not None else None))
                db.session.flush()
                _add_to_count(event, step)
        except IntegrityError:
            pass  # the same count, sent at the same moment by the desk's retry: it counted once
    return db.session.scalar(sa.select(Event.anonymous_visitors).where(Event.id == event.id))


def _counted_before(event, client_id):
    query = sa.select(VisitorCount.id).where(VisitorCount.event_id == event.id, VisitorCount.client_id == client_id)
    return db.session.scalar(query) is not None


def _add_to_count(event, step):
    """One UPDATE, so two desks counting at once both count; it refuses to go below zero."""
    result = db.session.execute(
        sa.update(Event).where(Event.id == event.id, Event.anonymous_visitors + step >= 0)
        .values(anonymous_visitors=Event.anonymous_visitors + step).execution_options(synchronize_session=False))
    if result.rowcount != 1:
        raise RuleError("visitor_count_below_zero", "delta")
    db.session.expire(event, ["anonymous_visitors"])
