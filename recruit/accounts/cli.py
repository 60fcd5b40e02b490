"""Account commands."""
import logging

import click
from flask.cli import with_appcontext

from recruit.accounts import services
from recruit.core.crypto import KeyMismatch
from recruit.domain.errors import RuleError
from recruit.extensions import db
from recruit.serving import prepare_database

logger = logging.getLogger(__name__)


@click.command("create-admin")
@click.option("--username", required=True, help="Sign-in name of the bureau account.")
@click.option("--password", required=True, prompt=True, hide_input=True, confirmation_prompt=True)
@click.option("--name", "display_name", default="", help="Name shown in the interface.")
@with_appcontext
def create_admin_command(username, password, display_name):
    """Create a bureau staff account (or reset its password if it exists).

    Applies the database migrations first, so that it works on a new database too.
    """
    try:
        prepare_database()
    except KeyMismatch as error:
        raise click.ClickException(str(error)) from error
    try:
        user, created = services.create_or_reset_bureau_user(username, password, display_name)
    except RuleError as error:
        raise click.ClickException("\n".join(f"{p.field}: {p.message}" for p in error.problems)) from error
    db.session.commit()
    click.echo(f"{'Created' if created else 'Updated'} bureau account '{user.username}' (id {user.id}).")
