"""Employer forms: the company's details, and registration with the HR contact's account."""
import logging

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import PasswordField
from wtforms import SelectField
from wtforms import StringField
from wtforms import TextAreaField
from wtforms.validators import DataRequired
from wtforms.validators import EqualTo
from wtforms.validators import Length
from wtforms.validators import Regexp
from wtforms.validators import ValidationError

from recruit.accounts.services import MIN_PASSWORD_LENGTH
from recruit.core.filters import ui_lang
from recruit.core.forms import USCC
from recruit.core.forms import Mobile
from recruit.core.forms import RegionCode
from recruit.core.forms import strip
from recruit.domain import industries
from recruit.domain import regions
from recruit.employers import services
from recruit.employers.labels import SIZE_LABELS
from recruit.employers.models import SIZES

logger = logging.getLogger(__name__)


class NotProvince:
    """A place narrower than a province: a city, county or district."""

    def __call__(self, form, field):
        region = regions.get(field.data or "")
        if region is not None and region.level == "province":
            raise ValidationError(_l("Choose a city, county or district, not a whole province."))


class CompanyForm(FlaskForm):
    """The company's details, as registered and as edited later."""

    name = StringField(_l("Company name"), filters=[strip], validators=[DataRequired(), Length(max=200)])
    uscc = StringField(_l("Unified social credit code"), filters=[strip],
                       validators=[DataRequired(), USCC()])
    industry = SelectField(_l("Industry"), validators=[DataRequired()])
    region_code = StringField(_l("Region"), filters=[strip],
                              validators=[DataRequired(), RegionCode(any_level=True), NotProvince()])
    address = StringField(_l("Address"), filters=[strip], validators=[DataRequired(), Length(max=300)])
    size = SelectField(_l("Number of employees"), choices=[(code, SIZE_LABELS[code]) for code in SIZES],
                       default="20-99")
    description = TextAreaField(_l("About the company"), filters=[strip], validators=[Length(max=5000)])
    contact_name = StringField(_l("Contact person"), filters=[strip],
                               validators=[DataRequired(), Length(max=100)])
    contact_mobile = StringField(_l("Contact mobile number"), filters=[strip],
                                 validators=[DataRequired(), Mobile()])

    def __init__(self, *args, employer=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.employer = employer
        lang = ui_lang()
        self.industry.choices = [("", _l("Choose an industry"))] + [
            (letter, f"{letter} · {industries.name(letter, lang)}") for letter in industries.SECTIONS]

    def validate_uscc(self, field):
        try:
            services.check_uscc_free(field.data, self.employer)
        except services.EmployerError as error:
            raise ValidationError(error.message) from error

    def company_data(self):
        return {name: self[name].data for name in services.COMPANY_FIELDS}

    def add_error(self, error):
        """Show a service's refusal next to the field it concerns."""
        self[error.field or "uscc"].errors.append(error.message)


class RegistrationForm(CompanyForm):
    """A company and the account its HR contact signs in with."""

    username = StringField(_l("Username"), filters=[strip], validators=[
        DataRequired(), Length(min=3, max=64),
        Regexp(r"^[A-Za-z0-9_.@-]+$", message=_l("Use letters, digits and . _ - @ only."))])
    password = PasswordField(_l("Password"), validators=[
        DataRequired(), Length(min=MIN_PASSWORD_LENGTH, message=_l("Use at least %(min)d characters."))])
    confirm = PasswordField(_l("Password again"), validators=[
        DataRequired(), EqualTo("password", message=_l("The two passwords differ."))])

    def validate_username(self, field):
        try:
            services.check_username_free(field.data)
        except services.EmployerError as error:
            raise ValidationError(error.message) from error
