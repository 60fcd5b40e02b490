"""An event's public pages: the page seekers open before the doors open, its printed booklet and its poster."""
import logging

import segno
from flask import Blueprint
from flask import render_template
from flask import url_for
from markupsafe import Markup

from recruit.core.access import get_or_404
from recruit.core.page_cache import cached_page
from recruit.events import services
from recruit.events.models import Event

logger = logging.getLogger(__name__)

bp = Blueprint("public_events", __name__)

# Medium error correction: a printed poster still scans with a scratch or a fold across it.
QR_ERROR = "m"


def public_event(event_id):
    """A published or closed event; a draft is not found, whoever asks."""
    return get_or_404(Event, event_id, check=lambda user, event: event.is_public)


def qr_code(url):
    """The URL as an inline SVG QR code that scales with its box (no size, no style attribute: the CSP)."""
    code = segno.make(url, error=QR_ERROR)
    return Markup(code.svg_inline(scale=1, border=4, omitsize=True, svgclass="qr-code", lineclass=None))


@bp.route("/events/<int:event_id>")
@cached_page
def detail(event_id):
    event = public_event(event_id)
    return render_template("events/public.html", event=event, figures=services.figures_for([event])[event.id],
                           exhibitors=services.exhibitors(event))


@bp.route("/events/<int:event_id>/booklet")
def booklet(event_id):
    event = public_event(event_id)
    exhibitors = [exhibitor for exhibitor in services.exhibitors(event) if exhibitor.postings]
    return render_template("events/booklet.html", event=event, exhibitors=exhibitors)


@bp.route("/events/<int:event_id>/poster")
def poster(event_id):
    event = public_event(event_id)
    url = url_for(".detail", event_id=event.id, _external=True)
    return render_template("events/poster.html", event=event, url=url, qr=qr_code(url))
