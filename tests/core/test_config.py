"""Configuration from the environment, with instance-folder defaults."""
import pytest
import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from recruit import create_app
from recruit.config import Config
from recruit.events.models import Participation
from recruit.extensions import db


def _app(tmp_path, monkeypatch, **env):
    for name in ("RECRUIT_DATABASE_URL", "RECRUIT_SECRET_KEY", "RECRUIT_REPORTS_DIR", "RECRUIT_SCHEDULER",
                 "RECRUIT_TIMEZONE", "RECRUIT_RATELIMIT_STORAGE_URL"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)

    class InstanceConfig(Config):
        pass

    app = create_app(InstanceConfig)
    return app


def test_defaults_live_in_the_instance_folder(tmp_path, monkeypatch):
    monkeypatch.setattr("flask.Flask.auto_find_instance_path", lambda self: str(tmp_path / "instance"))
    app = _app(tmp_path, monkeypatch)
    assert app.config["SQLALCHEMY_DATABASE_URI"] == f"sqlite:///{tmp_path / 'instance' / 'recruit.sqlite3'}"
    assert app.config["REPORTS_DIR"] == str(tmp_path / "instance" / "reports")
    key = (tmp_path / "instance" / "secret_key").read_text()
    assert app.config["SECRET_KEY"] == key and len(key) == 64
    # A second process reads the same key rather than making a new one.
    assert _app(tmp_path, monkeypatch).config["SECRET_KEY"] == key


def test_environment_names_of_the_design(tmp_path, monkeypatch):
    monkeypatch.setattr("flask.Flask.auto_find_instance_path", lambda self: str(tmp_path / "instance"))
    app = _app(tmp_path, monkeypatch, RECRUIT_DATABASE_URL="postgresql+psycopg://u@db:5432/recruit",
               RECRUIT_SECRET_KEY="s3cret", RECRUIT_REPORTS_DIR="/srv/reports", RECRUIT_SCHEDULER="OFF",
               RECRUIT_TIMEZONE="Asia/Urumqi", RECRUIT_RATELIMIT_STORAGE_URL="redis://127.0.0.1:6379/0")
    assert app.config["SQLALCHEMY_DATABASE_URI"] == "postgresql+psycopg://u@db:5432/recruit"
    assert app.config["SECRET_KEY"] == "s3cret"
    assert app.config["REPORTS_DIR"] == "/srv/reports"
    assert app.config["SCHEDULER"] == "off"
    assert app.config["TIMEZONE"] == "Asia/Urumqi"
    assert app.config["RATELIMIT_STORAGE_URI"] == "redis://127.0.0.1:6379/0"
    assert not (tmp_path / "instance" / "secret_key").exists()


def test_sqlite_runs_with_wal_busy_timeout_and_foreign_keys(tmp_path, monkeypatch):
    """Checked on a SQLite file of its own, whichever database the suite runs on."""
    monkeypatch.setattr("flask.Flask.auto_find_instance_path", lambda self: str(tmp_path / "instance"))
    app = _app(tmp_path, monkeypatch, RECRUIT_DATABASE_URL=f"sqlite:///{tmp_path / 'own.sqlite3'}")
    with app.app_context(), db.engine.connect() as conn:
        assert conn.execute(sa.text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(sa.text("PRAGMA foreign_keys")).scalar() == 1
        assert conn.execute(sa.text("PRAGMA busy_timeout")).scalar() == 30000
        db.engine.dispose()


def test_the_database_refuses_a_row_whose_parent_is_missing(app, db):
    """Foreign keys hold on both databases: a participation of an event that does not exist is refused."""
    db.session.add(Participation(event_id=999_999, employer_id=999_999))
    with pytest.raises(IntegrityError):
        db.session.flush()
