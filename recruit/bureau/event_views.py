"""Events: the list, creating and editing them, and the employers taking part with their booths."""
import logging

import sqlalchemy as sa
from flask import flash
from flask import redirect
from flask import render_template
from flask import url_for
from flask_babel import gettext as _
from sqlalchemy.orm import joinedload

from recruit.bureau.forms import BoothForm
from recruit.bureau.forms import ParticipationForm
from recruit.bureau.views import bp
from recruit.bureau.views import me
from recruit.core.access import get_or_404
from recruit.core.pages import paginate
from recruit.domain import regions
from recruit.employers.models import Employer
from recruit.events import services
from recruit.events.forms import EventForm
from recruit.events.models import Event
from recruit.events.models import Participation
from recruit.extensions import db
from recruit.postings.models import Posting
from recruit.postings.models import posting_events

logger = logging.getLogger(__name__)


@bp.route("/events")
def events():
    page = paginate(sa.select(Event).order_by(Event.starts_at.desc(), Event.id.desc()))
    return render_template("bureau/events.html", page=page, figures=services.figures_for(page.items))


def event_form_page(form, event=None):
    names = {"host_region_code": regions.full_name(form.host_region_code.data or "")}
    return render_template("bureau/event_form.html", form=form, event=event, region_names=names)


@bp.route("/events/new", methods=["GET", "POST"])
def event_new():
    form = EventForm()
    if form.validate_on_submit():
        event = services.create_event(form.values(), me())
        db.session.commit()
        flash(_("The event is created."), "success")
        return redirect(url_for("bureau.event", event_id=event.id))
    return event_form_page(form)


@bp.route("/events/<int:event_id>/edit", methods=["GET", "POST"])
def event_edit(event_id):
    event = get_or_404(Event, event_id)
    form = EventForm.for_event(event)
    if form.validate_on_submit():
        services.update_event(event, form.values(), me())
        db.session.commit()
        flash(_("The event is saved."), "success")
        return redirect(url_for("bureau.event", event_id=event.id))
    return event_form_page(form, event)


def candidates(event):
    """Approved employers not yet taking part in the event, for the add form's select."""
    taking_part = sa.select(Participation.employer_id).where(Participation.event_id == event.id)
    return db.session.scalars(sa.select(Employer).where(Employer.status == "approved",
                                                        Employer.id.not_in(taking_part))
                              .order_by(Employer.name)).all()


def event_page(event, add_form=None, booth_form=None):
    participations = db.session.scalars(
        sa.select(Participation).where(Participation.event_id == event.id)
        .options(joinedload(Participation.employer)).order_by(Participation.booth, Participation.id)).all()
    postings = paginate(sa.select(Posting).join(posting_events, posting_events.c.posting_id == Posting.id)
                        .where(posting_events.c.event_id == event.id).options(joinedload(Posting.employer))
                        .order_by(Posting.employer_id, Posting.id))
    add_form = add_form or ParticipationForm(event=event, employers=candidates(event))
    return render_template("bureau/event.html", event=event, figures=services.figures_for([event])[event.id],
                           participations=participations, postings=postings, add_form=add_form,
                           booth_form=booth_form)


@bp.route("/events/<int:event_id>")
def event(event_id):
    return event_page(get_or_404(Event, event_id))


@bp.route("/events/<int:event_id>/participations", methods=["POST"])
def participation_add(event_id):
    event = get_or_404(Event, event_id)
    form = ParticipationForm(event=event, employers=candidates(event))
    if not form.validate_on_submit():
        return event_page(event, add_form=form)
    employer = get_or_404(Employer, form.employer_id.data)
    services.add_participation(event, employer, form.booth.data, me())
    db.session.commit()
    flash(_("%(name)s takes part in the event.", name=employer.name), "success")
    return redirect(url_for("bureau.event", event_id=event.id))


@bp.route("/participations/<int:participation_id>/booth", methods=["POST"])
def participation_booth(participation_id):
    participation = get_or_404(Participation, participation_id)
    form = BoothForm(participation=participation)
    if not form.validate_on_submit():
        return event_page(participation.event, booth_form=form)
    services.set_booth(participation, form.booth.data, me())
    db.session.commit()
    flash(_("The booth of %(name)s is saved.", name=participation.employer.name), "success")
    return redirect(url_for("bureau.event", event_id=participation.event_id))


@bp.route("/participations/<int:participation_id>/approve", methods=["POST"])
def participation_approve(participation_id):
    participation = get_or_404(Participation, participation_id)
    services.approve_participation(participation, me())
    db.session.commit()
    flash(_("%(name)s is approved for the event.", name=participation.employer.name), "success")
    return redirect(url_for("bureau.event", event_id=participation.event_id))


@bp.route("/participations/<int:participation_id>/remove", methods=["POST"])
def participation_remove(participation_id):
    participation = get_or_404(Participation, participation_id)
    event_id, name = participation.event_id, participation.employer.name
    services.remove_participation(participation, me())
    db.session.commit()
    flash(_("%(name)s no longer takes part in the event.", name=name), "success")
    return redirect(url_for("bureau.event", event_id=event_id))
