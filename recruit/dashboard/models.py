"""Screen links (大屏链接): read-only access to one event's live figures without signing in."""
import logging
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped
from sqlalchemy.orm import mapped_column
from sqlalchemy.orm import relationship

from recruit.core.clock import utcnow
from recruit.extensions import db

logger = logging.getLogger(__name__)


class ScreenLink(db.Model):
    """A link the bureau gives a big screen: it shows one event's dashboard until it is revoked.

    Only a hash of the token is kept, so the link is shown once, when it is made.
    """

    __tablename__ = "screen_links"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(sa.ForeignKey("events.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(sa.String(100), default="", server_default="")
    token_hash: Mapped[str] = mapped_column(sa.String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow, server_default=sa.func.now())
    created_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    revoked_at: Mapped[datetime | None]
    last_used_at: Mapped[datetime | None]

    event = relationship("Event")
    created_by = relationship("User", foreign_keys=[created_by_id])

    @property
    def audit_name(self):
        return self.name or f"#{self.id}"

    @property
    def active(self):
        return self.revoked_at is None
