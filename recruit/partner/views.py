"""Partner-region staff pages: their region's seekers, one seeker's outcomes, registering a seeker."""
import logging

from flask import Blueprint
from flask import flash
from flask import redirect
from flask import render_template
from flask import request
from flask import url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from recruit.applications.labels import CHANGE_NOTES
from recruit.applications.labels import STATUS_BADGES
from recruit.applications.labels import STATUS_LABELS
from recruit.core.access import can_view_seeker
from recruit.core.access import get_or_404
from recruit.core.access import role_required
from recruit.core.pages import paginate
from recruit.domain import regions
from recruit.extensions import db
from recruit.partner import services
from recruit.partner.forms import SeekerSearchForm
from recruit.seekers import services as seeker_services
from recruit.seekers.display import describe
from recruit.seekers.forms import PartnerSeekerForm
from recruit.seekers.models import Seeker
from recruit.seekers.views import apply_error
from recruit.seekers.views import region_names

logger = logging.getLogger(__name__)

bp = Blueprint("partner", __name__, url_prefix="/partner")

CHANNEL_LABELS = {"qr": _l("QR code"), "id_number": _l("ID number"), "walk_in": _l("Walk-in")}


def short_region_name(code):
    region = regions.get(code)
    return region.name if region else code


@bp.route("/seekers")
@role_required("partner")
def seekers():
    form = SeekerSearchForm(request.args)
    text = form.q.data if form.validate() else ""
    page = paginate(services.seekers_in_regions(current_user.region_codes, text))
    outcomes = services.outcomes([seeker.id for seeker in page.items])
    served = [regions.full_name(code) for code in current_user.region_codes]
    return render_template("partner/seekers.html", form=form, page=page, outcomes=outcomes, served=served,
                           status_labels=STATUS_LABELS, region_name=short_region_name,
                           region_full_name=regions.full_name)


@bp.route("/seekers/<int:seeker_id>")
@role_required("partner")
def seeker(seeker_id):
    found = get_or_404(Seeker, seeker_id, can_view_seeker)
    return render_template("partner/seeker.html", seeker=found, info=describe(found),
                           applications=services.applications_of(found), checkins=services.checkins_of(found),
                           status_labels=STATUS_LABELS, status_badges=STATUS_BADGES,
                           change_notes=CHANGE_NOTES, channel_labels=CHANNEL_LABELS)


@bp.route("/seekers/new", methods=["GET", "POST"])
@role_required("partner")
def register_seeker():
    form = PartnerSeekerForm()
    if form.validate_on_submit():
        staff = current_user._get_current_object()
        try:
            registered = seeker_services.register_seeker(
                form.profile_values(), form.id_number.data, consent=form.consent.data, registered_by=staff,
                allowed_regions=staff.region_codes)
        except seeker_services.SeekerError as error:
            apply_error(form, error)
        else:
            db.session.commit()
            flash(_("%(name)s is registered. No online account was created for them.", name=registered.name),
                  "success")
            return redirect(url_for("partner.seeker", seeker_id=registered.id))
    served = [regions.full_name(code) for code in current_user.region_codes]
    return render_template("partner/register.html", form=form, served=served, region_names=region_names(form))
