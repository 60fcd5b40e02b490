"""The desk's walk-in form: a visitor registered and checked in in one step."""
import logging

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField
from wtforms import StringField

from recruit.core.forms import Form
from recruit.core.forms import Required
from recruit.core.forms import region_names
from recruit.seekers.forms import ID_INPUT
from recruit.seekers.forms import REGION_INPUT

logger = logging.getLogger(__name__)


class WalkInForm(Form):
    """Only what the gate asks, in the order a practised clerk types it; the rest the seeker adds later.

    It has no `check()`: `services.walk_in` judges everything, and an ID number already registered is no
    refusal there (the person is checked in as they are), which a registration check would refuse.
    """

    name = StringField(_l("Full name"), validators=[Required()], render_kw={"autocomplete": "off"})
    id_number = StringField(_l("ID number"), validators=[Required()], render_kw=ID_INPUT)
    mobile = StringField(_l("Mobile number"), validators=[Required()],
                         render_kw={"type": "tel", "autocomplete": "off", "inputmode": "tel"})
    hometown_code = StringField(_l("Hometown"), render_kw=REGION_INPUT)
    consent = BooleanField(_l("The seeker has read and agreed to the privacy notice"))

    def values(self):
        """The profile values the seeker services take; what the form does not ask keeps its default."""
        return {"name": self.name.data, "mobile": self.mobile.data, "hometown_code": self.hometown_code.data}

    def region_names(self):
        return region_names(self, "hometown_code")
