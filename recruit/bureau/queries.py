"""The bureau's list queries: filters turned into SELECTs that load what each row shows up front."""
import logging
from datetime import UTC
from datetime import datetime
from datetime import time
from datetime import timedelta

import sqlalchemy as sa
from sqlalchemy.orm import joinedload

from recruit.accounts.models import User
from recruit.audit.models import AuditEvent
from recruit.core.access import region_prefix
from recruit.domain import mobile
from recruit.employers.models import Employer
from recruit.events.forms import bureau_zone
from recruit.extensions import db
from recruit.postings.models import Posting
from recruit.seekers.models import Seeker

logger = logging.getLogger(__name__)


def employers(status="", text=""):
    query = sa.select(Employer).order_by(Employer.created_at.desc(), Employer.id.desc())
    if status:
        query = query.where(Employer.status == status)
    if text:
        query = query.where(sa.or_(Employer.name.icontains(text, autoescape=True),
                                   Employer.uscc.startswith(text.upper(), autoescape=True)))
    return query


def postings(status="", text=""):
    """Postings with their employer; the oldest waiting first, as they are reviewed in that order."""
    query = (sa.select(Posting).join(Posting.employer).options(joinedload(Posting.employer))
             .order_by(Posting.updated_at, Posting.id))
    if status:
        query = query.where(Posting.status == status)
    if text:
        query = query.where(sa.or_(Posting.title.icontains(text, autoescape=True),
                                   Employer.name.icontains(text, autoescape=True)))
    return query


def seekers(text="", hometown=""):
    """Seekers by name or mobile number (an ID number is looked up by POST, so it never lands in a URL)."""
    query = sa.select(Seeker).order_by(Seeker.created_at.desc(), Seeker.id.desc())
    if text and mobile.normalize(text).isdigit():
        query = query.where(Seeker.mobile.contains(mobile.normalize(text), autoescape=True))
    elif text:
        query = query.where(Seeker.name.icontains(text, autoescape=True))
    if hometown:
        query = query.where(Seeker.hometown_code.startswith(region_prefix(hometown)))
    return query


def local_day_start(day):
    """Midnight of a day in the bureau's time zone, as the naive UTC the database holds."""
    return datetime.combine(day, time(), tzinfo=bureau_zone()).astimezone(UTC).replace(tzinfo=None)


def audit_events(action="", username="", target_type="", date_from=None, date_to=None):
    """Audit events newest first with their user; dates are whole days in the bureau's time zone."""
    query = (sa.select(AuditEvent).options(joinedload(AuditEvent.user))
             .order_by(AuditEvent.at.desc(), AuditEvent.id.desc()))
    if action:
        query = query.where(AuditEvent.action == action)
    if target_type:
        query = query.where(AuditEvent.target_type == target_type)
    if username:
        query = query.where(AuditEvent.user_id.in_(sa.select(User.id).where(User.username == username)))
    if date_from:
        query = query.where(AuditEvent.at >= local_day_start(date_from))
    if date_to:
        query = query.where(AuditEvent.at < local_day_start(date_to + timedelta(days=1)))
    return query


def audit_choices():
    """The actions and target types the log holds, for the filter's selects."""
    actions = db.session.scalars(sa.select(AuditEvent.action).distinct().order_by(AuditEvent.action)).all()
    types = db.session.scalars(sa.select(AuditEvent.target_type).where(AuditEvent.target_type != "")
                               .distinct().order_by(AuditEvent.target_type)).all()
    return actions, types


def staff_accounts():
    return (sa.select(User).where(User.role.in_(("bureau", "partner")))
            .order_by(User.active.desc(), User.role, User.username))
