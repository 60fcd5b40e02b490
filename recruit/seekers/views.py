"""Seeker pages: registration, the own page (gate QR code, recommendations, invitations), profile edit."""
import io
import logging

import segno
from flask import Blueprint
from flask import abort
from flask import flash
from flask import redirect
from flask import render_template
from flask import request
from flask import send_file
from flask import session
from flask import url_for
from flask_babel import gettext as _
from flask_login import current_user
from flask_login import login_user
from markupsafe import Markup

from recruit.accounts import services as account_services
from recruit.accounts.views import home_url
from recruit.core.access import role_required
from recruit.domain.errors import RuleError
from recruit.extensions import db
from recruit.invitations import services as invitation_services
from recruit.matching import services as matching
from recruit.seekers import services
from recruit.seekers.display import describe
from recruit.seekers.forms import ProfileForm
from recruit.seekers.forms import RegistrationForm

logger = logging.getLogger(__name__)

bp = Blueprint("seekers", __name__)

# The gate code's files: a PNG to keep on the phone, an SVG that prints sharp at any size. The SVG has no style
# attribute (the content security policy allows none) and a size in millimetres with a viewBox, so that it
# scales when the printable page shows it larger.
QR_FILES = {
    "png": ("image/png", {"kind": "png", "scale": 10, "border": 4}),
    "svg": ("image/svg+xml", {"kind": "svg", "scale": 1.5, "unit": "mm", "border": 4, "xmldecl": False,
                              "svgns": True, "nl": False}),
}


@bp.route("/seekers/register", methods=["GET", "POST"])
def register():
    if current_user.is_authenticated:
        return redirect(home_url(current_user))
    form = RegistrationForm()
    if form.validate_on_submit():
        try:
            account_services.check_registration_allowed(request.remote_addr)
            seeker = services.register_seeker(form.profile_values(), form.id_number.data,
                                              password=form.password.data, consent=form.consent.data)
        except RuleError as error:
            form.show(error)
        else:
            account_services.note_registration(request.remote_addr)
            db.session.commit()
            session.clear()  # a new session at sign-in, as the sign-in page does: nothing carries over
            login_user(seeker.user)
            if seeker.registered_by_id is not None:  # a record staff made, now with its own account
                flash(_("Welcome! Your online account is open, with the details staff registered for you: "
                        "check them on your profile."), "success")
            else:
                flash(_("Welcome! Your registration is complete."), "success")
            return redirect(url_for("seekers.profile"))
    return render_template("seekers/register.html", form=form)


def own_seeker():
    """The signed-in seeker's own record: the pages under /me never take an id."""
    seeker = current_user.seeker
    if seeker is None:
        abort(404)
    return seeker


def gate_code(seeker):
    """The QR code shown at the gate: the signed token only, never the ID number or the mobile."""
    return segno.make(services.checkin_token(seeker), error="m")


@bp.route("/me")
@role_required("seeker")
def profile():
    seeker = own_seeker()
    svg = Markup(gate_code(seeker).svg_inline(scale=6, border=2, title=_("Check-in code"), svgclass="checkin-qr"))
    invitations = invitation_services.invitations_of(seeker)
    waiting = [invitation.posting_id for invitation in invitations if invitation.status == "pending"]
    return render_template("seekers/profile.html", seeker=seeker, info=describe(seeker), qr_svg=svg,
                           recommendations=matching.recommendations_for(seeker, exclude=waiting),
                           invitations=invitations)


@bp.route("/me/qr")
@role_required("seeker")
def qr():
    """The gate code to print, large, with the name and masked ID number the gate staff compare."""
    return render_template("seekers/qr.html", seeker=own_seeker())


@bp.route("/me/qr.svg")
@role_required("seeker")
def qr_svg():
    return _qr_file(own_seeker(), "svg")


@bp.route("/me/qr.png")
@role_required("seeker")
def qr_png():
    return _qr_file(own_seeker(), "png")


def _qr_file(seeker, kind):
    mimetype, options = QR_FILES[kind]
    out = io.BytesIO()
    gate_code(seeker).save(out, **options)
    out.seek(0)
    # send_file writes a Chinese name in RFC 6266 form (filename*=UTF-8''…) beside an ASCII fallback.
    return send_file(out, mimetype=mimetype, as_attachment=True, download_name=f"{_('Check-in code')}.{kind}",
                     max_age=0)


@bp.route("/me/edit", methods=["GET", "POST"])
@role_required("seeker")
def edit():
    seeker = own_seeker()
    form = ProfileForm(obj=seeker, seeker=seeker)
    if form.validate_on_submit():
        try:
            services.update_profile(seeker, form.profile_values())
        except RuleError as error:
            form.show(error)
        else:
            db.session.commit()
            flash(_("Your profile has been saved."), "success")
            return redirect(url_for("seekers.profile"))
    return render_template("seekers/edit.html", form=form, seeker=seeker)
