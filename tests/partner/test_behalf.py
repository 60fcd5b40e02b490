"""Partner staff apply on a seeker's behalf, for the open postings of a drive that recruits in their region;
the history says it was them, and the seeker follows it online."""
import pytest
import sqlalchemy as sa

from recruit.applications.models import BEHALF_NOTE
from recruit.applications.models import Application
from recruit.extensions import db as _db
from tests import factories
from tests.helpers import signed_in


@pytest.fixture
def drive(app, db):
    """The drive to Weining with one open posting, a fair elsewhere, Weining's station and one of its seekers."""
    weining = factories.create_event(name="赴威宁招聘", kind="cross_province", origin_region_codes=["520526"])
    fair = factories.create_event(name="衢江招聘会", origin_region_codes=[])
    employer = factories.create_employer(name="衢州元立金属制品有限公司")
    steel = factories.create_posting(employer, [weining], title="钢筋工")
    elsewhere = factories.create_posting(employer, [fair], title="注塑工")
    seeker_user = factories.create_user("seeker", username="15185700001")
    seeker = factories.create_seeker(mobile="15185700001", user=seeker_user)
    partner = factories.create_user("partner", username="weining", regions=["520526"])
    db.session.commit()
    desk = signed_in(app.test_client(), partner, lang="en")
    return desk, seeker, weining, steel, elsewhere


def applications():
    _db.session.expire_all()
    return _db.session.scalars(sa.select(Application)).all()


def test_partner_applies_for_a_drive_posting_and_the_history_says_so(app, db, drive):
    desk, seeker, weining, steel, elsewhere = drive
    page = desk.get(f"/partner/seekers/{seeker.id}").get_data(as_text=True)
    assert "钢筋工" in page and "注塑工" not in page  # only the drive that recruits in Weining

    response = desk.post(f"/partner/seekers/{seeker.id}/applications", data={"choice": f"{weining.id}-{steel.id}"})

    assert response.headers["Location"] == f"/partner/seekers/{seeker.id}"
    [application] = applications()
    assert (application.posting_id, application.event_id, application.status) == (steel.id, weining.id, "applied")
    [change] = application.changes
    assert change.note == BEHALF_NOTE and change.by_user.username == "weining"
    own = signed_in(app.test_client(), seeker.user, lang="en").get("/me/applications").get_data(as_text=True)
    assert "钢筋工" in own and "Applied on the seeker's behalf by partner-region staff." in own


def test_a_posting_not_offered_cannot_be_sent(db, drive):
    desk, seeker, weining, steel, elsewhere = drive
    fair = elsewhere.events[0]

    response = desk.post(f"/partner/seekers/{seeker.id}/applications", data={"choice": f"{fair.id}-{elsewhere.id}"})

    assert "Choose one from the list." in response.get_data(as_text=True)
    assert applications() == []


def test_the_postings_own_rules_still_hold(db, drive):
    desk, seeker, weining, steel, elsewhere = drive
    steel.age_max = 25  # the seeker was born in 1995
    db.session.commit()

    response = desk.post(f"/partner/seekers/{seeker.id}/applications", data={"choice": f"{weining.id}-{steel.id}"})

    assert response.status_code == 200 and "25" in response.get_data(as_text=True)
    assert applications() == []


def test_applying_twice_says_so(db, drive):
    desk, seeker, weining, steel, elsewhere = drive
    desk.post(f"/partner/seekers/{seeker.id}/applications", data={"choice": f"{weining.id}-{steel.id}"})

    again = desk.post(f"/partner/seekers/{seeker.id}/applications", data={"choice": f"{weining.id}-{steel.id}"})

    assert "already applied" in again.get_data(as_text=True)
    assert len(applications()) == 1
