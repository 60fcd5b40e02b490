"""Event forms: the event itself (times typed in the bureau's time zone) and the employers taking part."""
import logging

from babel.dates import get_day_names
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from wtforms import DateTimeLocalField
from wtforms import SelectField
from wtforms import StringField
from wtforms import TextAreaField
from wtforms import TimeField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import Optional

from recruit.core import clock
from recruit.core.forms import Form
from recruit.core.forms import RegionListField
from recruit.core.forms import Required
from recruit.core.forms import strip
from recruit.events import services
from recruit.events.models import EVENT_KINDS
from recruit.events.models import EVENT_STATUSES
from recruit.reports import schedule

logger = logging.getLogger(__name__)

# The first format is what a datetime-local input shows; seconds are accepted from browsers that send them.
DATETIME_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M"]


def _weekday(value):
    """A weekday's number from the select; anything else is None, which the service refuses."""
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


class EventForm(Form):
    name = StringField(_l("Event name"), filters=[strip], validators=[Required()])
    kind = SelectField(_l("Kind"), choices=EVENT_KINDS.choices(), validate_choice=False)
    starts_at = DateTimeLocalField(_l("Starts"), format=DATETIME_FORMATS, validators=[Required()])
    ends_at = DateTimeLocalField(_l("Ends"), format=DATETIME_FORMATS, validators=[Required()])
    venue = StringField(_l("Venue"), filters=[strip])
    host_region_code = StringField(_l("Host region"), filters=[strip], validators=[Required()])
    origin_region_codes = RegionListField(_l("Origin regions"))
    status = SelectField(_l("Status"), choices=EVENT_STATUSES.choices(), validate_choice=False)
    report_frequency = SelectField(_l("Match summary"), choices=[
        SelectChoice("daily", _l("Every day")), SelectChoice("weekly", _l("Once a week")),
        SelectChoice("close", _l("Only a final report at the close"))], default="daily", validate_choice=False)
    report_time = TimeField(_l("At (Beijing time)"), default=schedule.DEFAULT_AT, validators=[Optional()])
    report_weekday = SelectField(_l("On"), coerce=_weekday, default=0, validate_choice=False)
    description = TextAreaField(_l("Description"), render_kw={"rows": 4}, filters=[strip])

    def __init__(self, *args, custom_cron=None, **kwargs):
        super().__init__(*args, **kwargs)
        # A schedule of an older version (any cron) is kept as it is unless the bureau picks another.
        self.custom_cron = custom_cron
        if custom_cron:
            self.report_frequency.choices = [*self.report_frequency.choices,
                                             SelectChoice("custom", _l("Keep the current schedule (%(cron)s)",
                                                                       cron=custom_cron))]
        names = get_day_names("wide", locale=get_locale())
        self.report_weekday.choices = [SelectChoice(day, names[day]) for day in range(7)]

    @classmethod
    def for_event(cls, event):
        """The form filled from an event; stored UTC times are shown in the bureau's time zone."""
        data = {name: getattr(event, name) for name in services.EVENT_FIELDS if name != "report_cron"}
        data["starts_at"] = clock.to_local(event.starts_at)
        data["ends_at"] = clock.to_local(event.ends_at)
        plain = schedule.from_cron(event.report_cron)
        if plain is None:
            data["report_frequency"] = "custom"
            return cls(data=data, custom_cron=event.report_cron)
        data.update(report_frequency=plain.frequency, report_time=plain.at, report_weekday=plain.weekday or 0)
        return cls(data=data)

    def check(self):
        services.check_event(self.values())

    def values(self):
        values = {name: self[name].data for name in services.EVENT_FIELDS if name != "report_cron"}
        if self.report_frequency.data == "custom" and self.custom_cron:
            values["report_cron"] = self.custom_cron
        else:
            values.update(report_frequency=self.report_frequency.data, report_time=self.report_time.data,
                          report_weekday=self.report_weekday.data)
        return values


class ParticipationForm(Form):
    employer_id = SelectField(_l("Employer"), coerce=int, invalid_choice_message=_l("Choose one from the list."))
    booth = StringField(_l("Booth"), filters=[strip])

    def __init__(self, *args, event, employers, **kwargs):
        super().__init__(*args, **kwargs)
        self.event = event
        self.employers = {employer.id: employer for employer in employers}
        self.employer_id.choices = [SelectChoice(str(employer.id), employer.name) for employer in employers]

    @property
    def employer(self):
        return self.employers.get(self.employer_id.data)

    def check(self):
        if self.employer is not None:
            services.check_participation(self.event, self.employer, self.booth.data)


class BoothForm(Form):
    booth = StringField(_l("Booth"), filters=[strip])

    def __init__(self, *args, participation, **kwargs):
        super().__init__(*args, **kwargs)
        self.participation = participation

    def check(self):
        services.check_new_booth(self.participation, self.booth.data)
