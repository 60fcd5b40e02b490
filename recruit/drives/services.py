"""Drive rules after the signing: travel batches and their members, departure and arrival, onboarding.

The retention checks that follow onboarding are in recruit/drives/retention.py.
"""
import logging

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import joinedload
from sqlalchemy.orm.attributes import set_committed_value

from recruit.applications import services as application_services
from recruit.applications.models import Application
from recruit.audit.services import record
from recruit.core import checks
from recruit.core.access import can_manage_application
from recruit.core.checks import Problems
from recruit.core.clock import local_today
from recruit.core.clock import utcnow
from recruit.domain import errors
from recruit.domain import regions
from recruit.domain.errors import RuleError
from recruit.drives.models import BatchMember
from recruit.drives.models import TravelBatch
from recruit.events.models import Event
from recruit.extensions import db
from recruit.postings.models import Posting
from recruit.postings.models import posting_events
from recruit.seekers.models import Seeker
from recruit.seekers.services import in_regions_clause

logger = logging.getLogger(__name__)

BATCH_FIELDS = ("departs_on", "from_place", "to_place", "escort_name", "escort_mobile")
MAX_PLACE = 100
MAX_ESCORT = 50

errors.register({
    "batch_not_drive": _l("Travel batches belong to cross-province recruitment drives."),
    "batch_member_not_signed": _l("Only applicants who have signed travel in a batch."),
    "batch_member_other_event": _l("This application is not for a posting of this drive."),
    "batch_not_planned": _l("This batch has left: its members can no longer change."),
    "batch_empty": _l("Add the travelling workers to the batch before it leaves."),
    "batch_not_departed": _l("Only a batch on the way can arrive."),
    "batch_not_member": _l("This application does not travel in this batch."),
    "onboard_not_arrived": _l("The worker's batch has not arrived yet."),
    "onboard_too_early": _l("The worker cannot start before the batch left on %(date)s."),
    "onboard_future": _l("The first working day cannot lie in the future."),
    "onboard_done": _l("This worker's onboarding is confirmed already."),
})
errors.register({
    "batch_member_taken": _l("This worker travels in another batch already."),
    "batch_stale": _l("Someone changed this batch meanwhile. Please check it and try again."),
}, status=409)


def check_batch(data):
    """A batch's values as stored; every problem at once."""
    found = Problems()
    clean = {
        "departs_on": found.check("departs_on", checks.day, data.get("departs_on"), required=True),
        "from_place": found.check("from_place", checks.text, data.get("from_place"), MAX_PLACE),
        "to_place": found.check("to_place", checks.text, data.get("to_place"), MAX_PLACE),
        "escort_name": found.check("escort_name", checks.text, data.get("escort_name"), MAX_ESCORT),
        "escort_mobile": found.check("escort_mobile", checks.mobile_number, data.get("escort_mobile")),
    }
    found.raise_any()
    return clean


def create_batch(event, data, by_user):
    """A planned batch of a cross-province drive."""
    if event.kind != "cross_province":
        raise RuleError("batch_not_drive")
    batch = TravelBatch(event=event, created_by_id=by_user.id, **check_batch(data))
    db.session.add(batch)
    db.session.flush()
    record("batch_created", target=batch, user=by_user, event_id=event.id)
    return batch


def update_batch(batch, data, by_user):
    """The date, places and escort may be corrected at any time: an escort changes phones on the way too."""
    clean = check_batch(data)
    changed = sorted(name for name, value in clean.items() if getattr(batch, name) != value)
    for name in changed:
        setattr(batch, name, clean[name])
    db.session.flush()
    record("batch_updated", target=batch, user=by_user, fields=changed)
    return batch


def batches_of(event):
    """The event's batches, by departure day, with their members counted by the page."""
    return (sa.select(TravelBatch).where(TravelBatch.event_id == event.id)
            .order_by(TravelBatch.departs_on, TravelBatch.id))


def member_counts(batches):
    ids = [batch.id for batch in batches]
    if not ids:
        return {}
    query = (sa.select(BatchMember.batch_id, sa.func.count()).where(BatchMember.batch_id.in_(ids))
             .group_by(BatchMember.batch_id))
    return dict(db.session.execute(query).all())


def members_of(batch, region_codes=None):
    """The batch's members with their seekers and postings; for partner staff only their regions' seekers."""
    query = (sa.select(BatchMember).join(BatchMember.application).join(Application.seeker)
             .where(BatchMember.batch_id == batch.id)
             .options(joinedload(BatchMember.application).joinedload(Application.seeker),
                      joinedload(BatchMember.application).joinedload(Application.posting)
                      .joinedload(Posting.employer))
             .order_by(Seeker.name, BatchMember.id))
    if region_codes is not None:
        query = query.where(in_regions_clause(region_codes))
    return db.session.scalars(query).all()


def _of_event(event):
    """Applications for postings of the event."""
    return Application.posting_id.in_(sa.select(posting_events.c.posting_id)
                                      .where(posting_events.c.event_id == event.id))


def candidates(event):
    """Signed applications of the event's postings that travel in no batch yet, for the members' select."""
    query = (sa.select(Application).join(Application.seeker)
             .where(_of_event(event), Application.status == "signed",
                    ~Application.id.in_(sa.select(BatchMember.application_id)))
             .options(joinedload(Application.seeker),
                      joinedload(Application.posting).joinedload(Posting.employer))
             .order_by(Seeker.name, Application.id))
    return db.session.scalars(query).all()


def add_member(batch, application, by_user):
    """A signed worker of the drive joins a planned batch; two staff adding them at once make one membership."""
    _check_planned(batch)
    if application.status != "signed":
        raise RuleError("batch_member_not_signed", "application_id")
    if db.session.scalar(sa.select(Application.id).where(Application.id == application.id,
                                                         _of_event(batch.event))) is None:
        raise RuleError("batch_member_other_event", "application_id")
    if batch_of(application) is not None:
        raise RuleError("batch_member_taken", "application_id")
    try:
        with db.session.begin_nested():
            member = BatchMember(batch=batch, application=application, added_by_id=by_user.id)
            db.session.add(member)
    except IntegrityError:
        raise RuleError("batch_member_taken", "application_id") from None
    record("batch_member_added", target=batch, user=by_user, application_id=application.id)
    return member


def remove_member(batch, application_id, by_user):
    """A worker who will not travel (yet) leaves a planned batch; they may join another one."""
    _check_planned(batch)
    member = db.session.scalar(sa.select(BatchMember).where(BatchMember.batch_id == batch.id,
                                                            BatchMember.application_id == application_id))
    if member is None:
        raise RuleError("batch_not_member", "application_id")
    db.session.delete(member)
    db.session.flush()
    record("batch_member_removed", target=batch, user=by_user, application_id=application_id)


def _check_planned(batch):
    if batch.status != "planned":
        raise RuleError("batch_not_planned")


def depart(batch, by_user):
    """The whole batch leaves together."""
    _check_planned(batch)
    count = member_counts([batch]).get(batch.id, 0)
    if not count:
        raise RuleError("batch_empty")
    _set_status(batch, "planned", "departed", "departed_at")
    record("batch_departed", target=batch, user=by_user, members=count)


def arrive(batch, by_user):
    if batch.status != "departed":
        raise RuleError("batch_not_departed")
    _set_status(batch, "departed", "arrived", "arrived_at")
    record("batch_arrived", target=batch, user=by_user, members=member_counts([batch]).get(batch.id, 0))


def _set_status(batch, from_status, to_status, stamp):
    """Compare and set, so that a second click from a stale page changes nothing."""
    now = utcnow()
    statement = (sa.update(TravelBatch).where(TravelBatch.id == batch.id, TravelBatch.status == from_status)
                 .values(status=to_status, updated_at=now, **{stamp: now})
                 .execution_options(synchronize_session=False))
    if db.session.execute(statement).rowcount != 1:
        raise RuleError("batch_stale")
    set_committed_value(batch, "status", to_status)
    set_committed_value(batch, stamp, now)


def batch_of(application):
    """The batch the application travels in, if any (a seeker sees it on their application)."""
    return db.session.scalar(sa.select(TravelBatch).join(BatchMember)
                             .where(BatchMember.application_id == application.id))


def to_onboard(employer):
    """The employer's workers who arrived and wait for their first day to be confirmed."""
    query = (sa.select(BatchMember).join(BatchMember.batch).join(BatchMember.application)
             .join(Application.posting)
             .where(TravelBatch.status == "arrived", Posting.employer_id == employer.id,
                    sa.or_(Application.status == "signed",
                           sa.and_(Application.status == "onboarded", Application.onboarded_on.is_(None))))
             .options(joinedload(BatchMember.batch),
                      joinedload(BatchMember.application).joinedload(Application.seeker),
                      joinedload(BatchMember.application).joinedload(Application.posting))
             .order_by(TravelBatch.arrived_at, BatchMember.id))
    return db.session.scalars(query).all()


def confirm_onboarding(application, onboarded_on, by_user):
    """The employer confirms the arrived worker's first day: the application moves to `onboarded` with it.

    An application someone already moved to `onboarded` on its own page only gets its day recorded.
    """
    if not can_manage_application(by_user, application):
        raise RuleError("not_yours")
    batch = batch_of(application)
    if batch is None or batch.status != "arrived":
        raise RuleError("onboard_not_arrived")
    day = _check_first_day(onboarded_on, batch)
    if application.onboarded_on is not None or application.status not in ("signed", "onboarded"):
        raise RuleError("onboard_done")
    if application.status == "signed":
        application_services.move(application, "onboarded", by_user)
    application.onboarded_on = day
    db.session.flush()
    record("onboarding_confirmed", target=application, user=by_user, batch_id=batch.id,
           onboarded_on=day.isoformat())
    return application


def _check_first_day(value, batch):
    try:
        day = checks.day(value, required=True)
    except RuleError as error:
        raise error.on("onboarded_on") from None
    if day < batch.departs_on:
        raise RuleError("onboard_too_early", "onboarded_on", date=batch.departs_on.isoformat())
    if day > local_today():
        raise RuleError("onboard_future", "onboarded_on")
    return day


def drives_for(region_codes):
    """Cross-province drives recruiting from these regions (their origins overlap them): partner staff's."""
    events = db.session.scalars(sa.select(Event).where(Event.kind == "cross_province")
                                .order_by(Event.starts_at.desc(), Event.id.desc())).all()
    return [event for event in events if serves(event, region_codes)]


def serves(event, region_codes):
    origins = event.origin_region_codes or []
    return any(regions.within_any(code, origins) or regions.within_any(origin, region_codes)
               for code in region_codes for origin in origins)


def can_follow_batch(user, batch):
    """Partner staff follow the batches of drives to their regions; the bureau every batch."""
    if not user.is_authenticated:
        return False
    if user.role == "bureau":
        return True
    return user.role == "partner" and serves(batch.event, user.region_codes)


def partner_batches(region_codes):
    """The batches of drives recruiting from these regions, soonest departure first."""
    events = [event.id for event in drives_for(region_codes)]
    return (sa.select(TravelBatch).where(TravelBatch.event_id.in_(events)).options(joinedload(TravelBatch.event))
            .order_by(TravelBatch.departs_on.desc(), TravelBatch.id.desc()))
