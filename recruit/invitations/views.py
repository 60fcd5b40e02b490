"""Invitation changes: an employer invites a recommended candidate, the seeker accepts or declines."""
import logging

from flask import Blueprint
from flask import flash
from flask import redirect
from flask import url_for
from flask_babel import gettext as _

from recruit.core.access import acting_user
from recruit.core.access import can_manage_posting
from recruit.core.access import get_or_404
from recruit.core.access import role_required
from recruit.domain.errors import RuleError
from recruit.extensions import db
from recruit.invitations import services
from recruit.invitations.forms import InvitationForm
from recruit.invitations.models import Invitation
from recruit.postings.models import Posting
from recruit.seekers.models import Seeker

logger = logging.getLogger(__name__)

bp = Blueprint("invitations", __name__)


def _invited(user, invitation):
    return invitation.seeker.user_id == user.id


def _change(back, change, done):
    """Run one service change: commit and flash `done`, or roll back and flash why it was refused."""
    if not InvitationForm().validate_on_submit():
        flash(_("The form could not be sent. Please try again."), "error")
        return redirect(back)
    try:
        change()
    except RuleError as error:
        db.session.rollback()
        flash(error.message, "error")
    else:
        db.session.commit()
        flash(done, "success")
    return redirect(back)


@bp.route("/employer/postings/<int:posting_id>/invite/<int:seeker_id>", methods=["POST"])
@role_required("employer")
def invite(posting_id, seeker_id):
    posting = get_or_404(Posting, posting_id, can_manage_posting)
    seeker = get_or_404(Seeker, seeker_id)
    back = url_for("applications.for_posting", posting_id=posting.id, _anchor="candidates")
    done = _("%(name)s has been invited to apply. Their answer will show here.", name=seeker.masked_name)
    return _change(back, lambda: services.invite(posting, seeker, acting_user()), done)


@bp.route("/invitations/<int:invitation_id>/accept", methods=["POST"])
@role_required("seeker")
def accept(invitation_id):
    invitation = get_or_404(Invitation, invitation_id, _invited)
    posting = invitation.posting
    done = _("You accepted the invitation: your application for %(title)s has been sent to %(employer)s.",
             title=posting.title, employer=posting.employer.name)
    back = url_for("seekers.profile", _anchor="invitations")
    return _change(back, lambda: services.accept(invitation, invitation.seeker), done)


@bp.route("/invitations/<int:invitation_id>/decline", methods=["POST"])
@role_required("seeker")
def decline(invitation_id):
    invitation = get_or_404(Invitation, invitation_id, _invited)
    done = _("You declined the invitation for %(title)s. The employer has been told.",
             title=invitation.posting.title)
    back = url_for("seekers.profile", _anchor="invitations")
    return _change(back, lambda: services.decline(invitation, invitation.seeker), done)
