"""Recruit: job fairs and cross-province recruitment for a county HR and social-security bureau."""
from flask import Flask

from recruit import api
from recruit import blueprints
from recruit import cli
from recruit import extensions
from recruit import models  # noqa: F401  (every model known to SQLAlchemy before the first query)
from recruit.config import load
from recruit.config import resource_dir
from recruit.core import web


def create_app(config=None):
    """Build the application; runs no query, migration or scheduler (every worker would repeat them)."""
    app = Flask(__name__, template_folder=str(resource_dir("templates")), static_folder=str(resource_dir("static")),
                instance_relative_config=True)
    load(app, config)
    extensions.init_app(app)
    web.init_app(app)
    blueprints.register(app)
    api.init_app(app)
    cli.register(app)
    return app
