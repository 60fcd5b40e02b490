"""Fixtures: an app on a fresh database (SQLite, or PostgreSQL when RECRUIT_TEST_DATABASE_URL is set)."""
import os
import uuid
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import sqlalchemy as sa
import time_machine
from flask.testing import FlaskClient
from flask_migrate import upgrade

from recruit import create_app
from recruit.config import TestingConfig
from recruit.extensions import db as _db
from recruit.extensions import limiter

POSTGRES_URL = os.environ.get("RECRUIT_TEST_DATABASE_URL", "")


def pytest_configure(config):
    if os.environ.get("RECRUIT_REQUIRE_POSTGRES") and not POSTGRES_URL.startswith("postgresql"):
        raise pytest.UsageError("RECRUIT_REQUIRE_POSTGRES is set, RECRUIT_TEST_DATABASE_URL is not PostgreSQL")


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "postgres" in item.keywords and not POSTGRES_URL.startswith("postgresql"):
            item.add_marker(pytest.mark.skip(reason="RECRUIT_TEST_DATABASE_URL is not a PostgreSQL URL"))


@pytest.fixture(scope="session")
def database_url(tmp_path_factory):
    """A new database for this run: a SQLite file, or a PostgreSQL database created and dropped here."""
    if not POSTGRES_URL:
        yield f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.sqlite3'}"
        return
    server = sa.make_url(POSTGRES_URL)
    name = f"recruit_test_{uuid.uuid4().hex[:10]}"
    admin = sa.create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    yield server.set(database=name).render_as_string(hide_password=False)
    with admin.connect() as conn:
        conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


class IsolatedClient(FlaskClient):
    """Each request in an app context of its own, as in production.

    The `db` fixture keeps an app context open and a request reuses an open one: without this, `g` (where
    Flask-Login caches the signed-in user and Flask-Babel the locale) would carry over between requests.
    """

    def open(self, *args, **kwargs):
        with self.application.app_context():
            return super().open(*args, **kwargs)


@pytest.fixture(scope="session")
def app(database_url, tmp_path_factory):
    instance = tmp_path_factory.mktemp("instance")

    class Config(TestingConfig):
        SQLALCHEMY_DATABASE_URI = database_url
        SECRET_KEY = "test-secret-key"
        REPORTS_DIR = str(instance / "reports")

    application = create_app(Config)
    application.instance_path = str(instance)
    application.test_client_class = IsolatedClient
    with application.app_context():
        upgrade()  # the schema comes from the migrations, which also proves they build everything
    return application


@pytest.fixture(scope="session")
def csrf_app(app):
    """A second app on the same database with CSRF checked, as in production (TestingConfig turns it off)."""

    class CsrfConfig(TestingConfig):
        SQLALCHEMY_DATABASE_URI = app.config["SQLALCHEMY_DATABASE_URI"]
        SECRET_KEY = app.config["SECRET_KEY"]
        REPORTS_DIR = app.config["REPORTS_DIR"]
        WTF_CSRF_ENABLED = True

    strict = create_app(CsrfConfig)
    strict.test_client_class = IsolatedClient
    yield strict
    with strict.app_context():
        _db.engine.dispose()


@pytest.fixture
def db(app):
    """The database inside an app context; every row a test wrote is removed afterwards."""
    limiter.reset()  # sign-in counters are per app: each test starts at zero
    with app.app_context():
        yield _db
        _db.session.rollback()
        _empty_tables()
        _db.session.remove()
        # Requests used connections of their own: close them now, not in the garbage collector.
        _db.engine.dispose()


def _empty_tables():
    tables = [t for t in reversed(_db.metadata.sorted_tables)]
    with _db.engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            names = ", ".join(f'"{t.name}"' for t in tables)
            conn.execute(sa.text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
        else:
            for table in tables:
                conn.execute(table.delete())


@pytest.fixture
def client(app, db):
    return app.test_client()


@pytest.fixture
def runner(app, db):
    return app.test_cli_runner()


@pytest.fixture
def english(client):
    """A client whose pages are in English (signing in keeps the choice: it lives in a cookie too)."""
    client.get("/lang/en")
    return client


# The day the tests that count ages live on: the factories' seekers, born 1995-05-17, are 30.
FROZEN_TODAY = datetime(2026, 1, 1, 12, 0, tzinfo=ZoneInfo("Asia/Shanghai"))


@pytest.fixture
def frozen_clock():
    """Today is FROZEN_TODAY (the clock still ticks from there): an age in a test never flips with the years."""
    with time_machine.travel(FROZEN_TODAY, tick=True) as traveller:
        yield traveller
