"""Employer rules: registering a company with its HR contact's account, editing it, the bureau's lists."""
import logging

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import contains_eager

from recruit.accounts.models import User
from recruit.accounts.services import check_password
from recruit.accounts.services import check_username
from recruit.audit.services import record
from recruit.core import checks
from recruit.core.checks import Problems
from recruit.core.clock import utcnow
from recruit.domain import errors
from recruit.domain import industries
from recruit.domain import uscc
from recruit.domain.errors import RuleError
from recruit.employers.models import SIZES
from recruit.employers.models import Employer
from recruit.events.models import Event
from recruit.events.models import Participation
from recruit.extensions import db

logger = logging.getLogger(__name__)

COMPANY_FIELDS = ("name", "uscc", "industry", "region_code", "address", "size", "description",
                  "contact_name", "contact_mobile")
# Changing who the company is (name or code) undoes the bureau's check of it.
IDENTITY_FIELDS = ("name", "uscc")
MAX_NAME = 200
MAX_ADDRESS = 300
MAX_DESCRIPTION = 5000
MAX_CONTACT = 100

errors.register({
    "uscc_taken": _l("A company with this unified social credit code is already registered. Sign in with its "
                     "account, or ask the bureau."),
}, status=409)


def find_by_uscc(code):
    return db.session.scalar(sa.select(Employer).where(Employer.uscc == code))


def _free_uscc(value, employer=None):
    """A valid code no other company registered (one account per legal entity)."""
    code = uscc.validate(checks.text(value, 40))
    holder = find_by_uscc(code)
    if holder is not None and holder is not employer:
        raise RuleError("uscc_taken")
    return code


def _industry(letter):
    letter = checks.text(letter, 1)
    if not industries.is_valid(letter):
        raise RuleError("choice")
    return letter.upper()


def check_company(data, employer=None, problems=None):
    """The company's details as stored; every problem is added to `problems` (raised when not given)."""
    found = problems if problems is not None else Problems()
    clean = {
        "name": found.check("name", checks.text, data.get("name"), MAX_NAME),
        "uscc": found.check("uscc", _free_uscc, data.get("uscc"), employer),
        "industry": found.check("industry", _industry, data.get("industry")),
        "region_code": found.check("region_code", checks.region, data.get("region_code"), level="below_province"),
        "address": found.check("address", checks.text, data.get("address"), MAX_ADDRESS),
        "size": found.check("size", checks.choice, data.get("size"), SIZES.values),
        "description": found.check("description", checks.text, data.get("description"), MAX_DESCRIPTION,
                                   required=False),
        "contact_name": found.check("contact_name", checks.text, data.get("contact_name"), MAX_CONTACT),
        "contact_mobile": found.check("contact_mobile", checks.mobile_number, data.get("contact_mobile")),
    }
    if problems is None:
        found.raise_any()
    return clean


def check_registration(data, username, password):
    """The company and its account's name as stored; a RuleError with every problem otherwise."""
    problems = Problems()
    clean = check_company(data, problems=problems)
    username = problems.check("username", check_username, username)
    problems.check("password", check_password, password)
    problems.raise_any()
    return clean, username


def register_employer(data, username, password):
    """Create a pending company and the account of its HR contact; returns the new user."""
    clean, username = check_registration(data, username, password)
    employer = Employer(status="pending", **clean)
    user = User(username=username, role="employer", employer=employer, display_name=clean["contact_name"])
    user.set_password(password)
    _insert_or_refuse(employer, user)
    record("employer_registered", target=employer, user=user, uscc=employer.uscc)
    logger.info("employer %s registered (pending review)", employer.id)
    return user


def update_employer(employer, data):
    """Change the company's details; a new identity, or a rejected company's fix, goes back to review."""
    clean = check_company(data, employer)
    changed = sorted(name for name in COMPANY_FIELDS if getattr(employer, name) != clean[name])
    for name in changed:
        setattr(employer, name, clean[name])
    resubmitted = bool(changed) and needs_review_after(employer, changed)
    if resubmitted:
        employer.status = "pending"
    _insert_or_refuse(employer)
    record("employer_updated", target=employer, fields=changed, resubmitted=resubmitted)
    return resubmitted


def needs_review_after(employer, changed):
    """Whether changing these fields sends the company back to the bureau."""
    if employer.status == "rejected":
        return True
    return employer.status == "approved" and any(name in IDENTITY_FIELDS for name in changed)


def _insert_or_refuse(*objects):
    """Write inside a savepoint: a concurrent registration of the same code or username loses with a field
    error, and the caller's other work in the transaction is kept."""
    try:
        with db.session.begin_nested():
            db.session.add_all(objects)
    except IntegrityError:
        # Not the database's message: PostgreSQL quotes the duplicate value, a username or code, in it.
        logger.info("a concurrent duplicate employer registration was refused")
        user = next((obj for obj in objects if isinstance(obj, User)), None)
        if user is not None and db.session.scalar(sa.select(User.id).where(User.username == user.username)):
            raise RuleError("username_taken", "username") from None
        raise RuleError("uscc_taken", "uscc") from None


def participations_of(employer):
    """The events the company takes part in, the latest first, each with its event loaded."""
    query = (sa.select(Participation).join(Participation.event).options(contains_eager(Participation.event))
             .where(Participation.employer_id == employer.id).order_by(Event.starts_at.desc()))
    return db.session.scalars(query).all()


def for_review(status="", text=""):
    """The employers for the bureau's list, newest first, by status and name or code."""
    query = sa.select(Employer).order_by(Employer.created_at.desc(), Employer.id.desc())
    if status:
        query = query.where(Employer.status == status)
    if text:
        query = query.where(sa.or_(Employer.name.icontains(text, autoescape=True),
                                   Employer.uscc.startswith(text.upper(), autoescape=True)))
    return query


def waiting():
    """The employers waiting for review, the longest waiting first (a select to paginate)."""
    return sa.select(Employer).where(Employer.status == "pending").order_by(Employer.created_at, Employer.id)


def enter_employer(data, by_user=None):
    """A company the bureau enters itself (an import of its own list): the bureau is the reviewer, so it is
    approved at once; it has no account until its HR contact gets one."""
    clean = check_company(data)
    employer = Employer(status="approved", reviewed_at=utcnow(), **clean)
    _insert_or_refuse(employer)
    record("employer_registered", target=employer, user=by_user, uscc=employer.uscc)
    logger.info("employer %s entered by the bureau (approved)", employer.id)
    return employer


def by_usccs(codes):
    """The employers holding these codes, by code: an import looks up a chunk of its rows in one query."""
    if not codes:
        return {}
    return {employer.uscc: employer for employer in
            db.session.scalars(sa.select(Employer).where(Employer.uscc.in_(list(codes))))}
