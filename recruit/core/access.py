"""Access checks: the role of the user and, on every object, whether it is theirs to see."""
import functools
import logging

from flask import abort
from flask_login import current_user
from flask_login import login_required

from recruit.domain import regions
from recruit.extensions import db

logger = logging.getLogger(__name__)


def role_required(*roles):
    """Signed-in users of these roles only: anonymous users go to sign-in, others get 403."""

    def decorator(view):
        @functools.wraps(view)
        @login_required
        def wrapped(*args, **kwargs):
            if current_user.role not in roles:
                abort(403)
            return view(*args, **kwargs)

        return wrapped

    return decorator


def acting_user():
    """The signed-in user as the services take them (the object, not Flask-Login's proxy)."""
    return current_user._get_current_object()


def can_view_seeker(user, seeker):
    """Employers see a seeker only through an application to their posting (can_manage_application)."""
    if not user.is_authenticated:
        return False
    if user.role == "bureau":
        return True
    if user.role == "seeker":
        return seeker.user_id == user.id
    if user.role == "partner":
        return regions.within_any(seeker.hometown_code, user.region_codes)
    return False


def can_reset_password(staff, account):
    """Bureau staff reset seekers' and employers' passwords; partner staff those of their region's seekers."""
    if not staff.is_authenticated or account.role not in ("seeker", "employer"):
        return False
    if staff.role == "bureau":
        return True
    return staff.role == "partner" and account.seeker is not None and can_view_seeker(staff, account.seeker)


def can_manage_employer(user, employer):
    return user.is_authenticated and (user.role == "bureau" or
                                      (user.role == "employer" and user.employer_id == employer.id))


def can_manage_posting(user, posting):
    return can_manage_employer(user, posting.employer)


def can_manage_application(user, application):
    """Employers move applications to their own postings; the bureau moves any."""
    return can_manage_posting(user, application.posting)


def get_or_404(model, object_id, check=None):
    """Load an object and apply an object-level check; a failed check is a 404, so ids are not probed."""
    obj = db.session.get(model, object_id)
    if obj is None or (check is not None and not check(current_user, obj)):
        abort(404)
    return obj
