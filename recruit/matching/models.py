"""Stored match runs: an event's best matches per seeker and its suggested placement."""
import logging
from datetime import date
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped
from sqlalchemy.orm import mapped_column
from sqlalchemy.orm import relationship

from recruit.core.clock import utcnow
from recruit.extensions import db

logger = logging.getLogger(__name__)


class MatchRun(db.Model):
    """One computation of an event's matches; the newest per event is the one reports read."""

    __tablename__ = "match_runs"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(sa.ForeignKey("events.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow, server_default=sa.func.now())
    day: Mapped[date]
    seekers: Mapped[int]
    postings: Mapped[int]
    pairs: Mapped[int]
    good_matches: Mapped[int]
    hard_to_fill: Mapped[int]
    placed: Mapped[int]
    total_score: Mapped[float] = mapped_column(sa.Float)
    method: Mapped[str] = mapped_column(sa.String(20))
    seconds: Mapped[float] = mapped_column(sa.Float)
    gini_before: Mapped[float] = mapped_column(sa.Float)
    gini_after: Mapped[float] = mapped_column(sa.Float)
    never_before: Mapped[float] = mapped_column(sa.Float)
    never_after: Mapped[float] = mapped_column(sa.Float)
    # The postings no seeker scored a good match with: the summary lists them as hard to fill.
    hard_to_fill_ids: Mapped[list] = mapped_column(sa.JSON, default=list, server_default=sa.text("'[]'"))

    event = relationship("Event")
    matches = relationship("Match", back_populates="run", cascade="all, delete-orphan", passive_deletes=True)

    @property
    def audit_name(self):
        return f"{self.event.name} {self.created_at:%Y-%m-%d %H:%M}"


class Match(db.Model):
    """A seeker's recommended posting in a run (rank 1 is shown first), and whether the placement chose it."""

    __tablename__ = "matches"
    __table_args__ = (sa.UniqueConstraint("run_id", "seeker_id", "posting_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    run_id: Mapped[int] = mapped_column(sa.ForeignKey("match_runs.id", ondelete="CASCADE"))
    seeker_id: Mapped[int] = mapped_column(sa.ForeignKey("seekers.id", ondelete="CASCADE"), index=True)
    posting_id: Mapped[int] = mapped_column(sa.ForeignKey("postings.id", ondelete="CASCADE"), index=True)
    score: Mapped[int]
    rank: Mapped[int]
    placed: Mapped[bool] = mapped_column(default=False, server_default=sa.false())

    run = relationship("MatchRun", back_populates="matches")
