"""Exports of seekers, postings and applications as spreadsheets: the queries, the rows as people read them,
the file and its audit entry.

Every table is read in pages of CHUNK rows by id (keyset), each page with the few lookups it needs, and written
row by row (recruit/exports/writers.py): 15,600 seekers or 50,000 applications never sit in memory at once.
ID numbers are only ever the masked ones. Partner staff pass the regions they serve: nobody whose hometown
lies outside them is read.
"""
import logging
from collections import defaultdict
from dataclasses import dataclass

import sqlalchemy as sa
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import contains_eager
from sqlalchemy.orm import selectinload

from recruit.applications.models import CLOSED
from recruit.applications.models import STATUSES
from recruit.applications.models import Application
from recruit.applications.models import ApplicationChange
from recruit.applications.services import furthest_statuses
from recruit.audit.services import record
from recruit.checkin.models import Checkin
from recruit.checkin.services import events_attended
from recruit.core.clock import local_today
from recruit.core.clock import to_local
from recruit.core.clock import utcnow
from recruit.core.display import education_name
from recruit.core.display import occupation_name
from recruit.core.display import region_name
from recruit.domain import errors
from recruit.domain import regions
from recruit.events.models import Event
from recruit.exports import writers
from recruit.extensions import db
from recruit.postings.models import BENEFITS
from recruit.postings.models import POSTING_STATUSES
from recruit.postings.models import Posting
from recruit.postings.services import for_review
from recruit.seekers import services as seeker_services
from recruit.seekers.display import describe
from recruit.seekers.models import Seeker

logger = logging.getLogger(__name__)

CHUNK = 1000
FORMATS = ("xlsx", "csv")
LIST_SEPARATOR = "、"
# The steps whose time an application row shows, each the first time the application reached it.
STEPS = ("interviewed", "intent", "signed", "onboarded", "retained")

errors.register({"export_filters": _l("This export cannot be made with these filters: %(problems)s")},
                status=400)

SEEKER_HEADERS = (
    _l("Name"), _l("ID number (masked)"), _l("Sex"), _l("Age"), _l("Year of birth"), _l("Mobile number"),
    _l("Hometown"), _l("Current region"), _l("Education"), _l("Skills"), _l("Desired trades"),
    _l("Expected monthly pay (yuan)"), _l("Willing to relocate"), _l("Available from"), _l("Registered at"),
    _l("Events checked in"), _l("Furthest application"),
)
POSTING_HEADERS = (
    _l("Employer"), _l("Unified social credit code"), _l("Title"), _l("Trade"), _l("Places"),
    _l("Lowest monthly pay (yuan)"), _l("Highest monthly pay (yuan)"), _l("Minimum education"), _l("Lowest age"),
    _l("Highest age"), _l("Work region"), _l("Benefits"), _l("Status"), _l("Events"),
)
APPLICATION_HEADERS = (
    _l("Name"), _l("ID number (masked)"), _l("Mobile number"), _l("Hometown"), _l("Posting"), _l("Employer"),
    _l("Event"), _l("Status"), _l("Applied at"), _l("Interviewed at"), _l("Intent at"), _l("Signed at"),
    _l("Onboarded at"), _l("Retained at"), _l("Closed at"),
)
TITLES = {"seekers": _l("Job seekers"), "postings": _l("Postings"), "applications": _l("Applications")}


@dataclass(frozen=True)
class Download:
    file: object
    mimetype: str
    name: str
    rows: int


def pages(query, column):
    """The query's objects in pages of CHUNK, ordered by `column` (an id) and read after the last one seen."""
    last = 0
    while True:
        page = db.session.scalars(query.where(column > last).order_by(None).order_by(column).limit(CHUNK)).all()
        if not page:
            return
        yield page
        last = page[-1].id


def _when(stored):
    return to_local(stored) if stored is not None else None


def _yes_no(flag):
    return _("Yes") if flag else _("No")


def _status(code, table):
    return str(table.label(code)) if code else ""


# Seekers

def seekers_query(hometown="", event=None, within=None):
    """The seekers of the list's filter; for an event, those who checked in at it or applied at it."""
    query = seeker_services.search(hometown=hometown, within=within)
    if event is not None:
        query = query.where(sa.or_(Seeker.checkins.any(Checkin.event_id == event.id),
                                   Seeker.applications.any(Application.event_id == event.id)))
    return query


def seeker_rows(query):
    today = local_today()
    for page in pages(query, Seeker.id):
        ids = [seeker.id for seeker in page]
        attended, furthest = events_attended(ids), furthest_statuses(ids)
        for seeker in page:
            yield _seeker_row(seeker, today, attended.get(seeker.id, 0), furthest.get(seeker.id))


def _seeker_row(seeker, today, attended, furthest):
    shown = describe(seeker, today)
    return (seeker.name, seeker.id_masked, str(shown["sex"]), shown["age"], seeker.birth_date.year,
            seeker.mobile, shown["hometown"], shown["current_region"], shown["education"],
            LIST_SEPARATOR.join(seeker.skills or []), LIST_SEPARATOR.join(shown["trades"]), seeker.expected_salary,
            _yes_no(seeker.willing_to_relocate), seeker.available_from, _when(seeker.created_at), attended,
            _status(furthest, STATUSES))


# Postings

def postings_query(status="", text="", event=None):
    """The postings of the bureau's list filters, with their employer and events; for an event, its postings."""
    query = for_review(status, text).options(selectinload(Posting.events))
    if event is not None:
        query = query.where(Posting.events.any(Event.id == event.id))
    return query


def posting_rows(query):
    for page in pages(query, Posting.id):
        yield from (_posting_row(posting) for posting in page)


def _posting_row(posting):
    benefits = LIST_SEPARATOR.join(str(BENEFITS.label(name)) for name in posting.benefits)
    return (posting.employer.name, posting.employer.uscc, posting.title, occupation_name(posting.occupation_code),
            posting.headcount, posting.salary_min, posting.salary_max, education_name(posting.education_min),
            posting.age_min, posting.age_max, region_name(posting.work_region_code), benefits,
            _status(posting.status, POSTING_STATUSES), LIST_SEPARATOR.join(event.name for event in posting.events))


# Applications

def applications_query(event=None, hometown="", status="", within=None):
    """Applications with their seeker, posting, employer and event; partner staff pass their regions."""
    query = (sa.select(Application).join(Application.seeker).join(Application.posting).join(Posting.employer)
             .outerjoin(Application.event)
             .options(contains_eager(Application.seeker),
                      contains_eager(Application.posting).contains_eager(Posting.employer),
                      contains_eager(Application.event)))
    if event is not None:
        query = query.where(Application.event_id == event.id)
    if hometown:
        query = query.where(Seeker.hometown_code.startswith(regions.prefix(hometown)))
    if status:
        query = query.where(Application.status == status)
    if within is not None:
        query = query.where(seeker_services.in_regions_clause(within))
    return query


def application_rows(query):
    for page in pages(query, Application.id):
        times = _step_times([application.id for application in page])
        yield from (_application_row(application, times[application.id]) for application in page)


def _step_times(ids):
    """Per application id and status: the first and the last time it moved there, in one query."""
    column = ApplicationChange.at
    query = (sa.select(ApplicationChange.application_id, ApplicationChange.to_status, sa.func.min(column),
                       sa.func.max(column))
             .where(ApplicationChange.application_id.in_(ids))
             .group_by(ApplicationChange.application_id, ApplicationChange.to_status))
    times = defaultdict(dict)
    for application_id, status, first, last in db.session.execute(query):
        times[application_id][status] = (first, last)
    return times


def _application_row(application, times):
    seeker, posting = application.seeker, application.posting
    steps = [_when(times[step][0]) if step in times else None for step in STEPS]
    # A closed application was closed when it last moved to its status (it may have been taken up again before).
    closed = times.get(application.status, (None, None))[1] if application.status in CLOSED else None
    return (seeker.name, seeker.id_masked, seeker.mobile, region_name(seeker.hometown_code), posting.title,
            posting.employer.name, application.event.name if application.event else "",
            _status(application.status, STATUSES), _when(application.created_at), *steps, _when(closed))


# The file and its audit entry

def _file_name(kind, fmt, event):
    stamp = to_local(utcnow()).strftime("%Y%m%d-%H%M")
    subject = f"{event.name}-" if event is not None else ""
    return f"{subject}{TITLES[kind]}-{stamp}.{fmt}"


def _download(kind, fmt, headers, rows, event):
    """The file of the rows; its audit entry is the caller's, naming the filters but no personal data."""
    written = writers.write(fmt, [str(header) for header in headers], rows)
    return Download(written.file, written.mimetype, _file_name(kind, fmt, event), written.rows)


def _id(event):
    return event.id if event is not None else None


def _within(by_user):
    """None for the bureau (everyone); for anyone else the regions they serve, nobody outside them exported."""
    return None if by_user.role == "bureau" else list(by_user.region_codes)


def export_seekers(fmt, by_user, hometown="", event=None):
    within = _within(by_user)
    found = _download("seekers", fmt, SEEKER_HEADERS, seeker_rows(seekers_query(hometown, event, within)), event)
    record("seekers_exported", target=event, user=by_user, format=fmt, rows=found.rows, event_id=_id(event),
           hometown=hometown, regions=within)
    return found


def export_postings(fmt, by_user, status="", text="", event=None):
    found = _download("postings", fmt, POSTING_HEADERS, posting_rows(postings_query(status, text, event)), event)
    record("postings_exported", target=event, user=by_user, format=fmt, rows=found.rows, event_id=_id(event),
           posting_status=status, search=text)
    return found


def export_applications(fmt, by_user, event=None, hometown="", status=""):
    within = _within(by_user)
    rows = application_rows(applications_query(event, hometown, status, within))
    found = _download("applications", fmt, APPLICATION_HEADERS, rows, event)
    record("applications_exported", target=event, user=by_user, format=fmt, rows=found.rows, event_id=_id(event),
           hometown=hometown, application_status=status, regions=within)
    return found
