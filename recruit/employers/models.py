"""Employers (用人单位)."""
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
from recruit.domain import industries
from recruit.extensions import db

logger = logging.getLogger(__name__)

EMPLOYER_STATUSES = Codes(
    "employer_status",
    Code("pending", _l("Waiting for review"), "warning"),
    Code("approved", _l("Approved"), "success"),
    Code("rejected", _l("Not approved"), "danger"),
    Code("suspended", _l("Suspended"), "secondary"),
)
SIZES = Codes(
    "employer_size",
    Code("1-19", _l("1–19 employees")),
    Code("20-99", _l("20–99 employees")),
    Code("100-299", _l("100–299 employees")),
    Code("300-999", _l("300–999 employees")),
    Code("1000+", _l("1,000 employees or more")),
)
INDUSTRY_SECTIONS = tuple(industries.SECTIONS)


class Employer(TimestampMixin, db.Model):
    """A company that posts openings, checked by the bureau before anything of it is public."""

    __tablename__ = "employers"
    __table_args__ = (
        sa.CheckConstraint("industry IN ('" + "','".join(INDUSTRY_SECTIONS) + "')", name="industry"),
        sa.Index("ix_employers_created_at_id", "created_at", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(200), index=True)
    uscc: Mapped[str] = mapped_column(sa.String(18), unique=True)
    industry: Mapped[str] = mapped_column(sa.String(1))
    region_code: Mapped[str] = mapped_column(sa.String(6), index=True)
    address: Mapped[str] = mapped_column(sa.String(300), default="", server_default="")
    contact_name: Mapped[str] = mapped_column(sa.String(100))
    contact_mobile: Mapped[str] = mapped_column(sa.String(11))
    size: Mapped[str] = enum_column(SIZES.values, "employer_size", default="20-99")
    description: Mapped[str] = mapped_column(sa.Text, default="", server_default="")
    status: Mapped[str] = enum_column(EMPLOYER_STATUSES.values, "employer_status", default="pending", index=True)
    review_note: Mapped[str] = mapped_column(sa.String(500), default="", server_default="")
    # Who reviewed is in the audit log; the employer page shows when.
    reviewed_at: Mapped[datetime | None]

    users = relationship("User", back_populates="employer", foreign_keys="User.employer_id")
    postings = relationship("Posting", back_populates="employer", cascade="all, delete-orphan")
    participations = relationship("Participation", back_populates="employer", cascade="all, delete-orphan")

    @property
    def audit_name(self):
        return self.name

    @property
    def is_approved(self):
        return self.status == "approved"
