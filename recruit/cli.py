"""The commands of the `recruit` group: each feature adds its own (the group itself: recruit/__main__.py)."""
import logging
import os

import click
from flask import current_app
from flask.cli import with_appcontext

logger = logging.getLogger(__name__)


def register(app):
    """Attach every feature's commands to the app's command group."""
    from recruit.accounts.cli import create_admin_command
    from recruit.demo.cli import demo_command
    from recruit.events.cli import events_command
    from recruit.matching.cli import match_command

    for command in (serve_command, create_admin_command, demo_command, events_command, match_command):
        app.cli.add_command(command)


@click.command("serve")
@click.option("--host", default=lambda: os.environ.get("RECRUIT_HOST", "127.0.0.1"), show_default="127.0.0.1")
@click.option("--port", type=int, default=lambda: int(os.environ.get("RECRUIT_PORT", "8000")),
              show_default="8000")
@click.option("--workers", type=int, default=lambda: int(os.environ.get("RECRUIT_WORKERS", "2")),
              show_default="2")
@with_appcontext
def serve_command(host, port, workers):
    """Apply migrations, then serve with gunicorn (production WSGI server)."""
    from recruit.core.crypto import KeyMismatch
    from recruit.serving import prepare_database
    from recruit.serving import run_gunicorn

    try:
        prepare_database()
    except KeyMismatch as error:
        raise click.ClickException(str(error)) from error
    click.echo(f"Recruit listening on http://{host}:{port}/ with {workers} worker(s)")
    run_gunicorn(host, port, workers, proxies=current_app.config["PROXIES"])
