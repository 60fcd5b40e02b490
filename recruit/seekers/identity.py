"""A seeker's resident ID number: kept encrypted, found by a keyed hash, shown masked (PIPL art. 28, 51)."""
import logging

import sqlalchemy as sa

from recruit.core import crypto
from recruit.domain import idcard
from recruit.extensions import db
from recruit.seekers.models import Seeker

logger = logging.getLogger(__name__)


def looks_like_id_number(text):
    """An 18-character number: sign-in reads it as an ID number, never as a username."""
    number = idcard.normalize(text or "")
    return len(number) == idcard.LENGTH and number[:17].isdigit()


def set_id_number(seeker, number, today=None):
    """Keep the number encrypted, hashed for lookup and masked for display; birth date and sex follow."""
    info = idcard.parse(number, today=today)
    seeker.id_hash = crypto.id_hash(info.number)
    seeker.id_encrypted = crypto.encrypt(info.number)
    seeker.id_masked = idcard.mask(info.number)
    seeker.birth_date = info.birth_date
    seeker.sex = info.sex
    return info


def id_hash_of(number):
    return crypto.id_hash(idcard.normalize(number))


def find_by_id_number(number):
    """The seeker holding this ID number, or None."""
    return db.session.scalar(sa.select(Seeker).where(Seeker.id_hash == id_hash_of(number)))


def reveal_id_number(seeker):
    """The ID number in clear; callers audit the view."""
    return crypto.decrypt(seeker.id_encrypted)


def id_region_code(seeker):
    """The region the ID number was issued in: the masked number keeps its first six digits."""
    return seeker.id_masked[:6]
