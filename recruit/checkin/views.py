"""The check-in desk at the gate (bureau staff): scans, typed numbers, walk-ins and the visitor counter."""
import logging

from flask import Blueprint

logger = logging.getLogger(__name__)

bp = Blueprint("checkin", __name__)
