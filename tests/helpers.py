"""Helpers shared by the feature tests: signing in through the form, counting queries, overlapping requests."""
import contextlib
import threading

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


class Overlap:
    """Holds each statement that starts with `held` until a second thread writes as well, so that two requests
    have both read before either takes what only one may have. An engine event, not a patched function: the
    code under test runs as it does in production."""

    def __init__(self, held):
        self.held = held
        self.writers = set()
        self.wrote = threading.Condition()
        self.overlapped = []

    def before_execute(self, conn, cursor, statement, parameters, context, executemany):
        if not statement.lstrip().upper().startswith(("UPDATE", "INSERT")):
            return
        with self.wrote:
            self.writers.add(threading.get_ident())
            self.wrote.notify_all()
            if statement.lstrip().startswith(self.held):
                self.overlapped.append(self.wrote.wait_for(lambda: len(self.writers) >= 2, timeout=5))

    @contextlib.contextmanager
    def installed(self):
        sa.event.listen(db.engine, "before_cursor_execute", self.before_execute)
        try:
            yield self
        finally:
            sa.event.remove(db.engine, "before_cursor_execute", self.before_execute)


def run_together(targets):
    """Each target in a thread of its own (an app context each, hence a connection each), all at once."""
    threads = [threading.Thread(target=target) for target in targets]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(thread.is_alive() for thread in threads)
