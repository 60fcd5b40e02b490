"""Posting forms: the employer's posting, and the public search's filters."""
import logging
import re

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from markupsafe import Markup
from wtforms import BooleanField
from wtforms import IntegerField
from wtforms import SelectField
from wtforms import SelectMultipleField
from wtforms import StringField
from wtforms import TextAreaField
from wtforms.validators import DataRequired
from wtforms.validators import InputRequired
from wtforms.validators import Length
from wtforms.validators import NumberRange
from wtforms.validators import Optional
from wtforms.validators import ValidationError
from wtforms.widgets import Select

from recruit.core.filters import ui_lang
from recruit.core.forms import RegionCode
from recruit.core.forms import TagListField
from recruit.core.forms import strip
from recruit.core.web import local_datetime
from recruit.domain import education
from recruit.domain import occupations
from recruit.employers.forms import NotProvince
from recruit.postings import services
from recruit.postings.labels import BENEFIT_LABELS

logger = logging.getLogger(__name__)

MAX_SALARY = 1_000_000
_TAG_SEPARATORS = re.compile(r"[,，、;；\s]+")


class PlaceholderSelect(Select):
    """A select that opens on an empty 'choose' option, outside any option group."""

    def __init__(self, placeholder):
        super().__init__()
        self.placeholder = placeholder

    def __call__(self, field, **kwargs):
        html = super().__call__(field, **kwargs)
        selected = "" if field.data else " selected"
        option = Markup('<option value=""{}>{}</option>').format(Markup(selected), self.placeholder)
        head, _, tail = html.partition(">")
        return Markup(f"{head}>{option}{tail}")


def occupation_choices(lang, with_groups=False):
    """Trades grouped by major group; with `with_groups` each group can also be chosen as a whole."""
    grouped = {}
    for occupation in occupations.all_occupations():
        name = occupation.name_en if lang == "en" and occupation.name_en else occupation.name
        grouped.setdefault(occupation.major_group, []).append((occupation.code, name))
    choices = {}
    for group, (zh, en) in occupations.MAJOR_GROUPS.items():
        label = f"{group} · {en if lang == 'en' else zh}"
        options = grouped.get(group, [])
        if with_groups:
            options = [(group, _l("All of group %(group)s", group=group))] + options
        if options:
            choices[label] = options
    return choices


def education_choices(lang, empty_label):
    return [("", empty_label)] + education.choices(lang)


def event_label(event):
    return f"{event.name} ({local_datetime(event.starts_at, 'yyyy-MM-dd')})"


class PostingForm(FlaskForm):
    """An opening as the employer describes it."""

    title = StringField(_l("Job title"), filters=[strip], validators=[DataRequired(), Length(max=200)])
    occupation_code = SelectField(_l("Trade"), validate_choice=False,
                                  widget=PlaceholderSelect(_l("Choose a trade")),
                                  validators=[DataRequired(message=_l("Choose a trade."))])
    headcount = IntegerField(_l("Number of people wanted"), validators=[InputRequired(), NumberRange(min=1)])
    salary_min = IntegerField(_l("Monthly pay from (CNY)"),
                              validators=[InputRequired(), NumberRange(min=0, max=MAX_SALARY)])
    salary_max = IntegerField(_l("Monthly pay up to (CNY)"),
                              validators=[InputRequired(), NumberRange(min=0, max=MAX_SALARY)])
    education_min = SelectField(_l("Minimum education"), validate_choice=False)
    age_min = IntegerField(_l("Age from"), default=services.MIN_WORKING_AGE, validators=[InputRequired()])
    age_max = IntegerField(_l("Age up to"), default=60, validators=[InputRequired()])
    work_region_code = StringField(_l("Place of work"), filters=[strip],
                                   validators=[DataRequired(), RegionCode(any_level=True), NotProvince()])
    skills = TagListField(_l("Skills"), separators=_TAG_SEPARATORS)
    housing = BooleanField(BENEFIT_LABELS["housing"])
    meals = BooleanField(BENEFIT_LABELS["meals"])
    social_insurance = BooleanField(BENEFIT_LABELS["social_insurance"])
    travel_subsidy = BooleanField(BENEFIT_LABELS["travel_subsidy"])
    dormitory = BooleanField(BENEFIT_LABELS["dormitory"])
    description = TextAreaField(_l("Description"), filters=[strip], validators=[Length(max=5000)])
    event_ids = SelectMultipleField(_l("Events"), coerce=int, validate_choice=False)

    def __init__(self, *args, events=(), posting=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.posting = posting
        lang = ui_lang()
        self.occupation_code.choices = occupation_choices(lang)
        self.education_min.choices = education_choices(lang, _l("No requirement"))
        self.event_ids.choices = [(event.id, event_label(event)) for event in events]
        if posting is not None and not self.is_submitted():
            self.event_ids.data = [event.id for event in posting.events]

    def validate(self, extra_validators=None):
        """The fields one by one, then the posting's rules from the service, so that all show at once."""
        valid = super().validate(extra_validators)
        for problem in services.problems(self.posting_data(), self.posting):
            field = self._fields.get(problem.field or "")
            if field is None or not field.errors:  # a field in error says what is wrong with it already
                self.add_error(problem)
        return valid and not self.errors

    def posting_data(self):
        data = {name: self[name].data for name in services.POSTING_FIELDS}
        data["education_min"] = data["education_min"] or None
        data["skills"] = data["skills"] or []
        data["description"] = data["description"] or ""
        data["event_ids"] = self.event_ids.data or []
        return data

    def add_error(self, error):
        """Show a service's refusal next to the field it concerns (or above the form)."""
        field = self._fields.get(error.field or "")
        if field is None:
            self.form_errors.append(error.message)
        else:
            field.errors = [*field.errors, error.message]


class SearchForm(FlaskForm):
    """The filters of the public list of openings (a GET form: nothing to protect)."""

    class Meta:
        csrf = False

    q = StringField(_l("Keywords"), filters=[strip], validators=[Optional(), Length(max=100)])
    event = SelectField(_l("Event"), validate_choice=False, validators=[Optional()])
    occupation = SelectField(_l("Trade"), validate_choice=False, widget=PlaceholderSelect(_l("Any trade")),
                             validators=[Optional()])
    min_salary = IntegerField(_l("Pay at least (CNY a month)"),
                              validators=[Optional(), NumberRange(min=0, max=MAX_SALARY)])
    region = StringField(_l("Place of work"), filters=[strip], validators=[Optional(), RegionCode()])
    education = SelectField(_l("My education"), validate_choice=False, validators=[Optional()])
    dormitory = BooleanField(BENEFIT_LABELS["dormitory"])
    travel_subsidy = BooleanField(BENEFIT_LABELS["travel_subsidy"])

    def __init__(self, *args, events=(), **kwargs):
        super().__init__(*args, **kwargs)
        lang = ui_lang()
        self.event.choices = [("", _l("Any event"))] + [(str(e.id), event_label(e)) for e in events]
        self.occupation.choices = occupation_choices(lang, with_groups=True)
        self.education.choices = education_choices(lang, _l("Any"))

    def validate_event(self, field):
        if field.data and field.data not in {value for value, _ in self.event.choices}:
            raise ValidationError(_l("Choose an event from the list."))

    def validate_occupation(self, field):
        known = field.data in occupations.MAJOR_GROUPS or occupations.is_valid(field.data or "")
        if field.data and not known:
            raise ValidationError(_l("Choose a trade from the list."))

    def validate_education(self, field):
        if field.data and not education.is_valid(field.data):
            raise ValidationError(_l("Choose an education level from the list."))

    def filters(self):
        """The valid filters, for services.search_postings; a field in error (after validate) is left out."""
        fields = {
            "q": self.q, "event_id": self.event, "occupation": self.occupation, "min_salary": self.min_salary,
            "region_code": self.region, "education": self.education, "dormitory": self.dormitory,
            "travel_subsidy": self.travel_subsidy,
        }
        values = {key: field.data for key, field in fields.items() if not field.errors}
        # Only a listed event's id gets through validate_event; the check keeps an unvalidated form safe too.
        event = values.get("event_id") or ""
        values["event_id"] = int(event) if event.isascii() and event.isdigit() else None
        return values

    @property
    def active(self):
        """Whether any filter is set (the phone layout keeps the filters open then)."""
        return any(value for value in self.filters().values())
