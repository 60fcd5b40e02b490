"""Flask extensions, created unbound and bound to the app in create_app."""
from flask_babel import Babel
from flask_caching import Cache
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from flask_wtf import CSRFProtect
from sqlalchemy import MetaData

from recruit import config
from recruit.core import database

# Stable constraint names, so that Alembic can drop and alter them on every database.
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

db = SQLAlchemy(metadata=MetaData(naming_convention=NAMING))
migrate = Migrate()
csrf = CSRFProtect()
login = LoginManager()
babel = Babel()
limiter = Limiter(key_func=get_remote_address, default_limits=[])
cache = Cache()  # the anonymous public pages, a few seconds (recruit/core/page_cache.py)


def init_app(app):
    """Bind every extension but Babel (recruit/core/web.py binds it with the language of each request)."""
    from recruit.core import page_cache  # it uses `cache` from here

    database.init_app(app)
    db.init_app(app)
    migrate.init_app(app, db, directory=str(config.resource_dir("migrations")), render_as_batch=True)
    cache.init_app(app)
    page_cache.init_app(app)  # before CSRF and the limiter: its hook serves a kept page before theirs run
    csrf.init_app(app)
    login.init_app(app)
    limiter.init_app(app)
