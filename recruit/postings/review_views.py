"""The bureau's review pages for postings: the list, a posting's page, approve and send back."""
import logging

from flask import Blueprint
from flask import render_template
from flask import request
from flask import url_for
from flask_babel import gettext as _

from recruit.core.access import acting_user
from recruit.core.access import get_or_404
from recruit.core.forms import valid
from recruit.core.pages import paginate
from recruit.employers.forms import ReasonForm
from recruit.employers.review_views import review_with_reason
from recruit.employers.review_views import run_review
from recruit.postings import review
from recruit.postings import services
from recruit.postings.forms import PostingFilterForm
from recruit.postings.models import Posting

logger = logging.getLogger(__name__)

# Registered under the bureau's frame (recruit/blueprints.py): /bureau/postings, bureau pages only.
bp = Blueprint("postings", __name__, url_prefix="/postings")


@bp.route("")
def index():
    form = PostingFilterForm(request.args)
    form.validate()
    page = paginate(services.for_review(valid(form.status) or "", form.q.data or ""))
    return render_template("postings/review/list.html", form=form, page=page)


def detail_page(posting, reject_form=None):
    return render_template("postings/review/detail.html", posting=posting,
                           reject_form=reject_form or ReasonForm(prefix="reject"))


@bp.route("/<int:posting_id>")
def detail(posting_id):
    return detail_page(get_or_404(Posting, posting_id))


@bp.route("/<int:posting_id>/approve", methods=["POST"])
def approve(posting_id):
    posting = get_or_404(Posting, posting_id)
    return run_review(lambda: review.approve_posting(posting, acting_user()),
                      _("The posting is open and public now."), url_for(".detail", posting_id=posting.id))


@bp.route("/<int:posting_id>/reject", methods=["POST"])
def reject(posting_id):
    posting = get_or_404(Posting, posting_id)
    return review_with_reason("reject", lambda **forms: detail_page(posting, **forms),
                              lambda reason: review.reject_posting(posting, acting_user(), reason),
                              _("The posting went back to the employer as a draft, with your reason."),
                              url_for(".detail", posting_id=posting.id))
