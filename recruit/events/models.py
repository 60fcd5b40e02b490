"""Events (招聘活动) and the employers that take part in them."""
import logging
from datetime import datetime

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Mapped
from sqlalchemy.orm import mapped_column
from sqlalchemy.orm import relationship

from recruit.core.codes import Code
from recruit.core.codes import Codes
from recruit.core.models import TimestampMixin
from recruit.core.models import enum_column
from recruit.extensions import db

logger = logging.getLogger(__name__)

EVENT_KINDS = Codes(
    "event_kind",
    Code("fair", _l("On-site job fair")),
    Code("cross_province", _l("Cross-province recruitment drive")),
    Code("online", _l("Online event")),
)
EVENT_STATUSES = Codes(
    "event_status",
    Code("draft", _l("Draft"), "secondary"),
    Code("published", _l("Published"), "success"),
    Code("closed", _l("Closed"), "dark"),
)
PUBLIC_STATUSES = ("published", "closed")
# Being prepared or running: what the bureau's home page shows.
ACTIVE_STATUSES = ("draft", "published")
DEFAULT_REPORT_CRON = "0 18 * * *"


class Event(TimestampMixin, db.Model):
    """A recruitment event: an on-site fair, a cross-province drive or an online event."""

    __tablename__ = "events"
    __table_args__ = (
        sa.CheckConstraint("ends_at >= starts_at", name="dates"),
        sa.CheckConstraint("anonymous_visitors >= 0", name="anonymous_visitors"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(200))
    kind: Mapped[str] = enum_column(EVENT_KINDS.values, "event_kind", default="fair")
    starts_at: Mapped[datetime]
    ends_at: Mapped[datetime]
    venue: Mapped[str] = mapped_column(sa.String(300), default="", server_default="")
    host_region_code: Mapped[str] = mapped_column(sa.String(6))
    # For a cross-province drive: the hometown regions the seekers come from.
    origin_region_codes: Mapped[list] = mapped_column(sa.JSON, default=list)
    description: Mapped[str] = mapped_column(sa.Text, default="", server_default="")
    status: Mapped[str] = enum_column(EVENT_STATUSES.values, "event_status", default="draft", index=True)
    report_cron: Mapped[str] = mapped_column(sa.String(100), default=DEFAULT_REPORT_CRON,
                                             server_default=DEFAULT_REPORT_CRON)
    # Gate staff count visitors who do not register; the visitor figure is check-ins + this.
    anonymous_visitors: Mapped[int] = mapped_column(default=0, server_default="0")

    participations = relationship("Participation", back_populates="event", cascade="all, delete-orphan")
    postings = relationship("Posting", secondary="posting_events", back_populates="events")

    @property
    def audit_name(self):
        return self.name

    @property
    def is_public(self):
        return self.status in PUBLIC_STATUSES


class Participation(db.Model):
    """An employer taking part in an event, with its booth."""

    __tablename__ = "participations"
    __table_args__ = (sa.UniqueConstraint("event_id", "employer_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(sa.ForeignKey("events.id", ondelete="CASCADE"), index=True)
    employer_id: Mapped[int] = mapped_column(sa.ForeignKey("employers.id", ondelete="CASCADE"), index=True)
    booth: Mapped[str] = mapped_column(sa.String(20), default="", server_default="")
    approved: Mapped[bool] = mapped_column(default=False, server_default=sa.false())

    event = relationship("Event", back_populates="participations")
    employer = relationship("Employer", back_populates="participations")
