"""The bureau's review pages for employers: the list, an employer's page, approve, reject, suspend."""
import logging

from flask import Blueprint
from flask import flash
from flask import redirect
from flask import render_template
from flask import request
from flask import url_for
from flask_babel import gettext as _

from recruit.accounts import services as account_services
from recruit.accounts.models import User
from recruit.core.access import acting_user
from recruit.core.access import get_or_404
from recruit.core.errors import flash_refusal
from recruit.core.forms import valid
from recruit.core.pages import paginate
from recruit.domain.errors import RuleError
from recruit.employers import review
from recruit.employers import services
from recruit.employers.forms import EmployerFilterForm
from recruit.employers.forms import ReasonForm
from recruit.employers.models import Employer
from recruit.extensions import db
from recruit.postings import services as posting_services

logger = logging.getLogger(__name__)

# Registered under the bureau's frame (recruit/blueprints.py): /bureau/employers, bureau pages only.
bp = Blueprint("employers", __name__, url_prefix="/employers")


def run_review(action, success, target):
    """Apply one review and commit it, or show why it was refused; back to the reviewed object's page."""
    try:
        action()
    except RuleError as error:
        db.session.rollback()
        flash_refusal(error)
    else:
        db.session.commit()
        flash(success, "success")
    return redirect(target)


def review_with_reason(prefix, page, review, success, target):
    """A review that needs a reason: the page again with the reason's problem, or the review applied."""
    form = ReasonForm(prefix=prefix)
    if not form.validate_on_submit():
        return page(**{f"{prefix}_form": form})
    return run_review(lambda: review(form.reason.data), success, target)


@bp.route("")
def index():
    form = EmployerFilterForm(request.args)
    form.validate()
    page = paginate(services.for_review(valid(form.status) or "", form.q.data or ""))
    return render_template("employers/review/list.html", form=form, page=page)


def detail_page(employer, reject_form=None, suspend_form=None, reset_codes=None):
    postings = db.session.scalars(posting_services.postings_of(employer)).all()
    return render_template("employers/review/detail.html", employer=employer, postings=postings,
                           participations=services.participations_of(employer),
                           reject_form=reject_form or ReasonForm(prefix="reject"),
                           suspend_form=suspend_form or ReasonForm(prefix="suspend"), reset_codes=reset_codes or {})


@bp.route("/<int:employer_id>")
def detail(employer_id):
    return detail_page(get_or_404(Employer, employer_id))


@bp.route("/<int:employer_id>/approve", methods=["POST"])
def approve(employer_id):
    employer = get_or_404(Employer, employer_id)
    return run_review(lambda: review.approve_employer(employer, acting_user()),
                      _("The employer is approved and has been told."), url_for(".detail", employer_id=employer.id))


@bp.route("/<int:employer_id>/reject", methods=["POST"])
def reject(employer_id):
    employer = get_or_404(Employer, employer_id)
    return review_with_reason("reject", lambda **forms: detail_page(employer, **forms),
                              lambda reason: review.reject_employer(employer, acting_user(), reason),
                              _("The employer is rejected and has been told why."),
                              url_for(".detail", employer_id=employer.id))


@bp.route("/<int:employer_id>/suspend", methods=["POST"])
def suspend(employer_id):
    employer = get_or_404(Employer, employer_id)
    return review_with_reason("suspend", lambda **forms: detail_page(employer, **forms),
                              lambda reason: review.suspend_employer(employer, acting_user(), reason),
                              _("The employer is suspended: none of its postings is public now."),
                              url_for(".detail", employer_id=employer.id))


@bp.route("/<int:employer_id>/accounts/<int:user_id>/reset-password", methods=["POST"])
def reset_password(employer_id, user_id):
    """A one-time code for the company's contact, after the bureau checked who they are."""
    employer = get_or_404(Employer, employer_id)
    user = get_or_404(User, user_id, lambda staff, account: account.employer_id == employer.id)
    code = account_services.reset_password(user, acting_user())
    db.session.commit()
    return detail_page(employer, reset_codes={user.id: code})
