"""Writing demo rows in bulk (SQLAlchemy Core, in chunks), after making sure no real data is in the way."""
import logging
from types import SimpleNamespace

import sqlalchemy as sa

from recruit.accounts.models import User
from recruit.employers.models import Employer
from recruit.events.models import Event
from recruit.extensions import db
from recruit.seekers.identity import set_id_number
from recruit.seekers.models import Seeker

logger = logging.getLogger(__name__)

CHUNK = 5000
# What --force deletes, children first; then the seekers' and employers' own accounts, employers and events.
CLEARED_TABLES = ("retention_checks", "batch_members", "travel_batches", "application_changes", "applications",
                  "checkins", "posting_events", "participations", "postings", "reports", "seekers")
# Accounts that belong to the deleted seekers and employers; bureau and partner staff accounts stay.
OWN_ACCOUNT_ROLES = ("seeker", "employer")


class ExistingData(Exception):
    """The database already holds events, employers, seekers or user accounts."""

    def __init__(self, counts):
        self.counts = counts
        found = ", ".join(f"{count:,} {name}" for name, count in counts.items() if count)
        super().__init__(
            f"The database already holds data ({found}); demo data would mix with it. "
            "Use --force to delete all events, employers, postings, seekers, check-ins, applications, travel "
            "batches, retention checks and reports (bureau and partner accounts are kept) and load the demo data "
            "afresh."
        )


def existing_counts():
    """How many events, employers, seekers and user accounts the database holds."""
    models = {"events": Event, "employers": Employer, "seekers": Seeker, "user accounts": User}
    return {name: db.session.scalar(sa.select(sa.func.count()).select_from(model)) for name, model in
            models.items()}


def load(data, force=False):
    """Insert every table's rows and return the count per table; a database with data only with force."""
    counts = existing_counts()
    if any(counts.values()):
        if not force:
            raise ExistingData(counts)
        clear()
    for name, rows in data.tables.items():
        prepare = _seeker_row if name == "seekers" else _row
        _insert(db.metadata.tables[name], [prepare(row) for row in rows])
    _advance_sequences(data.tables)
    return {name: len(rows) for name, rows in data.tables.items()}


def clear():
    """Delete the domain data and the seekers' and employers' accounts; bureau and partner accounts stay."""
    for name in CLEARED_TABLES:
        db.session.execute(sa.delete(db.metadata.tables[name]))
    db.session.execute(sa.delete(User.__table__).where(User.role.in_(OWN_ACCOUNT_ROLES)))
    db.session.execute(sa.delete(Employer.__table__))
    db.session.execute(sa.delete(Event.__table__))
    logger.info("deleted the domain data for a fresh demo load")


def _insert(table, rows):
    for start in range(0, len(rows), CHUNK):
        db.session.execute(sa.insert(table), rows[start:start + CHUNK])


def _row(row):
    return {key: value for key, value in row.items() if not key.startswith("_")}


def _seeker_row(row):
    """The ID number encrypted, hashed and masked exactly as a registration keeps it."""
    identity = SimpleNamespace()
    set_id_number(identity, row["id_number"])
    clean = _row(row)
    del clean["id_number"]
    clean.update(vars(identity))
    return clean


def _advance_sequences(tables):
    """PostgreSQL's id sequences move past the ids given here, so that the application's own inserts fit."""
    if db.session.get_bind().dialect.name != "postgresql":
        return
    for name in tables:
        if "id" in db.metadata.tables[name].c:
            db.session.execute(sa.text(
                f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), "
                f"(SELECT COALESCE(MAX(id), 0) + 1 FROM {name}), false)"
            ))
