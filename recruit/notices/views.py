"""The notices page and the unread count in the navigation bar."""
import logging

from flask import Blueprint
from flask import render_template
from flask_login import current_user
from flask_login import login_required

from recruit.core.pages import paginate
from recruit.extensions import db
from recruit.notices import services

logger = logging.getLogger(__name__)

bp = Blueprint("notices", __name__)


@bp.route("/notices")
@login_required
def index():
    """The user's notices, newest first; the ones shown become read."""
    page = paginate(services.notices_for(current_user))
    items = [(notice, services.text_of(notice), notice.read_at is None) for notice in page.items]
    services.mark_read(page.items)
    html = render_template("notices/index.html", page=page, items=items)
    db.session.commit()
    return html


@bp.app_context_processor
def notice_badge():
    """`unread_notices()` for the nav badge, queried only where a template asks."""

    def unread_notices():
        return services.unread_count(current_user) if current_user.is_authenticated else 0

    return {"unread_notices": unread_notices}
