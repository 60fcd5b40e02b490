"""Form pieces shared by features: domain validators with messages in the user's language."""
import logging
import re

from flask_babel import lazy_gettext as _l
from wtforms import StringField
from wtforms.validators import ValidationError

from recruit.domain import errors as domain_errors
from recruit.domain import idcard
from recruit.domain import mobile
from recruit.domain import regions
from recruit.domain import uscc

logger = logging.getLogger(__name__)

# Domain rules raise a stable code; this is what the user reads for each.
ID_NUMBER_MESSAGES = {
    "length": _l("An ID number has 18 characters."),
    "format": _l("An ID number is 17 digits followed by a digit or X."),
    "date": _l("The birth date in this ID number does not exist."),
    "future": _l("The birth date in this ID number lies in the future."),
    "region": _l("The region code at the start of this ID number does not exist."),
    "checksum": _l("This ID number is not valid: please check each digit (the last one is a check character)."),
    "underage": _l("Nobody under 16 may be hired (Labour Law art. 15)."),
}
USCC_MESSAGES = {
    "length": _l("A unified social credit code has 18 characters."),
    "charset": _l("A unified social credit code uses digits and capital letters other than I, O, S, V and Z."),
    "format": _l("A unified social credit code uses digits and capital letters other than I, O, S, V and Z."),
    "checksum": _l("This unified social credit code is not valid: please check each character."),
}
MOBILE_MESSAGES = {"format": _l("Enter an 11-digit mainland mobile number starting with 1, e.g. 13800138000.")}


def strip(value):
    """A form filter: blanks around typed text taken off (NUL bytes never get here: see core.web)."""
    return value.strip() if isinstance(value, str) else value


def message_for(error, messages):
    return messages.get(error.code, error.message)


class IdNumber:
    """A valid resident ID number; the field's data becomes the normalised number."""

    def __call__(self, form, field):
        try:
            field.data = idcard.parse(field.data or "").number
        except domain_errors.DomainError as error:
            raise ValidationError(message_for(error, ID_NUMBER_MESSAGES)) from error


class USCC:
    """A valid unified social credit code; the field's data becomes the normalised code."""

    def __call__(self, form, field):
        try:
            field.data = uscc.validate(field.data or "")
        except domain_errors.DomainError as error:
            raise ValidationError(message_for(error, USCC_MESSAGES)) from error


class Mobile:
    """A mainland mobile number; the field's data becomes its 11 digits."""

    def __call__(self, form, field):
        try:
            field.data = mobile.validate(field.data or "")
        except domain_errors.DomainError as error:
            raise ValidationError(message_for(error, MOBILE_MESSAGES)) from error


class RegionCode:
    """A current GB/T 2260 region code (counties, or any level when `any_level`)."""

    def __init__(self, any_level=True):
        self.any_level = any_level

    def __call__(self, form, field):
        region = regions.get((field.data or "").strip())
        if region is None or region.retired:
            raise ValidationError(_l("Choose a region from the list."))
        if not self.any_level and region.level != "county":
            raise ValidationError(_l("Choose a county or district."))
        field.data = region.code


MAX_SKILLS = 20
MAX_SKILL_LENGTH = 30


class TagListField(StringField):
    """Skills typed in one line; the data is the list of tags, without repeats.

    `separators` is a compiled pattern: Chinese users separate tags with 、 or full-width commas as often
    as with ASCII ones, and `joiner` is how the tags are shown back in the input.
    """

    def __init__(self, label=None, validators=None, separators=None, joiner=", ", **kwargs):
        super().__init__(label, validators, **kwargs)
        self.separators = separators or re.compile(r"[,，、;；\n]+")
        self.joiner = joiner

    def _value(self):
        return self.joiner.join(self.data or [])

    def process_formdata(self, valuelist):
        text = valuelist[0] if valuelist else ""
        tags = (tag.strip() for tag in self.separators.split(text))
        self.data = list(dict.fromkeys(tag for tag in tags if tag))

    def pre_validate(self, form):
        if len(self.data or []) > MAX_SKILLS:
            raise ValidationError(_l("At most %(max)d skills.", max=MAX_SKILLS))
        if any(len(tag) > MAX_SKILL_LENGTH for tag in self.data or []):
            raise ValidationError(_l("A skill has at most %(max)d characters.", max=MAX_SKILL_LENGTH))
