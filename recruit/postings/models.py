"""Postings (岗位)."""
import logging

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

POSTING_STATUSES = Codes(
    "posting_status",
    Code("draft", _l("Draft"), "secondary"),
    Code("pending", _l("Waiting for review"), "warning"),
    Code("open", _l("Open"), "success"),
    Code("filled", _l("Filled"), "info"),
    Code("closed", _l("Closed"), "dark"),
)
# Seen by anyone (with an approved employer); open ones also take applications.
PUBLIC_STATUSES = ("open", "filled")
# Public once and perhaps on someone's screen still: counted in an event's figures.
EVER_PUBLIC_STATUSES = ("open", "filled", "closed")
EDITABLE_STATUSES = ("draft", "pending", "open", "filled")
BENEFITS = Codes(
    "benefit",
    Code("housing", _l("Housing")),
    Code("meals", _l("Meals")),
    Code("social_insurance", _l("Social insurance")),
    Code("travel_subsidy", _l("Travel subsidy")),
    Code("dormitory", _l("Dormitory")),
)

posting_events = sa.Table(
    "posting_events",
    db.metadata,
    sa.Column("posting_id", sa.ForeignKey("postings.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("event_id", sa.ForeignKey("events.id", ondelete="CASCADE"), primary_key=True, index=True),
)


class Posting(TimestampMixin, db.Model):
    """An opening: what the job is, how many people, what it pays and offers."""

    __tablename__ = "postings"
    __table_args__ = (
        sa.CheckConstraint("headcount > 0", name="headcount"),
        sa.CheckConstraint("salary_min >= 0 AND salary_min <= salary_max", name="salary"),
        sa.CheckConstraint("age_min >= 16 AND age_min <= age_max AND age_max <= 80", name="age"),
        sa.CheckConstraint("signed_count >= 0", name="signed_count"),
        sa.Index("ix_postings_created_at_id", "created_at", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    employer_id: Mapped[int] = mapped_column(sa.ForeignKey("employers.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(sa.String(200))
    occupation_code: Mapped[str] = mapped_column(sa.String(20), index=True)
    headcount: Mapped[int]
    salary_min: Mapped[int]
    salary_max: Mapped[int]
    education_min: Mapped[str | None] = mapped_column(sa.String(2))
    age_min: Mapped[int] = mapped_column(default=16, server_default="16")
    age_max: Mapped[int] = mapped_column(default=60, server_default="60")
    work_region_code: Mapped[str] = mapped_column(sa.String(6), index=True)
    skills: Mapped[list] = mapped_column(sa.JSON, default=list)
    housing: Mapped[bool] = mapped_column(default=False, server_default=sa.false())
    meals: Mapped[bool] = mapped_column(default=False, server_default=sa.false())
    social_insurance: Mapped[bool] = mapped_column(default=False, server_default=sa.false())
    travel_subsidy: Mapped[bool] = mapped_column(default=False, server_default=sa.false())
    dormitory: Mapped[bool] = mapped_column(default=False, server_default=sa.false())
    description: Mapped[str] = mapped_column(sa.Text, default="", server_default="")
    status: Mapped[str] = enum_column(POSTING_STATUSES.values, "posting_status", default="draft", index=True)
    review_note: Mapped[str] = mapped_column(sa.String(500), default="", server_default="")
    # Places already signed; raised by a conditional UPDATE so that two staff cannot both take the last one.
    signed_count: Mapped[int] = mapped_column(default=0, server_default="0")

    employer = relationship("Employer", back_populates="postings")
    events = relationship("Event", secondary=posting_events, back_populates="postings")
    applications = relationship("Application", back_populates="posting", cascade="all, delete-orphan")

    @property
    def audit_name(self):
        return self.title

    @property
    def benefits(self):
        return [name for name in BENEFITS.values if getattr(self, name)]

    @property
    def places_left(self):
        return max(self.headcount - self.signed_count, 0)

    @property
    def is_public(self):
        return self.status in PUBLIC_STATUSES and self.employer.is_approved

    @property
    def was_public(self):
        """Open, filled or since closed: a seeker may have it on screen, and is told why applying fails."""
        return self.status in EVER_PUBLIC_STATUSES and self.employer.is_approved
