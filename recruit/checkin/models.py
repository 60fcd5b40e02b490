"""Check-ins (入场签到)."""
import logging
from datetime import datetime

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Mapped
from sqlalchemy.orm import mapped_column
from sqlalchemy.orm import relationship

from recruit.core.clock import utcnow
from recruit.core.codes import Code
from recruit.core.codes import Codes
from recruit.core.models import enum_column
from recruit.extensions import db

logger = logging.getLogger(__name__)

CHANNELS = Codes(
    "checkin_channel",
    Code("qr", _l("QR code")),
    Code("id_number", _l("ID number")),
    Code("walk_in", _l("Walk-in")),
)


class Checkin(db.Model):
    """A seeker entering an event; one per seeker and event, so a repeated scan is not a second visitor."""

    __tablename__ = "checkins"
    __table_args__ = (sa.UniqueConstraint("event_id", "seeker_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(sa.ForeignKey("events.id", ondelete="CASCADE"))
    seeker_id: Mapped[int] = mapped_column(sa.ForeignKey("seekers.id", ondelete="CASCADE"), index=True)
    at: Mapped[datetime] = mapped_column(default=utcnow, server_default=sa.func.now())
    channel: Mapped[str] = enum_column(CHANNELS.values, "checkin_channel", default="qr")
    by_user_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))

    seeker = relationship("Seeker", back_populates="checkins")
    event = relationship("Event")
