"""Invitation forms: inviting and answering send nothing but the CSRF token."""
import logging

from recruit.core.forms import Form

logger = logging.getLogger(__name__)


class InvitationForm(Form):
    """Invite a seeker, or accept or decline an invitation: nothing to fill in, the form carries the CSRF token."""
