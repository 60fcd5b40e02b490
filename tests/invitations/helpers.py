"""Building blocks for the invitation tests: an employer's open posting and a seeker who fits it."""
from dataclasses import dataclass

from recruit.applications.models import Application
from recruit.audit.models import AuditEvent
from recruit.extensions import db
from recruit.invitations.models import Invitation
from recruit.notices.models import Notice
from tests import factories
from tests.applications.helpers import company
from tests.applications.helpers import seeker_with_account

# What a seeker who fits the posting of `invitable()` is like: a Qujiang welder with a forklift licence.
HOME = "330803"
TRADE = "6-99-01"


@dataclass
class Case:
    """An approved employer's open posting at a published fair, its HR account, and a seeker who fits it."""

    posting: object
    staff: object
    seeker: object


def fitting_seeker(**fields):
    """A seeker with an account whose profile fits the case's posting (same county, trade and skills)."""
    values = dict(region_code=HOME, desired_occupations=[TRADE], skills=["注塑"], expected_salary=6000,
                  education="40")
    values.update(fields)
    return seeker_with_account(**values)


def invitable(**posting_fields):
    firm = company(name="衢州元立金属制品有限公司")
    event = factories.create_event()
    factories.add_participation(event, firm.employer)
    posting = factories.create_posting(firm.employer, [event], title="注塑操作工", occupation_code=TRADE,
                                       **posting_fields)
    return Case(posting=posting, staff=firm.staff, seeker=fitting_seeker(name="龙海燕"))


# Signing in and out is audited too: not something a refused change wrote.
SIGN_IN_ACTIONS = ("login", "login_failed", "logout")


def count(model, *where):
    return db.session.scalar(db.select(db.func.count()).select_from(model).where(*where))


def written():
    """How many invitations, applications, notices and audit events there are: a refusal leaves them be."""
    return {"invitations": count(Invitation), "applications": count(Application), "notices": count(Notice),
            "audit events": count(AuditEvent, AuditEvent.action.not_in(SIGN_IN_ACTIONS))}
