"""Start-up steps of a production server: migrations, then gunicorn, with the report scheduler beside it."""
import logging
import os
import subprocess
import sys
from contextlib import contextmanager

from flask_migrate import upgrade
from gunicorn.app.base import BaseApplication

from recruit.core.crypto import check_key

logger = logging.getLogger(__name__)

# Seconds the scheduler has to finish a report it is making before it is killed.
SCHEDULER_STOP_TIMEOUT = 60


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


@contextmanager
def scheduler_process():
    """`recruit scheduler` as a child process, in the same environment, for as long as the block runs.

    Not a thread of gunicorn's master, which forks the workers, nor a scheduler per worker: one per server.
    """
    owner = os.getpid()
    process = subprocess.Popen([sys.executable, "-m", "recruit", "scheduler"], stdin=subprocess.DEVNULL)
    logger.info("started the report scheduler (pid %s)", process.pid)
    try:
        yield process
    finally:
        # gunicorn forks its workers inside this block and they leave through it too: only serve stops it.
        if os.getpid() == owner:
            stop_process(process)


def stop_process(process, timeout=SCHEDULER_STOP_TIMEOUT):
    """SIGTERM, then SIGKILL if the process has not ended within `timeout` seconds."""
    process.terminate()
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        logger.warning("process %s did not stop within %s s: killing it", process.pid, timeout)
        process.kill()
        process.wait()
