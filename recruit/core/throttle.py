"""Limits on repeated attempts, counted in the database: every worker and every host that shares the
database sees the same counts, with no extra service on one machine."""
import logging
from dataclasses import dataclass
from datetime import datetime
from datetime import timedelta

import sqlalchemy as sa
from sqlalchemy.orm import Mapped
from sqlalchemy.orm import mapped_column

from recruit.core.clock import utcnow
from recruit.extensions import db

logger = logging.getLogger(__name__)


class ThrottleHit(db.Model):
    """One counted attempt: a failed sign-in of an account or from an address, a registration from one."""

    __tablename__ = "throttle_hits"
    __table_args__ = (sa.Index("ix_throttle_hits_bucket_key_at", "bucket", "key", "at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    bucket: Mapped[str] = mapped_column(sa.String(40))
    # An address, or a keyed hash of an account's identifier (never the identifier itself).
    key: Mapped[str] = mapped_column(sa.String(64))
    at: Mapped[datetime] = mapped_column(default=utcnow)


@dataclass(frozen=True)
class Limit:
    """At most `count` hits in a bucket per key within `window`."""

    bucket: str
    count: int
    window: timedelta

    def blocked_until(self, key, noted=False, now=None):
        """When the key may try again (naive UTC), or None when it may now.

        With `noted`, the attempt being judged was counted already (see `hit`): it is allowed while the hits
        in the window, itself included, are at most `count`. Otherwise one more is allowed while there are
        fewer than `count`.
        """
        now = now or utcnow()
        limit = self.count + (1 if noted else 0)
        query = (sa.select(ThrottleHit.at).where(ThrottleHit.bucket == self.bucket, ThrottleHit.key == key,
                                                 ThrottleHit.at > now - self.window)
                 .order_by(ThrottleHit.at.desc(), ThrottleHit.id.desc()).limit(limit))
        recent = db.session.scalars(query).all()
        return recent[-1] + self.window if len(recent) >= limit else None

    def hit(self, key, now=None):
        """Count one attempt; the hits that fell out of the window go."""
        now = now or utcnow()
        db.session.execute(sa.delete(ThrottleHit).where(ThrottleHit.bucket == self.bucket, ThrottleHit.key == key,
                                                        ThrottleHit.at <= now - self.window))
        db.session.add(ThrottleHit(bucket=self.bucket, key=key, at=now))

    def clear(self, key):
        """The key's hits no longer count (an account signed in with the right password)."""
        db.session.execute(sa.delete(ThrottleHit).where(ThrottleHit.bucket == self.bucket, ThrottleHit.key == key))

    def forget_one(self, key):
        """The newest hit of the key no longer counts (an address's attempt that succeeded)."""
        newest = (sa.select(ThrottleHit.id).where(ThrottleHit.bucket == self.bucket, ThrottleHit.key == key)
                  .order_by(ThrottleHit.at.desc(), ThrottleHit.id.desc()).limit(1).scalar_subquery())
        db.session.execute(sa.delete(ThrottleHit).where(ThrottleHit.id == newest))
