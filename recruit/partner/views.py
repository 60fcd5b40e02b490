"""Partner-region staff pages: their region's seekers, one seeker's outcomes, registering a seeker."""
import logging

from flask import Blueprint
from flask import flash
from flask import redirect
from flask import render_template
from flask import url_for
from flask_babel import gettext as _
from flask_login import current_user

from recruit.accounts import services as account_services
from recruit.applications import services as application_services
from recruit.applications.forms import BehalfForm
from recruit.checkin import services as checkin_services
from recruit.core.access import acting_user
from recruit.core.access import can_reset_password
from recruit.core.access import can_view_seeker
from recruit.core.access import get_or_404
from recruit.core.access import role_required
from recruit.core.errors import flash_refusal
from recruit.core.pages import paginate
from recruit.domain import regions
from recruit.domain.errors import RuleError
from recruit.extensions import db
from recruit.seekers import services as seeker_services
from recruit.seekers.display import describe
from recruit.seekers.forms import PartnerProfileForm
from recruit.seekers.forms import PartnerSeekerForm
from recruit.seekers.forms import SeekerFindForm
from recruit.seekers.models import Seeker

logger = logging.getLogger(__name__)

bp = Blueprint("partner", __name__, url_prefix="/partner")


def served_regions():
    return [regions.full_name(code) for code in current_user.region_codes]


@bp.route("/seekers", methods=["GET", "POST"])
@role_required("partner")
def seekers():
    """The region's seekers, newest first; a posted name, mobile or ID number narrows them (never by URL)."""
    form = SeekerFindForm(within=current_user.region_codes)
    found = None
    if form.validate_on_submit():
        found = form.found
    if form.is_submitted():
        seeker_services.record_lookup(form.exact, form.missed_id_number)
        db.session.commit()
    if form.exact is not None:
        return redirect(url_for(".seeker", seeker_id=form.exact.id))
    page = paginate(seeker_services.search(within=current_user.region_codes))
    shown = found if found is not None else page.items
    ids = [seeker.id for seeker in shown]
    return render_template("partner/seekers.html", form=form, page=page, found=found, shown=shown,
                           served=served_regions(), attended=checkin_services.events_attended(ids),
                           furthest=application_services.furthest_statuses(ids))


def seeker_page(found, reset_code=None, opened_code=None, behalf=None):
    applications = db.session.scalars(application_services.applications_of(found)).all()
    behalf = behalf or BehalfForm(choices=application_services.behalf_choices(current_user.region_codes))
    return render_template("partner/seeker.html", seeker=found, info=describe(found), applications=applications,
                           checkins=checkin_services.checkins_of(found), reset_code=reset_code,
                           opened_code=opened_code, behalf=behalf)


@bp.route("/seekers/<int:seeker_id>")
@role_required("partner")
def seeker(seeker_id):
    return seeker_page(get_or_404(Seeker, seeker_id, can_view_seeker))


@bp.route("/seekers/<int:seeker_id>/reset-password", methods=["POST"])
@role_required("partner")
def reset_password(seeker_id):
    """A one-time code for a seeker of the partner's regions who forgot their password."""
    found = get_or_404(Seeker, seeker_id,
                       lambda user, seeker: seeker.user is not None and can_reset_password(user, seeker.user))
    code = account_services.reset_password(found.user, acting_user())
    db.session.commit()
    return seeker_page(found, reset_code=code)


@bp.route("/seekers/<int:seeker_id>/account", methods=["POST"])
@role_required("partner")
def open_account(seeker_id):
    """An online account for a seeker of the partner's regions registered without one, after checking their
    ID card: the code on this page is the only time it is shown."""
    found = get_or_404(Seeker, seeker_id, can_view_seeker)
    try:
        code = seeker_services.open_account(found, acting_user())
    except RuleError as error:
        flash_refusal(error)
        return redirect(url_for(".seeker", seeker_id=found.id))
    db.session.commit()
    return seeker_page(found, opened_code=code)


@bp.route("/seekers/<int:seeker_id>/applications", methods=["POST"])
@role_required("partner")
def apply_for(seeker_id):
    """Apply on behalf of a seeker of the partner's regions, for an open posting of a drive to their region."""
    found = get_or_404(Seeker, seeker_id, can_view_seeker)
    form = BehalfForm(choices=application_services.behalf_choices(current_user.region_codes))
    if form.validate_on_submit():
        event, posting = form.chosen
        try:
            application_services.apply_on_behalf(found, posting, event, acting_user())
        except RuleError as error:
            form.show(error)
        else:
            db.session.commit()
            flash(_("%(name)s has applied for %(posting)s.", name=found.name, posting=posting.title), "success")
            return redirect(url_for(".seeker", seeker_id=found.id))
    return seeker_page(found, behalf=form)


@bp.route("/seekers/<int:seeker_id>/edit", methods=["GET", "POST"])
@role_required("partner")
def edit_seeker(seeker_id):
    """Correct the details of a seeker of the partner's regions; the ID number stays (it is who they are)."""
    found = get_or_404(Seeker, seeker_id, can_view_seeker)
    staff = acting_user()
    form = PartnerProfileForm(obj=found, seeker=found, staff=staff)
    if form.validate_on_submit():
        try:
            seeker_services.update_profile(found, form.profile_values(), allowed_regions=staff.region_codes)
        except RuleError as error:
            form.show(error)
        else:
            db.session.commit()
            flash(_("The details of %(name)s have been saved.", name=found.name), "success")
            return redirect(url_for(".seeker", seeker_id=found.id))
    return render_template("partner/edit.html", form=form, seeker=found)


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
            flash(_("%(name)s is registered, without an online account: open one on their page, or they register "
                    "themselves with this ID number and mobile number.", name=registered.name), "success")
            return redirect(url_for("partner.seeker", seeker_id=registered.id))
    return render_template("partner/register.html", form=form, served=served_regions())
