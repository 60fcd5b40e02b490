"""Application forms: apply, withdraw, move along the pipeline, filter applicants."""
import logging

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField
from wtforms import HiddenField
from wtforms import SelectField
from wtforms import StringField
from wtforms import TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired
from wtforms.validators import Optional
from wtforms.validators import Regexp

from recruit.applications import services
from recruit.applications.models import STATUSES
from recruit.core.forms import FilterForm
from recruit.core.forms import Form
from recruit.core.forms import strip

logger = logging.getLogger(__name__)


class ApplyForm(Form):
    """Apply for a posting; the event is optional (a posting in one published event is applied at it)."""

    # At most nine digits: always a row id the database can hold.
    event_id = HiddenField(validators=[Optional(), Regexp(r"^\d{1,9}$", message=_l("Choose an event."))])


class WithdrawForm(Form):
    """Withdraw an application: nothing to fill in, the form carries the CSRF token."""


class MoveForm(Form):
    """Move an application to one of the statuses allowed from where it is."""

    to_status = SelectField(_l("Next status"), invalid_choice_message=_l("Choose one from the list."))
    note = TextAreaField(_l("Note"), filters=[strip], render_kw={"rows": 3})
    override = BooleanField(_l("Override the headcount: sign even though all places are taken"))

    def __init__(self, *args, targets, **kwargs):
        super().__init__(*args, **kwargs)
        self.to_status.choices = STATUSES.choices(targets)


class ApplicantFilterForm(FilterForm):
    """Filter a posting's applicants by status."""

    status = SelectField(_l("Status"), invalid_choice_message=_l("Choose one from the list."),
                         choices=[SelectChoice("", _l("All statuses")), *STATUSES.choices()])


class BoothForm(Form):
    """Record an intent at the booth: the seeker by mobile or scanned gate code, and the posting at its event."""

    seeker = StringField(_l("Mobile number or scanned gate code"), filters=[strip],
                         validators=[DataRequired(_l("Type the seeker's mobile number or scan their gate code."))],
                         render_kw={"autocomplete": "off", "autofocus": True, "inputmode": "text",
                                    "enterkeyhint": "done"})
    choice = SelectField(_l("Posting"), invalid_choice_message=_l("Choose one from the list."))

    def __init__(self, *args, choices, **kwargs):
        super().__init__(*args, **kwargs)
        # (event, posting) by the option's value, so that only the company's own open postings can be sent.
        self.pairs = {f"{event.id}-{posting.id}": (event, posting) for event, posting in choices}
        self.choice.choices = [(value, f"{posting.title} · {event.name}")
                               for value, (event, posting) in self.pairs.items()]
        self.found = None

    def check(self):
        pair = self.pairs.get(self.choice.data)
        if self.seeker.data and not self.seeker.errors and pair is not None:
            self.found = services.booth_seeker(self.seeker.data, pair[0])

    @property
    def chosen(self):
        return self.pairs[self.choice.data]


class BehalfForm(Form):
    """Partner staff apply for a seeker of their regions: a posting of a drive that recruits there."""

    choice = SelectField(_l("Posting"), invalid_choice_message=_l("Choose one from the list."))

    def __init__(self, *args, choices, **kwargs):
        super().__init__(*args, **kwargs)
        # (event, posting) by the option's value, so that only the drives' open postings can be sent.
        self.pairs = {f"{event.id}-{posting.id}": (event, posting) for event, posting in choices}
        self.choice.choices = [SelectChoice("", _l("Choose…"))] + [
            SelectChoice(value, f"{posting.employer.name} · {posting.title} · {event.name}")
            for value, (event, posting) in self.pairs.items()]

    @property
    def chosen(self):
        return self.pairs[self.choice.data]
