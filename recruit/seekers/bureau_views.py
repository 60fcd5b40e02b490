"""The bureau's seeker pages: search, the profile (each view audited) and revealing an ID number."""
import logging

from flask import Blueprint
from flask import make_response
from flask import redirect
from flask import render_template
from flask import request
from flask import url_for

from recruit.accounts import services as account_services
from recruit.applications.services import applications_of
from recruit.audit.services import record
from recruit.checkin.services import checkins_of
from recruit.core.access import acting_user
from recruit.core.access import get_or_404
from recruit.core.errors import flash_refusal
from recruit.core.forms import valid
from recruit.core.pages import paginate
from recruit.domain.errors import RuleError
from recruit.extensions import db
from recruit.seekers import services
from recruit.seekers.forms import SeekerFilterForm
from recruit.seekers.forms import SeekerFindForm
from recruit.seekers.identity import reveal_id_number
from recruit.seekers.models import Seeker

logger = logging.getLogger(__name__)

# Registered under the bureau's frame (recruit/blueprints.py): /bureau/seekers, bureau pages only.
bp = Blueprint("seekers", __name__, url_prefix="/seekers")


def list_page(find_form, found=None):
    """The newest seekers by the address's filters, or what a posted search found (at most 50, no pages)."""
    form = SeekerFilterForm(request.args)
    form.validate()
    page = paginate(services.search(hometown=valid(form.hometown) or ""))
    return render_template("seekers/bureau/list.html", form=form, find_form=find_form, page=page, found=found,
                           age_of=services.age_of)


@bp.route("")
def index():
    return list_page(SeekerFindForm())


@bp.route("/lookup", methods=["POST"])
def lookup():
    """Seekers by name, mobile or ID number; an exact ID number opens its seeker (found by its keyed hash)."""
    form = SeekerFindForm()
    valid_form = form.validate_on_submit()
    services.record_lookup(form.exact, form.missed_id_number)
    db.session.commit()
    if not valid_form:
        return list_page(form)
    if form.exact is not None:
        return redirect(url_for(".detail", seeker_id=form.exact.id))
    return list_page(form, found=form.found)


def detail_page(seeker, revealed_id=None, reset_code=None, opened_code=None):
    """The profile; a revealed ID number or a one-time code is shown in this one response, never cached or
    put in a URL."""
    response = make_response(render_template(
        "seekers/bureau/detail.html", seeker=seeker, age=services.age_of(seeker),
        applications=db.session.scalars(applications_of(seeker)).all(), checkins=checkins_of(seeker),
        revealed_id=revealed_id, reset_code=reset_code, opened_code=opened_code))
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.route("/<int:seeker_id>")
def detail(seeker_id):
    seeker = get_or_404(Seeker, seeker_id)
    record("seeker_viewed", target=seeker)
    db.session.commit()
    return detail_page(seeker)


@bp.route("/<int:seeker_id>/reveal-id", methods=["POST"])
def reveal_id(seeker_id):
    seeker = get_or_404(Seeker, seeker_id)
    record("pii_view", target=seeker, field="id_number")
    db.session.commit()
    return detail_page(seeker, revealed_id=reveal_id_number(seeker))


@bp.route("/<int:seeker_id>/reset-password", methods=["POST"])
def reset_password(seeker_id):
    """A one-time code for a seeker who forgot their password, after staff checked the ID card."""
    seeker = get_or_404(Seeker, seeker_id, lambda user, found: found.user is not None)
    code = account_services.reset_password(seeker.user, acting_user())
    db.session.commit()
    return detail_page(seeker, reset_code=code)


@bp.route("/<int:seeker_id>/account", methods=["POST"])
def open_account(seeker_id):
    """An online account for a seeker registered without one, after staff checked the ID card."""
    seeker = get_or_404(Seeker, seeker_id)
    try:
        code = services.open_account(seeker, acting_user())
    except RuleError as error:
        flash_refusal(error)
        return redirect(url_for(".detail", seeker_id=seeker.id))
    db.session.commit()
    return detail_page(seeker, opened_code=code)
