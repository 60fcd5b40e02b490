"""The bureau's event pages: the list, creating and editing, the employers taking part with their booths."""
import logging

from flask import Blueprint
from flask import current_app
from flask import flash
from flask import redirect
from flask import render_template
from flask import url_for
from flask_babel import gettext as _

from recruit.core.access import acting_user
from recruit.core.access import get_or_404
from recruit.core.errors import flash_refusal
from recruit.core.pages import paginate
from recruit.domain.errors import RuleError
from recruit.events import services
from recruit.events.forms import BoothForm
from recruit.events.forms import EventForm
from recruit.events.forms import ParticipationForm
from recruit.events.models import Event
from recruit.events.models import Participation
from recruit.extensions import db
from recruit.postings.services import at_event

logger = logging.getLogger(__name__)

# Registered under the bureau's frame (recruit/blueprints.py): /bureau/events…, bureau pages only.
bp = Blueprint("events", __name__)


@bp.route("/events")
def index():
    page = paginate(services.all_events())
    return render_template("events/list.html", page=page, figures=services.figures_for(page.items))


@bp.route("/events/new", methods=["GET", "POST"])
def new():
    form = EventForm()
    if form.validate_on_submit():
        try:
            event = services.create_event(form.values(), acting_user())
        except RuleError as error:
            form.show(error)
        else:
            db.session.commit()
            flash(_("The event is created."), "success")
            return redirect(url_for(".detail", event_id=event.id))
    return render_template("events/form.html", form=form, event=None)


@bp.route("/events/<int:event_id>/edit", methods=["GET", "POST"])
def edit(event_id):
    event = get_or_404(Event, event_id)
    form = EventForm.for_event(event)
    if form.validate_on_submit():
        try:
            services.update_event(event, form.values(), acting_user())
        except RuleError as error:
            form.show(error)
        else:
            db.session.commit()
            flash(_("The event is saved."), "success")
            return redirect(url_for(".detail", event_id=event.id))
    return render_template("events/form.html", form=form, event=event)


# The page's second list (the postings take `?page=`): the employers taking part, a page at a time.
PARTICIPATIONS_ARG = "employers"


def page_of(participation):
    """The page of the event's employers that shows this participation."""
    return services.position_of(participation) // current_app.config["PAGE_SIZE"] + 1


def back_to(participation):
    """The event page at the participation's row, after a change to it."""
    page = page_of(participation)
    return redirect(url_for(".detail", event_id=participation.event_id, _anchor=f"participation-{participation.id}",
                            **({PARTICIPATIONS_ARG: page} if page > 1 else {})))


def detail_page(event, add_form=None, booth_form=None):
    add_form = add_form or ParticipationForm(event=event, employers=services.candidates(event))
    # A refused booth is shown next to its field: on the page holding that participation.
    page = page_of(booth_form.participation) if booth_form else None
    participations = paginate(services.participations_page(event), arg=PARTICIPATIONS_ARG, page=page)
    return render_template("events/detail.html", event=event, figures=services.figures_for([event])[event.id],
                           participations=participations, participations_arg=PARTICIPATIONS_ARG,
                           postings=paginate(at_event(event)), add_form=add_form, booth_form=booth_form,
                           schedule=services.schedule_text(event.report_cron))


@bp.route("/events/<int:event_id>")
def detail(event_id):
    return detail_page(get_or_404(Event, event_id))


@bp.route("/events/<int:event_id>/participations", methods=["POST"])
def participation_add(event_id):
    event = get_or_404(Event, event_id)
    form = ParticipationForm(event=event, employers=services.candidates(event))
    if not form.validate_on_submit():
        return detail_page(event, add_form=form)
    services.add_participation(event, form.employer, form.booth.data, acting_user())
    db.session.commit()
    flash(_("%(name)s takes part in the event.", name=form.employer.name), "success")
    return redirect(url_for(".detail", event_id=event.id))


@bp.route("/participations/<int:participation_id>/booth", methods=["POST"])
def participation_booth(participation_id):
    participation = get_or_404(Participation, participation_id)
    form = BoothForm(participation=participation)
    if not form.validate_on_submit():
        return detail_page(participation.event, booth_form=form)
    services.set_booth(participation, form.booth.data, acting_user())
    db.session.commit()
    flash(_("The booth of %(name)s is saved.", name=participation.employer.name), "success")
    return back_to(participation)


@bp.route("/participations/<int:participation_id>/approve", methods=["POST"])
def participation_approve(participation_id):
    participation = get_or_404(Participation, participation_id)
    services.approve_participation(participation, acting_user())
    db.session.commit()
    flash(_("%(name)s is approved for the event.", name=participation.employer.name), "success")
    return back_to(participation)


@bp.route("/participations/<int:participation_id>/remove", methods=["POST"])
def participation_remove(participation_id):
    participation = get_or_404(Participation, participation_id)
    event_id, name = participation.event_id, participation.employer.name
    try:
        services.remove_participation(participation, acting_user())
    except RuleError as error:
        db.session.rollback()
        flash_refusal(error)
    else:
        db.session.commit()
        flash(_("%(name)s no longer takes part in the event.", name=name), "success")
    return redirect(url_for(".detail", event_id=event_id))
