"""Posting forms: the employer's posting, and the public search's filters."""
import functools
import logging

from flask_babel import lazy_gettext as _l
from markupsafe import Markup
from wtforms import BooleanField
from wtforms import IntegerField
from wtforms import SelectField
from wtforms import SelectMultipleField
from wtforms import StringField
from wtforms import TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import Length
from wtforms.validators import Optional
from wtforms.validators import ValidationError
from wtforms.widgets import Select
from wtforms.widgets import html_params

from recruit.core import checks
from recruit.core.checks import Problems
from recruit.core.display import local_datetime
from recruit.core.display import ui_lang
from recruit.core.forms import FilterForm
from recruit.core.forms import Form
from recruit.core.forms import Required
from recruit.core.forms import TagListField
from recruit.core.forms import strip
from recruit.domain import education
from recruit.domain import occupations
from recruit.postings import services
from recruit.postings.models import BENEFITS
from recruit.postings.models import POSTING_STATUSES

logger = logging.getLogger(__name__)


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


class TradeSelect(PlaceholderSelect):
    """The trade select: its two hundred options are the same for everyone who reads a language, so they are
    rendered once per language and process (through WTForms they cost as much as the rest of the list page),
    and only the chosen one is marked on each page."""

    def __init__(self, placeholder):
        super().__init__(placeholder)
        self._options = {}  # language -> the options' HTML, none selected

    def __call__(self, field, **kwargs):
        lang = ui_lang()
        options = self._options.get(lang)
        if options is None:
            options = self._options[lang] = self.render_options(field)
        if field.data:
            unselected = str(Markup('<option value="{}">').format(field.data))
            options = options.replace(unselected, unselected.replace("<option ", "<option selected ", 1), 1)
        kwargs.setdefault("id", field.id)
        flags = getattr(field, "flags", {})
        for name in self.validation_attrs:
            if name not in kwargs and getattr(flags, name, False):
                kwargs[name] = getattr(flags, name)
        selected = "" if field.data else " selected"
        placeholder = Markup('<option value=""{}>{}</option>').format(Markup(selected), self.placeholder)
        return Markup(f"<select {html_params(name=field.name, **kwargs)}>{placeholder}{options}</select>")

    def render_options(self, field):
        parts = []
        for group, choices in field.iter_groups():
            parts.append(f"<optgroup {html_params(label=group)}>")
            parts += [self.render_option(choice._replace(selected=False)) for choice in choices]
            parts.append("</optgroup>")
        return "".join(parts)


@functools.cache
def occupation_choices(lang, with_groups=False):
    """Trades grouped by major group; with `with_groups` each group can also be chosen as a whole. The same for
    every form of a language: kept once made (the labels are lazy, shown in the language of the page)."""
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


class PostingForm(Form):
    """An opening as the employer describes it."""

    title = StringField(_l("Job title"), filters=[strip], validators=[Required()])
    occupation_code = SelectField(_l("Trade"), validate_choice=False, validators=[Required()],
                                  widget=TradeSelect(_l("Choose a trade")))
    headcount = IntegerField(_l("Number of people wanted"), validators=[Required()])
    salary_min = IntegerField(_l("Monthly pay from (CNY)"), validators=[Required()])
    salary_max = IntegerField(_l("Monthly pay up to (CNY)"), validators=[Required()])
    education_min = SelectField(_l("Minimum education"), validate_choice=False)
    age_min = IntegerField(_l("Age from"), default=services.MIN_WORKING_AGE, validators=[Required()])
    age_max = IntegerField(_l("Age up to"), default=60, validators=[Required()])
    work_region_code = StringField(_l("Place of work"), filters=[strip], validators=[Required()])
    skills = TagListField(_l("Skills"))
    housing = BooleanField(BENEFITS.label("housing"))
    meals = BooleanField(BENEFITS.label("meals"))
    social_insurance = BooleanField(BENEFITS.label("social_insurance"))
    travel_subsidy = BooleanField(BENEFITS.label("travel_subsidy"))
    dormitory = BooleanField(BENEFITS.label("dormitory"))
    description = TextAreaField(_l("Description"), filters=[strip])
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

    def check(self):
        services.check_posting(self.posting_data(), self.posting)

    def posting_data(self):
        data = {name: self[name].data for name in services.POSTING_FIELDS}
        data["education_min"] = data["education_min"] or None
        data["event_ids"] = self.event_ids.data or []
        return data


class SearchForm(FilterForm):
    """The filters of the public list of openings."""

    q = StringField(_l("Keywords"), filters=[strip],
                    validators=[Length(max=100, message=_l("Use at most %(max)d characters."))])
    event = SelectField(_l("Event"), validate_choice=False, validators=[Optional()])
    occupation = SelectField(_l("Trade"), validate_choice=False, widget=TradeSelect(_l("Any trade")),
                             validators=[Optional()])
    min_salary = IntegerField(_l("Pay at least (CNY a month)"), validators=[Optional()])
    region = StringField(_l("Place of work"), filters=[strip])
    education = SelectField(_l("My education"), validate_choice=False, validators=[Optional()])
    housing = BooleanField(BENEFITS.label("housing"))
    meals = BooleanField(BENEFITS.label("meals"))
    social_insurance = BooleanField(BENEFITS.label("social_insurance"))
    dormitory = BooleanField(BENEFITS.label("dormitory"))
    travel_subsidy = BooleanField(BENEFITS.label("travel_subsidy"))

    def __init__(self, *args, events=(), **kwargs):
        super().__init__(*args, **kwargs)
        lang = ui_lang()
        self.event.choices = [("", _l("Any event"))] + [(str(e.id), event_label(e)) for e in events]
        self.occupation.choices = occupation_choices(lang, with_groups=True)
        self.education.choices = education_choices(lang, _l("Any"))

    def check(self):
        problems = Problems()
        problems.check("min_salary", checks.integer, self.min_salary.data, 0, services.MAX_SALARY, required=False)
        problems.check("region", checks.region, self.region.data, required=False)
        problems.raise_any()

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
            "region_code": self.region, "education": self.education,
            **{benefit: self[benefit] for benefit in BENEFITS.values},
        }
        values = {key: field.data for key, field in fields.items() if not field.errors}
        # Only a listed event's id gets through validate_event; the check keeps an unvalidated form safe too.
        event = values.get("event_id") or ""
        values["event_id"] = int(event) if event.isascii() and event.isdigit() else None
        return values

    @property
    def active(self):
        """How many filters are set: the phone shows the count on the button that opens them."""
        return sum(1 for value in self.filters().values() if value)

    @property
    def benefit_fields(self):
        return [self[benefit] for benefit in BENEFITS.values]


class PostingFilterForm(FilterForm):
    """The bureau's filters over postings: waiting for review by default."""

    status = SelectField(_l("Status"), choices=[SelectChoice("", _l("All")), *POSTING_STATUSES.choices()],
                         default="pending", invalid_choice_message=_l("Choose one from the list."))
    q = StringField(_l("Title, trade or employer"), filters=[strip])
