"""Keyed hashing and encryption of sensitive personal information (PIPL art. 28, 51)."""
import base64
import hashlib
import hmac
import logging

from cryptography.fernet import Fernet
from flask import current_app

logger = logging.getLogger(__name__)


def _derive(label):
    """A key of its own per purpose, derived from the secret key, so that a hash never doubles as a cipher key."""
    secret = current_app.config["SECRET_KEY"].encode()
    return hmac.new(secret, label.encode(), hashlib.sha256).digest()


def id_hash(number):
    """The keyed hash that finds a seeker by ID number without keeping the number in clear."""
    return hmac.new(_derive("id-number-hash"), number.encode(), hashlib.sha256).hexdigest()


def _fernet():
    return Fernet(base64.urlsafe_b64encode(_derive("id-number-encryption")))


def encrypt(text):
    return _fernet().encrypt(text.encode()).decode()


def decrypt(token):
    return _fernet().decrypt(token.encode()).decode()


KEY_CHECK = "data_key_fingerprint"


class KeyMismatch(RuntimeError):
    """The secret key differs from the one this database's ID numbers were encrypted and hashed with."""


def _fingerprint():
    return hmac.new(_derive("key-fingerprint"), b"recruit", hashlib.sha256).hexdigest()


def check_key():
    """Refuse to run with another secret key than the database's: its ID numbers would be unreadable and
    every ID lookup would miss, so duplicates could register. The first run records the fingerprint."""
    from recruit.core.models import Setting
    from recruit.extensions import db

    stored = db.session.get(Setting, KEY_CHECK)
    if stored is None:
        db.session.add(Setting(name=KEY_CHECK, value=_fingerprint()))
        db.session.commit()
    elif stored.value != _fingerprint():
        raise KeyMismatch(
            "RECRUIT_SECRET_KEY is not the key this database's ID numbers were encrypted with. Start every "
            "process with the same RECRUIT_SECRET_KEY (or the instance folder's secret_key) as before.")
