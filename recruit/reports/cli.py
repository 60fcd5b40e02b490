"""`recruit report --event ID --format xlsx|csv|html [--kind summary|sheet] --out PATH`: one report, on the spot."""
import logging
import os
from pathlib import Path

import click
from flask.cli import with_appcontext

from recruit.audit.services import record
from recruit.events.models import Event
from recruit.extensions import db
from recruit.reports import services

logger = logging.getLogger(__name__)


@click.command("report")
@click.option("--event", "event_id", type=int, required=True, help="The event's id (see `recruit events`).")
@click.option("--format", "fmt", type=click.Choice(["xlsx", "csv", "html"]), required=True)
@click.option("--kind", type=click.Choice(["summary", "sheet"]), default="summary", show_default=True,
              help="The match summary, or the one-page post-fair statistics sheet.")
@click.option("--out", required=True, help="The file to write, or a folder (existing, or ending in /) to write it "
                                           "into under its own name.")
@with_appcontext
def report_command(event_id, fmt, kind, out):
    """Write an event's match summary or statistics sheet as of now (CSV: a ZIP when it has several tables)."""
    event = db.session.get(Event, event_id)
    if event is None:
        raise click.ClickException(f"No event has id {event_id}; `recruit events` lists them.")
    rendered, name = services.document_for(event, kind, fmt)
    target = Path(out) / name if out.endswith(("/", os.sep)) or Path(out).is_dir() else Path(out)
    services.write_atomically(target, rendered.data)
    record("report_exported", target=event, kind=kind, format=fmt)
    db.session.commit()
    click.echo(f"Wrote {target} ({len(rendered.data):,} bytes, {rendered.extension})")
