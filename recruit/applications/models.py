"""Applications (求职意向), their status history and the notices seekers receive."""
import logging
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped
from sqlalchemy.orm import mapped_column
from sqlalchemy.orm import relationship

from recruit.core.models import TimestampMixin
from recruit.core.models import enum_column
from recruit.core.models import utcnow
from recruit.extensions import db

logger = logging.getLogger(__name__)

PIPELINE = ("applied", "interviewed", "intent", "signed", "onboarded", "retained")
CLOSED = ("rejected", "withdrawn", "obsolete")
STATUSES = PIPELINE + CLOSED
# The event's intent figure counts applications that reached `intent` or went beyond it.
INTENT_OR_BEYOND = ("intent", "signed", "onboarded", "retained")
SIGNED_OR_BEYOND = ("signed", "onboarded", "retained")


class Application(TimestampMixin, db.Model):
    """A seeker's application to a posting, possibly made at an event."""

    __tablename__ = "applications"
    __table_args__ = (
        sa.UniqueConstraint("seeker_id", "posting_id"),
        sa.Index("ix_applications_event_status", "event_id", "status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    seeker_id: Mapped[int] = mapped_column(sa.ForeignKey("seekers.id", ondelete="CASCADE"), index=True)
    posting_id: Mapped[int] = mapped_column(sa.ForeignKey("postings.id", ondelete="CASCADE"), index=True)
    event_id: Mapped[int | None] = mapped_column(sa.ForeignKey("events.id", ondelete="SET NULL"))
    status: Mapped[str] = enum_column(STATUSES, "application_status", default="applied", index=True)
    # Set when the application reached `intent` (or beyond) for the first time.
    intent_at: Mapped[datetime | None]
    note: Mapped[str] = mapped_column(sa.String(500), default="", server_default="")

    seeker = relationship("Seeker", back_populates="applications")
    posting = relationship("Posting", back_populates="applications")
    event = relationship("Event")
    changes = relationship("ApplicationChange", back_populates="application", cascade="all, delete-orphan",
                           order_by="ApplicationChange.at")

    @property
    def is_open(self):
        return self.status not in CLOSED and self.status not in SIGNED_OR_BEYOND

    @property
    def can_be_withdrawn(self):
        return self.status in ("applied", "interviewed", "intent")


class ApplicationChange(db.Model):
    """One step of an application's history: from, to, who (none when the system did it), when and why."""

    __tablename__ = "application_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(sa.ForeignKey("applications.id", ondelete="CASCADE"), index=True)
    from_status: Mapped[str | None] = mapped_column(sa.String(20))
    to_status: Mapped[str] = mapped_column(sa.String(20))
    by_user_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    at: Mapped[datetime] = mapped_column(default=utcnow, server_default=sa.func.now())
    note: Mapped[str] = mapped_column(sa.String(500), default="", server_default="")

    application = relationship("Application", back_populates="changes")
    by_user = relationship("User")


class Notice(db.Model):
    """An in-app message to a user (a seeker told of a status change, an employer told of a review)."""

    __tablename__ = "notices"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(sa.String(40))
    # Kept as a message key and its values, so that it reads in the language of whoever opens it.
    params: Mapped[dict] = mapped_column(sa.JSON, default=dict)
    link: Mapped[str] = mapped_column(sa.String(300), default="", server_default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow, server_default=sa.func.now())
    read_at: Mapped[datetime | None]
