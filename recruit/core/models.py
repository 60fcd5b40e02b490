"""Model helpers shared by every feature."""
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped
from sqlalchemy.orm import mapped_column

from recruit.core.clock import utcnow
from recruit.extensions import db

# Every primary key is a 32-bit integer on PostgreSQL: a larger id names nothing, and PostgreSQL refuses it
# with an error instead of finding nothing, so it is never sent.
MAX_ID = 2**31 - 1


def enum_column(values, name, default=None, **kwargs):
    """A short string column held to its allowed values by a CHECK constraint on every database."""
    return mapped_column(
        sa.Enum(*values, name=name, native_enum=False, create_constraint=True, length=20, validate_strings=True),
        default=default,
        server_default=default,
        **kwargs,
    )


class TimestampMixin:
    """created_at / updated_at kept by the ORM."""

    created_at: Mapped[datetime] = mapped_column(default=utcnow, server_default=sa.func.now())
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow, server_default=sa.func.now())


class Setting(db.Model):
    """A value the installation keeps about itself, such as the fingerprint of its data key."""

    __tablename__ = "settings"

    name: Mapped[str] = mapped_column(sa.String(60), primary_key=True)
    value: Mapped[str] = mapped_column(sa.String(500))
