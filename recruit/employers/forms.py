"""Employer forms: the company's details, registration with the HR contact's account, the bureau's review."""
import logging

from flask_babel import lazy_gettext as _l
from wtforms import PasswordField
from wtforms import SelectField
from wtforms import StringField
from wtforms import TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired
from wtforms.validators import EqualTo

from recruit.core.display import ui_lang
from recruit.core.forms import FilterForm
from recruit.core.forms import Form
from recruit.core.forms import Required
from recruit.core.forms import strip
from recruit.domain import industries
from recruit.employers import review
from recruit.employers import services
from recruit.employers.models import EMPLOYER_STATUSES
from recruit.employers.models import SIZES

logger = logging.getLogger(__name__)

ALL = SelectChoice("", _l("All"))


class CompanyForm(Form):
    """The company's details, as registered and as edited later."""

    name = StringField(_l("Company name"), filters=[strip], validators=[Required()])
    uscc = StringField(_l("Unified social credit code"), filters=[strip], validators=[Required()])
    industry = SelectField(_l("Industry"), validate_choice=False, validators=[Required()])
    region_code = StringField(_l("Region"), filters=[strip], validators=[Required()])
    address = StringField(_l("Address"), filters=[strip], validators=[Required()])
    size = SelectField(_l("Number of employees"), choices=SIZES.choices(), default="20-99", validate_choice=False)
    description = TextAreaField(_l("About the company"), filters=[strip])
    contact_name = StringField(_l("Contact person"), filters=[strip], validators=[Required()])
    contact_mobile = StringField(_l("Contact mobile number"), filters=[strip], validators=[Required()])

    def __init__(self, *args, employer=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.employer = employer
        lang = ui_lang()
        self.industry.choices = [("", _l("Choose an industry"))] + [
            (letter, f"{letter} · {industries.name(letter, lang)}") for letter in industries.SECTIONS]

    def check(self):
        services.check_company(self.company_data(), self.employer)

    def company_data(self):
        return {name: self[name].data for name in services.COMPANY_FIELDS}


class RegistrationForm(CompanyForm):
    """A company and the account its HR contact signs in with."""

    username = StringField(_l("Username"), filters=[strip], validators=[Required()])
    password = PasswordField(_l("Password"), validators=[Required()])
    confirm = PasswordField(_l("Password again"), validators=[
        DataRequired(), EqualTo("password", message=_l("The two passwords differ."))])

    def check(self):
        services.check_registration(self.company_data(), self.username.data, self.password.data)


class ReasonForm(Form):
    """The reason of a review that refuses something; the employer reads it."""

    reason = TextAreaField(_l("Reason"), filters=[strip], render_kw={"rows": 3}, validators=[Required()])

    def check(self):
        review.review_reason(self.reason.data)


class EmployerFilterForm(FilterForm):
    status = SelectField(_l("Status"), choices=[ALL, *EMPLOYER_STATUSES.choices()], default="",
                         invalid_choice_message=_l("Choose one from the list."))
    q = StringField(_l("Name or unified social credit code"), filters=[strip])
