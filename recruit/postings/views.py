"""Postings: the employer's own (create, edit, submit, close) and the public list and page of openings."""
import logging

from flask import Blueprint
from flask import flash
from flask import redirect
from flask import render_template
from flask import request
from flask import url_for
from flask_babel import gettext as _
from flask_login import current_user

from recruit.applications import services as application_services
from recruit.core.access import acting_user
from recruit.core.access import can_manage_posting
from recruit.core.access import get_or_404
from recruit.core.access import role_required
from recruit.core.errors import flash_refusal
from recruit.core.page_cache import cached_page
from recruit.core.pages import paginate
from recruit.domain.errors import RuleError
from recruit.employers.views import own_employer
from recruit.events import services as event_services
from recruit.extensions import db
from recruit.postings import services
from recruit.postings.forms import PostingForm
from recruit.postings.forms import SearchForm
from recruit.postings.models import EDITABLE_STATUSES
from recruit.postings.models import POSTING_STATUSES
from recruit.postings.models import Posting

logger = logging.getLogger(__name__)

bp = Blueprint("postings", __name__)


@bp.route("/postings")
@cached_page
def index():
    form = SearchForm(formdata=request.args, events=event_services.public_events())
    form.validate()
    pagination = paginate(services.search_postings(form.filters()))
    return render_template("postings/index.html", form=form, pagination=pagination)


@bp.route("/postings/<int:posting_id>")
@cached_page
def detail(posting_id):
    posting = get_or_404(Posting, posting_id, services.can_view)
    return render_template("postings/detail.html", posting=posting,
                           can_manage=can_manage_posting(current_user, posting),
                           application=application_services.application_of(current_user, posting))


@bp.route("/employer/postings")
@role_required("employer")
def mine():
    employer = own_employer()
    status = request.args.get("status")
    status = status if status in POSTING_STATUSES else None
    pagination = paginate(services.postings_of(employer, status))
    return render_template("postings/mine.html", employer=employer, pagination=pagination, status=status,
                           statuses=POSTING_STATUSES.values,
                           applicants=application_services.applicant_counts(pagination.items))


@bp.route("/employer/postings/new", methods=["GET", "POST"])
@role_required("employer")
def new():
    employer = own_employer()
    form = PostingForm(events=services.choosable_events())
    if form.validate_on_submit():
        try:
            posting = services.create_posting(employer, form.posting_data())
        except RuleError as error:
            form.show(error)
        else:
            db.session.commit()
            flash(_("The posting is saved as a draft. Submit it for review when it is ready."), "success")
            return redirect(url_for("postings.mine", _anchor=f"posting-{posting.id}"))
    return render_template("postings/form.html", form=form, posting=None, employer=employer)


@bp.route("/employer/postings/<int:posting_id>/edit", methods=["GET", "POST"])
@role_required("employer", "bureau")
def edit(posting_id):
    posting = get_or_404(Posting, posting_id, can_manage_posting)
    if posting.status not in EDITABLE_STATUSES:
        flash(_("A closed posting cannot be changed."), "warning")
        return redirect(url_for("postings.detail", posting_id=posting.id))
    form = PostingForm(obj=posting, posting=posting, events=services.choosable_events(posting))
    if form.validate_on_submit():
        try:
            back_to_review = services.update_posting(posting, form.posting_data())
        except RuleError as error:
            form.show(error)
        else:
            db.session.commit()
            if back_to_review:
                flash(_("Saved. The posting is off the public list until the bureau has reviewed the "
                        "changes."), "info")
            else:
                flash(_("Saved."), "success")
            return _back(posting)
    return render_template("postings/form.html", form=form, posting=posting, employer=posting.employer)


@bp.route("/employer/postings/<int:posting_id>/submit", methods=["POST"])
@role_required("employer", "bureau")
def submit(posting_id):
    posting = get_or_404(Posting, posting_id, can_manage_posting)
    return _change(posting, services.submit_posting, _("Submitted: the bureau will review the posting."))


@bp.route("/employer/postings/<int:posting_id>/close", methods=["POST"])
@role_required("employer", "bureau")
def close(posting_id):
    posting = get_or_404(Posting, posting_id, can_manage_posting)
    return _change(posting, services.close_posting, _("Closed: the posting takes no more applications."))


def _change(posting, change, message):
    """Run one status change, then go back to where the staff member came from."""
    try:
        change(posting, acting_user())
    except RuleError as error:
        flash_refusal(error)
    else:
        db.session.commit()
        flash(message, "success")
    return _back(posting)


def _back(posting):
    """Employers go back to their list; bureau staff to the posting's page."""
    if current_user.role == "employer":
        return redirect(url_for("postings.mine", _anchor=f"posting-{posting.id}"))
    return redirect(url_for("postings.detail", posting_id=posting.id))
