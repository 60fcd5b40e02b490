"""The base of every form: it renders fields, coerces what was typed and shows what the service said."""
import logging
import re

from flask import abort
from flask import request
from flask_wtf import FlaskForm
from flask_wtf.form import _Auto
from wtforms import StringField
from wtforms.validators import StopValidation

from recruit.domain import regions
from recruit.domain import skills
from recruit.domain.errors import RuleError

logger = logging.getLogger(__name__)


def strip(value):
    """A form filter: blanks around typed text taken off (NUL bytes never get here: see core.web)."""
    return value.strip() if isinstance(value, str) else value


class Form(FlaskForm):
    """A form whose rules live in a service.

    `validate()` coerces each field (a number, a date), then asks the service through `check()` and puts each
    problem it names next to its field, so that every problem shows at once; a field that failed to coerce
    keeps its own message. Only the posted form fields are read: a JSON body, or a file sent where text is
    expected, is no submission of the page's form and gets a 400.
    """

    class Meta:
        def wrap_formdata(self, form, formdata):
            if formdata is not _Auto:
                return formdata
            if request.method not in ("POST", "PUT", "PATCH", "DELETE"):
                return None
            # A browser sends these forms urlencoded or multipart: anything else was not sent by the page.
            if request.is_json or any(field.name in request.files for field in form):
                abort(400)
            return request.form

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.refused = set()  # the codes of the service's problems, for pages that say more about one

    def check(self):
        """Ask the service for its verdict on the values; it raises a RuleError. Nothing by default."""

    def validate(self, extra_validators=None):
        valid = super().validate(extra_validators)
        try:
            self.check()
        except RuleError as error:
            self.show(error)
        return valid and not self.errors

    @property
    def password_dropped(self):
        """A refused form comes back without the password typed into it (browsers and this page never show
        it again): the page says plainly that it must be typed again."""
        field = self._fields.get("password")
        return field is not None and self.is_submitted() and bool(field.data) and not field.errors

    def show(self, error):
        """Each problem of a service's refusal next to its field, or above the form when it names none."""
        for problem in error.problems:
            self.refused.add(problem.code)
            field = self._fields.get(problem.field or "")
            if field is None or field.type in ("HiddenField", "CSRFTokenField"):
                self.form_errors.append(problem.message)
            elif not field.errors:
                field.errors = [*field.errors, problem.message]


class FilterForm(Form):
    """The filters of a list page: a GET form, so nothing to protect by CSRF."""

    class Meta:
        csrf = False


def valid(field):
    """A filter's value, or nothing when it failed validation (the page shows the error and ignores it)."""
    return None if field.errors else field.data


def region_names(form, *names):
    """Full names of the regions already in the form, for the region picker to show instead of bare codes."""
    found = {}
    for name in names:
        code = form[name].data
        if isinstance(code, str) and regions.get(code):
            found[name] = regions.full_name(code)
    return found


class TagListField(StringField):
    """Tags typed in one line; the data is the list of tags (the service checks how many and how long).

    Seekers and postings split by one rule (`skills.split`): a space stays inside a tag. `joiner` is how the
    tags are shown back in the input.
    """

    def __init__(self, label=None, validators=None, joiner=", ", **kwargs):
        super().__init__(label, validators, **kwargs)
        self.joiner = joiner

    def _value(self):
        return self.joiner.join(self.data or [])

    def process_formdata(self, valuelist):
        text = valuelist[0] if valuelist and isinstance(valuelist[0], str) else ""
        self.data = skills.split(text)


class RegionListField(StringField):
    """Region codes separated by blanks or commas; the data is the list of codes (the service checks them)."""

    _separators = re.compile(r"[\s,，、;；]+")

    def process_formdata(self, valuelist):
        text = valuelist[0] if valuelist and isinstance(valuelist[0], str) else ""
        self.data = [code for code in self._separators.split(text) if code]

    def _value(self):
        return ", ".join(self.data or [])


class Required:
    """Marks a field required on the page (the asterisk); the service says so when it is left empty.

    An empty number or date is not "not a valid number": its coercion error is dropped, so that the
    service's "This field is required." shows instead.
    """

    field_flags = {"required": True}

    def __call__(self, form, field):
        if not field.raw_data or not str(field.raw_data[0]).strip():
            field.errors[:] = []
            raise StopValidation()
