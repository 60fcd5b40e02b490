"""Building blocks for the application tests: employers with staff, seekers with accounts, postings."""
from dataclasses import dataclass
from datetime import date

from recruit.accounts.models import User
from recruit.applications.models import Application
from recruit.audit.models import AuditEvent
from recruit.extensions import db
from recruit.notices.models import Notice
from tests import factories

# Seekers of the factories are born on 1995-05-17: 30 years old on this day.
TODAY = date(2026, 1, 1)


@dataclass
class Company:
    """An employer with one staff account."""

    employer: object
    staff: User


def company(status="approved", **fields):
    employer = factories.create_employer(status=status, **fields)
    return Company(employer, factories.create_user("employer", employer_id=employer.id))


def seeker_with_account(**fields):
    return factories.create_seeker(user=factories.create_user("seeker"), **fields)


def notices_of(user, kind=None):
    query = db.select(Notice).where(Notice.user_id == user.id).order_by(Notice.id)
    if kind is not None:
        query = query.where(Notice.kind == kind)
    return db.session.scalars(query).all()


def audits(action):
    return db.session.scalars(db.select(AuditEvent).where(AuditEvent.action == action)).all()


def reload(application):
    db.session.expire_all()
    return db.session.get(Application, application.id)
