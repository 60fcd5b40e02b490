"""Screen link forms: a new link with an optional name, and revoking one (nothing but the CSRF token)."""
import logging

from flask_babel import lazy_gettext as _l
from wtforms import StringField

from recruit.core.forms import Form
from recruit.core.forms import strip
from recruit.dashboard.services import MAX_SCREEN_NAME

logger = logging.getLogger(__name__)


class ScreenLinkForm(Form):
    """A new link for a screen; its name only tells the bureau's links apart (主会场大屏). The service checks it."""

    name = StringField(_l("Name of the screen (optional)"), filters=[strip],
                       render_kw={"maxlength": MAX_SCREEN_NAME, "autocomplete": "off"})


class RevokeForm(Form):
    """Revoke a screen link: nothing to fill in, the form carries the CSRF token."""
