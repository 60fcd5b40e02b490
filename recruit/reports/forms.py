"""Report forms: generating an overall report for a period, and the filters of the list of runs."""
import logging

from flask_babel import lazy_gettext as _l
from wtforms import DateField
from wtforms import SelectField
from wtforms.fields.choices import SelectChoice

from recruit.core import checks
from recruit.core.checks import Problems
from recruit.core.forms import FilterForm
from recruit.core.forms import Form
from recruit.core.forms import Required
from recruit.reports import services
from recruit.reports.models import RUN_KINDS
from recruit.reports.models import RUN_STATUSES

logger = logging.getLogger(__name__)

ALL = SelectChoice("", _l("All"))
NOT_LISTED = _l("Choose one from the list.")


class PeriodForm(Form):
    """An overall report over the events starting within a period."""

    starts_on = DateField(_l("First day"), validators=[Required()])
    ends_on = DateField(_l("Last day"), validators=[Required()])

    def check(self):
        problems = Problems()
        problems.check("starts_on", checks.day, self.starts_on.data)
        problems.check("ends_on", checks.day, self.ends_on.data)
        problems.raise_any()
        services.check_dates(self.starts_on.data, self.ends_on.data)


class RunFilterForm(FilterForm):
    kind = SelectField(_l("Trigger"), default="", choices=[ALL, *RUN_KINDS.choices()],
                       invalid_choice_message=NOT_LISTED)
    status = SelectField(_l("Outcome"), default="", choices=[ALL, *RUN_STATUSES.choices()],
                         invalid_choice_message=NOT_LISTED)
