"""`recruit import seekers|employers|postings FILE [--event ID] [--dry-run]` and `recruit import template KIND`."""
import logging
from pathlib import Path

import click
from flask.cli import with_appcontext

from recruit.domain.errors import RuleError
from recruit.events.models import Event
from recruit.extensions import db
from recruit.imports import engine

logger = logging.getLogger(__name__)

HELP = {
    "seekers": "Import job seekers: a known ID number updates the profile, a new one registers the seeker "
               "(consent obtained by the importing staff).",
    "employers": "Import employers: a known unified social credit code updates the company, a new one is "
                 "entered approved; with --event each takes part in the event.",
    "postings": "Import postings of employers named by their unified social credit code; with --event each is "
                "offered at the event.",
}


@click.group("import")
def import_group():
    """Import seekers, employers or postings from an Excel workbook (.xlsx) or a CSV file (UTF-8 or GB18030).

    Every row is checked by the same rules as the forms; valid rows are written, refused rows go to an Excel
    file with an error column, ready to fix and import again. Importing the same file again changes nothing.
    """


def _add_import_command(kind):
    @import_group.command(kind, help=HELP[kind])
    @click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
    @click.option("--event", "event_id", type=int, help="The event's id (see `recruit events`).")
    @click.option("--dry-run", is_flag=True, help="Check every row and count, write nothing.")
    @click.option("--errors", "errors_path", type=click.Path(dir_okay=False, path_type=Path),
                  help="Where the refused rows go (default: FILE-errors.xlsx next to FILE).")
    @with_appcontext
    def command(file, event_id, dry_run, errors_path):
        event = _event(event_id)
        try:
            result = engine.run(kind, file, errors_path=errors_path, dry_run=dry_run, event=event)
        except RuleError as error:
            db.session.rollback()
            raise click.ClickException(error.message) from error
        db.session.commit()
        _echo(result)


def _event(event_id):
    if event_id is None:
        return None
    event = db.session.get(Event, event_id)
    if event is None:
        raise click.ClickException(f"No event has id {event_id}; `recruit events` lists them.")
    return event


def _echo(result):
    click.echo(f"{'Dry run, nothing written: ' if result.dry_run else ''}{result.rows:,} rows of {result.kind}: "
               f"{result.created:,} created, {result.updated:,} updated, {result.unchanged:,} unchanged, "
               f"{result.invalid:,} refused.")
    if result.errors_path is not None:
        click.echo(f"The refused rows and their errors: {result.errors_path}")


for _kind in engine.KINDS:
    _add_import_command(_kind)


@import_group.command("template")
@click.argument("kind", type=click.Choice(list(engine.KINDS)))
@click.option("--out", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="The .xlsx file to write.")
@with_appcontext
def template_command(kind, out):
    """Write the Excel template of an import: the headers, how to fill each column, an example row."""
    engine.template(kind).save(out)
    click.echo(f"Wrote {out}")
