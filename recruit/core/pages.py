"""Pagination shared by every list page."""
import logging

from flask import current_app
from flask import request

from recruit.extensions import db

logger = logging.getLogger(__name__)

# Past any real list, yet small enough that the offset never overflows the database's integers.
MAX_PAGE = 100_000


def requested_page(arg="page"):
    """The page `?page=` (or another argument, for a second list on the page) asks for: a bad or negative value
    is page 1, a huge one is capped."""
    page = request.args.get(arg, 1, type=int)
    return min(max(page, 1), MAX_PAGE)


def paginate(query, per_page=None, arg="page", page=None):
    """One page of a select, the page number given or taken safely from the request."""
    return db.paginate(query, page=page or requested_page(arg),
                       per_page=per_page or current_app.config["PAGE_SIZE"], error_out=False)
