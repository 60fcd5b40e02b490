"""How every connection is set up (SQLite gets WAL, a busy timeout and real foreign keys), and what a log may
say of a database error."""
import logging

from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError

logger = logging.getLogger(__name__)


def _sqlite_pragmas(dbapi_connection, connection_record):
    """WAL for concurrent readers, a busy timeout instead of 'database is locked', and real foreign keys."""
    if type(dbapi_connection).__module__.split(".")[0] not in ("sqlite3", "pysqlite2"):
        return
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def init_app(app):
    if not event.contains(Engine, "connect", _sqlite_pragmas):
        event.listen(Engine, "connect", _sqlite_pragmas)


def error_summary(error):
    """What the log may say of an error: for a database error its kind, the database's first line and the
    statement, never the values. hide_parameters keeps them out of SQLAlchemy's text, but PostgreSQL's own
    DETAIL quotes the failing row or the duplicate key."""
    if not isinstance(error, DBAPIError):
        return f"{type(error).__name__}: {error}"
    orig = error.orig
    diag = getattr(orig, "diag", None)
    primary = getattr(diag, "message_primary", None) or str(orig).splitlines()[0]
    return f"{type(orig).__name__}: {primary} [SQL: {error.statement}]"
