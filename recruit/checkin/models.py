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
    Code("id_number", _l("ID or mobile number")),
    Code("walk_in", _l("Walk-in")),
)


class Checkin(db.Model):
    """A seeker entering an event; one per seeker and event, so a repeated scan is not a second visitor."""

    __tablename__ = "checkins"
    __table_args__ = (sa.UniqueConstraint("event_id", "seeker_id"), sa.UniqueConstraint("event_id", "client_id"))

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(sa.ForeignKey("events.id", ondelete="CASCADE"))
    seeker_id: Mapped[int] = mapped_column(sa.ForeignKey("seekers.id", ondelete="CASCADE"), index=True)
    at: Mapped[datetime] = mapped_column(default=utcnow, server_default=sa.func.now())
    channel: Mapped[str] = enum_column(CHANNELS.values, "checkin_channel", default="qr")
    by_user_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    # The id a desk gave the scan, so that a scan sent again (a desk back online) is not a second check-in.
    client_id: Mapped[str | None] = mapped_column(sa.String(64))

    seeker = relationship("Seeker", back_populates="checkins")
    event = relationship("Event")


class VisitorCount(db.Model):
    """A desk's count of visitors who do not register (+1, +10, or an undo as a negative number).

    The event keeps the running sum in `anonymous_visitors`; these rows give it its times (arrivals per hour)
    and make a count sent twice by a desk that was offline count once.
    """

    __tablename__ = "visitor_counts"
    __table_args__ = (sa.UniqueConstraint("event_id", "client_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(sa.ForeignKey("events.id", ondelete="CASCADE"), index=True)
    delta: Mapped[int]
    at: Mapped[datetime] = mapped_column(default=utcnow, server_default=sa.func.now())
    client_id: Mapped[str] = mapped_column(sa.String(64))
    by_user_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
