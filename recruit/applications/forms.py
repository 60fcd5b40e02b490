"""Application forms: apply, withdraw, move along the pipeline, filter applicants."""
import logging

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField
from wtforms import HiddenField
from wtforms import SelectField
from wtforms import TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired
from wtforms.validators import Length
from wtforms.validators import Optional
from wtforms.validators import Regexp

from recruit.applications.labels import STATUS_LABELS
from recruit.applications.models import STATUSES

logger = logging.getLogger(__name__)


def _stripped(value):
    return (value or "").strip()


class ApplyForm(FlaskForm):
    """Apply for a posting; the event is optional (a posting in one published event is applied at it)."""

    event_id = HiddenField(validators=[Optional(), Regexp(r"^\d{1,9}$", message=_l("Choose an event."))])


class WithdrawForm(FlaskForm):
    """Withdraw an application: nothing to fill in, the form carries the CSRF token."""


class MoveForm(FlaskForm):
    """Move an application to one of the statuses allowed from where it is."""

    to_status = SelectField(_l("Next status"), validators=[DataRequired()])
    note = TextAreaField(_l("Note"), validators=[Length(max=500)], filters=[_stripped], render_kw={"rows": 3})
    override = BooleanField(_l("Override the headcount: sign even though all places are taken"))

    def __init__(self, *args, targets, **kwargs):
        super().__init__(*args, **kwargs)
        self.to_status.choices = [SelectChoice(status, STATUS_LABELS[status]) for status in targets]


class ApplicantFilterForm(FlaskForm):
    """Filter a posting's applicants by status (a GET form: nothing changes, so no CSRF token)."""

    class Meta:
        csrf = False

    status = SelectField(_l("Status"), validators=[Optional()],
                         choices=[SelectChoice("", _l("All statuses"))]
                         + [SelectChoice(status, STATUS_LABELS[status]) for status in STATUSES])
