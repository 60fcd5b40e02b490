"""Account rules: usernames, passwords, signing in and sessions."""
import functools
import hashlib
import hmac
import logging
import re
import secrets
from datetime import UTC
from datetime import timedelta

import sqlalchemy as sa
from flask import current_app
from flask_babel import format_datetime
from flask_babel import lazy_gettext as _l
from werkzeug.security import check_password_hash
from werkzeug.security import generate_password_hash

from recruit.accounts.models import User
from recruit.audit.services import record
from recruit.core import checks
from recruit.core.checks import Problems
from recruit.core.clock import utcnow
from recruit.core.throttle import Limit
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
errors.register({
    "signin_throttled": _l("Too many failed sign-ins. Please try again after %(time)s (Beijing time)."),
    "registration_throttled": _l("Too many registrations from this network. Please try again after %(time)s "
                                 "(Beijing time)."),
}, status=429)
# Attempts allowed in a window (app.config overrides each). Per account it is what stops guessing; per address
# it stays high, since a fair's visitors may share one network and a mobile carrier's address.
LIMITS = {
    "SIGNIN_ATTEMPTS_PER_ACCOUNT": 5,
    "SIGNIN_ATTEMPTS_PER_ADDRESS": 50,
    "SIGNIN_WINDOW_MINUTES": 15,
    "REGISTRATIONS_PER_ADDRESS": 30,
    "REGISTRATION_WINDOW_MINUTES": 10,
}
# A one-time code: no characters that read alike (0/O, 1/I/L), in two groups of four.
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
# An identifier with a run of this many digits (separators taken out) is a number someone owns.
LONG_DIGITS = re.compile(r"\d{7,}")
_SEPARATORS = re.compile(r"[\s\-.·_/()（）]")
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
    """What the audit log keeps of a failed sign-in: a known username as it is, anything else masked.

    A mistyped ID number or mobile (17 or 19 digits, with spaces or dashes) is still someone's number, and
    what lands in the username box is sometimes a password.
    """
    text = (identifier or "").strip()[:40]
    if not LONG_DIGITS.search(text) and find_by_username(text) is not None:
        return text
    digits = _SEPARATORS.sub("", text)
    if LONG_DIGITS.fullmatch(digits[:-1] + digits[-1:].replace("X", "0").replace("x", "0")):
        return idcard.mask(digits) if len(digits) >= idcard.LENGTH - 1 else mobile.mask(digits)
    return text[:2] + "*" * min(len(text) - 2, 8) if len(text) > 2 else "*" * len(text)


def identifier_key(identifier):
    """A keyed hash of an identifier as typed (no case, blanks or separators): the same account tried again
    is the same key, and nothing readable is kept."""
    folded = _SEPARATORS.sub("", (identifier or "").strip().lower())
    secret = current_app.config["SECRET_KEY"].encode()
    return hmac.new(secret, b"sign-in:" + folded.encode(), hashlib.sha256).hexdigest()


def identifier_tag(identifier):
    """Eight digits from the keyed hash: the audit log shows which failed sign-ins tried the same account
    without showing what was typed."""
    return f"{int(identifier_key(identifier)[:12], 16) % 10**8:08d}"


@functools.cache
def _unknown_account_hash():
    """The hash a missing account's password is checked against, so that it takes as long as a real one."""
    return generate_password_hash(secrets.token_urlsafe(16))


def authenticate(identifier, password):
    """The active user these credentials name, or None (one answer for unknown user and bad password).

    The password is checked with the same work whether the account exists or not: the time of the answer
    tells nothing.
    """
    user = find_for_login(identifier)
    stored = user.password_hash if user is not None else _unknown_account_hash()
    matches = check_password_hash(stored, password if isinstance(password, str) else "")
    if user is None or not user.active or not matches:
        return None
    user.last_login_at = utcnow()
    return user


def _setting(name):
    return current_app.config.get(name, LIMITS[name])


def _limits():
    window = timedelta(minutes=_setting("SIGNIN_WINDOW_MINUTES"))
    return (Limit("signin_account", _setting("SIGNIN_ATTEMPTS_PER_ACCOUNT"), window),
            Limit("signin_address", _setting("SIGNIN_ATTEMPTS_PER_ADDRESS"), window))


def account_key(identifier):
    """What sign-in attempts are counted against: the account an identifier names (its mobile, ID number and
    username count together), else the identifier's keyed hash."""
    user = find_for_login(identifier)
    return f"user:{user.id}" if user is not None else identifier_key(identifier)


def note_sign_in(identifier, address):
    """Count a sign-in attempt before its password is checked; the caller commits it at once, so that every
    worker and host counts it, and a burst of attempts at once cannot slip past the limit together."""
    by_account, by_address = _limits()
    by_account.hit(account_key(identifier))
    by_address.hit(address or "")


def sign_in(identifier, password, address):
    """The user, or None for wrong credentials; refused while the account or the address has had too many
    attempts in the window. A successful sign-in no longer counts against either."""
    by_account, by_address = _limits()
    key = account_key(identifier)
    until = max(filter(None, (by_account.blocked_until(key, noted=True),
                              by_address.blocked_until(address or "", noted=True))), default=None)
    if until is not None:
        raise RuleError("signin_throttled", time=format_datetime(until.replace(tzinfo=UTC), "HH:mm"))
    user = authenticate(identifier, password)
    if user is not None:
        by_account.clear(key)
        by_address.forget_one(address or "")
    return user


def _registrations():
    return Limit("registration_address", _setting("REGISTRATIONS_PER_ADDRESS"),
                 timedelta(minutes=_setting("REGISTRATION_WINDOW_MINUTES")))


def check_registration_allowed(address):
    """Registrations from one address are limited (a script filling the site with accounts)."""
    until = _registrations().blocked_until(address or "")
    if until is not None:
        raise RuleError("registration_throttled", time=format_datetime(until.replace(tzinfo=UTC), "HH:mm"))


def note_registration(address):
    """Count a registration that was made, against its address."""
    _registrations().hit(address or "")


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
    user.must_change_password = False
    end_sessions(user)


def reset_password(user, by_user):
    """Staff who checked the person's ID give them a one-time code as their password, shown once; the next
    sign-in must choose a new password, and every session of the account ends. Returns the code."""
    code = give_one_time_code(user)
    end_sessions(user)
    record("password_reset", target=user, user=by_user)
    return code


def give_one_time_code(user):
    """Make a one-time code the account's password: it is shown once, and the sign-in with it must choose a
    new password. Returns the code."""
    code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(8))
    user.set_password(code)
    user.must_change_password = True
    return code


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
