"""Requests in app contexts of their own, and fresh sign-in counters for every test."""
import pytest

from tests.accounts.helpers import isolated_requests


@pytest.fixture(autouse=True)
def _isolated_requests(app):
    with isolated_requests(app):
        yield
