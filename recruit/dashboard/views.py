"""The event's live dashboard: the bureau's own view, its screen links, and the screen a link opens."""
import logging

from flask import Blueprint

logger = logging.getLogger(__name__)

bp = Blueprint("dashboard", __name__)
screen_bp = Blueprint("screen", __name__)
