"""Sending notices and reading them."""
import logging

import sqlalchemy as sa
from flask import current_app
from flask import has_request_context
from flask import url_for

from recruit.core import codes
from recruit.core.clock import utcnow
from recruit.extensions import db
from recruit.notices import texts
from recruit.notices.models import Notice

logger = logging.getLogger(__name__)


def notify(users, kind, params, endpoint, **values):
    """Tell each user; kind and values are kept, so that it reads in each reader's language.

    The link is built also outside a request (a command, a scheduled job, the API's background work).
    """
    if kind not in texts.TEXTS:
        raise ValueError(f"unknown notice kind {kind!r}")
    link = link_to(endpoint, **values)
    for user in users:
        db.session.add(Notice(user_id=user.id, kind=kind, params=params, link=link))


def link_to(endpoint, **values):
    """The site path of a page."""
    if has_request_context():
        return url_for(endpoint, **values)
    adapter = current_app.url_map.bind("localhost", script_name=current_app.config["APPLICATION_ROOT"])
    return adapter.build(endpoint, values)


class _Params(dict):
    """Notice values; a value a notice lacks reads as empty rather than failing the page."""

    def __missing__(self, key):
        return ""


def text_of(notice):
    """The notice in the reader's language, from its kind and the values kept with it."""
    template = texts.TEXTS.get(notice.kind)
    if template is None:
        return str(texts.UNKNOWN)
    params = _Params(notice.params or {})
    for key, table in texts.CODED_VALUES.items():
        if key in params:
            params[key] = codes.label(params[key], table)
    return template % params


def notices_for(user):
    """The user's notices, newest first (a select to paginate)."""
    query = sa.select(Notice).where(Notice.user_id == user.id)
    return query.order_by(Notice.created_at.desc(), Notice.id.desc())


def unread_count(user):
    query = sa.select(sa.func.count()).where(Notice.user_id == user.id, Notice.read_at.is_(None))
    return db.session.scalar(query)


def mark_read(notices):
    """Mark these notices read, in one statement."""
    ids = [notice.id for notice in notices if notice.read_at is None]
    if ids:
        db.session.execute(sa.update(Notice).where(Notice.id.in_(ids), Notice.read_at.is_(None))
                           .values(read_at=utcnow()).execution_options(synchronize_session=False))
