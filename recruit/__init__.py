"""Recruit: job fairs and cross-province recruitment for a county HR and social-security bureau."""
from pathlib import Path

from flask import Flask

from recruit import config as config_module

PACKAGE_DIR = Path(__file__).resolve().parent


def resource_dir(name):
    """A top-level folder (templates, static, migrations): inside the package once installed, else the repo's."""
    packaged = PACKAGE_DIR / name
    return packaged if packaged.is_dir() else PACKAGE_DIR.parent / name


def create_app(config=None):
    """Build the application; runs no query, migration or scheduler (every worker would repeat them)."""
    app = Flask(
        __name__,
        template_folder=str(resource_dir("templates")),
        static_folder=str(resource_dir("static")),
        instance_relative_config=True,
    )
    config_class = config if isinstance(config, type) else config_module.Config
    app.config.from_object(config_class)
    app.config.update({k: v for k, v in config_class.from_environment().items() if v is not None})
    if isinstance(config, dict):
        app.config.update(config)
    config_module.resolve(app)

    from recruit import setup

    setup.init_extensions(app)
    setup.register_blueprints(app)
    setup.register_commands(app)
    return app
