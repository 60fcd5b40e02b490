"""Every feature's pages, and the bureau's frame with the features' bureau pages inside it."""
import logging

from recruit.accounts import login
from recruit.accounts.views import bp as accounts_bp
from recruit.applications.views import bp as applications_bp
from recruit.bureau.audit_views import bp as audit_bp
from recruit.bureau.staff_views import bp as staff_bp
from recruit.bureau.views import bp as bureau_bp
from recruit.checkin.views import bp as checkin_bp
from recruit.dashboard.views import bp as dashboard_bp
from recruit.dashboard.views import screen_bp
from recruit.drives.views import bp as drives_bp
from recruit.drives.views import employer_bp as employer_drives_bp
from recruit.drives.views import partner_bp as partner_drives_bp
from recruit.employers.review_views import bp as employer_review_bp
from recruit.employers.views import bp as employers_bp
from recruit.events.public_views import bp as public_events_bp
from recruit.events.views import bp as events_bp
from recruit.exports.views import bp as exports_bp
from recruit.exports.views import partner_bp as partner_exports_bp
from recruit.extensions import login as login_manager
from recruit.imports.views import PARTNER_NAME as PARTNER_IMPORTS
from recruit.imports.views import bp as imports_bp
from recruit.invitations.views import bp as invitations_bp
from recruit.main.views import bp as main_bp
from recruit.notices.views import bp as notices_bp
from recruit.partner.views import bp as partner_bp
from recruit.postings.review_views import bp as posting_review_bp
from recruit.postings.views import bp as postings_bp
from recruit.reports.views import bp as reports_bp
from recruit.reports.views import partner_bp as partner_reports_bp
from recruit.seekers.bureau_views import bp as seeker_bureau_bp
from recruit.seekers.views import bp as seekers_bp

logger = logging.getLogger(__name__)

# Bureau pages, under /bureau and its guard; their endpoints read bureau.<name>.<view>.
BUREAU_PAGES = (employer_review_bp, posting_review_bp, events_bp, reports_bp, seeker_bureau_bp, staff_bp, audit_bp,
                checkin_bp, dashboard_bp, imports_bp, drives_bp, exports_bp)
PAGES = (main_bp, accounts_bp, seekers_bp, partner_bp, partner_reports_bp, employers_bp, postings_bp, applications_bp,
         invitations_bp, notices_bp, public_events_bp, screen_bp, bureau_bp, employer_drives_bp, partner_drives_bp,
         partner_exports_bp)

# A blueprint takes its children before it is first registered, once per process (an app factory may run
# several times, as the tests do).
for page in BUREAU_PAGES:
    bureau_bp.register_blueprint(page)


def register(app):
    login.configure(login_manager)
    for blueprint in PAGES:
        app.register_blueprint(blueprint)
    # The import pages a second time, for partner staff: /partner/imports…, endpoints partner_imports.<view>.
    app.register_blueprint(imports_bp, name=PARTNER_IMPORTS, url_prefix="/partner/imports")
