"""The `recruit demo` command: demo data of the seed report's two events."""
import logging
import time

import click
import sqlalchemy as sa
from flask.cli import with_appcontext

from recruit.audit.services import record
from recruit.core.crypto import KeyMismatch
from recruit.demo import generator
from recruit.demo import loader
from recruit.events import services as events
from recruit.events.models import Event
from recruit.extensions import db
from recruit.serving import prepare_database

logger = logging.getLogger(__name__)


@click.command("demo")
@click.option("--scale", type=click.FloatRange(min=0.01, max=5), default=1.0, show_default=True,
              help="Size relative to the report: 1 gives the fair 15,600 visitors and 1,252 intents.")
@click.option("--seed", type=int, default=2023, show_default=True,
              help="Random seed: the same seed and scale give the same data.")
@click.option("--force", is_flag=True,
              help="Delete all events, employers, postings, seekers (with their accounts), check-ins, "
                   "applications, travel batches, retention checks and reports first. Bureau and partner staff "
                   "accounts are kept.")
@with_appcontext
def demo_command(scale, seed, force):
    """Load demo data: Qujiang's 2023 new-year job fair and the Weining cross-province drive.

    Applies the database migrations first. Refuses a database that already holds events, employers, seekers or
    user accounts unless --force is given. Creates no user accounts.
    """
    try:
        prepare_database()
    except KeyMismatch as error:
        raise click.ClickException(str(error)) from error
    started = time.perf_counter()
    data = generator.generate(scale, seed)
    generated = time.perf_counter()
    try:
        counts = loader.load(data, force=force)
    except loader.ExistingData as error:
        db.session.rollback()
        raise click.ClickException(str(error)) from error
    record("demo_loaded", scale=scale, seed=seed, forced=force, rows=sum(counts.values()))
    db.session.commit()
    finished = time.perf_counter()
    click.echo(f"Loaded {sum(counts.values()):,} rows in {finished - started:.1f} s "
               f"(generated in {generated - started:.1f} s, written in {finished - generated:.1f} s), "
               f"scale {scale:g}, seed {seed}:")
    click.echo("  " + ", ".join(f"{name.replace('_', ' ')} {count:,}" for name, count in counts.items()))
    _echo_figures()
    click.echo("No user accounts were created. To sign in as bureau staff, run: "
               "recruit create-admin --username admin")


def _echo_figures():
    query = sa.select(Event).where(Event.id.in_((generator.FAIR_ID, generator.DRIVE_ID))).order_by(Event.id)
    shown = db.session.scalars(query).all()
    figures = events.figures_for(shown)
    for event in shown:
        f = figures[event.id]
        click.echo(f"  {event.name} ({event.kind}): {f.visitors:,} visitors ({f.checked_in:,} checked in, "
                   f"{f.anonymous:,} counted at the gate), {f.intents:,} intents")

