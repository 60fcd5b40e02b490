"""Throw-away databases for the benchmarks: a new PostgreSQL database, dropped when the run ends."""
import contextlib
import uuid

import sqlalchemy as sa


@contextlib.contextmanager
def postgres_database(server_url):
    """A new database on the server, dropped afterwards."""
    server = sa.make_url(server_url)
    name = f"recruit_bench_{uuid.uuid4().hex[:10]}"
    admin = sa.create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    try:
        yield server.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
