"""Staff accounts: bureau and partner-region staff, created and changed by the bureau."""
import logging

from flask import Blueprint
from flask import flash
from flask import redirect
from flask import render_template
from flask import url_for
from flask_babel import gettext as _

from recruit.accounts import staff as staff_services
from recruit.accounts.models import STAFF_ROLES
from recruit.accounts.models import User
from recruit.bureau.forms import StaffEditForm
from recruit.bureau.forms import StaffForm
from recruit.core.access import acting_user
from recruit.core.access import get_or_404
from recruit.core.pages import paginate
from recruit.domain.errors import RuleError
from recruit.extensions import db

logger = logging.getLogger(__name__)

# Registered under the bureau's frame (recruit/blueprints.py): /bureau/staff.
bp = Blueprint("staff", __name__, url_prefix="/staff")


def is_staff(user, account):
    return account.role in STAFF_ROLES


@bp.route("")
def index():
    return render_template("bureau/staff.html", page=paginate(staff_services.staff_accounts()))


@bp.route("/new", methods=["GET", "POST"])
def new():
    form = StaffForm()
    if form.validate_on_submit():
        try:
            user = staff_services.create_staff(form.username.data, form.display_name.data, form.role.data,
                                               form.password.data, form.region_codes.data, acting_user())
        except RuleError as error:
            form.show(error)
        else:
            db.session.commit()
            flash(_("The account %(username)s is created.", username=user.username), "success")
            return redirect(url_for(".index"))
    return render_template("bureau/staff_form.html", form=form, account=None)


@bp.route("/<int:user_id>/edit", methods=["GET", "POST"])
def edit(user_id):
    account = get_or_404(User, user_id, is_staff)
    form = StaffEditForm(obj=account, user=account, editor=acting_user())
    if form.validate_on_submit():
        try:
            staff_services.update_staff(account, acting_user(), form.display_name.data, form.region_codes.data,
                                        form.active.data, form.password.data or None)
        except RuleError as error:
            form.show(error)
        else:
            db.session.commit()
            flash(_("The account %(username)s is saved.", username=account.username), "success")
            return redirect(url_for(".index"))
    return render_template("bureau/staff_form.html", form=form, account=account)
