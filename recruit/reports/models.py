"""Generated report files."""
import logging
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped
from sqlalchemy.orm import mapped_column
from sqlalchemy.orm import relationship

from recruit.core.clock import utcnow
from recruit.core.models import enum_column
from recruit.extensions import db

logger = logging.getLogger(__name__)

TRIGGERS = ("scheduled", "manual")
FORMATS = ("xlsx", "csv", "html")


class Report(db.Model):
    """A file kept in the reports folder, with what it covers and a checksum."""

    __tablename__ = "reports"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int | None] = mapped_column(sa.ForeignKey("events.id", ondelete="SET NULL"), index=True)
    kind: Mapped[str] = mapped_column(sa.String(40), default="match_summary", server_default="match_summary")
    trigger: Mapped[str] = enum_column(TRIGGERS, "report_trigger", default="manual")
    format: Mapped[str] = enum_column(FORMATS, "report_format", default="xlsx")
    created_at: Mapped[datetime] = mapped_column(default=utcnow, server_default=sa.func.now())
    as_of: Mapped[datetime] = mapped_column(default=utcnow)
    filename: Mapped[str] = mapped_column(sa.String(300))
    size: Mapped[int] = mapped_column(sa.BigInteger, default=0)
    sha256: Mapped[str] = mapped_column(sa.String(64))
    created_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))

    event = relationship("Event")

    @property
    def audit_name(self):
        return self.filename
