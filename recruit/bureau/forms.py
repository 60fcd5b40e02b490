"""Bureau forms: reviews, participations, staff accounts, and the filters of the list pages."""
import logging
from datetime import date

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField
from wtforms import DateField
from wtforms import PasswordField
from wtforms import SelectField
from wtforms import StringField
from wtforms import TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired
from wtforms.validators import Length
from wtforms.validators import Optional
from wtforms.validators import Regexp
from wtforms.validators import ValidationError

from recruit.accounts import staff
from recruit.accounts.services import MIN_PASSWORD_LENGTH
from recruit.accounts.services import AccountError
from recruit.accounts.services import check_password_strength
from recruit.bureau.labels import ACTION_LABELS
from recruit.bureau.labels import ROLE_LABELS
from recruit.bureau.labels import TARGET_LABELS
from recruit.core.forms import IdNumber
from recruit.core.forms import RegionCode
from recruit.core.forms import strip
from recruit.employers.labels import EMPLOYER_STATUS_LABELS
from recruit.events.forms import RegionCodeList
from recruit.events.forms import choices
from recruit.events.forms import rule
from recruit.events.services import check_booth
from recruit.postings.labels import POSTING_STATUS_LABELS

logger = logging.getLogger(__name__)

ALL = SelectChoice("", _l("All"))
# What the account rules' codes say in a form (AccountError's own message is English, for the command line).
ACCOUNT_MESSAGES = {
    **staff.MESSAGES,
    "password_short": _l("Use at least %(min)d characters.", min=MIN_PASSWORD_LENGTH),
}
NOT_LISTED = _l("Choose one from the list.")
# A leading letter keeps staff usernames apart from the mobile and ID numbers seekers sign in with.
USERNAME_FORMAT = Regexp(r"^[A-Za-z][A-Za-z0-9_.-]*$",
                         message=_l("Start with a letter; use letters, digits and . _ - only."))
NAME_RULES = [DataRequired(), Length(max=100)]
# The days the audit filter takes: every day the log can hold, far from the ends of Python's dates.
FIRST_DAY = date(2000, 1, 1)
LAST_DAY = date(2099, 12, 31)


class ReasonForm(FlaskForm):
    reason = TextAreaField(_l("Reason"), filters=[strip], render_kw={"rows": 3}, validators=[
        DataRequired(message=_l("Give a reason: the employer reads it.")), Length(max=500)])


class ParticipationForm(FlaskForm):
    employer_id = SelectField(_l("Employer"), coerce=int, validate_choice=True)
    booth = StringField(_l("Booth"), filters=[strip], validators=[Length(max=20)])

    def __init__(self, *args, event, employers, **kwargs):
        super().__init__(*args, **kwargs)
        self.event = event
        self.employer_id.choices = [SelectChoice(str(employer.id), employer.name) for employer in employers]

    def validate_booth(self, field):
        field.data = rule(check_booth, self.event, field.data)


class BoothForm(FlaskForm):
    booth = StringField(_l("Booth"), filters=[strip], validators=[Length(max=20)])

    def __init__(self, *args, participation, **kwargs):
        super().__init__(*args, **kwargs)
        self.participation = participation

    def validate_booth(self, field):
        field.data = rule(check_booth, self.participation.event, field.data, self.participation)


def account_rule(check, *args):
    """Run an account rule from a form validator, its message (by the error's code) next to the field."""
    try:
        return check(*args)
    except AccountError as error:
        raise ValidationError(ACCOUNT_MESSAGES[error.code]) from error


class StaffForm(FlaskForm):
    """A new bureau or partner-region staff account."""

    username = StringField(_l("Username"), filters=[strip],
                           validators=[DataRequired(), Length(min=3, max=64), USERNAME_FORMAT])
    display_name = StringField(_l("Name shown"), filters=[strip], validators=NAME_RULES)
    role = SelectField(_l("Role"), choices=choices(ROLE_LABELS, staff.STAFF_ROLES))
    password = PasswordField(_l("Password"), validators=[DataRequired()])
    region_codes = RegionCodeList(_l("Regions served"))

    def validate_username(self, field):
        account_rule(staff.check_username, field.data)

    def validate_password(self, field):
        account_rule(check_password_strength, field.data)

    def validate_region_codes(self, field):
        field.data = account_rule(staff.check_regions, self.role.data, field.data)


class StaffEditForm(FlaskForm):
    display_name = StringField(_l("Name shown"), filters=[strip], validators=NAME_RULES)
    region_codes = RegionCodeList(_l("Regions served"))
    active = BooleanField(_l("Active: the account can sign in"))
    password = PasswordField(_l("New password"), validators=[Optional()])

    def __init__(self, *args, user, editor, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.editor = editor

    def validate_region_codes(self, field):
        field.data = account_rule(staff.check_regions, self.user.role, field.data)

    def validate_active(self, field):
        account_rule(staff.check_active, self.user, self.editor, field.data)

    def validate_password(self, field):
        if field.data and self.user.id == self.editor.id:
            raise ValidationError(_l("Change your own password on the Change password page."))
        account_rule(check_password_strength, field.data)


class FilterForm(FlaskForm):
    """The filters of a list page: a GET form, so nothing to protect."""

    class Meta:
        csrf = False


class EmployerFilterForm(FilterForm):
    status = SelectField(_l("Status"), choices=[ALL, *choices(EMPLOYER_STATUS_LABELS)], default="",
                         invalid_choice_message=NOT_LISTED)
    q = StringField(_l("Name or unified social credit code"), filters=[strip])


class PostingFilterForm(FilterForm):
    status = SelectField(_l("Status"), choices=[ALL, *choices(POSTING_STATUS_LABELS)], default="pending",
                         invalid_choice_message=NOT_LISTED)
    q = StringField(_l("Title or employer"), filters=[strip])


class SeekerFilterForm(FilterForm):
    q = StringField(_l("Name or mobile number"), filters=[strip])
    hometown = StringField(_l("Hometown region"), filters=[strip], validators=[Optional(), RegionCode()])


class SeekerLookupForm(FlaskForm):
    """Finding a seeker by ID number: posted, so that the number stays out of addresses and server logs."""

    id_number = StringField(_l("ID number"), filters=[strip], validators=[IdNumber()])


class AuditFilterForm(FilterForm):
    action = SelectField(_l("Action"), default="", invalid_choice_message=NOT_LISTED)
    user = StringField(_l("Username"), filters=[strip])
    target_type = SelectField(_l("Target"), default="", invalid_choice_message=NOT_LISTED)
    date_from = DateField(_l("From"), validators=[Optional()])
    date_to = DateField(_l("To"), validators=[Optional()])

    def __init__(self, *args, actions, target_types, **kwargs):
        super().__init__(*args, **kwargs)
        self.action.choices = [ALL, *(SelectChoice(a, ACTION_LABELS.get(a, a)) for a in actions)]
        self.target_type.choices = [ALL, *(SelectChoice(t, TARGET_LABELS.get(t, t)) for t in target_types)]

    def validate_date_from(self, field):
        check_day(field.data)

    def validate_date_to(self, field):
        check_day(field.data)


def check_day(day):
    if day is not None and not FIRST_DAY <= day <= LAST_DAY:
        raise ValidationError(_l("Choose a day from %(first)s to %(last)s.", first=FIRST_DAY.isoformat(),
                                 last=LAST_DAY.isoformat()))
