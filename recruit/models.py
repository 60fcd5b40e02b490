"""Every model, imported once so that SQLAlchemy and Alembic see the whole schema."""
from recruit.accounts.models import User
from recruit.accounts.models import UserRegion
from recruit.applications.models import Application
from recruit.applications.models import ApplicationChange
from recruit.audit.models import AuditEvent
from recruit.checkin.models import Checkin
from recruit.checkin.models import VisitorCount
from recruit.core.models import Setting
from recruit.core.throttle import ThrottleHit
from recruit.dashboard.models import ScreenLink
from recruit.drives.models import BatchMember
from recruit.drives.models import RetentionCheck
from recruit.drives.models import TravelBatch
from recruit.employers.models import Employer
from recruit.events.models import Event
from recruit.events.models import Participation
from recruit.imports.models import ImportJob
from recruit.invitations.models import Invitation
from recruit.matching.models import Match
from recruit.matching.models import MatchRun
from recruit.notices.models import Notice
from recruit.postings.models import Posting
from recruit.postings.models import posting_events
from recruit.reports.models import Report
from recruit.reports.models import ReportRun
from recruit.reports.models import SchedulerLease
from recruit.seekers.models import Seeker

__all__ = [
    "Application", "ApplicationChange", "AuditEvent", "BatchMember", "Checkin", "Employer", "Event", "ImportJob",
    "Invitation", "Match", "MatchRun", "Notice", "Participation", "Posting", "Report", "ReportRun", "RetentionCheck",
    "SchedulerLease", "ScreenLink", "Seeker", "Setting", "ThrottleHit", "TravelBatch", "User", "UserRegion",
    "VisitorCount", "posting_events",
]
