"""Seeker rules: identity from the ID number, lookup without the number in clear."""
import logging

import sqlalchemy as sa

from recruit.core import crypto
from recruit.domain import idcard
from recruit.extensions import db
from recruit.seekers.models import Seeker

logger = logging.getLogger(__name__)


def set_id_number(seeker, number, today=None):
    """Keep the number encrypted, hashed for lookup and masked for display; birth date and sex come from it."""
    info = idcard.parse(number, today=today)
    seeker.id_hash = crypto.id_hash(info.number)
    seeker.id_encrypted = crypto.encrypt(info.number)
    seeker.id_masked = idcard.mask(info.number)
    seeker.birth_date = info.birth_date
    seeker.sex = info.sex
    return info


def find_by_id_number(number):
    """The seeker holding this ID number, or None."""
    normalized = idcard.normalize(number)
    return db.session.scalar(sa.select(Seeker).where(Seeker.id_hash == crypto.id_hash(normalized)))


def reveal_id_number(seeker):
    """The ID number in clear; callers audit the view."""
    return crypto.decrypt(seeker.id_encrypted)
