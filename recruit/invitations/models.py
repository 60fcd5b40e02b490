"""Invitations (岗位邀请) from an employer to a seeker who lets employers find them."""
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

STATUSES = Codes(
    "invitation_status",
    Code("pending", _l("Waiting for an answer"), "warning"),
    Code("accepted", _l("Accepted"), "success"),
    Code("declined", _l("Declined"), "secondary"),
)


class Invitation(TimestampMixin, db.Model):
    """An employer's invitation to a seeker to apply for one of its postings; answered once."""

    __tablename__ = "invitations"
    # One invitation per posting and seeker, whatever its answer: a declined one is not sent again.
    __table_args__ = (sa.UniqueConstraint("posting_id", "seeker_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    posting_id: Mapped[int] = mapped_column(sa.ForeignKey("postings.id", ondelete="CASCADE"))
    seeker_id: Mapped[int] = mapped_column(sa.ForeignKey("seekers.id", ondelete="CASCADE"), index=True)
    invited_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    status: Mapped[str] = enum_column(STATUSES.values, "invitation_status", default="pending")
    answered_at: Mapped[datetime | None]
    # The application an accepted invitation made.
    application_id: Mapped[int | None] = mapped_column(sa.ForeignKey("applications.id", ondelete="SET NULL"))

    posting = relationship("Posting")
    seeker = relationship("Seeker")
    invited_by = relationship("User")
    application = relationship("Application")

    @property
    def is_pending(self):
        return self.status == "pending"

    @property
    def audit_name(self):
        return f"{self.seeker.masked_name} · {self.posting.title}"
