"""The daily job that asks employers about retention: plain functions that take the app, not ORM objects."""
import logging

from recruit.core.clock import local_today
from recruit.drives import retention
from recruit.extensions import db

logger = logging.getLogger(__name__)


def make_retention_checks(app):
    """Make the checks due today or missed before; a second scheduler running it too adds nothing."""
    with app.app_context():
        created = retention.create_due_checks(local_today())
        db.session.commit()
    if created:
        logger.info("asked employers about %d workers' retention", created)
    return created
