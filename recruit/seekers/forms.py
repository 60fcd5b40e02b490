"""Seeker forms: registration by the seeker or by partner staff, and the profile."""
import logging

from flask_babel import lazy_gettext as _l
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
from wtforms.validators import Optional

from recruit.core import checks
from recruit.core.checks import Problems
from recruit.core.display import ui_lang
from recruit.core.forms import FilterForm
from recruit.core.forms import Form
from recruit.core.forms import Required
from recruit.core.forms import TagListField
from recruit.core.forms import region_names
from recruit.core.forms import strip
from recruit.domain import education
from recruit.domain import idcard
from recruit.domain import occupations
from recruit.domain.errors import RuleError
from recruit.seekers import services

logger = logging.getLogger(__name__)

REGION_INPUT = {"autocomplete": "off", "spellcheck": "false"}
ID_INPUT = {"autocomplete": "off", "spellcheck": "false", "maxlength": "22"}
REGION_FIELDS = ("hometown_code", "current_region_code")


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


class ProfileForm(Form):
    """What a seeker tells about themselves besides the ID number."""

    name = StringField(_l("Full name"), validators=[Required()], render_kw={"autocomplete": "name"})
    mobile = StringField(_l("Mobile number"), validators=[Required()],
                         render_kw={"type": "tel", "autocomplete": "tel", "inputmode": "tel"})
    hometown_code = StringField(_l("Hometown"), render_kw=REGION_INPUT)
    current_region_code = StringField(_l("Where you live now"), render_kw=REGION_INPUT)
    education = SelectField(_l("Education"), validate_choice=False)
    skills = TagListField(_l("Skills"), joiner="、")
    desired_occupations = SelectMultipleField(_l("Trades you want to work in"), validate_choice=False)
    expected_salary = IntegerField(_l("Expected monthly salary (CNY)"), validators=[Optional()])
    willing_to_relocate = BooleanField(_l("I am willing to relocate for work"))
    available_from = DateField(_l("Available from"), validators=[Optional()])
    findable = BooleanField(_l("Employers may find me and invite me to apply"),
                            render_kw={"aria-describedby": "findable-help"})

    def __init__(self, *args, seeker=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.seeker = seeker
        levels = education.choices(ui_lang())
        self.education.choices = [SelectChoice("", _l("Choose…")), *(SelectChoice(*lv) for lv in levels)]
        self.desired_occupations.choices = occupation_choices()

    def check(self):
        services.check_profile(self.seeker, self.profile_values())

    def profile_values(self):
        """The values the seeker services take, by their model names (those the form asks for)."""
        return {name: self[name].data for name in services.PROFILE_FIELDS if name in self}

    def region_names(self):
        return region_names(self, *REGION_FIELDS)


class PartnerSeekerForm(ProfileForm):
    """Partner staff registering a seeker of their region on the seeker's behalf (no account)."""

    id_number = StringField(_l("ID number"), validators=[Required()], render_kw=ID_INPUT)
    consent = BooleanField(_l("The seeker has read and agreed to the privacy notice"))
    findable = None  # asked on the profile only; a registration starts findable

    def __init__(self, *args, staff, **kwargs):
        super().__init__(*args, **kwargs)
        self.staff = staff

    def check(self):
        services.check_registration(self.profile_values(), self.id_number.data, consent=self.consent.data,
                                    allowed_regions=self.staff.region_codes)


class PartnerProfileForm(ProfileForm):
    """Partner staff correcting the details of a seeker of their region."""

    findable = None  # the seeker's own choice: staff leave it as it is

    def __init__(self, *args, staff, **kwargs):
        super().__init__(*args, **kwargs)
        self.staff = staff

    def check(self):
        services.check_profile(self.seeker, self.profile_values(), allowed_regions=self.staff.region_codes)


class RegistrationForm(ProfileForm):
    """A seeker registering themselves, with the password of their new account."""

    id_number = StringField(_l("ID number"), validators=[Required()], render_kw=ID_INPUT)
    password = PasswordField(_l("Password"), validators=[Required()], render_kw={"autocomplete": "new-password"})
    confirm = PasswordField(_l("Password again"), render_kw={"autocomplete": "new-password"}, validators=[
        DataRequired(), EqualTo("password", message=_l("The two passwords differ."))])
    consent = BooleanField(_l("I have read and agree to the privacy notice"), validators=[Required()])
    findable = None  # asked on the profile only; a registration starts findable

    def check(self):
        services.check_self_registration(self.profile_values(), self.id_number.data, self.password.data,
                                         self.consent.data)


class SeekerFilterForm(FilterForm):
    """The list's filters in the address: nothing personal (a name, mobile or ID number goes by POST)."""

    hometown = StringField(_l("Hometown region"), filters=[strip], render_kw=REGION_INPUT)

    def check(self):
        problems = Problems()
        problems.check("hometown", checks.region, self.hometown.data, required=False)
        problems.raise_any()

    def region_names(self):
        return region_names(self, "hometown")


class SeekerFindForm(Form):
    """Finding seekers by name, mobile or ID number: posted, so that none of them lands in an address, a
    server log or the next page's Referer. Partner staff find only the seekers of their regions."""

    q = StringField(_l("Name, mobile or ID number"), filters=[strip], validators=[Required()],
                    render_kw={"autocomplete": "off", "spellcheck": "false", "type": "search"})
    exact = None
    found = ()

    def __init__(self, *args, within=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.within = within

    def check(self):
        try:
            self.exact, self.found = services.find(self.q.data, within=self.within)
        except RuleError as error:
            raise error.on("q") from None

    @property
    def missed_id_number(self):
        """The ID number a lookup found nobody with, masked, or None."""
        return idcard.mask(self.q.data) if "id_unknown" in self.refused else None
