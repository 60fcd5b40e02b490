"""A process started with another secret key than the database's refuses to run instead of losing ID numbers."""
import os
import subprocess
import sys

import pytest

from recruit import create_app
from recruit.config import TestingConfig
from recruit.core import crypto
from recruit.core.models import Setting
from recruit.extensions import db as _db


def _app_with_key(app, key):
    class OtherKey(TestingConfig):
        SQLALCHEMY_DATABASE_URI = app.config["SQLALCHEMY_DATABASE_URI"]
        SECRET_KEY = key
        REPORTS_DIR = app.config["REPORTS_DIR"]

    return create_app(OtherKey)


def test_the_first_start_records_the_key_and_the_same_key_passes(app, db):
    crypto.check_key()
    assert db.session.get(Setting, crypto.KEY_CHECK) is not None
    crypto.check_key()


def test_another_key_is_refused_with_a_clear_message(app, db):
    crypto.check_key()
    db.session.commit()
    stranger = _app_with_key(app, "a-different-key")
    with stranger.app_context():
        with pytest.raises(crypto.KeyMismatch, match="RECRUIT_SECRET_KEY"):
            crypto.check_key()
        _db.session.remove()
        _db.engine.dispose()


def test_recruit_demo_stops_on_another_key_and_loads_nothing(app, db, tmp_path):
    """Run as an operator would, in a process of its own, on the same database with another key."""
    from recruit.seekers.models import Seeker

    crypto.check_key()
    db.session.commit()
    env = {**os.environ, "RECRUIT_DATABASE_URL": app.config["SQLALCHEMY_DATABASE_URI"],
           "RECRUIT_SECRET_KEY": "a-different-key", "RECRUIT_SCHEDULER": "off"}
    result = subprocess.run([sys.executable, "-m", "recruit", "demo", "--scale", "0.01"], env=env, cwd=tmp_path,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode != 0
    assert "RECRUIT_SECRET_KEY is not the key" in result.stderr
    assert db.session.query(Seeker).count() == 0
