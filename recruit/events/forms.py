"""Event forms: the event itself (times typed in the bureau's time zone) and the employers taking part."""
import logging

from flask_babel import lazy_gettext as _l
from wtforms import DateTimeLocalField
from wtforms import SelectField
from wtforms import StringField
from wtforms import TextAreaField
from wtforms.fields.choices import SelectChoice

from recruit.core import clock
from recruit.core.forms import Form
from recruit.core.forms import RegionListField
from recruit.core.forms import Required
from recruit.core.forms import strip
from recruit.events import services
from recruit.events.models import DEFAULT_REPORT_CRON
from recruit.events.models import EVENT_KINDS
from recruit.events.models import EVENT_STATUSES

logger = logging.getLogger(__name__)

# The first format is what a datetime-local input shows; seconds are accepted from browsers that send them.
DATETIME_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M"]


class EventForm(Form):
    name = StringField(_l("Event name"), filters=[strip], validators=[Required()])
    kind = SelectField(_l("Kind"), choices=EVENT_KINDS.choices(), validate_choice=False)
    starts_at = DateTimeLocalField(_l("Starts"), format=DATETIME_FORMATS, validators=[Required()])
    ends_at = DateTimeLocalField(_l("Ends"), format=DATETIME_FORMATS, validators=[Required()])
    venue = StringField(_l("Venue"), filters=[strip])
    host_region_code = StringField(_l("Host region"), filters=[strip], validators=[Required()])
    origin_region_codes = RegionListField(_l("Origin regions"))
    status = SelectField(_l("Status"), choices=EVENT_STATUSES.choices(), validate_choice=False)
    report_cron = StringField(_l("Report schedule"), default=DEFAULT_REPORT_CRON, filters=[strip],
                              validators=[Required()])
    description = TextAreaField(_l("Description"), render_kw={"rows": 4}, filters=[strip])

    @classmethod
    def for_event(cls, event):
        """The form filled from an event; stored UTC times are shown in the bureau's time zone."""
        data = {name: getattr(event, name) for name in services.EVENT_FIELDS}
        data["starts_at"] = clock.to_local(event.starts_at)
        data["ends_at"] = clock.to_local(event.ends_at)
        return cls(data=data)

    def check(self):
        services.check_event(self.values())

    def values(self):
        return {name: self[name].data for name in services.EVENT_FIELDS}


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
