"""Staff accounts the bureau manages: bureau staff and partner-region staff scoped to region codes."""
import logging

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from recruit.accounts.models import STAFF_ROLES
from recruit.accounts.models import User
from recruit.accounts.models import UserRegion
from recruit.accounts.services import MAX_DISPLAY_NAME
from recruit.accounts.services import check_password
from recruit.accounts.services import check_username
from recruit.accounts.services import end_sessions
from recruit.audit.services import record
from recruit.core import checks
from recruit.core.checks import Problems
from recruit.domain import errors
from recruit.domain.errors import RuleError
from recruit.extensions import db

logger = logging.getLogger(__name__)

MAX_REGIONS = 50

errors.register({
    "regions_required": _l("Partner-region staff need at least one region they serve."),
    "regions_bureau": _l("Bureau staff see every region: leave the regions empty."),
    "self_deactivate": _l("You cannot deactivate your own account."),
    "own_password": _l("Change your own password on the Change password page."),
})


def _regions(role, region_codes):
    """The regions a staff account serves: required for partner staff, none for the bureau (it sees all)."""
    codes = checks.region_list(region_codes, MAX_REGIONS)
    if role == "partner" and not codes:
        raise RuleError("regions_required")
    if role == "bureau" and codes:
        raise RuleError("regions_bureau")
    return codes


def check_new_staff(username, display_name, role, password, region_codes):
    """The new account's values as stored; a RuleError with every problem otherwise."""
    found = Problems()
    clean = {
        "username": found.check("username", check_username, username),
        "display_name": found.check("display_name", checks.text, display_name, MAX_DISPLAY_NAME),
        "role": found.check("role", checks.choice, role, STAFF_ROLES),
    }
    found.check("password", check_password, password)
    if clean["role"] is not None:
        clean["region_codes"] = found.check("region_codes", _regions, clean["role"], region_codes)
    found.raise_any()
    return clean


def create_staff(username, display_name, role, password, region_codes, by_user):
    clean = check_new_staff(username, display_name, role, password, region_codes)
    user = User(username=clean["username"], display_name=clean["display_name"], role=clean["role"])
    user.set_password(password)
    user.regions = [UserRegion(region_code=code) for code in clean["region_codes"]]
    db.session.add(user)
    db.session.flush()
    record("staff_created", target=user, user=by_user, username=user.username, role=user.role,
           regions=clean["region_codes"])
    return user


def check_staff_change(user, by_user, display_name, region_codes, active, password=None):
    """The changed values as stored; nobody locks themselves out or resets their own password here."""
    found = Problems()
    clean = {
        "display_name": found.check("display_name", checks.text, display_name, MAX_DISPLAY_NAME),
        "region_codes": found.check("region_codes", _regions, user.role, region_codes),
        "active": found.check("active", checks.flag, active),
    }
    if clean["active"] is False and user.id == by_user.id:
        found.add("self_deactivate", "active")
    if password and user.id == by_user.id:
        found.add("own_password", "password")
    elif password:
        found.check("password", check_password, password)
    found.raise_any()
    return clean


def update_staff(user, by_user, display_name, region_codes, active, password=None):
    """Change a staff account; a new password ends every session the account has open."""
    clean = check_staff_change(user, by_user, display_name, region_codes, active, password)
    changed = []
    if clean["display_name"] != user.display_name:
        user.display_name = clean["display_name"]
        changed.append("display_name")
    if set(clean["region_codes"]) != set(user.region_codes):
        kept = {region.region_code: region for region in user.regions}
        user.regions = [kept.get(code) or UserRegion(region_code=code) for code in clean["region_codes"]]
        changed.append("regions")
    if clean["active"] != user.active:
        user.active = clean["active"]
        changed.append("active")
        if not user.active:
            end_sessions(user)  # reactivating it later must not bring an old cookie back to life
    if password:
        user.set_password(password)
        end_sessions(user)
        changed.append("password")
    db.session.flush()
    record("staff_updated", target=user, user=by_user, fields=changed, regions=clean["region_codes"],
           active=clean["active"])
    return user


def staff_accounts():
    """Bureau and partner-region staff accounts, the active ones first (a select to paginate)."""
    return (sa.select(User).where(User.role.in_(STAFF_ROLES))
            .order_by(User.active.desc(), User.role, User.username))
