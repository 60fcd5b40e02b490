"""The filters of an export, read from the address: those of the list page it is made from, and an event."""
import logging

from flask_babel import lazy_gettext as _l
from wtforms import IntegerField
from wtforms import SelectField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import NumberRange
from wtforms.validators import Optional

from recruit.applications.models import STATUSES
from recruit.core.models import MAX_ID
from recruit.postings.forms import PostingFilterForm
from recruit.seekers.forms import SeekerFilterForm

logger = logging.getLogger(__name__)


def event_field():
    return IntegerField(_l("Event"), validators=[Optional(), NumberRange(1, MAX_ID)])


class SeekerExportForm(SeekerFilterForm):
    """The seekers list's hometown filter; an event narrows to those who came to it or applied at it."""

    event_id = event_field()


class PostingExportForm(PostingFilterForm):
    """The bureau's postings filters (waiting for review when none is given, as on the list) and an event."""

    event_id = event_field()


class ApplicationExportForm(SeekerFilterForm):
    """Applications by event, the seeker's hometown and their status."""

    event_id = event_field()
    status = SelectField(_l("Status"), choices=[SelectChoice("", _l("All")), *STATUSES.choices()], default="",
                         invalid_choice_message=_l("Choose one from the list."))
