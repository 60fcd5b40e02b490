"""Application pages: apply, my applications, a posting's applicants, one application, and notices."""
import logging

from flask import Blueprint
from flask import abort
from flask import flash
from flask import redirect
from flask import render_template
from flask import request
from flask import url_for
from flask_babel import gettext as _
from flask_login import current_user

from recruit.applications import services
from recruit.applications.forms import ApplicantFilterForm
from recruit.applications.forms import ApplyForm
from recruit.applications.forms import BoothForm
from recruit.applications.forms import MoveForm
from recruit.applications.forms import WithdrawForm
from recruit.applications.models import STATUSES
from recruit.applications.models import Application
from recruit.core.access import acting_user
from recruit.core.access import can_manage_application
from recruit.core.access import can_manage_posting
from recruit.core.access import get_or_404
from recruit.core.access import role_required
from recruit.core.clock import local_today
from recruit.core.pages import paginate
from recruit.domain.errors import RuleError
from recruit.events.models import Event
from recruit.extensions import db
from recruit.invitations import services as invitation_services
from recruit.postings.models import Posting
from recruit.seekers.display import describe

logger = logging.getLogger(__name__)

bp = Blueprint("applications", __name__)


def _owns(user, application):
    return application.seeker.user_id == user.id


def _can_see(user, application):
    """Staff of the posting's employer and the bureau see an application; its seeker sees their own."""
    return can_manage_application(user, application) or (user.role == "seeker" and _owns(user, application))


def _was_public(user, posting):
    return posting.was_public


def _own_seeker():
    seeker = current_user.seeker
    if seeker is None:
        abort(404)
    return seeker


def _chosen_event(form):
    """The event the form names, or None; an unknown id is refused like an event the posting is not in."""
    if not form.event_id.data:
        return None
    event = db.session.get(Event, int(form.event_id.data))
    if event is None:
        raise RuleError("not_at_event", "event_id")
    return event


@bp.route("/postings/<int:posting_id>/apply", methods=["POST"])
@role_required("seeker")
def apply(posting_id):
    posting = get_or_404(Posting, posting_id, _was_public)
    seeker = _own_seeker()
    back = url_for("postings.detail", posting_id=posting.id)
    if not posting.is_public:
        back = url_for("postings.index")
    form = ApplyForm()
    if not form.validate_on_submit():
        flash(_("The form could not be sent. Please try again."), "error")
        return redirect(back)
    try:
        services.apply(seeker, posting, event=_chosen_event(form), by_user=acting_user())
    except RuleError as error:
        db.session.rollback()
        flash(error.message, "error")
        return redirect(back)
    db.session.commit()
    flash(_("You have applied for %(title)s. The employer has been told; follow your application here.",
            title=posting.title), "success")
    return redirect(url_for(".mine"))


@bp.route("/me/applications")
@role_required("seeker")
def mine():
    seeker = _own_seeker()
    page = paginate(services.applications_of(seeker))
    return render_template("applications/mine.html", page=page, withdraw_form=WithdrawForm())


@bp.route("/applications/<int:application_id>/withdraw", methods=["POST"])
@role_required("seeker")
def withdraw(application_id):
    application = get_or_404(Application, application_id, _owns)
    if not WithdrawForm().validate_on_submit():
        flash(_("The form could not be sent. Please try again."), "error")
        return redirect(url_for(".mine"))
    try:
        services.withdraw(application, acting_user())
    except RuleError as error:
        db.session.rollback()
        flash(error.message, "error")
        return redirect(url_for(".mine"))
    db.session.commit()
    flash(_("Your application for %(title)s has been withdrawn.", title=application.posting.title), "success")
    return redirect(url_for(".mine"))


@bp.route("/employer/postings/<int:posting_id>/applicants")
@role_required("employer", "bureau")
def for_posting(posting_id):
    posting = get_or_404(Posting, posting_id, can_manage_posting)
    form = ApplicantFilterForm(formdata=request.args)
    status = form.status.data if form.validate() else ""
    page = paginate(services.applicants(posting, status or None))
    today = local_today()
    facts = {application.id: describe(application.seeker, today) for application in page.items}
    candidates = [(match, invitation, describe(match.seeker, today))
                  for match, invitation in invitation_services.candidates(posting)]
    return render_template("applications/applicants.html", posting=posting, page=page, form=form,
                           facts=facts, counts=services.status_counts(posting), statuses=STATUSES.values,
                           candidates=candidates, invitations=invitation_services.sent_for(posting),
                           can_invite=current_user.role == "employer")


def _move_form(application, formdata=None):
    targets = services.allowed_targets(application)
    if not targets or not can_manage_application(current_user, application):
        return None
    return MoveForm(formdata=formdata, targets=targets)


def _render_detail(application, form, status=200):
    facts = describe(application.seeker, local_today())
    page = render_template("applications/detail.html", application=application, form=form, facts=facts,
                           changes=services.history(application), staff=current_user.role != "seeker",
                           withdraw_form=WithdrawForm())
    return page, status


@bp.route("/applications/<int:application_id>")
@role_required("seeker", "employer", "bureau")
def detail(application_id):
    application = get_or_404(Application, application_id, _can_see)
    return _render_detail(application, _move_form(application))


@bp.route("/applications/<int:application_id>/move", methods=["POST"])
@role_required("employer", "bureau")
def move(application_id):
    application = get_or_404(Application, application_id, can_manage_application)
    form = _move_form(application, request.form)
    if form is None:
        flash(_("This application cannot move any further."), "error")
        return redirect(url_for(".detail", application_id=application.id))
    if not form.validate_on_submit():
        return _render_detail(application, form, 400)
    try:
        services.move(application, form.to_status.data, acting_user(), note=form.note.data,
                      override=form.override.data)
    except RuleError as error:
        db.session.rollback()
        flash(error.message, "error")
        if error.code == "stale":
            return redirect(url_for(".detail", application_id=application.id))
        # Shown again with the note kept, so that a refused signing can be repeated with the override.
        return _render_detail(application, form, 409)
    db.session.commit()
    status = STATUSES.label(application.status)
    flash(_("The application is now: %(status)s.", status=status), "success")
    return redirect(url_for(".detail", application_id=application.id))


@bp.route("/employer/booth", methods=["GET", "POST"])
@role_required("employer")
def booth():
    """The booth's phone page: one scan (or a mobile number) and a posting record a preliminary intent."""
    employer = current_user.employer
    if employer is None:
        abort(404)
    choices = services.booth_choices(employer)
    form = BoothForm(choices=choices)
    recorded = None
    if form.validate_on_submit():
        event, posting = form.chosen
        try:
            recorded = services.record_booth_intent(form.found, posting, event, acting_user())
        except RuleError as error:
            db.session.rollback()
            form.show(error)
        else:
            db.session.commit()
            # Ready for the next seeker, at the same posting.
            form = BoothForm(formdata=None, choices=choices, data={"choice": form.choice.data})
    status = 400 if form.errors else 200
    return render_template("applications/booth.html", form=form, recorded=recorded,
                           has_choices=bool(choices)), status
