"""Seeker forms: registration by the seeker or by partner staff, and the profile."""
import logging

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField
from wtforms import DateField
from wtforms import IntegerField
from wtforms import PasswordField
from wtforms import SelectField
from wtforms import SelectMultipleField
from wtforms import StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired
from wtforms.validators import EqualTo
from wtforms.validators import Length
from wtforms.validators import NumberRange
from wtforms.validators import Optional
from wtforms.validators import ValidationError

from recruit.accounts.services import MIN_PASSWORD_LENGTH
from recruit.core.filters import ui_lang
from recruit.core.forms import IdNumber
from recruit.core.forms import Mobile
from recruit.core.forms import RegionCode
from recruit.core.forms import TagListField
from recruit.domain import education
from recruit.domain import occupations
from recruit.seekers.services import MAX_DESIRED_OCCUPATIONS
from recruit.seekers.services import MAX_NAME_LENGTH
from recruit.seekers.services import MAX_SALARY
from recruit.seekers.services import PROFILE_FIELDS

logger = logging.getLogger(__name__)

REGION_INPUT = {"autocomplete": "off", "spellcheck": "false"}
ID_INPUT = {"autocomplete": "off", "spellcheck": "false", "maxlength": "22"}


def occupation_choices():
    """The trades by major group, in the user's language, each with the words the filter box matches."""
    english = ui_lang() == "en"
    choices = []
    for occupation in occupations.all_occupations():
        group = occupations.MAJOR_GROUPS[occupation.major_group][1 if english else 0]
        words = " ".join((occupation.name, occupation.name_en, occupation.initials, *occupation.synonyms))
        label = occupation.name_en if english else occupation.name
        choices.append(SelectChoice(occupation.code, label, render_kw={"data-search": words.lower()},
                                    optgroup=group))
    return choices


class ProfileForm(FlaskForm):
    """What a seeker tells about themselves besides the ID number."""

    name = StringField(_l("Full name"), validators=[DataRequired(), Length(max=MAX_NAME_LENGTH)],
                       render_kw={"autocomplete": "name"})
    mobile = StringField(_l("Mobile number"), validators=[DataRequired(), Mobile()],
                         render_kw={"type": "tel", "autocomplete": "tel", "inputmode": "tel"})
    hometown_code = StringField(_l("Hometown"), validators=[Optional(), RegionCode()], render_kw=REGION_INPUT)
    current_region_code = StringField(_l("Where you live now"), validators=[Optional(), RegionCode()],
                                      render_kw=REGION_INPUT)
    education = SelectField(_l("Education"), validators=[Optional()],
                            invalid_choice_message=_l("Choose an education level from the list."))
    skills = TagListField(_l("Skills"), joiner="、")
    desired_occupations = SelectMultipleField(_l("Trades you want to work in"), validators=[Optional()],
                                              invalid_choice_message=_l("Choose trades from the list."))
    expected_salary = IntegerField(_l("Expected monthly salary (CNY)"), validators=[
        Optional(), NumberRange(min=0, max=MAX_SALARY, message=_l("Enter an amount from 0 to 1,000,000."))])
    willing_to_relocate = BooleanField(_l("I am willing to relocate for work"))
    available_from = DateField(_l("Available from"), validators=[Optional()])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        levels = education.choices(ui_lang())
        self.education.choices = [SelectChoice("", _l("Choose…")), *(SelectChoice(*lv) for lv in levels)]
        self.desired_occupations.choices = occupation_choices()

    def validate_desired_occupations(self, field):
        if len(field.data or []) > MAX_DESIRED_OCCUPATIONS:
            raise ValidationError(_l("Choose at most %(count)d trades.", count=MAX_DESIRED_OCCUPATIONS))

    def profile_values(self):
        """The values the seeker services take, by their model names."""
        return {name: self[name].data for name in PROFILE_FIELDS}


class PartnerSeekerForm(ProfileForm):
    """Partner staff registering a seeker of their region on the seeker's behalf (no account)."""

    id_number = StringField(_l("ID number"), validators=[DataRequired(), IdNumber()], render_kw=ID_INPUT)
    consent = BooleanField(_l("The seeker has read and agreed to the privacy notice"), validators=[
        DataRequired(_l("The seeker's consent to the privacy notice is required."))])


class RegistrationForm(ProfileForm):
    """A seeker registering themselves, with the password of their new account."""

    id_number = StringField(_l("ID number"), validators=[DataRequired(), IdNumber()], render_kw=ID_INPUT)
    password = PasswordField(_l("Password"), render_kw={"autocomplete": "new-password"}, validators=[
        DataRequired(), Length(min=MIN_PASSWORD_LENGTH, message=_l("Use at least %(min)d characters."))])
    confirm = PasswordField(_l("Password again"), render_kw={"autocomplete": "new-password"}, validators=[
        DataRequired(), EqualTo("password", message=_l("The two passwords differ."))])
    consent = BooleanField(_l("I have read and agree to the privacy notice"), validators=[
        DataRequired(_l("Registration needs your consent to the privacy notice."))])
