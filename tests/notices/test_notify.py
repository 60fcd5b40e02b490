"""One notify(): the notice keeps its kind and values and always links to its page, in a request or not."""
import pytest
import sqlalchemy as sa

from recruit.audit.services import record
from recruit.employers import review
from recruit.notices.models import Notice
from recruit.notices.services import notify
from recruit.notices.services import text_of
from tests import factories


def test_a_notice_made_outside_a_request_still_links_to_its_page(db):
    """A review from the command line or a scheduled job: no request, the link is built all the same."""
    employer = factories.create_employer(status="pending", name="衢江链接有限公司")
    staff = factories.create_user("employer", employer_id=employer.id)

    review.approve_employer(employer, factories.create_user("bureau"))

    notice = db.session.scalars(sa.select(Notice).where(Notice.user_id == staff.id)).one()
    assert (notice.kind, notice.link) == ("employer_approved", "/employer")
    assert text_of(notice) == "衢江链接有限公司 已通过审核，招聘中的岗位现已公开。"


def test_an_unknown_kind_of_notice_is_refused_before_anyone_is_told(db):
    with pytest.raises(ValueError, match="unknown notice kind"):
        notify([factories.create_user("seeker")], "surprise", {}, "main.home")


def test_an_action_outside_the_registry_is_refused_by_the_audit_log(db):
    with pytest.raises(ValueError, match="recruit/audit/actions.py"):
        record("something_happened")
