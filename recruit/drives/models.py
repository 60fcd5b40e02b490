"""Travel batches (组团) of a cross-province drive, their members, and the retention checks after onboarding."""
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

BATCH_STATUSES = Codes(
    "batch_status",
    Code("planned", _l("Planned"), "secondary"),
    Code("departed", _l("On the way"), "primary"),
    Code("arrived", _l("Arrived"), "success"),
)
# The checks and how many calendar months after onboarding each falls due.
CHECK_KINDS = Codes("retention_check", Code("3m", _l("3 months")), Code("6m", _l("6 months")))
CHECK_MONTHS = {"3m": 3, "6m": 6}
OUTCOMES = Codes(
    "retention_outcome",
    Code("stayed", _l("Still there"), "success"),
    Code("left", _l("Left"), "danger"),
)


class TravelBatch(TimestampMixin, db.Model):
    """A group of signed workers travelling together from their home region to the employers."""

    __tablename__ = "travel_batches"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(sa.ForeignKey("events.id", ondelete="CASCADE"), index=True)
    departs_on: Mapped[date]
    from_place: Mapped[str] = mapped_column(sa.String(100))
    to_place: Mapped[str] = mapped_column(sa.String(100))
    escort_name: Mapped[str] = mapped_column(sa.String(50))
    escort_mobile: Mapped[str] = mapped_column(sa.String(11))
    status: Mapped[str] = enum_column(BATCH_STATUSES.values, "batch_status", default="planned")
    departed_at: Mapped[datetime | None]
    arrived_at: Mapped[datetime | None]
    created_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))

    event = relationship("Event")
    created_by = relationship("User")
    members = relationship("BatchMember", back_populates="batch", cascade="all, delete-orphan",
                           order_by="BatchMember.id")

    @property
    def audit_name(self):
        return f"{self.departs_on.isoformat()} {self.from_place} → {self.to_place}"


class BatchMember(db.Model):
    """A signed application travelling in a batch; an application travels in one batch at most."""

    __tablename__ = "batch_members"

    id: Mapped[int] = mapped_column(primary_key=True)
    batch_id: Mapped[int] = mapped_column(sa.ForeignKey("travel_batches.id", ondelete="CASCADE"), index=True)
    application_id: Mapped[int] = mapped_column(sa.ForeignKey("applications.id", ondelete="CASCADE"),
                                                unique=True)
    added_at: Mapped[datetime] = mapped_column(default=utcnow, server_default=sa.func.now())
    added_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))

    batch = relationship("TravelBatch", back_populates="members")
    application = relationship("Application")


class RetentionCheck(db.Model):
    """The employer asked, 3 or 6 months after onboarding, whether the worker is still there."""

    __tablename__ = "retention_checks"
    __table_args__ = (sa.UniqueConstraint("application_id", "kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(sa.ForeignKey("applications.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = enum_column(CHECK_KINDS.values, "retention_check")
    due_on: Mapped[date] = mapped_column(index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow, server_default=sa.func.now())
    answered_at: Mapped[datetime | None]
    answered_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    outcome: Mapped[str | None] = enum_column(OUTCOMES.values, "retention_outcome")
    left_on: Mapped[date | None]
    reason: Mapped[str] = mapped_column(sa.String(200), default="", server_default="")

    application = relationship("Application")
    answered_by = relationship("User")

    @property
    def audit_name(self):
        return self.application.audit_name
