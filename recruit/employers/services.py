"""Employer rules: registering a company together with its HR contact's account, editing the company."""
import logging
import re

import sqlalchemy as sa
from flask_babel import gettext as _
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import contains_eager

from recruit.accounts.models import User
from recruit.accounts.services import MIN_PASSWORD_LENGTH
from recruit.accounts.services import AccountError
from recruit.accounts.services import check_password_strength
from recruit.accounts.services import find_by_username
from recruit.audit.services import record
from recruit.employers.models import Employer
from recruit.events.models import Event
from recruit.events.models import Participation
from recruit.extensions import db

logger = logging.getLogger(__name__)

COMPANY_FIELDS = ("name", "uscc", "industry", "region_code", "address", "size", "description",
                  "contact_name", "contact_mobile")
# Changing who the company is (name or code) undoes the bureau's check of it.
IDENTITY_FIELDS = ("name", "uscc")
# Sign-in reads an 18-character number as a resident ID number, so such a username could never sign in.
_ID_NUMBER_LIKE = re.compile(r"^\d{17}[\dXx]$")


class EmployerError(ValueError):
    """A rule on employers was broken: `code` is stable, `message` is for the user, `field` the input."""

    def __init__(self, code, message, field=None):
        super().__init__(message)
        self.code = code
        self.message = message
        self.field = field


def find_by_uscc(code):
    return db.session.scalar(sa.select(Employer).where(Employer.uscc == code))


def check_uscc_free(code, employer=None):
    """Refuse a code another company already registered (one account per legal entity)."""
    holder = find_by_uscc(code)
    if holder is not None and holder is not employer:
        raise EmployerError("uscc_taken", _("A company with this unified social credit code is already "
                                            "registered. Sign in with its account, or ask the bureau."),
                            "uscc")


def check_username_free(username):
    if _ID_NUMBER_LIKE.match(username or ""):
        raise EmployerError("username_id_number", _("A username may not look like an ID number."), "username")
    if find_by_username(username) is not None:
        raise EmployerError("username_taken", _("This username is taken: please choose another."), "username")


def register_employer(data, username, password):
    """Create a pending company and the account of its HR contact; returns the new user."""
    check_uscc_free(data["uscc"])
    check_username_free(username)
    try:
        check_password_strength(password)
    except AccountError as error:
        message = _("Use at least %(min)d characters.", min=MIN_PASSWORD_LENGTH)
        raise EmployerError(error.code, message, "password") from error
    employer = Employer(status="pending", **{name: data[name] for name in COMPANY_FIELDS})
    user = User(username=username, role="employer", employer=employer, display_name=data["contact_name"])
    user.set_password(password)
    db.session.add_all([employer, user])
    _flush_unique()
    record("employer_registered", target=employer, user=user, uscc=employer.uscc)
    logger.info("employer %s registered (pending review)", employer.id)
    return user


def update_employer(employer, data):
    """Change the company's details; a new identity, or a rejected company's fix, goes back to review."""
    check_uscc_free(data["uscc"], employer)
    changed = sorted(name for name in COMPANY_FIELDS if getattr(employer, name) != data[name])
    for name in changed:
        setattr(employer, name, data[name])
    resubmitted = bool(changed) and needs_review_after(employer, changed)
    if resubmitted:
        employer.status = "pending"
    _flush_unique()
    record("employer_updated", target=employer, fields=changed, resubmitted=resubmitted)
    return resubmitted


def needs_review_after(employer, changed):
    """Whether changing these fields sends the company back to the bureau."""
    if employer.status == "rejected":
        return True
    return employer.status == "approved" and any(name in IDENTITY_FIELDS for name in changed)


def participations_of(employer):
    """The events the company takes part in, the latest first, each with its event loaded."""
    query = (sa.select(Participation).join(Participation.event).options(contains_eager(Participation.event))
             .where(Participation.employer_id == employer.id).order_by(Event.starts_at.desc()))
    return db.session.scalars(query).all()


def _flush_unique():
    """Flush; a concurrent registration of the same code or username loses here with a clear error."""
    try:
        db.session.flush()
    except IntegrityError as error:
        # A failed flush leaves the transaction unusable: nothing of this request can be kept anyway.
        db.session.rollback()
        logger.info("duplicate employer registration refused: %s", error.orig)
        message = _("A company with this unified social credit code or an account with this username "
                    "already exists.")
        raise EmployerError("duplicate", message, "uscc") from error
