"""What create_app binds: extensions, blueprints, commands, template helpers and error pages."""
import logging

from flask import request
from flask import session
from sqlalchemy import event
from sqlalchemy.engine import Engine

from recruit import resource_dir
from recruit.extensions import babel
from recruit.extensions import csrf
from recruit.extensions import db
from recruit.extensions import limiter
from recruit.extensions import login
from recruit.extensions import migrate

logger = logging.getLogger(__name__)


@event.listens_for(Engine, "connect")
def _sqlite_pragmas(dbapi_connection, connection_record):
    """WAL for concurrent readers, a busy timeout instead of 'database is locked', and real foreign keys."""
    if type(dbapi_connection).__module__.split(".")[0] not in ("sqlite3", "pysqlite2"):
        return
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def select_locale():
    """The language the user chose (kept in the session), Simplified Chinese otherwise."""
    from flask import current_app

    chosen = session.get("lang") or request.cookies.get("lang")
    return chosen if chosen in current_app.config["LANGUAGES"] else current_app.config["BABEL_DEFAULT_LOCALE"]


def select_timezone():
    from flask import current_app

    return current_app.config["TIMEZONE"]


def init_extensions(app):
    db.init_app(app)
    migrate.init_app(app, db, directory=str(resource_dir("migrations")), render_as_batch=True)
    csrf.init_app(app)
    login.init_app(app)
    babel.init_app(app, locale_selector=select_locale, timezone_selector=select_timezone)
    limiter.init_app(app)
    import recruit.models  # noqa: F401  (every model registered before the first query)
    from recruit.core import web

    web.init_app(app)


def register_blueprints(app):
    from recruit.accounts.views import bp as accounts_bp
    from recruit.applications.views import bp as applications_bp
    from recruit.bureau.views import bp as bureau_bp
    from recruit.employers.views import bp as employers_bp
    from recruit.main.views import bp as main_bp
    from recruit.partner.views import bp as partner_bp
    from recruit.postings.views import bp as postings_bp
    from recruit.seekers.views import bp as seekers_bp

    blueprints = (main_bp, accounts_bp, seekers_bp, partner_bp, employers_bp, postings_bp, applications_bp,
                  bureau_bp)
    for blueprint in blueprints:
        app.register_blueprint(blueprint)


def register_commands(app):
    from recruit import cli

    cli.register(app)
