"""Partner staff forms."""
import logging

from flask_babel import lazy_gettext as _l
from wtforms import SearchField
from wtforms.validators import Length

from recruit.core.forms import FilterForm
from recruit.core.forms import strip

logger = logging.getLogger(__name__)


class SeekerSearchForm(FilterForm):
    """The search box over the seekers of the partner's regions."""

    q = SearchField(_l("Name, mobile or ID number"), filters=[strip],
                    validators=[Length(max=40, message=_l("Use at most %(max)d characters."))])
