"""The check-in desk at the gate (bureau staff): scans, typed numbers, walk-ins and the visitor counter."""
import logging

from flask import Blueprint
from flask import flash
from flask import redirect
from flask import render_template
from flask import url_for
from flask_babel import format_datetime
from flask_babel import gettext as _

from recruit.checkin import services
from recruit.checkin.forms import WalkInForm
from recruit.core.access import acting_user
from recruit.core.access import get_or_404
from recruit.domain.errors import RuleError
from recruit.events.models import Event
from recruit.extensions import db

logger = logging.getLogger(__name__)

# Registered under the bureau's frame (recruit/blueprints.py): /bureau/events/<id>/desk, bureau staff only.
bp = Blueprint("checkin", __name__)


def closed_reason(event):
    """Why the desk cannot take scans for the event, or None when it is open."""
    try:
        services.check_open(event)
    except RuleError as error:
        return error.message
    return None


def desk_page(event, form=None):
    return render_template("checkin/desk.html", event=event, closed=closed_reason(event),
                           form=form or WalkInForm())


@bp.route("/events/<int:event_id>/desk")
def desk(event_id):
    return desk_page(get_or_404(Event, event_id))


@bp.route("/events/<int:event_id>/walk-in", methods=["POST"])
def walk_in(event_id):
    event = get_or_404(Event, event_id)
    form = WalkInForm()
    if form.validate_on_submit():
        try:
            arrival, registered_now = services.walk_in(event, form.values(), form.id_number.data,
                                                       consent=form.consent.data, by_user=acting_user())
        except RuleError as error:
            form.show(error)
        else:
            db.session.commit()
            flash_arrival(arrival, registered_now)
            return redirect(url_for(".desk", event_id=event.id))
    return desk_page(event, form)


def flash_arrival(arrival, registered_now):
    """What the clerk reads back: a person already registered is checked in as they are, by their own name."""
    name = arrival.seeker.name
    if registered_now:
        flash(_("%(name)s is registered and checked in.", name=name), "success")
    elif arrival.repeat:
        time = format_datetime(arrival.at, "HH:mm")
        flash(_("%(name)s was already registered and checked in at %(time)s.", name=name, time=time), "warning")
    else:
        flash(_("%(name)s was already registered and is now checked in.", name=name), "success")
