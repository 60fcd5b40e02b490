"""Helpers shared by the feature tests: signing in through the form, counting queries."""
import sqlalchemy as sa

from recruit.extensions import db
from tests import factories


def sign_in(client, identifier, password=factories.PASSWORD, **extra):
    """Sign in through the form, as a person does; returns the response (not followed)."""
    return client.post("/account/login", data={"identifier": identifier, "password": password, **extra})


def signed_in(client, user, lang="en"):
    """The client signed in as `user` through the form, its pages in `lang`; what the test wrote is committed
    first, since every request runs in a session of its own."""
    db.session.commit()
    client.get(f"/lang/{lang}")
    assert sign_in(client, user.username).status_code == 302, f"{user.username} could not sign in"
    return client


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
