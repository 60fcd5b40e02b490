"""The `recruit` command (and `python -m recruit`): a Flask command group, so `recruit run`, `recruit routes`
and `recruit db` work as with `flask`."""
from flask.cli import FlaskGroup

from recruit import create_app


def main():
    """Entry point of the installed `recruit` script."""
    group = FlaskGroup(create_app=lambda: create_app(), help="Recruit: job fairs and cross-province recruitment.")
    group(prog_name="recruit")


if __name__ == "__main__":
    main()
