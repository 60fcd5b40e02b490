"""Errors raised by the domain rules."""

import logging

logger = logging.getLogger(__name__)


class DomainError(ValueError):
    """A value broke a domain rule; `code` is stable for translation, `message` is English."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


class InvalidIdNumber(DomainError):
    """A resident ID number failed validation."""


class InvalidUSCC(DomainError):
    """A unified social credit code failed validation."""


class InvalidMobile(DomainError):
    """A mobile number failed validation."""
