"""Start-up steps of a production server: migrations, then gunicorn."""
import logging

from flask_migrate import upgrade
from gunicorn.app.base import BaseApplication

from recruit.core.crypto import check_key

logger = logging.getLogger(__name__)


def prepare_database():
    """Bring the schema up to date and make sure this process holds the database's data key.

    A start-up step, never an import side effect.
    """
    upgrade()
    check_key()


class GunicornServer(BaseApplication):
    """gunicorn run from Python, each worker building its own app (no engine shared across fork)."""

    def __init__(self, options):
        self.options = options
        super().__init__()

    def load_config(self):
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self):
        from recruit import create_app

        return create_app()


def run_gunicorn(host, port, workers, proxies=0):
    GunicornServer({
        # Which peers' X-Forwarded-Proto gunicorn believes: none unless proxies of ours are configured (the app
        # counts them with ProxyFix, recruit/core/security.py).
        "forwarded_allow_ips": "*" if proxies else "",
        "bind": f"{host}:{port}",
        "workers": workers,
        "worker_class": "gthread",
        "threads": 4,
        "timeout": 120,
        "accesslog": "-",
        "preload_app": False,
    }).run()
