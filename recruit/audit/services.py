"""Recording audit events and reading the log."""
import logging
from datetime import timedelta

import sqlalchemy as sa
from flask import has_request_context
from flask import request
from flask_login import current_user
from sqlalchemy.orm import joinedload

from recruit.accounts.models import User
from recruit.audit.actions import ACTIONS
from recruit.audit.models import AuditEvent
from recruit.core.clock import day_start
from recruit.extensions import db

logger = logging.getLogger(__name__)


def record(action, target=None, user=None, **detail):
    """Add an audit event to the session; the caller's commit keeps it with the change it describes."""
    if action not in ACTIONS:
        raise ValueError(f"audit action {action!r} is not in recruit/audit/actions.py")
    if user is None and has_request_context() and current_user.is_authenticated:
        user = current_user
    event = AuditEvent(
        action=action,
        user_id=user.id if user is not None else None,
        target_type=type(target).__name__ if target is not None else "",
        target_id=getattr(target, "id", None),
        target_name=(getattr(target, "audit_name", "") or "")[:200],
        ip=(request.remote_addr or "") if has_request_context() else "",
        detail=detail,
    )
    db.session.add(event)
    return event


def events(action="", username="", target_type="", date_from=None, date_to=None):
    """Audit events newest first with their user; dates are whole days in the bureau's time zone."""
    query = (sa.select(AuditEvent).options(joinedload(AuditEvent.user))
             .order_by(AuditEvent.at.desc(), AuditEvent.id.desc()))
    if action:
        query = query.where(AuditEvent.action == action)
    if target_type:
        query = query.where(AuditEvent.target_type == target_type)
    if username:
        query = query.where(AuditEvent.user_id.in_(sa.select(User.id).where(User.username == username)))
    if date_from:
        query = query.where(AuditEvent.at >= day_start(date_from))
    if date_to:
        query = query.where(AuditEvent.at < day_start(date_to + timedelta(days=1)))
    return query


def recorded_choices():
    """The actions and target types the log holds, for the filter's selects."""
    actions = db.session.scalars(sa.select(AuditEvent.action).distinct().order_by(AuditEvent.action)).all()
    types = db.session.scalars(sa.select(AuditEvent.target_type).where(AuditEvent.target_type != "")
                               .distinct().order_by(AuditEvent.target_type)).all()
    return actions, types
