"""Bureau forms: staff accounts and the audit log's filters."""
import logging
from datetime import date

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField
from wtforms import DateField
from wtforms import PasswordField
from wtforms import SelectField
from wtforms import StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import Optional

from recruit.accounts import staff
from recruit.accounts.models import ROLES
from recruit.accounts.models import STAFF_ROLES
from recruit.audit.actions import ACTIONS
from recruit.audit.actions import TARGETS
from recruit.core import checks
from recruit.core.checks import Problems
from recruit.core.forms import FilterForm
from recruit.core.forms import Form
from recruit.core.forms import RegionListField
from recruit.core.forms import Required
from recruit.core.forms import strip

logger = logging.getLogger(__name__)

ALL = SelectChoice("", _l("All"))
NOT_LISTED = _l("Choose one from the list.")
# The log holds nothing older: an earlier day is a typing error.
FIRST_DAY = date(2000, 1, 1)


class StaffForm(Form):
    """A new bureau or partner-region staff account."""

    username = StringField(_l("Username"), filters=[strip], validators=[Required()])
    display_name = StringField(_l("Name shown"), filters=[strip], validators=[Required()])
    role = SelectField(_l("Role"), choices=ROLES.choices(STAFF_ROLES), validate_choice=False)
    password = PasswordField(_l("Password"), validators=[Required()])
    region_codes = RegionListField(_l("Regions served"))

    def check(self):
        staff.check_new_staff(self.username.data, self.display_name.data, self.role.data, self.password.data,
                              self.region_codes.data)


class StaffEditForm(Form):
    display_name = StringField(_l("Name shown"), filters=[strip], validators=[Required()])
    region_codes = RegionListField(_l("Regions served"))
    active = BooleanField(_l("Active: the account can sign in"))
    password = PasswordField(_l("New password"))

    def __init__(self, *args, user, editor, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.editor = editor

    def check(self):
        staff.check_staff_change(self.user, self.editor, self.display_name.data, self.region_codes.data,
                                 self.active.data, self.password.data or None)


class AuditFilterForm(FilterForm):
    action = SelectField(_l("Action"), default="", invalid_choice_message=NOT_LISTED)
    user = StringField(_l("Username"), filters=[strip])
    target_type = SelectField(_l("Target"), default="", invalid_choice_message=NOT_LISTED)
    date_from = DateField(_l("From"), validators=[Optional()])
    date_to = DateField(_l("To"), validators=[Optional()])

    def __init__(self, *args, actions, target_types, **kwargs):
        super().__init__(*args, **kwargs)
        self.action.choices = [ALL, *ACTIONS.choices(actions)]
        self.target_type.choices = [ALL, *TARGETS.choices(target_types)]

    def check(self):
        problems = Problems()
        problems.check("date_from", checks.day, self.date_from.data, first=FIRST_DAY)
        problems.check("date_to", checks.day, self.date_to.data, first=FIRST_DAY)
        problems.raise_any()
