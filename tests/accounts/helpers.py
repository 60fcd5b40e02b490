"""Helpers shared by the account, seeker and partner tests."""
import contextlib

import sqlalchemy as sa
from flask.testing import FlaskClient

from recruit.extensions import db
from recruit.extensions import limiter
from tests import factories


def sign_in(client, identifier, password=factories.PASSWORD, **extra):
    """Sign in through the form, as a person does; returns the response (not followed)."""
    return client.post("/account/login", data={"identifier": identifier, "password": password, **extra})


class QueryCounter:
    """Counts the SQL statements the engine runs inside a `with` block."""

    def __init__(self):
        self.count = 0

    def _count(self, *args, **kwargs):
        self.count += 1

    def __enter__(self):
        sa.event.listen(db.engine, "before_cursor_execute", self._count)
        return self

    def __exit__(self, *exc):
        sa.event.remove(db.engine, "before_cursor_execute", self._count)


class IsolatedClient(FlaskClient):
    """Each request in an app context of its own, as in production.

    The `db` fixture keeps an app context open, and a request reuses an open one: without this, `g` (where
    Flask-Login caches the signed-in user) and the database session would carry over from one request, or one
    client, to the next.
    """

    def open(self, *args, **kwargs):
        with self.application.app_context():
            return super().open(*args, **kwargs)


@contextlib.contextmanager
def isolated_requests(app):
    """Requests through IsolatedClient, with sign-in counters at zero (the limiter keeps them per app)."""
    default = app.test_client_class
    app.test_client_class = IsolatedClient
    limiter.reset()
    try:
        yield
    finally:
        limiter.reset()
        app.test_client_class = default
        with app.app_context():
            # Requests used connections of their own: close them now rather than leave them to the garbage
            # collector (psycopg warns about connections deleted while open).
            db.engine.dispose()
