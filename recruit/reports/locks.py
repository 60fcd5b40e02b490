"""Named try-locks shared by every process on the database: two schedulers never generate the same report at once.

PostgreSQL has advisory locks; other databases (SQLite) get a lease row in scheduler_leases. Neither waits: a
lock someone else holds is simply not taken, and the caller skips its work.
"""
import hashlib
import logging
import os
import socket
import threading
from contextlib import contextmanager
from datetime import timedelta

import sqlalchemy as sa
from sqlalchemy.exc import DBAPIError
from sqlalchemy.exc import IntegrityError

from recruit.core.clock import utcnow
from recruit.extensions import db
from recruit.reports.models import SchedulerLease

logger = logging.getLogger(__name__)

# A report takes seconds, so a lease is never renewed: one that outlives this was left by a process that died.
LEASE = timedelta(minutes=15)


def holder() -> str:
    """This host, process and thread: two threads of one scheduler must not both hold a lock either."""
    return f"{socket.gethostname()}:{os.getpid()}:{threading.get_ident()}"[:100]


def lock_key(name: str) -> int:
    """The advisory lock key of a name: the first 8 bytes of its SHA-256, as PostgreSQL's signed bigint."""
    return int.from_bytes(hashlib.sha256(name.encode()).digest()[:8], "big", signed=True)


@contextmanager
def held(name: str):
    """Try to take the lock `name` for the block; yields whether this process has it (never waits)."""
    guard = advisory if db.engine.dialect.name == "postgresql" else lease
    with guard(name) as taken:
        yield taken


@contextmanager
def advisory(name: str):
    """A PostgreSQL session-level advisory lock on a connection of its own, kept for the whole block.

    Not a transaction-level lock on the session's connection: the caller commits inside the block, which would
    let it go while the work still runs.
    """
    key = lock_key(name)
    with db.engine.connect() as conn:
        conn.execution_options(isolation_level="AUTOCOMMIT")
        taken = bool(conn.scalar(sa.text("SELECT pg_try_advisory_lock(:key)"), {"key": key}))
        try:
            yield taken
        finally:
            if taken:
                _unlock(conn, key, name)


def _unlock(conn, key, name):
    """Give the lock back; should that fail, drop the connection, since its session would keep the lock."""
    try:
        if not conn.scalar(sa.text("SELECT pg_advisory_unlock(:key)"), {"key": key}):
            logger.warning("advisory lock %s was no longer held", name)
    except DBAPIError:
        logger.warning("could not release advisory lock %s; closing its connection", name)
        conn.invalidate()


@contextmanager
def lease(name: str, length: timedelta = LEASE):
    """A lease row taken by compare-and-set: free, expired or already ours; for databases without advisory locks.

    The row is written on a connection of its own, so taking and releasing it never commits the caller's work.
    """
    me = holder()
    taken = _take(name, me, length)
    try:
        yield taken
    finally:
        if taken:
            _release(name, me)


def _take(name, me, length):
    now = utcnow()
    table = SchedulerLease.__table__
    # Free, expired, or already this holder's (taking it again renews it).
    claim = (sa.update(table)
             .where(table.c.name == name, sa.or_(table.c.expires_at <= now, table.c.holder == me))
             .values(holder=me, expires_at=now + length))
    try:
        with db.engine.begin() as conn:
            if conn.execute(claim).rowcount == 1:
                return True
            conn.execute(sa.insert(table).values(name=name, holder=me, expires_at=now + length))
    except IntegrityError:
        # The row exists and is someone else's: held, or just inserted by a process racing this one.
        return False
    return True


def _release(name, me):
    """Expire the lease now, unless it has already expired and another process has taken it over."""
    table = SchedulerLease.__table__
    with db.engine.begin() as conn:
        conn.execute(sa.update(table).where(table.c.name == name, table.c.holder == me).values(expires_at=utcnow()))
