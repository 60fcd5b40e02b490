"""Staff accounts the bureau manages: bureau staff and partner-region staff scoped to region codes."""
import logging

from flask_babel import lazy_gettext as _l

from recruit.accounts.models import User
from recruit.accounts.models import UserRegion
from recruit.accounts.services import AccountError
from recruit.accounts.services import check_password_strength
from recruit.accounts.services import end_sessions
from recruit.accounts.services import find_by_username
from recruit.audit.services import record
from recruit.domain import regions
from recruit.extensions import db

logger = logging.getLogger(__name__)

STAFF_ROLES = ("bureau", "partner")
MESSAGES = {
    "username_taken": _l("This username is already taken."),
    "role": _l("Staff accounts are bureau or partner-region staff."),
    "regions_required": _l("Partner-region staff need at least one region they serve."),
    "regions_bureau": _l("Bureau staff see every region: leave the regions empty."),
    "region_invalid": _l("Choose regions from the list (a province, city or county)."),
    "self_deactivate": _l("You cannot deactivate your own account."),
}


def _error(code):
    return AccountError(code, MESSAGES[code])


def check_username(username):
    if find_by_username(username) is not None:
        raise _error("username_taken")


def check_regions(role, region_codes):
    """The regions a staff account serves: required for partner staff, none for the bureau (it sees all)."""
    codes = list(dict.fromkeys(region_codes or []))
    if role == "partner" and not codes:
        raise _error("regions_required")
    if role == "bureau" and codes:
        raise _error("regions_bureau")
    for code in codes:
        region = regions.get(code)
        if region is None or not region.pickable:
            raise _error("region_invalid")
    return codes


def check_active(user, by_user, active):
    """Nobody locks themselves out: the last bureau account could not be reached again."""
    if not active and user.id == by_user.id:
        raise _error("self_deactivate")


def create_staff(username, display_name, role, password, region_codes, by_user):
    if role not in STAFF_ROLES:
        raise _error("role")
    username = (username or "").strip()
    check_username(username)
    check_password_strength(password)
    codes = check_regions(role, region_codes)
    user = User(username=username, display_name=(display_name or "").strip() or username, role=role)
    user.set_password(password)
    user.regions = [UserRegion(region_code=code) for code in codes]
    db.session.add(user)
    db.session.flush()
    record("staff_created", target=user, user=by_user, username=username, role=role, regions=codes)
    return user


def update_staff(user, by_user, display_name, region_codes, active, password=None):
    """Change a staff account; a new password ends every session the account has open."""
    codes = check_regions(user.role, region_codes)
    check_active(user, by_user, active)
    changed = []
    if display_name.strip() != user.display_name:
        user.display_name = display_name.strip()
        changed.append("display_name")
    if set(codes) != set(user.region_codes):
        kept = {region.region_code: region for region in user.regions}
        user.regions = [kept.get(code) or UserRegion(region_code=code) for code in codes]
        changed.append("regions")
    if active != user.active:
        user.active = active
        changed.append("active")
    if password:
        check_password_strength(password)
        user.set_password(password)
        end_sessions(user)
        changed.append("password")
    db.session.flush()
    record("staff_updated", target=user, user=by_user, fields=changed, regions=codes, active=active)
    return user
