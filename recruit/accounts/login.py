"""Flask-Login's view of accounts: where to sign in, and which session still names a user."""
import logging

from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import lazyload

from recruit.accounts.models import User
from recruit.core.models import MAX_ID
from recruit.extensions import db

logger = logging.getLogger(__name__)


def load_user(user_id):
    """Only a session that carries the user's current session version is still valid."""
    key, _, version = user_id.partition(":")
    if not key.isdigit() or not version.isdigit() or int(key) > MAX_ID:
        return None
    # Every signed-in request loads its user: the regions (partner staff's scope) load only when read.
    user = db.session.get(User, int(key), options=[lazyload(User.regions)])
    if user is None or user.session_version != int(version):
        return None
    return user


def configure(manager):
    """Point Flask-Login at the sign-in page and at the loader of users."""
    manager.login_view = "accounts.login"
    manager.login_message = _l("Please sign in to see this page.")
    manager.login_message_category = "warning"
    manager.session_protection = "strong"
    manager.user_loader(load_user)
