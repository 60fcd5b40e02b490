"""Drive pages: the bureau's batches and overdue checks, the employer's arrivals and checks, the partner's view."""
import logging

from flask import Blueprint
from flask import flash
from flask import redirect
from flask import render_template
from flask import url_for
from flask_babel import gettext as _
from flask_login import current_user

from recruit.applications.models import Application
from recruit.core.access import acting_user
from recruit.core.access import can_manage_application
from recruit.core.access import get_or_404
from recruit.core.access import role_required
from recruit.core.clock import local_today
from recruit.core.errors import flash_refusal
from recruit.core.pages import paginate
from recruit.domain.errors import RuleError
from recruit.drives import retention
from recruit.drives import services
from recruit.drives.forms import AnswerForm
from recruit.drives.forms import BatchForm
from recruit.drives.forms import MemberForm
from recruit.drives.forms import OnboardForm
from recruit.drives.forms import RemoveForm
from recruit.drives.models import RetentionCheck
from recruit.drives.models import TravelBatch
from recruit.employers.views import own_employer
from recruit.events.models import Event
from recruit.extensions import db

logger = logging.getLogger(__name__)

# Registered under the bureau's frame (recruit/blueprints.py): /bureau/…, bureau pages only.
bp = Blueprint("drives", __name__)
employer_bp = Blueprint("employer_drives", __name__, url_prefix="/employer")
partner_bp = Blueprint("partner_drives", __name__, url_prefix="/partner")


@bp.app_template_global()
def travel_batch_of(application):
    """The batch an application travels in, for the application's page."""
    return services.batch_of(application)


@employer_bp.app_template_global()
def drive_tasks(employer):
    """What waits for the company after a drive, for the task list on its page."""
    return {"arrivals": len(services.to_onboard(employer)), "checks": len(retention.open_checks(employer))}


def _drive(user, event):
    return event.kind == "cross_province"


@bp.route("/events/<int:event_id>/batches", methods=["GET", "POST"])
def batches(event_id):
    event = get_or_404(Event, event_id, _drive)
    form = BatchForm()
    if form.validate_on_submit():
        try:
            batch = services.create_batch(event, form.values(), acting_user())
        except RuleError as error:
            form.show(error)
        else:
            db.session.commit()
            flash(_("The batch is planned: add its travelling workers."), "success")
            return redirect(url_for(".batch", batch_id=batch.id))
    page = paginate(services.batches_of(event))
    return render_template("drives/batches.html", event=event, page=page, form=form,
                           counts=services.member_counts(page.items))


def batch_page(batch, form=None, member_form=None):
    member_form = member_form or MemberForm(applications=services.candidates(batch.event))
    return render_template("drives/batch.html", batch=batch, form=form or BatchForm(obj=batch),
                           member_form=member_form, members=services.members_of(batch))


@bp.route("/batches/<int:batch_id>", methods=["GET", "POST"])
def batch(batch_id):
    found = get_or_404(TravelBatch, batch_id)
    form = BatchForm(obj=found)
    if form.validate_on_submit():
        try:
            services.update_batch(found, form.values(), acting_user())
        except RuleError as error:
            form.show(error)
        else:
            db.session.commit()
            flash(_("The batch is saved."), "success")
            return redirect(url_for(".batch", batch_id=found.id))
    return batch_page(found, form=form)


@bp.route("/batches/<int:batch_id>/members", methods=["POST"])
def member_add(batch_id):
    found = get_or_404(TravelBatch, batch_id)
    form = MemberForm(applications=services.candidates(found.event))
    if form.validate_on_submit():
        try:
            services.add_member(found, form.chosen, acting_user())
        except RuleError as error:
            form.show(error)
        else:
            db.session.commit()
            flash(_("%(name)s travels in this batch.", name=form.chosen.seeker.name), "success")
            return redirect(url_for(".batch", batch_id=found.id))
    return batch_page(found, member_form=form)


@bp.route("/batches/<int:batch_id>/members/remove", methods=["POST"])
def member_remove(batch_id):
    found = get_or_404(TravelBatch, batch_id)
    form = RemoveForm()
    _change(lambda: services.remove_member(found, form.application_id.data, acting_user()),
            _("The worker no longer travels in this batch."))
    return redirect(url_for(".batch", batch_id=found.id))


@bp.route("/batches/<int:batch_id>/depart", methods=["POST"])
def depart(batch_id):
    found = get_or_404(TravelBatch, batch_id)
    _change(lambda: services.depart(found, acting_user()), _("The batch is on the way."))
    return redirect(url_for(".batch", batch_id=found.id))


@bp.route("/batches/<int:batch_id>/arrive", methods=["POST"])
def arrive(batch_id):
    found = get_or_404(TravelBatch, batch_id)
    _change(lambda: services.arrive(found, acting_user()),
            _("The batch has arrived: the employers confirm each worker's first day."))
    return redirect(url_for(".batch", batch_id=found.id))


def _change(action, done):
    """Run a change that has no form of its own; its refusal is flashed on the page it returns to."""
    try:
        action()
    except RuleError as error:
        flash_refusal(error)
    else:
        db.session.commit()
        flash(done, "success")


@bp.route("/retention/overdue")
def overdue():
    page = paginate(retention.overdue(local_today()))
    return render_template("drives/overdue.html", page=page, partner=False)


def arrivals_page(employer, onboarding=None, answering=None):
    """The employer's workers to onboard and its open retention checks, with the form just refused in place of
    its row's: `onboarding` is (application id, form), `answering` an answer form."""
    members = services.to_onboard(employer)
    onboard_forms = {member.application_id: OnboardForm(prefix=f"onboard-{member.application_id}",
                                                         formdata=None, onboarded_on=local_today())
                     for member in members}
    checks = retention.open_checks(employer)
    answer_forms = {check.id: AnswerForm(check=check, formdata=None) for check in checks}
    if onboarding is not None:
        _put_back(onboard_forms, onboarding[0], onboarding[1])
    if answering is not None:
        _put_back(answer_forms, answering.retention_check.id, answering)
    return render_template("drives/arrivals.html", members=members, onboard_forms=onboard_forms, checks=checks,
                           answer_forms=answer_forms, today=local_today())


def _put_back(forms, key, form):
    """The refused form in its row; when its row is gone (someone else answered), its errors as notices."""
    if key in forms:
        forms[key] = form
        return
    for errors in [form.form_errors, *(field.errors for field in form)]:
        for error in errors:
            flash(error, "error")


@employer_bp.route("/arrivals")
@role_required("employer")
def arrivals():
    return arrivals_page(own_employer())


@employer_bp.route("/arrivals/<int:application_id>/onboard", methods=["POST"])
@role_required("employer")
def onboard(application_id):
    application = get_or_404(Application, application_id, can_manage_application)
    form = OnboardForm(prefix=f"onboard-{application.id}")
    if form.validate_on_submit():
        try:
            services.confirm_onboarding(application, form.onboarded_on.data, acting_user())
        except RuleError as error:
            form.show(error)
        else:
            db.session.commit()
            flash(_("%(name)s has started work.", name=application.seeker.name), "success")
            return redirect(url_for(".arrivals"))
    return arrivals_page(own_employer(), onboarding=(application.id, form))


@employer_bp.route("/retention/<int:check_id>", methods=["POST"])
@role_required("employer")
def answer(check_id):
    check = get_or_404(RetentionCheck, check_id, lambda user, found: can_manage_application(user, found.application))
    form = AnswerForm(check=check)
    if form.validate_on_submit():
        try:
            retention.answer(check, form.values(), acting_user())
        except RuleError as error:
            form.show(error)
        else:
            db.session.commit()
            flash(_("Thank you: the answer is recorded."), "success")
            return redirect(url_for(".arrivals"))
    return arrivals_page(own_employer(), answering=form)


@partner_bp.route("/batches")
@role_required("partner")
def partner_batches():
    page = paginate(services.partner_batches(current_user.region_codes))
    return render_template("drives/partner_batches.html", page=page, counts=services.member_counts(page.items))


@partner_bp.route("/batches/<int:batch_id>")
@role_required("partner")
def partner_batch(batch_id):
    found = get_or_404(TravelBatch, batch_id, services.can_follow_batch)
    return render_template("drives/partner_batch.html", batch=found,
                           members=services.members_of(found, current_user.region_codes))


@partner_bp.route("/retention/overdue")
@role_required("partner")
def partner_overdue():
    page = paginate(retention.overdue(local_today(), current_user.region_codes))
    return render_template("drives/overdue.html", page=page, partner=True)
