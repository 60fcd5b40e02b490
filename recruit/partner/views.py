"""Partner-region staff pages: their region's seekers, one seeker's outcomes, registering a seeker."""
import logging

from flask import Blueprint
from flask import flash
from flask import redirect
from flask import render_template
from flask import request
from flask import url_for
from flask_babel import gettext as _
from flask_login import current_user

from recruit.applications import services as application_services
from recruit.checkin import services as checkin_services
from recruit.core.access import acting_user
from recruit.core.access import can_view_seeker
from recruit.core.access import get_or_404
from recruit.core.access import role_required
from recruit.core.pages import paginate
from recruit.domain import regions
from recruit.domain.errors import RuleError
from recruit.extensions import db
from recruit.partner.forms import SeekerSearchForm
from recruit.seekers import services as seeker_services
from recruit.seekers.display import describe
from recruit.seekers.forms import PartnerSeekerForm
from recruit.seekers.models import Seeker

logger = logging.getLogger(__name__)

bp = Blueprint("partner", __name__, url_prefix="/partner")


def served_regions():
    return [regions.full_name(code) for code in current_user.region_codes]


@bp.route("/seekers")
@role_required("partner")
def seekers():
    form = SeekerSearchForm(request.args)
    text = form.q.data if form.validate() else ""
    query = seeker_services.search(text, within=current_user.region_codes, by_id_number=True)
    page = paginate(query)
    ids = [seeker.id for seeker in page.items]
    return render_template("partner/seekers.html", form=form, page=page, served=served_regions(),
                           attended=checkin_services.events_attended(ids),
                           furthest=application_services.furthest_statuses(ids))


@bp.route("/seekers/<int:seeker_id>")
@role_required("partner")
def seeker(seeker_id):
    found = get_or_404(Seeker, seeker_id, can_view_seeker)
    applications = db.session.scalars(application_services.applications_of(found)).all()
    return render_template("partner/seeker.html", seeker=found, info=describe(found), applications=applications,
                           checkins=checkin_services.checkins_of(found))


@bp.route("/seekers/new", methods=["GET", "POST"])
@role_required("partner")
def register_seeker():
    staff = acting_user()
    form = PartnerSeekerForm(staff=staff)
    if form.validate_on_submit():
        try:
            registered = seeker_services.register_seeker(
                form.profile_values(), form.id_number.data, consent=form.consent.data, registered_by=staff,
                allowed_regions=staff.region_codes)
        except RuleError as error:
            form.show(error)
        else:
            db.session.commit()
            flash(_("%(name)s is registered. No online account was created for them.", name=registered.name),
                  "success")
            return redirect(url_for("partner.seeker", seeker_id=registered.id))
    return render_template("partner/register.html", form=form, served=served_regions())
