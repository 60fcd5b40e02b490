"""Job seekers (求职者)."""
import logging
from datetime import date
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

SEXES = Codes("sex", Code("M", _l("Male")), Code("F", _l("Female")))


class Seeker(TimestampMixin, db.Model):
    """A job seeker; the ID number is kept encrypted, found by a keyed hash and shown masked."""

    __tablename__ = "seekers"
    __table_args__ = (
        sa.CheckConstraint("expected_salary IS NULL OR expected_salary >= 0", name="salary"),
        # Lists show the newest registrations first: at a province's million seekers a sort without it scans all.
        sa.Index("ix_seekers_created_at_id", "created_at", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"), unique=True)
    name: Mapped[str] = mapped_column(sa.String(100))
    id_hash: Mapped[str] = mapped_column(sa.String(64), unique=True)
    id_encrypted: Mapped[str] = mapped_column(sa.Text)
    id_masked: Mapped[str] = mapped_column(sa.String(18))
    birth_date: Mapped[date]
    sex: Mapped[str] = enum_column(SEXES.values, "seeker_sex")
    mobile: Mapped[str] = mapped_column(sa.String(11), index=True)
    hometown_code: Mapped[str] = mapped_column(sa.String(6), index=True)
    current_region_code: Mapped[str | None] = mapped_column(sa.String(6))
    education: Mapped[str | None] = mapped_column(sa.String(2))
    skills: Mapped[list] = mapped_column(sa.JSON, default=list)
    desired_occupations: Mapped[list] = mapped_column(sa.JSON, default=list)
    expected_salary: Mapped[int | None]
    willing_to_relocate: Mapped[bool] = mapped_column(default=False, server_default=sa.false())
    # Employers of open postings may see the masked profile among their recommended candidates and invite them.
    findable: Mapped[bool] = mapped_column(default=True, server_default=sa.true())
    available_from: Mapped[date | None]
    consent_at: Mapped[datetime | None]
    consent_version: Mapped[str] = mapped_column(sa.String(20), default="", server_default="")
    registered_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))

    user = relationship("User", back_populates="seeker", foreign_keys=[user_id])
    applications = relationship("Application", back_populates="seeker", cascade="all, delete-orphan")
    checkins = relationship("Checkin", back_populates="seeker", cascade="all, delete-orphan")

    @property
    def masked_name(self):
        """The name as the audit log and lists for others show it: 杨*梅, 杨*."""
        return mask_name(self.name)

    @property
    def audit_name(self):
        return self.masked_name


def mask_name(name):
    """Keep the first character (and the last of three or more), hide the rest."""
    if len(name) <= 1:
        return name
    if len(name) == 2:
        return name[0] + "*"
    return name[0] + "*" * (len(name) - 2) + name[-1]
