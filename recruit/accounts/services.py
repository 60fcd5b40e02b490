"""Account rules: creating users, passwords, sessions."""
import logging

import sqlalchemy as sa

from recruit.accounts.models import User
from recruit.core.models import utcnow
from recruit.domain import idcard
from recruit.domain import mobile
from recruit.domain.errors import DomainError
from recruit.extensions import db

logger = logging.getLogger(__name__)

MIN_PASSWORD_LENGTH = 8


class AccountError(ValueError):
    """A rule on accounts was broken: forms show their translated message for `code`; `message` is English."""

    def __init__(self, code, message):
        super().__init__(message)
        self.code = code
        self.message = message


def check_password_strength(password):
    if len(password or "") < MIN_PASSWORD_LENGTH:
        raise AccountError("password_short", f"The password needs at least {MIN_PASSWORD_LENGTH} characters.")


def looks_like_id_number(text):
    number = idcard.normalize(text or "")
    return len(number) == idcard.LENGTH and number[:17].isdigit()


def find_for_login(identifier):
    """The account an identifier names: an ID number or mobile finds a seeker, anything else a username."""
    # Imported here: the seeker services build on these account services.
    from recruit.seekers.services import find_by_id_number

    text = (identifier or "").strip()
    if looks_like_id_number(text):
        seeker = find_by_id_number(text)
        return seeker.user if seeker is not None else None
    try:
        return find_by_username(mobile.validate(text))
    except DomainError:
        return find_by_username(text)


def masked_identifier(identifier):
    """What the audit log keeps of a failed sign-in: never an ID number or mobile in clear."""
    text = (identifier or "").strip()[:40]
    if looks_like_id_number(text):
        return idcard.mask(text)
    try:
        return mobile.mask(mobile.validate(text))
    except DomainError:
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


def change_password(user, new_password):
    check_password_strength(new_password)
    user.set_password(new_password)
    end_sessions(user)


def find_by_username(username):
    return db.session.scalar(sa.select(User).where(User.username == username))


def create_or_reset_bureau_user(username, password, display_name=""):
    """A bureau account with this name and password; returns (user, created)."""
    username = (username or "").strip()
    if not username:
        raise AccountError("username_empty", "A username is required.")
    check_password_strength(password)
    user = find_by_username(username)
    created = user is None
    if created:
        user = User(username=username, role="bureau", display_name=display_name or username)
        db.session.add(user)
    elif user.role != "bureau":
        raise AccountError("username_taken", f"'{username}' is already used by a {user.role} account.")
    user.set_password(password)
    end_sessions(user)
    db.session.flush()
    return user, created
