"""Partner staff forms."""
import logging

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SearchField
from wtforms.validators import Length
from wtforms.validators import Optional

logger = logging.getLogger(__name__)


class SeekerSearchForm(FlaskForm):
    """The search box over the seekers of the partner's regions (a GET form: nothing to protect by CSRF)."""

    class Meta:
        csrf = False

    q = SearchField(_l("Name, mobile or ID number"), validators=[Optional(), Length(max=40)])
