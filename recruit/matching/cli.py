"""`recruit match --event ID`: compute and store an event's matches and placement, and say how it went."""
import logging

import click
from flask.cli import with_appcontext

from recruit.events.models import Event
from recruit.extensions import db
from recruit.matching import services

logger = logging.getLogger(__name__)


@click.command("match")
@click.option("--event", "event_id", type=int, required=True, help="The event's id (see `recruit events`).")
@with_appcontext
def match_command(event_id):
    """Compute the event's matches and suggested placement, store them, and print a summary."""
    event = db.session.get(Event, event_id)
    if event is None:
        raise click.ClickException(f"No event has id {event_id}; `recruit events` lists them.")
    run = services.run_event(event)
    db.session.commit()
    click.echo(summary(run))


def summary(run):
    """The run in a few lines a bureau reads."""
    lines = [
        f"{run.event.name} (event {run.event_id}), counted on {run.day:%Y-%m-%d}",
        f"  seekers: {run.seekers:,}   open postings with places: {run.postings:,}   scored pairs kept: {run.pairs:,}",
        f"  seekers with a good match (score >= {services.GOOD_MATCH}): {run.good_matches:,}",
        f"  postings with none (hard to fill): {run.hard_to_fill:,}",
        f"  placed: {run.placed:,}   total score: {run.total_score:,.1f}   method: {run.method}",
        f"  recommendations per place, Gini: {run.gini_before:.3f} -> {run.gini_after:.3f} after re-ranking; "
        f"postings never recommended: {run.never_before:.1%} -> {run.never_after:.1%}",
        f"  time: {run.seconds:.2f} s",
    ]
    return "\n".join(lines)
