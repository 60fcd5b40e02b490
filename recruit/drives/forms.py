"""Drive forms: a travel batch, a member to add, the first working day, the answer to a retention check, and the
subsidy roster's period."""
import logging

from flask_babel import lazy_gettext as _l
from wtforms import DateField
from wtforms import HiddenField
from wtforms import IntegerField
from wtforms import RadioField
from wtforms import SelectField
from wtforms import StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import Optional
from wtforms.validators import ValidationError

from recruit.core import display
from recruit.core.forms import FilterForm
from recruit.core.forms import Form
from recruit.core.forms import Required
from recruit.core.forms import strip
from recruit.drives import retention
from recruit.drives import services
from recruit.drives import subsidy
from recruit.drives.models import OUTCOMES

logger = logging.getLogger(__name__)

NOT_LISTED = _l("Choose one from the list.")


def _id(value):
    """An option's id; anything else is None, which the page refuses as not listed."""
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


class BatchForm(Form):
    departs_on = DateField(_l("Departure day"), validators=[Required()])
    from_place = StringField(_l("Leaves from"), filters=[strip], validators=[Required()])
    to_place = StringField(_l("Travels to"), filters=[strip], validators=[Required()])
    escort_name = StringField(_l("Escort"), filters=[strip], validators=[Required()])
    escort_mobile = StringField(_l("Escort's mobile"), filters=[strip], validators=[Required()],
                                render_kw={"inputmode": "tel", "autocomplete": "off"})

    def values(self):
        return {name: self[name].data for name in services.BATCH_FIELDS}

    def check(self):
        services.check_batch(self.values())


class MemberForm(Form):
    """A signed worker of the drive to add to the batch: the select lists those travelling in no batch yet."""

    application_id = SelectField(_l("Signed worker"), coerce=_id, invalid_choice_message=NOT_LISTED)

    def __init__(self, *args, applications, **kwargs):
        super().__init__(*args, **kwargs)
        self.applications = {application.id: application for application in applications}
        self.application_id.choices = [SelectChoice("", _l("Choose…"))] + [
            SelectChoice(application.id, f"{application.seeker.name} · {application.posting.employer.name} · "
                                         f"{application.posting.title}")
            for application in applications]

    def validate_application_id(self, field):
        if field.data not in self.applications:
            raise ValidationError(NOT_LISTED)

    @property
    def chosen(self):
        return self.applications[self.application_id.data]


class RemoveForm(Form):
    application_id = HiddenField(filters=[_id])


class OnboardForm(Form):
    onboarded_on = DateField(_l("First working day"), validators=[Required()])


class AnswerForm(Form):
    """Whether the worker is still there; for one who left, the day and why."""

    outcome = RadioField(_l("The worker"), choices=OUTCOMES.choices(), validate_choice=False,
                         validators=[Required()])
    left_on = DateField(_l("Left on"), validators=[Optional()])
    reason = StringField(_l("Why they left"), filters=[strip])

    def __init__(self, *args, check, **kwargs):
        super().__init__(*args, prefix=f"check-{check.id}", **kwargs)
        self.retention_check = check

    def values(self):
        return {"outcome": self.outcome.data, "left_on": self.left_on.data, "reason": self.reason.data}

    def check(self):
        retention.check_answer(self.retention_check, self.values())


class RosterForm(FilterForm):
    """The roster's period, threshold and county: a GET form, so that a roster's address can be shared."""

    starts_on = DateField(_l("Threshold day from"), validators=[Required()])
    ends_on = DateField(_l("Threshold day to"), validators=[Required()])
    months = IntegerField(_l("Months at one employer"), validators=[Required()],
                          render_kw={"inputmode": "numeric", "min": 1, "max": subsidy.MAX_MONTHS})
    county = SelectField(_l("Hometown county"), default="", invalid_choice_message=NOT_LISTED)

    def __init__(self, *args, counties, **kwargs):
        super().__init__(*args, **kwargs)
        self.county.choices = [SelectChoice("", _l("Every county"))] + [
            SelectChoice(code, display.region_name(code)) for code in counties]

    def check(self):
        subsidy.check_request(self.starts_on.data, self.ends_on.data, self.months.data)
