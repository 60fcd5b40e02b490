"""Sign-in, sign-out and password change."""
import logging
from urllib.parse import urlparse

from flask import Blueprint
from flask import flash
from flask import redirect
from flask import render_template
from flask import request
from flask import session
from flask import url_for
from flask_babel import gettext as _
from flask_login import current_user
from flask_login import login_required
from flask_login import login_user
from flask_login import logout_user

from recruit.accounts import services
from recruit.accounts.forms import ChangePasswordForm
from recruit.accounts.forms import LoginForm
from recruit.audit.services import record
from recruit.core.access import acting_user
from recruit.domain.errors import RuleError
from recruit.extensions import db

logger = logging.getLogger(__name__)

bp = Blueprint("accounts", __name__, url_prefix="/account")

HOME_BY_ROLE = {"seeker": "seekers.profile", "employer": "employers.profile", "bureau": "bureau.home",
                "partner": "partner.seekers"}


def home_url(user):
    return url_for(HOME_BY_ROLE.get(user.role, "main.home"))


def _safe_next(target):
    """Only a path on this site: never redirect to another host after sign-in."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return None  # browsers read "//host" and "/\\host" as another host
    parsed = urlparse(target)
    return target if not parsed.netloc and not parsed.scheme else None


@bp.route("/login", methods=["GET", "POST"])
def login():
    if current_user.is_authenticated:
        return redirect(home_url(current_user))
    form = LoginForm()
    status = 200
    if form.validate_on_submit():
        try:
            user = _attempt(form.identifier.data, form.password.data)
        except RuleError as error:
            form.show(error)
            status = error.status
        else:
            if user is not None:
                return _signed_in(user, form.remember.data)
            form.password.errors.append(_("The account or password is wrong."))
    return render_template("accounts/login.html", form=form), status


def _attempt(identifier, password):
    """One sign-in attempt, counted (and committed) before its password is checked; None when refused."""
    address = request.remote_addr
    services.note_sign_in(identifier, address)
    db.session.commit()
    user = services.sign_in(identifier, password, address)
    if user is None:
        record("login_failed", identifier=services.masked_identifier(identifier),
               key=services.identifier_tag(identifier))
    db.session.commit()
    return user


def _signed_in(user, remember):
    session.clear()  # a new session at sign-in: nothing from before it carries over
    login_user(user, remember=remember)
    record("login", target=user, user=user)
    db.session.commit()
    if user.must_change_password:
        flash(_("Your password was reset with a one-time code: choose a new password now."), "warning")
        return redirect(url_for(".change_password"))
    return redirect(_safe_next(request.args.get("next")) or home_url(user))


@bp.route("/forgot")
def forgot():
    """How to get back in without a password: staff who check the person's ID give a one-time code."""
    return render_template("accounts/forgot.html")


# Pages a user whose password was reset may still open before choosing a new one.
OPEN_BEFORE_CHANGE = {"accounts.change_password", "accounts.logout", "main.set_language", "static"}


@bp.before_app_request
def require_new_password():
    """After a reset with a one-time code, every page waits until the user has chosen a new password."""
    if (current_user.is_authenticated and current_user.must_change_password
            and request.endpoint not in OPEN_BEFORE_CHANGE):
        return redirect(url_for("accounts.change_password"))
    return None


@bp.route("/logout", methods=["POST"])
@login_required
def logout():
    user = acting_user()
    services.end_sessions(user)
    record("logout", target=user, user=user)
    db.session.commit()
    session.clear()
    logout_user()  # after the clear: it leaves the note that tells Flask-Login to delete the remember cookie
    flash(_("You have signed out."), "info")
    return redirect(url_for("main.home"))


@bp.route("/password", methods=["GET", "POST"])
@login_required
def change_password():
    user = acting_user()
    form = ChangePasswordForm(user=user)
    if form.validate_on_submit():
        try:
            services.change_password(user, form.current.data, form.new.data)
        except RuleError as error:
            form.show(error)
        else:
            record("password_changed", target=user)
            db.session.commit()
            login_user(user)  # this session carries on with the new version; all others have ended
            flash(_("Your password has been changed. Other devices have been signed out."), "success")
            return redirect(home_url(user))
    return render_template("accounts/change_password.html", form=form)
