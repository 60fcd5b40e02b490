"""What the check-in tests share: two requests made to overlap for real."""
import contextlib
import threading

import sqlalchemy as sa

from recruit.extensions import db


class Overlap:
    """Holds the first INSERT into `table` until a second one is on its way, so that both requests have read
    "not checked in yet" before either writes. An engine event: the code under test runs as in production."""

    def __init__(self, table):
        self.insert = f"INSERT INTO {table}"
        self.writers = set()
        self.wrote = threading.Condition()
        self.overlapped = []

    def before_execute(self, conn, cursor, statement, parameters, context, executemany):
        if not statement.lstrip().startswith(self.insert):
            return
        with self.wrote:
            self.writers.add(threading.get_ident())
            self.wrote.notify_all()
            self.overlapped.append(self.wrote.wait_for(lambda: len(self.writers) >= 2, timeout=5))

    @contextlib.contextmanager
    def installed(self):
        sa.event.listen(db.engine, "before_cursor_execute", self.before_execute)
        try:
            yield self
        finally:
            sa.event.remove(db.engine, "before_cursor_execute", self.before_execute)


def run_together(targets):
    threads = [threading.Thread(target=target) for target in targets]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(thread.is_alive() for thread in threads)
