"""Event forms: the event itself, with times typed in the bureau's time zone."""
import logging
import re
from datetime import UTC
from zoneinfo import ZoneInfo

from flask import current_app
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateTimeLocalField
from wtforms import SelectField
from wtforms import StringField
from wtforms import TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired
from wtforms.validators import Length
from wtforms.validators import ValidationError

from recruit.core.forms import RegionCode
from recruit.core.forms import strip
from recruit.domain import regions
from recruit.events import services
from recruit.events.models import DEFAULT_REPORT_CRON

logger = logging.getLogger(__name__)

KIND_LABELS = {
    "fair": _l("On-site job fair"),
    "cross_province": _l("Cross-province recruitment drive"),
    "online": _l("Online event"),
}
EVENT_STATUS_LABELS = {"draft": _l("Draft"), "published": _l("Published"), "closed": _l("Closed")}
# The first format is what a datetime-local input shows; seconds are accepted from browsers that send them.
DATETIME_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M"]
_SEPARATORS = re.compile(r"[\s,，、;；]+")


def bureau_zone():
    return ZoneInfo(current_app.config["TIMEZONE"])


def choices(labels, codes=None):
    """A select's choices: each code with its translated label."""
    return [SelectChoice(code, labels[code]) for code in (codes or labels)]


class RegionCodeList(StringField):
    """Region codes separated by commas, each a province, city or county; its data is the list of codes."""

    def process_formdata(self, valuelist):
        self.data = [code for code in _SEPARATORS.split(valuelist[0]) if code] if valuelist else []

    def _value(self):
        return ", ".join(self.data or [])

    def pre_validate(self, form):
        for code in self.data or []:
            region = regions.get(code)
            if region is not None and region.retired and regions.current(code).pickable:
                raise ValidationError(_l("%(code)s is a former code: use %(current)s.", code=code,
                                         current=regions.current(code).code))
            if region is None or not region.pickable:
                message = _l("%(code)s is not a region code: choose regions from the list.", code=code)
                raise ValidationError(message)
        self.data = list(dict.fromkeys(self.data or []))


def rule(check, *args):
    """Run a service rule from a form validator: the rule lives once, its message lands next to the field."""
    try:
        return check(*args)
    except services.EventError as error:
        raise ValidationError(error.message) from error


class EventForm(FlaskForm):
    name = StringField(_l("Event name"), validators=[DataRequired(), Length(max=200)], filters=[strip])
    kind = SelectField(_l("Kind"), choices=choices(KIND_LABELS))
    starts_at = DateTimeLocalField(_l("Starts"), validators=[DataRequired()], format=DATETIME_FORMATS,
                                   tz=bureau_zone)
    ends_at = DateTimeLocalField(_l("Ends"), validators=[DataRequired()], format=DATETIME_FORMATS,
                                 tz=bureau_zone)
    venue = StringField(_l("Venue"), validators=[Length(max=300)], filters=[strip])
    host_region_code = StringField(_l("Host region"), validators=[DataRequired(), RegionCode()],
                                   filters=[strip])
    origin_region_codes = RegionCodeList(_l("Origin regions"))
    status = SelectField(_l("Status"), choices=choices(EVENT_STATUS_LABELS))
    report_cron = StringField(_l("Report schedule"), validators=[DataRequired(), Length(max=100)],
                              default=DEFAULT_REPORT_CRON, filters=[strip])
    description = TextAreaField(_l("Description"), render_kw={"rows": 4}, filters=[strip])

    @classmethod
    def for_event(cls, event):
        """The form filled from an event; stored UTC times are shown in the bureau's time zone."""
        data = {name: getattr(event, name) for name in services.EVENT_FIELDS}
        data["starts_at"] = event.starts_at.replace(tzinfo=UTC)
        data["ends_at"] = event.ends_at.replace(tzinfo=UTC)
        return cls(data=data)

    def validate_ends_at(self, field):
        if self.starts_at.data is not None and field.data is not None:
            rule(services.check_dates, self.starts_at.data, field.data)

    def validate_origin_region_codes(self, field):
        rule(services.check_origins, self.kind.data, field.data)

    def validate_report_cron(self, field):
        field.data = rule(services.check_cron, field.data)

    def values(self):
        return {name: self[name].data for name in services.EVENT_FIELDS}
