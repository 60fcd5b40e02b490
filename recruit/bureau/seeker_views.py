"""Seekers: search, the profile (each view audited) and revealing an ID number (audited as a PII view)."""
import logging

import sqlalchemy as sa
from flask import make_response
from flask import redirect
from flask import render_template
from flask import request
from flask import url_for
from flask_babel import gettext as _
from sqlalchemy.orm import joinedload

from recruit.applications.models import Application
from recruit.audit.services import record
from recruit.bureau import queries
from recruit.bureau.forms import SeekerFilterForm
from recruit.bureau.forms import SeekerLookupForm
from recruit.bureau.views import bp
from recruit.bureau.views import valid
from recruit.checkin.models import Checkin
from recruit.core.access import get_or_404
from recruit.core.pages import paginate
from recruit.domain import regions
from recruit.extensions import db
from recruit.postings.models import Posting
from recruit.seekers.models import Seeker
from recruit.seekers.services import age_of
from recruit.seekers.services import find_by_id_number
from recruit.seekers.services import reveal_id_number

logger = logging.getLogger(__name__)


def seekers_page(lookup_form):
    form = SeekerFilterForm(request.args)
    form.validate()
    page = paginate(queries.seekers(form.q.data or "", valid(form.hometown) or ""))
    names = {"hometown": regions.full_name(form.hometown.data or "")}
    return render_template("bureau/seekers.html", form=form, lookup_form=lookup_form, page=page,
                           region_names=names, age_of=age_of)


@bp.route("/seekers")
def seekers():
    return seekers_page(SeekerLookupForm())


@bp.route("/seekers/lookup", methods=["POST"])
def seeker_lookup():
    """The seeker holding an exact ID number, found by its keyed hash (the number is stored encrypted)."""
    form = SeekerLookupForm()
    if form.validate_on_submit():
        seeker = find_by_id_number(form.id_number.data)
        if seeker is not None:
            return redirect(url_for("bureau.seeker", seeker_id=seeker.id))
        form.id_number.errors.append(_("No seeker holds this ID number."))
    return seekers_page(form)


def seeker_page(seeker, revealed_id=None):
    """The profile; a revealed ID number is shown in this one response, never cached or put in a URL."""
    applications = db.session.scalars(
        sa.select(Application).where(Application.seeker_id == seeker.id)
        .options(joinedload(Application.posting).joinedload(Posting.employer), joinedload(Application.event))
        .order_by(Application.updated_at.desc())).all()
    checkins = db.session.scalars(sa.select(Checkin).where(Checkin.seeker_id == seeker.id)
                                  .options(joinedload(Checkin.event)).order_by(Checkin.at.desc())).all()
    response = make_response(render_template("bureau/seeker.html", seeker=seeker, age=age_of(seeker),
                                             applications=applications, checkins=checkins,
                                             revealed_id=revealed_id))
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.route("/seekers/<int:seeker_id>")
def seeker(seeker_id):
    seeker = get_or_404(Seeker, seeker_id)
    record("seeker_viewed", target=seeker)
    db.session.commit()
    return seeker_page(seeker)


@bp.route("/seekers/<int:seeker_id>/reveal-id", methods=["POST"])
def reveal_id(seeker_id):
    seeker = get_or_404(Seeker, seeker_id)
    record("pii_view", target=seeker, field="id_number")
    db.session.commit()
    return seeker_page(seeker, revealed_id=reveal_id_number(seeker))
