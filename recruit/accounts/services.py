"""Account rules: usernames, passwords, signing in and sessions."""
import logging
import re

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from recruit.accounts.models import User
from recruit.core import checks
from recruit.core.checks import Problems
from recruit.core.clock import utcnow
from recruit.domain import errors
from recruit.domain import idcard
from recruit.domain import mobile
from recruit.domain.errors import RuleError
from recruit.extensions import db
from recruit.seekers.identity import find_by_id_number
from recruit.seekers.identity import looks_like_id_number

logger = logging.getLogger(__name__)

MIN_PASSWORD_LENGTH = 8
MAX_PASSWORD_LENGTH = 128
MAX_DISPLAY_NAME = 100
# A leading letter keeps usernames apart from the mobile and ID numbers seekers sign in with: an account
# named like a number would take over that seeker's sign-in.
USERNAME = re.compile(r"[A-Za-z][A-Za-z0-9_.@-]{2,63}")

errors.register({
    "username_format": _l("Use 3 to 64 characters: start with a letter, then letters, digits and . _ - @."),
    "password_short": _l("Use at least %(min)d characters.", min=MIN_PASSWORD_LENGTH),
    "password_long": _l("Use at most %(max)d characters.", max=MAX_PASSWORD_LENGTH),
    "wrong_password": _l("This is not your current password."),
})
errors.register({"username_taken": _l("This username is taken: please choose another.")}, status=409)


def check_username(username):
    """A free username of the allowed shape; returns it without blanks around it."""
    username = checks.text(username, 64)
    if not USERNAME.fullmatch(username):
        raise RuleError("username_format")
    if find_by_username(username) is not None:
        raise RuleError("username_taken")
    return username


def check_password(password):
    if password is None or password == "":
        raise RuleError("required")
    if not isinstance(password, str):
        raise RuleError("text")
    if len(password) < MIN_PASSWORD_LENGTH:
        raise RuleError("password_short")
    if len(password) > MAX_PASSWORD_LENGTH:
        raise RuleError("password_long")
    return password


def find_by_username(username):
    return db.session.scalar(sa.select(User).where(User.username == username))


def find_for_login(identifier):
    """The account an identifier names: an ID number or mobile finds a seeker, anything else a username."""
    text = (identifier or "").strip()
    if looks_like_id_number(text):
        seeker = find_by_id_number(text)
        return seeker.user if seeker is not None else None
    try:
        return find_by_username(mobile.validate(text))
    except RuleError:
        return find_by_username(text)


def masked_identifier(identifier):
    """What the audit log keeps of a failed sign-in: never an ID number or mobile in clear."""
    text = (identifier or "").strip()[:40]
    if looks_like_id_number(text):
        return idcard.mask(text)
    try:
        return mobile.mask(mobile.validate(text))
    except RuleError:
        return text


def authenticate(identifier, password):
    """The active user these credentials name, or None (one answer for unknown user and bad password)."""
    user = find_for_login(identifier)
    if user is None or not user.active or not user.check_password(password or ""):
        return None
    user.last_login_at = utcnow()
    return user


def end_sessions(user):
    """Invalidate every session of this user (sign-out, password change)."""
    user.session_version = (user.session_version or 0) + 1


def check_password_change(user, current, new):
    problems = Problems()
    if not isinstance(current, str) or not user.check_password(current):
        problems.add("wrong_password", "current")
    problems.check("new", check_password, new)
    problems.raise_any()


def change_password(user, current, new):
    """A new password for the user, given the current one; every other session ends."""
    check_password_change(user, current, new)
    user.set_password(new)
    end_sessions(user)


def create_or_reset_bureau_user(username, password, display_name=""):
    """A bureau account with this name and password; returns (user, created)."""
    user = find_by_username((username or "").strip())
    problems = Problems()
    if user is None:
        username = problems.check("username", check_username, username)
    elif user.role != "bureau":
        problems.add("username_taken", "username")
    display_name = problems.check("display_name", checks.text, display_name, MAX_DISPLAY_NAME, required=False)
    problems.check("password", check_password, password)
    problems.raise_any()
    created = user is None
    if created:
        user = User(username=username, role="bureau", display_name=display_name or username)
        db.session.add(user)
    user.set_password(password)
    end_sessions(user)
    db.session.flush()
    return user, created
