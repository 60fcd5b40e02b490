"""Application rules: applying, moving along the pipeline, signing within the headcount, and notices."""
import logging

import sqlalchemy as sa
from flask import current_app
from flask import has_request_context
from flask import url_for
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import joinedload
from sqlalchemy.orm import selectinload
from sqlalchemy.orm.attributes import set_committed_value

from recruit.applications import labels
from recruit.applications.models import INTENT_OR_BEYOND
from recruit.applications.models import PIPELINE
from recruit.applications.models import Application
from recruit.applications.models import ApplicationChange
from recruit.applications.models import Notice
from recruit.audit.services import record
from recruit.core.access import can_manage_application
from recruit.core.models import utcnow
from recruit.domain import education
from recruit.employers.models import Employer
from recruit.extensions import db
from recruit.postings.models import Posting
from recruit.seekers.models import Seeker
from recruit.seekers.services import age_of
from recruit.seekers.services import local_today

logger = logging.getLogger(__name__)

# Still in play: the seeker may withdraw them, staff may reject them, a signing elsewhere closes them.
OPEN = ("applied", "interviewed", "intent")
MESSAGES = {
    "not_open": "This posting is not open for applications.",
    "age": "This posting is for ages %(age_min)s to %(age_max)s.",
    "education": "This posting needs a higher level of education.",
    "duplicate": "The seeker has already applied for this posting.",
    "event": "This posting does not take part in that event.",
    "forbidden": "This user may not change this application.",
    "transition": "An application cannot move from %(from_status)s to %(to_status)s.",
    "stale": "The application was changed meanwhile.",
    "headcount_full": "All %(headcount)s places of this posting are taken.",
}


class ApplicationError(Exception):
    """An application rule was broken: `code` is stable, `params` fill in the message the user reads."""

    def __init__(self, code, message=None, **params):
        self.code = code
        self.params = params
        self.message = message or MESSAGES[code] % params
        super().__init__(self.message)


def apply(seeker, posting, event=None, by_user=None, today=None):
    """The seeker applies for a public posting they qualify for; the employer's staff are told."""
    _check_can_apply(seeker, posting, today or local_today())
    event = _event_for(posting, event)
    try:
        # A double click races past the check above: the unique constraint decides, inside a savepoint.
        with db.session.begin_nested():
            application = Application(seeker=seeker, posting=posting, event=event, status="applied")
            _log_change(application, None, "applied", by_user)
            db.session.add(application)
    except IntegrityError:
        raise ApplicationError("duplicate") from None
    _notify(_staff_of(posting), "application_received", application, seeker=seeker.name,
            posting=posting.title)
    record("application_created", target=application, user=by_user, posting_id=posting.id,
           seeker_id=seeker.id)
    return application


def _check_can_apply(seeker, posting, today):
    if posting.status != "open" or not posting.employer.is_approved:
        raise ApplicationError("not_open")
    if not posting.age_min <= age_of(seeker, today) <= posting.age_max:
        raise ApplicationError("age", age_min=posting.age_min, age_max=posting.age_max)
    minimum = posting.education_min
    if minimum and not (seeker.education and education.meets(seeker.education, minimum)):
        raise ApplicationError("education", education=minimum)
    exists = sa.select(Application.id).where(Application.seeker_id == seeker.id,
                                             Application.posting_id == posting.id)
    if db.session.scalar(exists) is not None:
        raise ApplicationError("duplicate")


def _event_for(posting, event):
    """The event applied at: the given one if the posting is in it, else the posting's only published one."""
    published = [e for e in posting.events if e.status == "published"]
    if event is None:
        return published[0] if len(published) == 1 else None
    if event not in published:
        raise ApplicationError("event")
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
        raise ApplicationError("forbidden")
    from_status = application.status
    if to_status not in allowed_targets(application):
        raise ApplicationError("transition", from_status=from_status, to_status=to_status)
    signing = to_status == "signed"
    if signing:
        _lock_seeker(application.seeker_id)
    _set_status(application, from_status, to_status)
    if signing:
        _take_place(application, by_user, override)
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
        raise ApplicationError("forbidden")
    from_status = application.status
    if not application.can_be_withdrawn:
        raise ApplicationError("transition", from_status=from_status, to_status="withdrawn")
    _set_status(application, from_status, "withdrawn")
    change = _log_change(application, from_status, "withdrawn", seeker_user)
    _notify(_staff_of(application.posting), "application_withdrawn", application,
            seeker=application.seeker.name, posting=application.posting.title)
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
        raise ApplicationError("stale")
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
            raise ApplicationError("headcount_full", headcount=posting.headcount)
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
        _log_change(other, from_status, "obsolete", None, labels.OBSOLETE_NOTE)
        _notify(_staff_of(other.posting), "application_obsolete", other, seeker=other.seeker.name,
                posting=other.posting.title)
        _tell_seeker(other)
        record("application_status", target=other, user=by_user, from_status=from_status,
               to_status="obsolete", note=labels.OBSOLETE_NOTE, signed_application_id=application.id)


def _log_change(application, from_status, to_status, by_user, note=""):
    change = ApplicationChange(from_status=from_status, to_status=to_status, note=note or "",
                               by_user_id=by_user.id if by_user is not None else None, at=utcnow())
    application.changes.append(change)
    return change


def _staff_of(posting):
    return [user for user in posting.employer.users if user.active]


def _tell_seeker(application):
    user = application.seeker.user
    if user is not None:
        posting = application.posting
        _notify([user], "application_status", application, posting=posting.title,
                employer=posting.employer.name, status=application.status)


def _notify(users, kind, application, **params):
    db.session.flush()  # the link needs the application's id
    link = _path("applications.detail", application_id=application.id)
    for user in users:
        db.session.add(Notice(user_id=user.id, kind=kind, params=params, link=link))


def _path(endpoint, **values):
    """A site path for a notice's link, also outside a request (a job, the API, the command line)."""
    if has_request_context():
        return url_for(endpoint, **values)
    return current_app.url_map.bind("localhost").build(endpoint, values)


def history(application):
    """The application's changes, oldest first, with who made them."""
    query = (sa.select(ApplicationChange).where(ApplicationChange.application_id == application.id)
             .options(joinedload(ApplicationChange.by_user))
             .order_by(ApplicationChange.at, ApplicationChange.id))
    return db.session.scalars(query).all()


class _Params(dict):
    """Notice values; a value a notice lacks reads as empty rather than failing the page."""

    def __missing__(self, key):
        return ""


def notice_text(notice):
    """The notice in the reader's language, from its kind and the values kept with it."""
    template = labels.NOTICE_TEXTS.get(notice.kind)
    if template is None:
        return str(labels.UNKNOWN_NOTICE)
    params = _Params(notice.params or {})
    if "status" in params:
        params["status"] = labels.STATUS_LABELS.get(params["status"], params["status"])
    return template % params


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


def notices_for(user):
    """The user's notices, newest first."""
    query = sa.select(Notice).where(Notice.user_id == user.id)
    return query.order_by(Notice.created_at.desc(), Notice.id.desc())


def unread_count(user):
    query = sa.select(sa.func.count()).where(Notice.user_id == user.id, Notice.read_at.is_(None))
    return db.session.scalar(query)


def mark_read(notices):
    """Mark these notices read, in one statement."""
    ids = [notice.id for notice in notices if notice.read_at is None]
    if ids:
        db.session.execute(sa.update(Notice).where(Notice.id.in_(ids), Notice.read_at.is_(None))
                           .values(read_at=utcnow()).execution_options(synchronize_session=False))
