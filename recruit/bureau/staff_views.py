"""Staff accounts: bureau and partner-region staff, created and changed by the bureau."""
import logging

from flask import flash
from flask import redirect
from flask import render_template
from flask import url_for
from flask_babel import gettext as _

from recruit.accounts import staff as staff_services
from recruit.accounts.models import User
from recruit.bureau import queries
from recruit.bureau.forms import StaffEditForm
from recruit.bureau.forms import StaffForm
from recruit.bureau.views import bp
from recruit.bureau.views import me
from recruit.core.access import get_or_404
from recruit.core.pages import paginate
from recruit.extensions import db

logger = logging.getLogger(__name__)


def is_staff(user, account):
    return account.role in staff_services.STAFF_ROLES


@bp.route("/staff")
def staff():
    return render_template("bureau/staff.html", page=paginate(queries.staff_accounts()))


@bp.route("/staff/new", methods=["GET", "POST"])
def staff_new():
    form = StaffForm()
    if form.validate_on_submit():
        user = staff_services.create_staff(form.username.data, form.display_name.data, form.role.data,
                                           form.password.data, form.region_codes.data, me())
        db.session.commit()
        flash(_("The account %(username)s is created.", username=user.username), "success")
        return redirect(url_for("bureau.staff"))
    return render_template("bureau/staff_form.html", form=form, account=None)


@bp.route("/staff/<int:user_id>/edit", methods=["GET", "POST"])
def staff_edit(user_id):
    account = get_or_404(User, user_id, is_staff)
    form = StaffEditForm(obj=account, user=account, editor=me())
    if form.validate_on_submit():
        staff_services.update_staff(account, me(), form.display_name.data, form.region_codes.data,
                                    form.active.data, form.password.data or None)
        db.session.commit()
        flash(_("The account %(username)s is saved.", username=account.username), "success")
        return redirect(url_for("bureau.staff"))
    return render_template("bureau/staff_form.html", form=form, account=account)
