"""User accounts and the regions partner staff serve."""
import logging
from datetime import datetime

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from flask_login import UserMixin
from sqlalchemy.orm import Mapped
from sqlalchemy.orm import mapped_column
from sqlalchemy.orm import relationship
from werkzeug.security import check_password_hash
from werkzeug.security import generate_password_hash

from recruit.core.codes import Code
from recruit.core.codes import Codes
from recruit.core.models import TimestampMixin
from recruit.core.models import enum_column
from recruit.domain import mobile
from recruit.extensions import db

logger = logging.getLogger(__name__)

ROLES = Codes(
    "role",
    Code("seeker", _l("Job seeker")),
    Code("employer", _l("Employer")),
    Code("bureau", _l("Bureau staff")),
    Code("partner", _l("Partner-region staff")),
)
# Accounts the bureau creates and manages (the others register themselves).
STAFF_ROLES = ("bureau", "partner")


class User(UserMixin, TimestampMixin, db.Model):
    """A person who signs in: a seeker, an employer's HR contact, bureau staff or partner-region staff."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(sa.String(64), unique=True)
    password_hash: Mapped[str] = mapped_column(sa.String(256))
    role: Mapped[str] = enum_column(ROLES.values, "user_role")
    display_name: Mapped[str] = mapped_column(sa.String(100), default="", server_default="")
    active: Mapped[bool] = mapped_column(default=True, server_default=sa.true())
    # Raised at sign-out and password change: sessions that carry an older version stop working.
    session_version: Mapped[int] = mapped_column(default=1, server_default="1")
    employer_id: Mapped[int | None] = mapped_column(sa.ForeignKey("employers.id"), index=True)
    # Set when staff reset the password to a one-time code: the next sign-in must choose a new one.
    must_change_password: Mapped[bool] = mapped_column(default=False, server_default=sa.false())
    last_login_at: Mapped[datetime | None]

    employer = relationship("Employer", back_populates="users")
    seeker = relationship("Seeker", back_populates="user", uselist=False, foreign_keys="Seeker.user_id")
    regions = relationship("UserRegion", cascade="all, delete-orphan", lazy="selectin")

    def set_password(self, password):
        self.password_hash = generate_password_hash(password)

    def check_password(self, password):
        return check_password_hash(self.password_hash, password)

    def get_id(self):
        return f"{self.id}:{self.session_version}"

    @property
    def is_active(self):
        return self.active

    @property
    def region_codes(self):
        return [r.region_code for r in self.regions]

    def has_role(self, *roles):
        return self.role in roles

    @property
    def audit_name(self):
        """A seeker's username is their mobile number: the log shows it masked."""
        return mobile.mask(self.username) if self.role == "seeker" else self.username


class UserRegion(db.Model):
    """A region code a partner-staff account serves (seekers whose hometown lies in it)."""

    __tablename__ = "user_regions"

    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    region_code: Mapped[str] = mapped_column(sa.String(6), primary_key=True)
