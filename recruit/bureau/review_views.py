"""Reviewing employers and postings: lists, detail pages, approve and reject with a reason."""
import logging

import sqlalchemy as sa
from flask import flash
from flask import redirect
from flask import render_template
from flask import request
from flask import url_for
from flask_babel import gettext as _
from sqlalchemy.orm import joinedload

from recruit.bureau import queries
from recruit.bureau.forms import EmployerFilterForm
from recruit.bureau.forms import PostingFilterForm
from recruit.bureau.forms import ReasonForm
from recruit.bureau.views import bp
from recruit.bureau.views import me
from recruit.bureau.views import valid
from recruit.core.access import get_or_404
from recruit.core.pages import paginate
from recruit.employers import review as employer_review
from recruit.employers.models import Employer
from recruit.employers.review import ReviewError
from recruit.events.models import Participation
from recruit.extensions import db
from recruit.postings import review as posting_review
from recruit.postings.models import Posting

logger = logging.getLogger(__name__)


def run_review(action, success, target):
    """Apply one review and commit it, or show why it was refused; back to the reviewed object's page."""
    try:
        action()
    except ReviewError as error:
        db.session.rollback()
        flash(error.message, "error")
    else:
        db.session.commit()
        flash(success, "success")
    return redirect(target)


@bp.route("/employers")
def employers():
    form = EmployerFilterForm(request.args)
    form.validate()
    page = paginate(queries.employers(valid(form.status) or "", form.q.data or ""))
    return render_template("bureau/employers.html", form=form, page=page)


def employer_page(employer, reject_form=None, suspend_form=None):
    participations = db.session.scalars(
        sa.select(Participation).where(Participation.employer_id == employer.id)
        .options(joinedload(Participation.event)).order_by(Participation.id.desc())).all()
    postings = db.session.scalars(sa.select(Posting).where(Posting.employer_id == employer.id)
                                  .order_by(Posting.updated_at.desc())).all()
    return render_template("bureau/employer.html", employer=employer, participations=participations,
                           postings=postings, reject_form=reject_form or ReasonForm(prefix="reject"),
                           suspend_form=suspend_form or ReasonForm(prefix="suspend"))


@bp.route("/employers/<int:employer_id>")
def employer(employer_id):
    return employer_page(get_or_404(Employer, employer_id))


@bp.route("/employers/<int:employer_id>/approve", methods=["POST"])
def employer_approve(employer_id):
    employer = get_or_404(Employer, employer_id)
    return run_review(lambda: employer_review.approve_employer(employer, me()),
                      _("The employer is approved and has been told."),
                      url_for("bureau.employer", employer_id=employer.id))


@bp.route("/employers/<int:employer_id>/reject", methods=["POST"])
def employer_reject(employer_id):
    employer = get_or_404(Employer, employer_id)
    form = ReasonForm(prefix="reject")
    if not form.validate_on_submit():
        return employer_page(employer, reject_form=form)
    return run_review(lambda: employer_review.reject_employer(employer, me(), form.reason.data),
                      _("The employer is rejected and has been told why."),
                      url_for("bureau.employer", employer_id=employer.id))


@bp.route("/employers/<int:employer_id>/suspend", methods=["POST"])
def employer_suspend(employer_id):
    employer = get_or_404(Employer, employer_id)
    form = ReasonForm(prefix="suspend")
    if not form.validate_on_submit():
        return employer_page(employer, suspend_form=form)
    return run_review(lambda: employer_review.suspend_employer(employer, me(), form.reason.data),
                      _("The employer is suspended: none of its postings is public now."),
                      url_for("bureau.employer", employer_id=employer.id))


@bp.route("/postings")
def postings():
    form = PostingFilterForm(request.args)
    form.validate()
    page = paginate(queries.postings(valid(form.status) or "", form.q.data or ""))
    return render_template("bureau/postings.html", form=form, page=page)


def posting_page(posting, reject_form=None):
    return render_template("bureau/posting.html", posting=posting,
                           reject_form=reject_form or ReasonForm(prefix="reject"))


@bp.route("/postings/<int:posting_id>")
def posting(posting_id):
    return posting_page(get_or_404(Posting, posting_id))


@bp.route("/postings/<int:posting_id>/approve", methods=["POST"])
def posting_approve(posting_id):
    posting = get_or_404(Posting, posting_id)
    return run_review(lambda: posting_review.approve_posting(posting, me()),
                      _("The posting is open and public now."),
                      url_for("bureau.posting", posting_id=posting.id))


@bp.route("/postings/<int:posting_id>/reject", methods=["POST"])
def posting_reject(posting_id):
    posting = get_or_404(Posting, posting_id)
    form = ReasonForm(prefix="reject")
    if not form.validate_on_submit():
        return posting_page(posting, reject_form=form)
    return run_review(lambda: posting_review.reject_posting(posting, me(), form.reason.data),
                      _("The posting went back to the employer as a draft, with your reason."),
                      url_for("bureau.posting", posting_id=posting.id))
