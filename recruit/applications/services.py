"""Application rules: applying, moving along the pipeline, signing within the headcount, and who is told."""
import logging

import sqlalchemy as sa
from flask_babel import LazyString
from flask_babel import lazy_gettext as _l
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import contains_eager
from sqlalchemy.orm import joinedload
from sqlalchemy.orm import selectinload
from sqlalchemy.orm.attributes import set_committed_value

from recruit.applications.models import BEHALF_NOTE
from recruit.applications.models import BOOTH_NOTE
from recruit.applications.models import CLOSED
from recruit.applications.models import INTENT_OR_BEYOND
from recruit.applications.models import OBSOLETE_NOTE
from recruit.applications.models import OPEN
from recruit.applications.models import PIPELINE
from recruit.applications.models import STATUSES
from recruit.applications.models import Application
from recruit.applications.models import ApplicationChange
from recruit.audit.services import record
from recruit.checkin.models import Checkin
from recruit.core import checks
from recruit.core.access import can_manage_application
from recruit.core.access import can_manage_posting
from recruit.core.clock import local_today
from recruit.core.clock import utcnow
from recruit.core.display import education_name
from recruit.domain import eligibility
from recruit.domain import errors
from recruit.domain import mobile
from recruit.domain import regions
from recruit.domain.errors import RuleError
from recruit.employers.models import Employer
from recruit.events.models import Event
from recruit.events.models import Participation
from recruit.extensions import db
from recruit.notices.services import notify
from recruit.postings.models import Posting
from recruit.seekers.models import Seeker
from recruit.seekers.services import read_checkin_token

logger = logging.getLogger(__name__)

MAX_NOTE = 500
# The furthest an application got: any step of the pipeline beats a closed application.
STATUS_RANK = {status: rank for rank, status in enumerate(CLOSED[::-1] + PIPELINE)}

errors.register({
    "posting_not_open": _l("This posting is not open for applications."),
    "age_outside": _l("This posting is for ages %(age_min)s to %(age_max)s."),
    "education_below": _l("This posting needs at least this education: %(education)s."),
    "not_at_event": _l("This posting does not take part in that event."),
    "transition": _l("This application cannot move from “%(from_status)s” to “%(to_status)s”."),
})
errors.register({"not_yours": _l("You may not change this application.")}, status=403)
errors.register({"booth_not_yours": _l("You may record intents only for your own company's postings.")},
                status=403)
errors.register({
    "booth_event_not_ongoing": _l("This event is not under way: intents are recorded at a published event."),
    "booth_intent_already": _l("This seeker's application for this posting is already at “%(status)s”."),
    "booth_seeker_unknown": _l("No seeker checked in at this event has this mobile number or gate code: scan "
                               "the code on their phone."),
    "booth_seeker_several": _l("Several seekers have this mobile number: scan their gate code instead."),
    "booth_code_forged": _l("This gate code is not valid. Scan the code on the seeker's page again, or type "
                            "their mobile number."),
    "booth_closed": _l("This seeker's application for this posting is closed (“%(status)s”): it cannot be "
                       "taken up again at the booth."),
}, status=409)
errors.register({
    "already_applied": _l("You have already applied for this posting."),
    "stale": _l("Someone changed this application meanwhile. Please check its status and try again."),
    "headcount_full": _l("All %(headcount)s places of this posting are taken. To sign this applicant anyway, "
                         "tick “Override the headcount” and submit again."),
}, status=409)


def _status(code):
    """A status as its message shows it: the label, read in the reader's language."""
    return LazyString(lambda: str(STATUSES.label(code)))


def apply(seeker, posting, event=None, by_user=None, today=None, note=""):
    """The seeker applies for a public posting they qualify for; the employer's staff are told.

    An application the seeker withdrew is taken up again (one application per seeker and posting). A `note`
    (one of CHANGE_NOTES) says in the history how the application was made.
    """
    withdrawn = _withdrawn(seeker, posting)
    if withdrawn is not None:
        return _apply_again(withdrawn, posting, by_user, today, note)
    _check_can_apply(seeker, posting, today or local_today())
    event = _event_for(posting, event)
    try:
        # A double click races past the check above: the unique constraint decides, inside a savepoint.
        with db.session.begin_nested():
            application = Application(seeker=seeker, posting=posting, event=event, status="applied")
            _log_change(application, None, "applied", by_user, note)
            db.session.add(application)
    except IntegrityError:
        raise RuleError("already_applied") from None
    _tell_staff(posting, "application_received", application, seeker=seeker.name, posting=posting.title)
    record("application_created", target=application, user=by_user, posting_id=posting.id,
           seeker_id=seeker.id, note=note)
    return application


def apply_on_behalf(seeker, posting, event, staff, today=None):
    """Partner staff apply at an event for a seeker of their regions; the history says it was them."""
    return apply(seeker, posting, event, by_user=staff, today=today, note=BEHALF_NOTE)


def behalf_choices(region_codes):
    """(event, posting) for each open posting of a published event that recruits from these regions (a
    cross-province drive's origins overlap them): what partner staff may apply for on a seeker's behalf."""
    events = [event for event in db.session.scalars(sa.select(Event).where(Event.status == "published")
                                                    .order_by(Event.starts_at, Event.id))
              if _overlap(event.origin_region_codes or [], region_codes)]
    if not events:
        return []
    postings = db.session.scalars(
        sa.select(Posting).join(Posting.employer)
        .options(contains_eager(Posting.employer), selectinload(Posting.events))
        .where(Posting.status == "open", Employer.status == "approved",
               Posting.events.any(Event.id.in_([event.id for event in events])))
        .order_by(Employer.name, Posting.title, Posting.id)).all()
    return [(event, posting) for event in events for posting in postings if event in posting.events]


def _overlap(origins, region_codes):
    return any(regions.within_any(code, origins) or regions.within_any(origin, region_codes)
               for code in region_codes for origin in origins)


def record_booth_intent(seeker, posting, event, by_user, today=None):
    """Staff at their booth record a preliminary intent in one step, whether or not the seeker applied online.

    The seeker must qualify as for applying. A new application starts at `intent`; one at applied or
    interviewed moves there; one at intent or beyond, or closed, is refused. The history notes the booth.
    """
    if not can_manage_posting(by_user, posting):
        raise RuleError("booth_not_yours", "posting")
    if event.status != "published":
        raise RuleError("booth_event_not_ongoing", "posting")
    _event_for(posting, event)
    existing = db.session.scalar(sa.select(Application).where(
        Application.seeker_id == seeker.id, Application.posting_id == posting.id))
    if existing is not None:
        return _booth_move(existing, event, by_user, today)
    _check_can_apply(seeker, posting, today or local_today())
    try:
        with db.session.begin_nested():
            application = Application(seeker=seeker, posting=posting, event=event, status="intent",
                                      intent_at=utcnow())
            # One honest step: the seeker never applied, the intent is where the application starts.
            _log_change(application, None, "intent", by_user, BOOTH_NOTE)
            db.session.add(application)
    except IntegrityError:
        raise RuleError("stale") from None  # someone recorded it (or the seeker applied) meanwhile
    _tell_seeker(application)
    record("application_created", target=application, user=by_user, posting_id=posting.id,
           seeker_id=seeker.id, to_status="intent", note=BOOTH_NOTE)
    return application


def booth_seeker(text, event):
    """The seeker a booth finds by the token of their gate QR code, or by mobile number among the seekers
    checked in at the event: a company cannot reach any seeker whose number it happens to know."""
    number = mobile.normalize(text or "")
    if number.isdigit():
        came = sa.select(Checkin.seeker_id).where(Checkin.event_id == event.id)
        found = db.session.scalars(sa.select(Seeker).where(Seeker.mobile == number, Seeker.id.in_(came))
                                   .limit(2)).all()
        if len(found) > 1:
            raise RuleError("booth_seeker_several", "seeker")
    else:
        seeker_id = read_checkin_token((text or "").strip())
        if seeker_id is None:
            raise RuleError("booth_code_forged", "seeker")
        found = [seeker] if (seeker := db.session.get(Seeker, seeker_id)) else []
    if not found:
        raise RuleError("booth_seeker_unknown", "seeker")
    return found[0]


def booth_choices(employer):
    """The company's open postings at the published events it takes part in: (event, posting) pairs."""
    query = (sa.select(Event, Posting)
             .join(Participation, sa.and_(Participation.event_id == Event.id,
                                          Participation.employer_id == employer.id))
             .join(Event.postings)
             .where(Event.status == "published", Posting.employer_id == employer.id, Posting.status == "open")
             .order_by(Event.starts_at, Event.id, Posting.title, Posting.id))
    return db.session.execute(query).all()


def _booth_move(application, event, by_user, today):
    from_status = application.status
    if from_status in INTENT_OR_BEYOND:
        raise RuleError("booth_intent_already", status=_status(from_status))
    if from_status in CLOSED:
        raise RuleError("booth_closed", status=_status(from_status))
    _check_can_apply(application.seeker, application.posting, today or local_today(), existing=application)
    _set_status(application, from_status, "intent")
    if application.event_id is None:
        application.event = event  # the event's intent figure counts it
    _log_change(application, from_status, "intent", by_user, BOOTH_NOTE)
    _tell_seeker(application)
    record("application_status", target=application, user=by_user, from_status=from_status,
           to_status="intent", note=BOOTH_NOTE)
    return application


def _withdrawn(seeker, posting):
    return db.session.scalar(sa.select(Application).where(
        Application.seeker_id == seeker.id, Application.posting_id == posting.id, Application.status == "withdrawn"))


def _apply_again(application, posting, by_user, today, note):
    """A withdrawn application is open again, for a posting the seeker still qualifies for."""
    _check_can_apply(application.seeker, posting, today or local_today(), existing=application)
    _set_status(application, "withdrawn", "applied")
    _log_change(application, "withdrawn", "applied", by_user, note)
    _tell_staff(posting, "application_received", application, seeker=application.seeker.name,
                posting=posting.title)
    record("application_status", target=application, user=by_user, from_status="withdrawn", to_status="applied",
           note=note)
    return application


def _check_can_apply(seeker, posting, today, existing=None):
    if posting.status != "open" or not posting.employer.is_approved:
        raise RuleError("posting_not_open")
    check_qualifies(seeker, posting, today)
    exists = sa.select(Application.id).where(Application.seeker_id == seeker.id,
                                             Application.posting_id == posting.id)
    if existing is None and db.session.scalar(exists) is not None:
        raise RuleError("already_applied")


def check_qualifies(seeker, posting, today):
    """The posting's own rules for a person: age on `today` and education (invitations ask the same)."""
    if not eligibility.age_fits(seeker.birth_date, today, posting.age_min, posting.age_max):
        raise RuleError("age_outside", age_min=posting.age_min, age_max=posting.age_max)
    if not eligibility.education_fits(seeker.education, posting.education_min):
        minimum = posting.education_min
        raise RuleError("education_below", education=LazyString(lambda: education_name(minimum)))


def _event_for(posting, event):
    """The event applied at: the given one if the posting is in it, else the posting's only published one."""
    published = [e for e in posting.events if e.status == "published"]
    if event is None:
        return published[0] if len(published) == 1 else None
    if event not in published:
        raise RuleError("not_at_event", "event_id")
    return event


def allowed_targets(application):
    """Where staff may move an application: one step along the pipeline, or rejected while it is open."""
    status = application.status
    targets = []
    if status in PIPELINE[:-1]:
        targets.append(PIPELINE[PIPELINE.index(status) + 1])
    if status in OPEN:
        targets.append("rejected")
    return targets


def move(application, to_status, by_user, note="", override=False):
    """Employer or bureau staff move an application; signing takes one of the posting's places."""
    if not can_manage_application(by_user, application):
        raise RuleError("not_yours")
    try:
        note = checks.text(note, MAX_NOTE, required=False)
    except RuleError as error:
        raise error.on("note") from None
    from_status = application.status
    if to_status not in allowed_targets(application):
        raise RuleError("transition", "to_status", from_status=_status(from_status), to_status=_status(to_status))
    signing = to_status == "signed"
    if signing:
        _lock_seeker(application.seeker_id)
    _set_status(application, from_status, to_status)
    if signing:
        _take_place(application, by_user, override)
    if to_status == "onboarded" and application.onboarded_on is None:
        # The first working day the retention checks count from; a drive's employer confirms the real one.
        application.onboarded_on = local_today()
    change = _log_change(application, from_status, to_status, by_user, note)
    _tell_seeker(application)
    record("application_status", target=application, user=by_user, from_status=from_status,
           to_status=to_status, note=note)
    if signing:
        _close_others(application, by_user)
    return change


def withdraw(application, seeker_user):
    """The seeker takes back an application that is still open; the employer's staff are told."""
    if application.seeker.user_id != seeker_user.id:
        raise RuleError("not_yours")
    from_status = application.status
    if not application.can_be_withdrawn:
        raise RuleError("transition", from_status=_status(from_status), to_status=_status("withdrawn"))
    _set_status(application, from_status, "withdrawn")
    change = _log_change(application, from_status, "withdrawn", seeker_user)
    _tell_staff(application.posting, "application_withdrawn", application, seeker=application.seeker.name,
                posting=application.posting.title)
    record("application_status", target=application, user=seeker_user, from_status=from_status,
           to_status="withdrawn", note="")
    return change


def _lock_seeker(seeker_id):
    """Serialise signings of one seeker, so that two employers cannot both sign them (a row lock only)."""
    db.session.execute(sa.select(Seeker.id).where(Seeker.id == seeker_id).with_for_update())


def _set_status(application, from_status, to_status):
    """Compare and set: a move made from a stale page, or by two people at once, changes nothing."""
    now = utcnow()
    values = {"status": to_status, "updated_at": now}
    if to_status in INTENT_OR_BEYOND:
        values["intent_at"] = sa.func.coalesce(Application.intent_at, now)
    statement = (sa.update(Application)
                 .where(Application.id == application.id, Application.status == from_status)
                 .values(**values).execution_options(synchronize_session=False))
    if db.session.execute(statement).rowcount != 1:
        raise RuleError("stale")
    set_committed_value(application, "status", to_status)
    set_committed_value(application, "updated_at", now)
    if to_status in INTENT_OR_BEYOND:
        set_committed_value(application, "intent_at", application.intent_at or now)


def _take_place(application, by_user, override):
    """One conditional UPDATE takes a place, so two people can never both take the last one."""
    posting = application.posting
    increment = (sa.update(Posting).where(Posting.id == posting.id)
                 .values(signed_count=Posting.signed_count + 1).execution_options(synchronize_session=False))
    taken = db.session.execute(increment.where(Posting.signed_count < Posting.headcount)).rowcount
    if not taken:
        if not override:
            raise RuleError("headcount_full", "override", headcount=posting.headcount)
        db.session.execute(increment)
        record("headcount_override", target=posting, user=by_user, application_id=application.id,
               headcount=posting.headcount)
    db.session.execute(
        sa.update(Posting)
        .where(Posting.id == posting.id, Posting.status == "open", Posting.signed_count >= Posting.headcount)
        .values(status="filled").execution_options(synchronize_session=False))
    db.session.expire(posting, ["signed_count", "status", "updated_at"])


def _close_others(application, by_user):
    """The seeker's other open applications close; their employers learn why, not with whom they signed."""
    query = (sa.select(Application)
             .where(Application.seeker_id == application.seeker_id, Application.id != application.id,
                    Application.status.in_(OPEN))
             .options(selectinload(Application.posting).selectinload(Posting.employer)
                      .selectinload(Employer.users))
             .with_for_update(of=Application).execution_options(populate_existing=True))
    for other in db.session.scalars(query):
        from_status = other.status
        _set_status(other, from_status, "obsolete")
        _log_change(other, from_status, "obsolete", None, OBSOLETE_NOTE)
        _tell_staff(other.posting, "application_obsolete", other, seeker=other.seeker.name,
                    posting=other.posting.title)
        _tell_seeker(other)
        record("application_status", target=other, user=by_user, from_status=from_status,
               to_status="obsolete", note=OBSOLETE_NOTE, signed_application_id=application.id)


def _log_change(application, from_status, to_status, by_user, note=""):
    change = ApplicationChange(from_status=from_status, to_status=to_status, note=note or "",
                               by_user_id=by_user.id if by_user is not None else None, at=utcnow())
    application.changes.append(change)
    return change


def _tell_staff(job, kind, application, **params):
    """Tell the active accounts of the employer of `job` (the posting)."""
    staff = [user for user in job.employer.users if user.active]
    _tell(staff, kind, application, params)


def _tell_seeker(application):
    user = application.seeker.user
    if user is not None:
        posting = application.posting
        _tell([user], "application_status", application,
              {"posting": posting.title, "employer": posting.employer.name, "status": application.status})


def _tell(users, kind, application, params):
    db.session.flush()  # the link needs the application's id
    notify(users, kind, params, "applications.detail", application_id=application.id)


def history(application):
    """The application's changes, oldest first, with who made them."""
    query = (sa.select(ApplicationChange).where(ApplicationChange.application_id == application.id)
             .options(joinedload(ApplicationChange.by_user))
             .order_by(ApplicationChange.at, ApplicationChange.id))
    return db.session.scalars(query).all()


def applications_of(seeker):
    """The seeker's applications, newest first, with their posting, employer, event and history."""
    return (sa.select(Application).where(Application.seeker_id == seeker.id)
            .options(joinedload(Application.posting).joinedload(Posting.employer),
                     joinedload(Application.event),
                     selectinload(Application.changes).joinedload(ApplicationChange.by_user))
            .order_by(Application.created_at.desc(), Application.id.desc()))


def applicants(posting, status=None):
    """A posting's applications with their seekers, newest first, of one status when given."""
    query = (sa.select(Application).where(Application.posting_id == posting.id)
             .options(joinedload(Application.seeker))
             .order_by(Application.created_at.desc(), Application.id.desc()))
    return query.where(Application.status == status) if status else query


def status_counts(posting):
    """How many of the posting's applications are in each status."""
    query = (sa.select(Application.status, sa.func.count()).where(Application.posting_id == posting.id)
             .group_by(Application.status))
    return {status: count for status, count in db.session.execute(query)}


def applicant_counts(postings):
    """Applicants per posting (withdrawn ones not counted), in one query."""
    ids = [posting.id for posting in postings]
    if not ids:
        return {}
    query = (sa.select(Application.posting_id, sa.func.count()).where(
        Application.posting_id.in_(ids), Application.status != "withdrawn").group_by(Application.posting_id))
    return dict(db.session.execute(query).all())


def furthest_statuses(seeker_ids):
    """Per seeker id: the furthest status any of their applications reached, in one query."""
    if not seeker_ids:
        return {}
    query = (sa.select(Application.seeker_id, Application.status)
             .where(Application.seeker_id.in_(seeker_ids)).distinct())
    furthest = {}
    for seeker_id, status in db.session.execute(query):
        best = furthest.get(seeker_id)
        if best is None or STATUS_RANK[status] > STATUS_RANK[best]:
            furthest[seeker_id] = status
    return furthest


def application_of(user, posting):
    """The signed-in seeker's application to this posting, if there is one."""
    seeker = user.seeker if user.is_authenticated and user.role == "seeker" else None
    if seeker is None:
        return None
    return db.session.scalar(sa.select(Application).where(
        Application.seeker_id == seeker.id, Application.posting_id == posting.id))
