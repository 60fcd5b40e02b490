"""Recording audit events."""
import logging

from flask import has_request_context
from flask import request
from flask_login import current_user

from recruit.audit.models import AuditEvent
from recruit.extensions import db

logger = logging.getLogger(__name__)


def record(action, target=None, user=None, **detail):
    """Add an audit event to the session; the caller's commit keeps it with the change it describes."""
    if user is None and has_request_context() and current_user.is_authenticated:
        user = current_user
    event = AuditEvent(
        action=action,
        user_id=user.id if user is not None else None,
        target_type=type(target).__name__ if target is not None else "",
        target_id=getattr(target, "id", None),
        ip=(request.remote_addr or "") if has_request_context() else "",
        detail=detail,
    )
    db.session.add(event)
    return event
