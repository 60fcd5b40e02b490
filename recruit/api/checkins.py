"""POST /events/{id}/checkins and /events/{id}/visitor-counts: what the check-in desk sends."""
import logging
from datetime import UTC

import marshmallow as ma
from flask import abort
from flask_babel import format_datetime
from flask_babel import lazy_gettext as _l

from recruit.api import blueprint
from recruit.api import schemas
from recruit.api import staff_required
from recruit.checkin import services
from recruit.core.access import acting_user
from recruit.core.display import region_name
from recruit.events.models import Event
from recruit.extensions import db

logger = logging.getLogger(__name__)

bp = blueprint("checkins", "Check-ins at the gate and the count of visitors who do not register.")

ALREADY = _l("Already checked in at %(time)s")
WELCOME = _l("Checked in just now")
MISSING_OR_WRONG = {**schemas.FIELD_MESSAGES, "invalid": _l("Enter a date and time such as 2023-02-11T09:12:00+08:00.")}


class ScanSchema(schemas.Schema):
    client_id = schemas.text(services.MAX_CLIENT_ID, required=True,
                             metadata={"description": "The desk's own id for this scan (sent again: counted once)"})
    code = schemas.text(services.MAX_CODE, required=True,
                        metadata={"description": "The gate QR code's text, an ID number or a mobile number"})
    at = ma.fields.AwareDateTime(default_timezone=UTC, error_messages=MISSING_OR_WRONG,
                                 metadata={"description": "When the desk scanned (a queued scan keeps its time)"})


class SeekerSchema(ma.Schema):
    id = ma.fields.Integer()
    name = ma.fields.String()
    id_masked = ma.fields.String()
    hometown_code = ma.fields.String()
    hometown = ma.fields.Function(lambda seeker: region_name(seeker.hometown_code))


class ArrivalSchema(ma.Schema):
    id = ma.fields.Integer()
    client_id = ma.fields.String(allow_none=True)
    new = ma.fields.Boolean(metadata={"description": "This scan checked the seeker in"})
    repeat = ma.fields.Boolean(metadata={"description": "The seeker had checked in before (not a second visitor)"})
    at = schemas.utc_time(lambda arrival: arrival.at, "When the seeker checked in")
    local_time = ma.fields.Function(lambda arrival: format_datetime(arrival.at, "HH:mm"))
    channel = ma.fields.String()
    message = ma.fields.Function(lambda arrival: str(ALREADY % {"time": format_datetime(arrival.at, "HH:mm")}
                                                     if arrival.repeat else WELCOME))
    seeker = ma.fields.Nested(SeekerSchema)


class CountSchema(schemas.Schema):
    client_id = schemas.text(services.MAX_CLIENT_ID, required=True)
    delta = ma.fields.Integer(required=True, strict=True, error_messages=schemas.FIELD_MESSAGES,
                              metadata={"description": "+1, +10, or a negative number to undo"})
    at = ma.fields.AwareDateTime(default_timezone=UTC, error_messages=MISSING_OR_WRONG)


class CountedSchema(ma.Schema):
    anonymous_visitors = ma.fields.Integer(metadata={"description": "The event's count after this one"})


def utc_naive(value):
    return value.astimezone(UTC).replace(tzinfo=None) if value is not None else None


@bp.route("/events/<int:event_id>/checkins", methods=["POST"])
@staff_required  # before the body is read: a stranger learns nothing of what a body should hold
@bp.arguments(ScanSchema)
@bp.response(201, ArrivalSchema, description="The seeker is checked in now")
@bp.alt_response(200, schema=ArrivalSchema, description="Checked in before, or this scan was sent before")
@bp.alt_response(404, schema=schemas.ErrorSchema, description="No such event, or no seeker for the code")
@bp.alt_response(409, schema=schemas.ErrorSchema, description="The event is not open for check-in")
@bp.alt_response(422, schema=schemas.ErrorSchema, description="A field is missing or wrong")
@bp.doc(security=[{"session": []}])
def create_checkin(scan, event_id):
    """Check a seeker in by the gate QR code, ID number or mobile number."""
    event = services.gate(event_id)
    if event is None:
        abort(404)
    arrival = services.check_in(event, scan["code"], client_id=scan["client_id"], at=utc_naive(scan.get("at")),
                                by_user=acting_user())
    db.session.commit()
    return arrival, 201 if arrival.new else 200


@bp.route("/events/<int:event_id>/visitor-counts", methods=["POST"])
@staff_required
@bp.arguments(CountSchema)
@bp.response(200, CountedSchema)
@bp.alt_response(409, schema=schemas.ErrorSchema, description="The count would go below zero, or the event is "
                                                              "not open")
@bp.doc(security=[{"session": []}])
def create_visitor_count(count, event_id):
    """Count visitors who do not register (+1, +10, or an undo)."""
    event = db.get_or_404(Event, event_id)
    total = services.count_visitors(event, count["delta"], client_id=count["client_id"],
                                    at=utc_naive(count.get("at")), by_user=acting_user())
    db.session.commit()
    return {"anonymous_visitors": total}
