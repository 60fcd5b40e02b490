"""Check-in rules and queries: a scan or a typed number at the desk, walk-ins, the anonymous count.

A desk may send the same scan twice (it lost the network and sends its queue again) and two desks may scan
the same person at once: each scan carries the id its desk gave it, and the database's unique constraints
decide, so that a person checks in once and a scan counts once.
"""
import logging
from dataclasses import dataclass
from datetime import timedelta

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
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
from recruit.seekers.identity import looks_like_id_number
from recruit.seekers.models import Seeker

logger = logging.getLogger(__name__)

MAX_CODE = 300
MIN_CLIENT_ID, MAX_CLIENT_ID = 8, 64
MAX_COUNT_STEP = 10
# A scan queued offline keeps its own time, but not one from before the event's day.
EARLIEST_BEFORE_START = timedelta(hours=12)

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


@dataclass
class Arrival:
    """What a desk shows for a scan: the check-in, whether this scan made it, and whether the person had
    already checked in before (a repeat is not a second visitor). A scan sent again is neither."""

    checkin: Checkin
    new: bool
    repeat: bool


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


def seeker_for_code(code):
    """The seeker a desk means, and how it found them: the signed token of the gate QR code, an ID number,
    or a mobile number (which must name one seeker)."""
    try:
        return _seeker_for(checks.text(code, MAX_CODE))
    except RuleError as error:
        raise error.on("code") from None


def _seeker_for(text):
    if looks_like_id_number(text):
        return _found(find_by_id_number(idcard.parse(text).number)), "id_number"
    number = mobile.normalize(text)
    if number.isdigit():
        found = db.session.scalars(sa.select(Seeker).where(Seeker.mobile == number).limit(2)).all()
        if len(found) > 1:
            raise RuleError("checkin_mobile_several")
        return _found(found[0] if found else None), "id_number"
    seeker_id = seeker_services.read_checkin_token(text)
    if seeker_id is None:
        raise RuleError("checkin_code_forged")
    return _found(db.session.get(Seeker, seeker_id)), "qr"


def _found(seeker):
    if seeker is None:
        raise RuleError("checkin_seeker_unknown")
    return seeker


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
    """Check the seeker a scan or typed number names in at the event; see Arrival for what comes back."""
    check_open(event)
    client_id = _client_id(client_id)
    sent_before = _checkin_of(event, client_id=client_id)
    if sent_before is not None:
        return Arrival(sent_before, new=False, repeat=False)
    seeker, channel = seeker_for_code(code)
    return record_checkin(event, seeker, channel, client_id=client_id, at=_scan_time(event, at, now),
                          by_user=by_user)


def record_checkin(event, seeker, channel, *, client_id=None, at=None, by_user=None):
    """One check-in per seeker and event; of two desks at the same moment, the second finds the first's."""
    earlier = _checkin_of(event, seeker=seeker)
    if earlier is not None:
        return Arrival(earlier, new=False, repeat=True)
    checkin = Checkin(event_id=event.id, seeker_id=seeker.id, channel=channel, client_id=client_id, at=at or utcnow(),
                      by_user_id=by_user.id if by_user is not None else None)
    try:
        with db.session.begin_nested():
            db.session.add(checkin)
    except IntegrityError:
        same_scan = _checkin_of(event, client_id=client_id) if client_id else None
        if same_scan is not None:
            return Arrival(same_scan, new=False, repeat=False)
        return Arrival(_checkin_of(event, seeker=seeker), new=False, repeat=True)
    return Arrival(checkin, new=True, repeat=False)


def _checkin_of(event, seeker=None, client_id=None):
    query = sa.select(Checkin).where(Checkin.event_id == event.id).options(joinedload(Checkin.seeker))
    if seeker is not None:
        query = query.where(Checkin.seeker_id == seeker.id)
    else:
        query = query.where(Checkin.client_id == client_id)
    return db.session.scalar(query)


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
