"""GET /events/{id}/stats: the live figures the big screen and the bureau's pages read."""
import logging

import marshmallow as ma
from flask import abort
from flask import request
from flask_login import current_user

from recruit.api import blueprint
from recruit.api import schemas
from recruit.dashboard import services
from recruit.events.models import Event
from recruit.extensions import db

logger = logging.getLogger(__name__)

bp = blueprint("stats", "An event's live figures.")


class EmployerIntentsSchema(ma.Schema):
    name = ma.fields.String()
    booth = ma.fields.String()
    intents = ma.fields.Integer(metadata={"description": "People at intent or beyond"})


class HourSchema(ma.Schema):
    hour = ma.fields.String(metadata={"description": "The hour's start on the bureau's clock, HH:mm"})
    checked_in = ma.fields.Integer()
    anonymous = ma.fields.Integer()


class OriginSchema(ma.Schema):
    code = ma.fields.String(metadata={"description": "The prefecture's region code"})
    name = ma.fields.String()
    checked_in = ma.fields.Integer()


class EventRefSchema(ma.Schema):
    id = ma.fields.Integer()
    name = ma.fields.String()
    status = ma.fields.String()


class StatsSchema(ma.Schema):
    event = ma.fields.Nested(EventRefSchema)
    as_of = schemas.utc_time(lambda stats: stats["as_of"], "When the figures were read")
    visitors = ma.fields.Integer(metadata={"description": "Checked in plus counted at the gate"})
    checked_in = ma.fields.Integer()
    anonymous = ma.fields.Integer()
    applications = ma.fields.Integer()
    intents = ma.fields.Integer(metadata={"description": "People with a preliminary intent or beyond"})
    top_employers = ma.fields.List(ma.fields.Nested(EmployerIntentsSchema))
    arrivals = ma.fields.List(ma.fields.Nested(HourSchema))
    origins = ma.fields.List(ma.fields.Nested(OriginSchema))


def _bearer():
    header = request.headers.get("Authorization", "")
    scheme, _, token = header.partition(" ")
    return token.strip() if scheme.lower() == "bearer" else None


def allowed(event_id):
    """Bureau staff, or a screen link of this very event (a link of another event is no key to this one)."""
    token = _bearer()
    if token is not None:
        link = services.screen_link_for(token)
        return link is not None and link.event_id == event_id
    if not current_user.is_authenticated:
        abort(401)
    return current_user.role == "bureau"


@bp.route("/events/<int:event_id>/stats")
@bp.response(200, StatsSchema)
@bp.alt_response(401, schema=schemas.ErrorSchema, description="Neither signed in nor a screen link")
@bp.alt_response(403, schema=schemas.ErrorSchema, description="Not bureau staff, or a revoked or other link")
@bp.doc(security=[{"session": []}, {"screen": []}])
def event_stats(event_id):
    """The event's visitors, check-ins, applications, intents, top employers, arrivals per hour, origins."""
    if not allowed(event_id):
        abort(403)
    return services.stats(db.get_or_404(Event, event_id))
