"""Company registration, the company's own page and its editing."""
import logging

from flask import Blueprint
from flask import abort
from flask import flash
from flask import redirect
from flask import render_template
from flask import request
from flask import session
from flask import url_for
from flask_babel import gettext as _
from flask_login import current_user
from flask_login import login_user

from recruit.accounts import services as account_services
from recruit.applications.services import applicant_counts
from recruit.core.access import role_required
from recruit.domain.errors import RuleError
from recruit.employers import services
from recruit.employers.forms import CompanyForm
from recruit.employers.forms import RegistrationForm
from recruit.extensions import db
from recruit.postings import services as posting_services

logger = logging.getLogger(__name__)

bp = Blueprint("employers", __name__)


@bp.route("/employers/register", methods=["GET", "POST"])
def register():
    if current_user.is_authenticated:
        flash(_("You are signed in already. Sign out first to register a company."), "info")
        return redirect(url_for("main.home"))
    form = RegistrationForm()
    if form.validate_on_submit():
        try:
            account_services.check_registration_allowed(request.remote_addr)
            user = services.register_employer(form.company_data(), form.username.data, form.password.data)
        except RuleError as error:
            form.show(error)
        else:
            account_services.note_registration(request.remote_addr)
            db.session.commit()
            session.clear()  # a new session at sign-in, as the sign-in page does
            login_user(user)
            flash(_("Your company is registered. The bureau will review it; meanwhile you can draft "
                    "postings."), "success")
            return redirect(url_for("employers.profile"))
    return render_template("employers/register.html", form=form)


def own_employer():
    """The signed-in HR contact's company."""
    employer = current_user.employer
    if employer is None:
        abort(404)
    return employer


@bp.route("/employer")
@role_required("employer")
def profile():
    employer = own_employer()
    postings = db.session.scalars(posting_services.postings_of(employer)).all()
    return render_template("employers/profile.html", employer=employer, postings=postings,
                           applicants=applicant_counts(postings),
                           participations=services.participations_of(employer))


@bp.route("/employer/edit", methods=["GET", "POST"])
@role_required("employer")
def edit():
    employer = own_employer()
    form = CompanyForm(obj=employer, employer=employer)
    if form.validate_on_submit():
        try:
            resubmitted = services.update_employer(employer, form.company_data())
        except RuleError as error:
            form.show(error)
        else:
            db.session.commit()
            if resubmitted:
                flash(_("Saved. The bureau will review your company again."), "info")
            else:
                flash(_("Saved."), "success")
            return redirect(url_for("employers.profile"))
    return render_template("employers/edit.html", form=form, employer=employer)
