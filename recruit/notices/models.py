"""Notices (站内通知)."""
import logging
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped
from sqlalchemy.orm import mapped_column

from recruit.core.clock import utcnow
from recruit.extensions import db

logger = logging.getLogger(__name__)


class Notice(db.Model):
    """An in-app message to a user (a seeker told of a status change, an employer told of a review)."""

    __tablename__ = "notices"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(sa.String(40))
    # Kept as a message key and its values, so that it reads in the language of whoever opens it.
    params: Mapped[dict] = mapped_column(sa.JSON, default=dict)
    link: Mapped[str] = mapped_column(sa.String(300), default="", server_default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow, server_default=sa.func.now())
    read_at: Mapped[datetime | None]
