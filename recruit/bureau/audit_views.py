"""The audit log, filterable by action, user, target type and days."""
import logging

from flask import Blueprint
from flask import render_template
from flask import request

from recruit.audit import services as audit_services
from recruit.bureau.audit_display import audit_detail
from recruit.bureau.forms import AuditFilterForm
from recruit.core.forms import valid
from recruit.core.pages import paginate

logger = logging.getLogger(__name__)

# Registered under the bureau's frame (recruit/blueprints.py): /bureau/audit.
bp = Blueprint("audit", __name__, url_prefix="/audit")


@bp.route("")
def index():
    actions, target_types = audit_services.recorded_choices()
    form = AuditFilterForm(request.args, actions=actions, target_types=target_types)
    form.validate()
    query = audit_services.events(action=valid(form.action) or "", username=form.user.data or "",
                                  target_type=valid(form.target_type) or "", date_from=valid(form.date_from),
                                  date_to=valid(form.date_to))
    return render_template("bureau/audit.html", form=form, page=paginate(query), audit_detail=audit_detail)
