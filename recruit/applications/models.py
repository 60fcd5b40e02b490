"""Applications (求职意向) and their status history."""
import logging
from datetime import date
from datetime import datetime

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Mapped
from sqlalchemy.orm import mapped_column
from sqlalchemy.orm import relationship

from recruit.core.clock import utcnow
from recruit.core.codes import Code
from recruit.core.codes import Codes
from recruit.core.models import TimestampMixin
from recruit.core.models import enum_column
from recruit.extensions import db

logger = logging.getLogger(__name__)

# The pipeline in blues and greens, the closed states in greys and red.
STATUSES = Codes(
    "application_status",
    Code("applied", _l("Applied"), "secondary"),
    Code("interviewed", _l("Interviewed"), "info"),
    Code("intent", _l("Preliminary intent"), "primary"),
    Code("signed", _l("Signed"), "success"),
    Code("onboarded", _l("Onboarded"), "success"),
    Code("retained", _l("Retained (3 months)"), "success"),
    Code("rejected", _l("Rejected"), "danger"),
    Code("withdrawn", _l("Withdrawn"), "light"),
    Code("obsolete", _l("Closed (seeker signed elsewhere)"), "dark"),
)
PIPELINE = ("applied", "interviewed", "intent", "signed", "onboarded", "retained")
CLOSED = ("rejected", "withdrawn", "obsolete")
# Still in play: the seeker may withdraw them, staff may reject them, a signing elsewhere closes them.
OPEN = ("applied", "interviewed", "intent")
# The event's intent figure counts applications that reached `intent` or went beyond it.
INTENT_OR_BEYOND = ("intent", "signed", "onboarded", "retained")
SIGNED_OR_BEYOND = ("signed", "onboarded", "retained")
ONBOARDED_OR_BEYOND = ("onboarded", "retained")
# Why the system closed an application: kept in the history as this text, shown translated.
OBSOLETE_NOTE = "the seeker signed with another employer"
BOOTH_NOTE = "intent recorded at the booth"
BEHALF_NOTE = "applied on the seeker's behalf by partner staff"
CHANGE_NOTES = Codes("change_note", Code(OBSOLETE_NOTE, _l("The seeker signed with another employer.")),
                     Code(BOOTH_NOTE, _l("Intent recorded at the employer's booth.")),
                     Code(BEHALF_NOTE, _l("Applied on the seeker's behalf by partner-region staff.")))


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
    status: Mapped[str] = enum_column(STATUSES.values, "application_status", default="applied", index=True)
    # Set when the application reached `intent` (or beyond) for the first time.
    intent_at: Mapped[datetime | None]
    # The day the worker started, as the employer confirmed it: retention is counted from it.
    onboarded_on: Mapped[date | None]
    note: Mapped[str] = mapped_column(sa.String(500), default="", server_default="")

    seeker = relationship("Seeker", back_populates="applications")
    posting = relationship("Posting", back_populates="applications")
    event = relationship("Event")
    changes = relationship("ApplicationChange", back_populates="application", cascade="all, delete-orphan",
                           order_by="ApplicationChange.at")

    @property
    def can_be_withdrawn(self):
        return self.status in OPEN

    @property
    def audit_name(self):
        return f"{self.seeker.masked_name} · {self.posting.title}"


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

