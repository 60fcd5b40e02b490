"""Whole anonymous pages served again for a few seconds: the public pages thousands of phones open at once.

`cached_page` marks a view whose page is the same for every anonymous reader of a language. Its page is kept per
language, host, path and full query string, in each process (Flask-Caching's SimpleCache), for
PAGE_CACHE_SECONDS. Only an anonymous read uses the cache: a GET or HEAD with no session user, no credentials and
no message waiting to be shown. Only a page that holds nothing of its reader is kept: its rendering neither put
a CSRF token in it nor changed the session, and the view returned HTML (an error is raised, never kept).

What is kept is the page's body: the response around it (the headers of core.security, the session's cookie,
Vary) is made for each request as for any other, so a kept page goes out with the same protections.
`serve_kept_page`, the app's first before_request hook, sends a kept page before the other hooks run; a page
nobody kept is rendered once per process, however many requests ask for it at that moment.

Browsers are not told to keep these pages (no max-age): after switching the language, signing in, or a redirect
that flashes a message, the next page must come from the server, which knows about it.
"""
import copy
import functools
import hashlib
import logging
import threading

from flask import current_app
from flask import g
from flask import request
from flask import session
from flask_babel import get_locale
from flask_login import current_user

from recruit.extensions import cache

logger = logging.getLogger(__name__)

FLASHES = "_flashes"  # where flask.flash keeps the messages the next page shows
RENDER_WAIT_SECONDS = 30  # how long a request waits for another's rendering of the same page, at most


def _anonymous_read():
    """A read by nobody in particular: no message waiting for them, no session user, no credentials sent (a
    screen link's token or an API client's)."""
    return (request.method in ("GET", "HEAD") and "Authorization" not in request.headers
            and FLASHES not in session and not current_user.is_authenticated)


def _key():
    where = f"{get_locale()}\n{request.host}\n{request.path}\n{request.query_string.decode('latin-1')}"
    return "page/" + hashlib.sha256(where.encode()).hexdigest()


def _shareable(body, session_before):
    """A page that anyone of this language could have been given: no CSRF token of theirs in it, and nothing
    of their session (a view that flashes, signs in or remembers something changes it). Only the view's own
    changes count: Flask-Login's bookkeeping for an anonymous session (done when current_user was first read,
    before the view) changes no page."""
    token_name = current_app.config.get("WTF_CSRF_FIELD_NAME", "csrf_token")
    return (isinstance(body, str) and token_name not in g and dict(session) == session_before
            and not current_user.is_authenticated)


def cached_page(view):
    """Serve the view's page from the cache for PAGE_CACHE_SECONDS to anonymous readers (see the module)."""

    @functools.wraps(view)
    def wrapped(*args, **kwargs):
        seconds = current_app.config["PAGE_CACHE_SECONDS"]
        if not seconds or not _anonymous_read():
            return view(*args, **kwargs)
        key = _key()
        page = cache.get(key)
        if page is None:
            page = _render_once(key, seconds, functools.partial(view, *args, **kwargs))
        return page

    wrapped.kept_page = True
    return wrapped


def serve_kept_page():
    """A before_request hook, the first: a kept page is sent before the other hooks run (the rate limiter's
    bookkeeping, the check of the query for NUL bytes, which the request that was kept passed with the same
    query). Those cost more than the rest of a kept page's answer; what comes after the view (the headers of
    core.security, the session's cookie) still runs."""
    view = current_app.view_functions.get(request.endpoint)
    if not getattr(view, "kept_page", False) or not current_app.config["PAGE_CACHE_SECONDS"]:
        return None
    return cache.get(_key()) if _anonymous_read() else None


def init_app(app):
    app.before_request(serve_kept_page)


_pending = {}  # cache key -> threading.Event set when the thread rendering that page has finished
_pending_guard = threading.Lock()


def _render_once(key, seconds, render):
    """Only one thread of the process renders a page nobody has kept; one that asks for the same page meanwhile
    waits for it and is given the kept page. Without this, when a page expires, every request in flight for
    it renders it again at once (16 renders of a fair's page instead of one). A waiter that still finds
    nothing kept (the page was not shareable, or its rendering failed) renders it itself."""
    with _pending_guard:
        pending = _pending.get(key)
        if pending is None:
            _pending[key] = done = threading.Event()
    if pending is not None:
        pending.wait(RENDER_WAIT_SECONDS)
        page = cache.get(key)
        return page if page is not None else _render(key, seconds, render)
    try:
        return _render(key, seconds, render)
    finally:
        with _pending_guard:
            del _pending[key]
        done.set()


def _render(key, seconds, render):
    session_before = copy.deepcopy(dict(session))  # a miss: rare, and the session is small
    body = render()
    if _shareable(body, session_before):
        # Kept encoded: a hit then neither decodes nor encodes the page again (200 kB for a fair's page).
        cache.set(key, body.encode(), timeout=seconds)
    return body
