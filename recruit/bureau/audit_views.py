"""The audit log, filterable by action, user, target type and days."""
import logging

from flask import render_template
from flask import request

from recruit.bureau import queries
from recruit.bureau.forms import AuditFilterForm
from recruit.bureau.views import bp
from recruit.bureau.views import valid
from recruit.core.pages import paginate

logger = logging.getLogger(__name__)


@bp.route("/audit")
def audit():
    actions, target_types = queries.audit_choices()
    form = AuditFilterForm(request.args, actions=actions, target_types=target_types)
    form.validate()
    query = queries.audit_events(action=valid(form.action) or "", username=form.user.data or "",
                                 target_type=valid(form.target_type) or "", date_from=valid(form.date_from),
                                 date_to=valid(form.date_to))
    return render_template("bureau/audit.html", form=form, page=paginate(query))
