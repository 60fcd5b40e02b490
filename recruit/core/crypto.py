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
