"""Configuration from the environment (DESIGN.md §4)."""
import logging
import os
import secrets
from pathlib import Path

import click

from recruit.matching.score import Weights
from recruit.matching.score import WeightsError
from recruit.matching.score import parse_weights

logger = logging.getLogger(__name__)

PACKAGE_DIR = Path(__file__).resolve().parent


def resource_dir(name):
    """A top-level folder (templates, static, migrations): inside the package once installed, else the repo's."""
    packaged = PACKAGE_DIR / name
    return packaged if packaged.is_dir() else PACKAGE_DIR.parent / name


def _env(name, default=None):
    value = os.environ.get(name)
    return value if value not in (None, "") else default


class ConfigError(click.ClickException):
    """A setting the service cannot start with: the command line shows its message, not a traceback."""


def _switch(name, default):
    """An `on` / `off` setting, as a bool."""
    value = _env(name, default).strip().lower()
    if value not in ("on", "off"):
        raise ConfigError(f"{name} must be on or off, not {value!r}.")
    return value == "on"


def _count(name, default):
    """A whole number of 0 or more."""
    value = _env(name, str(default)).strip()
    if not value.isascii() or not value.isdigit():
        raise ConfigError(f"{name} must be a whole number of 0 or more, not {value!r}.")
    return int(value)


def _months(name, default):
    """A threshold in months, from 1 to 24."""
    value = _count(name, default)
    if not 1 <= value <= 24:
        raise ConfigError(f"{name} must be a number of months from 1 to 24, not {value}.")
    return value


class Config:
    """Settings for a real deployment; every value can come from the environment."""

    TESTING = False
    SQLALCHEMY_DATABASE_URI = None  # filled in by resolve() from RECRUIT_DATABASE_URL or the instance folder
    # hide_parameters: a failing statement is logged without its values (password hashes, mobiles, names).
    SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True, "hide_parameters": True}
    SECRET_KEY = None
    REPORTS_DIR = None
    RATELIMIT_STORAGE_URI = "memory://"
    RATELIMIT_HEADERS_ENABLED = True
    SCHEDULER = "on"
    TIMEZONE = "Asia/Shanghai"
    BABEL_DEFAULT_LOCALE = "zh_Hans_CN"
    BABEL_DEFAULT_TIMEZONE = "Asia/Shanghai"
    LANGUAGES = ("zh_Hans_CN", "en")
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = "Lax"
    WTF_CSRF_TIME_LIMIT = None
    MAX_CONTENT_LENGTH = 32 * 1024 * 1024
    PAGE_SIZE = 20
    HTTPS = False  # served over HTTPS only: Secure cookies and HSTS (recruit/core/security.py)
    PROXIES = 0  # reverse proxies in front whose X-Forwarded-For / -Proto / -Host are trusted
    # Points per matching term, e.g. "occupation=50,skills=10" (the rest keep their defaults): see matching/score.py
    MATCH_WEIGHTS = ""
    # Continuous months at one employer that make a worker count for the labour-cooperation subsidy.
    SUBSIDY_MONTHS = 3
    # Seconds an anonymous public page is served again as rendered (recruit/core/page_cache.py); 0 turns it off.
    # Each process keeps its own: a few seconds need no shared store, and a page is rendered once per window.
    PAGE_CACHE_SECONDS = 5
    CACHE_TYPE = "SimpleCache"
    CACHE_THRESHOLD = 300  # pages a process keeps at most, the expired ones dropped first (60 MB of fair pages)

    @classmethod
    def from_environment(cls):
        """Values given in the environment, by their DESIGN.md names."""
        return {
            "SQLALCHEMY_DATABASE_URI": _env("RECRUIT_DATABASE_URL"),
            "SECRET_KEY": _env("RECRUIT_SECRET_KEY"),
            "REPORTS_DIR": _env("RECRUIT_REPORTS_DIR"),
            "RATELIMIT_STORAGE_URI": _env("RECRUIT_RATELIMIT_STORAGE_URL", cls.RATELIMIT_STORAGE_URI),
            "SCHEDULER": _env("RECRUIT_SCHEDULER", cls.SCHEDULER).lower(),
            "TIMEZONE": _env("RECRUIT_TIMEZONE", cls.TIMEZONE),
            "HTTPS": _switch("RECRUIT_HTTPS", "on" if cls.HTTPS else "off"),
            "PROXIES": _count("RECRUIT_PROXIES", cls.PROXIES),
            "MATCH_WEIGHTS": _env("RECRUIT_MATCH_WEIGHTS"),
            "SUBSIDY_MONTHS": _months("RECRUIT_SUBSIDY_MONTHS", cls.SUBSIDY_MONTHS),
        }


class TestingConfig(Config):
    """Settings for the test suite: no scheduler, CSRF checked only where a test asks for it."""

    TESTING = True
    SCHEDULER = "off"
    WTF_CSRF_ENABLED = False
    RATELIMIT_ENABLED = True
    SERVER_NAME = None
    PAGE_CACHE_SECONDS = 0  # a test sees what it just wrote; tests/main/test_page_cache.py turns it on

    @classmethod
    def from_environment(cls):
        return {}


def load(app, config=None):
    """Configure the app: a Config class (default: Config with the environment), or a dict of overrides."""
    config_class = config if isinstance(config, type) else Config
    app.config.from_object(config_class)
    app.config.update({k: v for k, v in config_class.from_environment().items() if v is not None})
    if isinstance(config, dict):
        app.config.update(config)
    resolve(app)


def resolve(app):
    """Fill in what defaults to the instance folder: database, secret key and reports folder."""
    instance = Path(app.instance_path)
    instance.mkdir(parents=True, exist_ok=True)
    if not app.config.get("SQLALCHEMY_DATABASE_URI"):
        app.config["SQLALCHEMY_DATABASE_URI"] = f"sqlite:///{instance / 'recruit.sqlite3'}"
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = _instance_secret(instance / "secret_key")
    if not app.config.get("REPORTS_DIR"):
        app.config["REPORTS_DIR"] = str(instance / "reports")
    app.config["BABEL_DEFAULT_TIMEZONE"] = app.config["TIMEZONE"]
    app.config["RATELIMIT_STORAGE_URI"] = app.config.get("RATELIMIT_STORAGE_URI") or "memory://"
    if app.config["HTTPS"]:
        app.config.update(SESSION_COOKIE_SECURE=True, REMEMBER_COOKIE_SECURE=True, PREFERRED_URL_SCHEME="https")
    app.config["MATCH_WEIGHTS"] = _match_weights(app.config["MATCH_WEIGHTS"])
    _tune_engine(app)


def _match_weights(value):
    """Matching weights from their text (or a mapping), checked now so that a mistake stops the start."""
    if isinstance(value, Weights):
        return value
    try:
        return Weights.of(value) if isinstance(value, dict) else parse_weights(value)
    except WeightsError as error:
        raise ConfigError(f"RECRUIT_MATCH_WEIGHTS: {error}.") from None


def _instance_secret(path):
    """Read the generated key, creating it once; O_EXCL keeps concurrent workers on the same key."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_text().strip()
    with os.fdopen(fd, "w") as handle:
        handle.write(secrets.token_hex(32))
    logger.info("generated a new secret key in %s", path)
    return path.read_text().strip()


def _tune_engine(app):
    options = dict(app.config.get("SQLALCHEMY_ENGINE_OPTIONS") or {})
    if app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite"):
        options.setdefault("connect_args", {}).setdefault("timeout", 30)
        options.pop("pool_pre_ping", None)
    app.config["SQLALCHEMY_ENGINE_OPTIONS"] = options
