"""The bureau's seeker pages: search, the profile (each view audited) and revealing an ID number."""
import logging

from flask import Blueprint
from flask import make_response
from flask import redirect
from flask import render_template
from flask import request
from flask import url_for

from recruit.applications.services import applications_of
from recruit.audit.services import record
from recruit.checkin.services import checkins_of
from recruit.core.access import get_or_404
from recruit.core.forms import valid
from recruit.core.pages import paginate
from recruit.extensions import db
from recruit.seekers import services
from recruit.seekers.forms import SeekerFilterForm
from recruit.seekers.forms import SeekerLookupForm
from recruit.seekers.identity import reveal_id_number
from recruit.seekers.models import Seeker

logger = logging.getLogger(__name__)

# Registered under the bureau's frame (recruit/blueprints.py): /bureau/seekers, bureau pages only.
bp = Blueprint("seekers", __name__, url_prefix="/seekers")


def list_page(lookup_form):
    form = SeekerFilterForm(request.args)
    form.validate()
    page = paginate(services.search(form.q.data or "", valid(form.hometown) or ""))
    return render_template("seekers/bureau/list.html", form=form, lookup_form=lookup_form, page=page,
                           age_of=services.age_of)


@bp.route("")
def index():
    return list_page(SeekerLookupForm())


@bp.route("/lookup", methods=["POST"])
def lookup():
    """The seeker holding an exact ID number, found by its keyed hash (the number is stored encrypted)."""
    form = SeekerLookupForm()
    if form.validate_on_submit():
        return redirect(url_for(".detail", seeker_id=form.seeker.id))
    return list_page(form)


def detail_page(seeker, revealed_id=None):
    """The profile; a revealed ID number is shown in this one response, never cached or put in a URL."""
    response = make_response(render_template(
        "seekers/bureau/detail.html", seeker=seeker, age=services.age_of(seeker),
        applications=db.session.scalars(applications_of(seeker)).all(), checkins=checkins_of(seeker),
        revealed_id=revealed_id))
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.route("/<int:seeker_id>")
def detail(seeker_id):
    seeker = get_or_404(Seeker, seeker_id)
    record("seeker_viewed", target=seeker)
    db.session.commit()
    return detail_page(seeker)


@bp.route("/<int:seeker_id>/reveal-id", methods=["POST"])
def reveal_id(seeker_id):
    seeker = get_or_404(Seeker, seeker_id)
    record("pii_view", target=seeker, field="id_number")
    db.session.commit()
    return detail_page(seeker, revealed_id=reveal_id_number(seeker))
