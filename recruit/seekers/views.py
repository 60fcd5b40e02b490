"""Seeker pages: registration, the own profile with the gate QR code, and profile edit."""
import logging

import segno
from flask import Blueprint
from flask import abort
from flask import flash
from flask import redirect
from flask import render_template
from flask import url_for
from flask_babel import gettext as _
from flask_login import current_user
from flask_login import login_user
from markupsafe import Markup

from recruit.accounts.views import home_url
from recruit.core.access import role_required
from recruit.domain import regions
from recruit.extensions import db
from recruit.seekers import services
from recruit.seekers.display import describe
from recruit.seekers.forms import ProfileForm
from recruit.seekers.forms import RegistrationForm

logger = logging.getLogger(__name__)

bp = Blueprint("seekers", __name__)


def apply_error(form, error):
    """Show a service refusal next to the field it concerns (or on top when the form has no such field)."""
    if error.field in form:
        form[error.field].errors = [*form[error.field].errors, error.message]
    else:
        flash(error.message, "error")


def region_names(form):
    """Full names of the regions already in the form, for the picker to show instead of bare codes."""
    return {name: regions.full_name(form[name].data) for name in ("hometown_code", "current_region_code")
            if form[name].data and regions.get(form[name].data)}


@bp.route("/seekers/register", methods=["GET", "POST"])
def register():
    if current_user.is_authenticated:
        return redirect(home_url(current_user))
    form = RegistrationForm()
    duplicate = False
    if form.validate_on_submit():
        try:
            seeker = services.register_seeker(form.profile_values(), form.id_number.data,
                                              password=form.password.data, consent=form.consent.data)
        except services.SeekerError as error:
            apply_error(form, error)
            duplicate = error.code == "duplicate_id"
        else:
            db.session.commit()
            login_user(seeker.user)
            flash(_("Welcome! Your registration is complete."), "success")
            return redirect(url_for("seekers.profile"))
    return render_template("seekers/register.html", form=form, duplicate=duplicate,
                           region_names=region_names(form))


def own_seeker():
    """The signed-in seeker's own record: the pages under /me never take an id."""
    seeker = current_user.seeker
    if seeker is None:
        abort(404)
    return seeker


@bp.route("/me")
@role_required("seeker")
def profile():
    seeker = own_seeker()
    qr = segno.make(services.checkin_token(seeker), error="m")
    svg = Markup(qr.svg_inline(scale=6, border=2, title=_("Check-in code"), svgclass="checkin-qr"))
    return render_template("seekers/profile.html", seeker=seeker, info=describe(seeker), qr_svg=svg)


@bp.route("/me/edit", methods=["GET", "POST"])
@role_required("seeker")
def edit():
    seeker = own_seeker()
    form = ProfileForm(obj=seeker)
    if form.validate_on_submit():
        try:
            services.update_profile(seeker, form.profile_values())
        except services.SeekerError as error:
            apply_error(form, error)
        else:
            db.session.commit()
            flash(_("Your profile has been saved."), "success")
            return redirect(url_for("seekers.profile"))
    return render_template("seekers/edit.html", form=form, seeker=seeker, region_names=region_names(form))
