"""The event's live dashboard: the bureau's own view, its screen links, and the screen a link opens."""
import logging

from flask import Blueprint
from flask import flash
from flask import redirect
from flask import render_template
from flask import url_for
from flask_babel import gettext as _

from recruit.audit.services import record
from recruit.core.access import acting_user
from recruit.core.access import get_or_404
from recruit.core.errors import flash_refusal
from recruit.dashboard import services
from recruit.dashboard.forms import RevokeForm
from recruit.dashboard.forms import ScreenLinkForm
from recruit.dashboard.models import ScreenLink
from recruit.domain.errors import RuleError
from recruit.events.models import Event
from recruit.events.public_views import qr_code
from recruit.extensions import db

logger = logging.getLogger(__name__)

# Registered under the bureau's frame (recruit/blueprints.py): /bureau/…, bureau staff only.
bp = Blueprint("dashboard", __name__)
# At the top level and without a guard: the token in the address is the screen's only key.
screen_bp = Blueprint("screen", __name__)


@bp.route("/events/<int:event_id>/dashboard")
def live(event_id):
    event = get_or_404(Event, event_id)
    return render_template("dashboard/live.html", event=event, stats=services.stats(event), token=None)


def screens_page(event, form=None, new_url=None):
    """The event's screen links; `new_url` is a link just issued, shown this once and never again."""
    return render_template("dashboard/screens.html", event=event, links=services.screen_links(event),
                           form=form or ScreenLinkForm(formdata=None), new_url=new_url,
                           qr=qr_code(new_url) if new_url else None)


@bp.route("/events/<int:event_id>/screens")
def screens(event_id):
    return screens_page(get_or_404(Event, event_id))


@bp.route("/events/<int:event_id>/screens", methods=["POST"])
def issue(event_id):
    event = get_or_404(Event, event_id)
    form = ScreenLinkForm()
    if not form.validate_on_submit():
        return screens_page(event, form)
    try:
        _, token = services.issue_screen_link(event, form.name.data, acting_user())
    except RuleError as error:
        form.show(error.on("name"))
        return screens_page(event, form)
    db.session.commit()
    # Rendered, not redirected: the token must not wait in the session for the next page.
    return screens_page(event, new_url=url_for("screen.show", token=token, _external=True))


@bp.route("/screens/<int:link_id>/revoke", methods=["POST"])
def revoke(link_id):
    link = get_or_404(ScreenLink, link_id)
    back = redirect(url_for(".screens", event_id=link.event_id))
    if not RevokeForm().validate_on_submit():
        flash(_("The form could not be sent. Please try again."), "error")
        return back
    try:
        services.revoke_screen_link(link, acting_user())
    except RuleError as error:
        db.session.rollback()
        flash_refusal(error)
    else:
        db.session.commit()
        flash(_("The screen link %(name)s is revoked: its screen stops within seconds.", name=link.audit_name),
              "success")
    return back


@screen_bp.route("/screen/<token>")
def show(token):
    """The dashboard on a big screen, without a sign-in; a link revoked or never issued opens nothing."""
    link = services.screen_link_for(token)
    if link is None:
        return render_template("dashboard/screen_invalid.html"), 404
    record("screen_opened", target=link)
    db.session.commit()
    return render_template("dashboard/screen.html", event=link.event, stats=services.stats(link.event),
                           token=token)


@screen_bp.after_request
def keep_out_of_caches(response):
    """The screen is nobody's session, so core.security does not mark it; its address holds the token."""
    response.headers["Cache-Control"] = "no-store"
    response.headers["Referrer-Policy"] = "no-referrer"
    return response
