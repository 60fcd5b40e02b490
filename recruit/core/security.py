"""The browser's protections on every response, personal pages kept out of caches, HTTPS and reverse proxies."""
import logging

from flask import current_app
from flask import request
from flask_login import current_user
from werkzeug.middleware.proxy_fix import ProxyFix

logger = logging.getLogger(__name__)

# No inline script or style and no other origin: an injected <script> or onclick="…" does not run.
CONTENT_SECURITY_POLICY = "; ".join((
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",  # Bootstrap draws its icons (the menu, a select's arrow) as data: SVG images
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
))
# A generated document shown in the browser (a printable report): its own inline styles, and nothing else at all.
DOCUMENT_POLICY = "; ".join((
    "default-src 'none'",
    "style-src 'unsafe-inline'",
    "img-src data:",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
))
HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    # Not no-referrer: over HTTPS, Flask-WTF refuses a form whose Referer is not a page of this site.
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
}
STRICT_TRANSPORT_SECURITY = "max-age=31536000"
# The same answer for everyone, cached on purpose: the assets and the region search (it sets its own header).
SHARED_ENDPOINTS = frozenset({"static", "main.region_search"})
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def personal():
    """Whether the response may show personal data: any answer to a change (a re-rendered form echoes what was
    typed, ID numbers included), and any answer to a signed-in user but the shared ones."""
    if request.method not in SAFE_METHODS or request.authorization is not None:
        return True  # an answer to a token (a screen link) is that token's, as a session's page is its user's
    return request.endpoint not in SHARED_ENDPOINTS and current_user.is_authenticated


def protect(response):
    """The after_request of every answer, errors and redirects included; a document keeps its stricter policy."""
    policy = response.headers.get("Content-Security-Policy")
    referrer = response.headers.get("Referrer-Policy")
    response.headers.update(HEADERS)
    if policy == DOCUMENT_POLICY:
        response.headers["Content-Security-Policy"] = policy
    if referrer == "no-referrer":  # a page whose address is its key (a screen link) sends no Referer at all
        response.headers["Referrer-Policy"] = referrer
    if current_app.config["HTTPS"]:
        response.headers["Strict-Transport-Security"] = STRICT_TRANSPORT_SECURITY
    if personal():
        response.headers["Cache-Control"] = "no-store"
    return response


def init_app(app):
    proxies = app.config["PROXIES"]
    if proxies:
        # Only as many X-Forwarded-* values as there are proxies of ours: a client cannot pick its own address.
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies, x_proto=proxies, x_host=proxies)
    app.after_request(protect)
