"""The commands of the `recruit` group: each feature adds its own (the group itself: recruit/__main__.py)."""
import logging
import os
from contextlib import nullcontext

import click
from flask import current_app
from flask.cli import with_appcontext

logger = logging.getLogger(__name__)


def register(app):
    """Attach every feature's commands to the app's command group."""
    from recruit.accounts.cli import create_admin_command
    from recruit.demo.cli import demo_command
    from recruit.events.cli import events_command
    from recruit.imports.cli import import_group
    from recruit.matching.cli import match_command
    from recruit.reports.cli import report_command
    from recruit.scheduler import scheduler_command

    for command in (serve_command, create_admin_command, demo_command, events_command, import_group,
                    match_command, report_command, scheduler_command):
        app.cli.add_command(command)


@click.command("serve")
@click.option("--host", default=lambda: os.environ.get("RECRUIT_HOST", "127.0.0.1"), show_default="127.0.0.1")
@click.option("--port", type=int, default=lambda: int(os.environ.get("RECRUIT_PORT", "8000")),
              show_default="8000")
@click.option("--workers", type=int, default=lambda: int(os.environ.get("RECRUIT_WORKERS", "2")),
              show_default="2")
@with_appcontext
def serve_command(host, port, workers):
    """Apply migrations, then serve with gunicorn (production WSGI server) and, with RECRUIT_SCHEDULER on, run the
    report scheduler next to it."""
    from recruit.core.crypto import KeyMismatch
    from recruit.serving import prepare_database
    from recruit.serving import run_gunicorn
    from recruit.serving import scheduler_process

    try:
        prepare_database()
    except KeyMismatch as error:
        raise click.ClickException(str(error)) from error
    scheduling = current_app.config["SCHEDULER"] == "on"
    click.echo(f"Recruit listening on http://{host}:{port}/ with {workers} worker(s)"
               + (" and the report scheduler" if scheduling else ""))
    with scheduler_process() if scheduling else nullcontext():
        run_gunicorn(host, port, workers, proxies=current_app.config["PROXIES"])
