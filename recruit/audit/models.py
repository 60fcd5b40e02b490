"""Audit events."""
import logging
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped
from sqlalchemy.orm import mapped_column
from sqlalchemy.orm import relationship

from recruit.core.clock import utcnow
from recruit.extensions import db

logger = logging.getLogger(__name__)


class AuditEvent(db.Model):
    """Who did what, to what, when and from where."""

    __tablename__ = "audit_events"
    __table_args__ = (sa.Index("ix_audit_events_target", "target_type", "target_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(default=utcnow, server_default=sa.func.now(), index=True)
    user_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"), index=True)
    action: Mapped[str] = mapped_column(sa.String(60), index=True)
    target_type: Mapped[str] = mapped_column(sa.String(40), default="", server_default="")
    target_id: Mapped[int | None]
    # The target in words as it was then (a company's name, a seeker's masked name), for the reader of the log.
    target_name: Mapped[str] = mapped_column(sa.String(200), default="", server_default="")
    ip: Mapped[str] = mapped_column(sa.String(45), default="", server_default="")
    detail: Mapped[dict] = mapped_column(sa.JSON, default=dict)

    user = relationship("User")
