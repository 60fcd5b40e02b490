"""Shapes shared by every resource of the API: the error, and the messages of a field that fails."""
import logging
from datetime import UTC

import marshmallow as ma
from flask_babel import lazy_gettext as _l

logger = logging.getLogger(__name__)

# marshmallow's own messages are English; these are read in the request's language (str() in the handler).
FIELD_MESSAGES = {
    "required": _l("This field is required."),
    "null": _l("This field is required."),
    "invalid": _l("This value is not valid here."),
}


class Schema(ma.Schema):
    """A request body: a field it does not know is an error, not silently dropped."""

    class Meta:
        unknown = ma.RAISE

    error_messages = {
        "unknown": _l("This field is not known."),
        "type": _l("The body must be a JSON object."),
    }


def text(length_max, **kwargs):
    return ma.fields.String(validate=ma.validate.Length(min=1, max=length_max,
                                                        error=_l("Enter 1 to {max} characters.")),
                            error_messages=FIELD_MESSAGES, **kwargs)


def utc_time(read, description):
    """A time kept as naive UTC, written with its offset so that no client takes it for local time."""
    return ma.fields.Function(lambda obj: read(obj).replace(tzinfo=UTC).isoformat(),
                              metadata={"description": description, "format": "date-time"})


class ErrorDetailSchema(ma.Schema):
    code = ma.fields.String(metadata={"description": "A stable code clients may rely on"})
    message = ma.fields.String(metadata={"description": "What went wrong, in the user's language"})
    fields = ma.fields.Dict(keys=ma.fields.String(), values=ma.fields.List(ma.fields.String()),
                            metadata={"description": "Each field's messages"})


class ErrorSchema(ma.Schema):
    error = ma.fields.Nested(ErrorDetailSchema)
