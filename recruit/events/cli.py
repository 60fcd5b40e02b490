"""Event commands."""
import logging

import click
from flask.cli import with_appcontext

from recruit.events import services
from recruit.extensions import db

logger = logging.getLogger(__name__)

COLUMNS = ("id", "kind", "name", "status", "visitors", "checked-in", "postings", "positions", "applications",
           "intents", "intent-applications")


@click.command("events")
@with_appcontext
def events_command():
    """List the events with their live figures (intents count people; their applications stand beside)."""
    events = db.session.scalars(services.all_events()).all()
    figures = services.figures_for(events)
    rows = [COLUMNS]
    for event in events:
        f = figures[event.id]
        rows.append((event.id, event.kind, event.name, event.status, f.visitors, f.checked_in, f.postings,
                     f.positions, f.applications, f.intents, f.intent_applications))
    click.echo(format_table(rows))


def _width(text):
    """Display width: a CJK character takes two terminal columns."""
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in str(text))


def format_table(rows):
    widths = [max(_width(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = []
    for row in rows:
        cells = []
        for value, width in zip(row, widths, strict=True):
            pad = " " * (width - _width(value))
            cells.append(f"{pad}{value}" if isinstance(value, int) else f"{value}{pad}")
        lines.append("  ".join(cells).rstrip())
    return "\n".join(lines)
