"""A small world with one object of each kind (ASCII names, so that data never reads as a language),
and a signed-in client for each role."""
from datetime import date
from datetime import datetime
from types import SimpleNamespace

import pytest

from recruit.applications import services as application_services
from recruit.dashboard import services as dashboard_services
from recruit.domain import regions
from recruit.drives import services as drive_services
from recruit.seekers.services import PRIVACY_VERSION
from tests import factories
from tests.helpers import sign_in
from tests.imports.jobs import create_job

HOST = "330803"  # Qujiang District, Quzhou
ORIGIN = "520526"  # Weining County, Guizhou
ROLES = ("anonymous", "seeker", "employer", "partner", "bureau")



@pytest.fixture
def world(db):
    """Objects for every kind of URL argument, reachable by the role that owns them."""
    bureau = factories.create_user("bureau", username="deskclerk", display_name="Desk Clerk")
    partner = factories.create_user("partner", regions=[ORIGIN], username="weiningdesk",
                                    display_name="Weining Desk")
    employer = factories.create_employer(name="Acme Moulding Ltd", address="No 8 Test Road",
                                         contact_name="Manager Lee", description="Plastic parts.")
    staff = factories.create_user("employer", employer_id=employer.id, username="acmehr",
                                  display_name="Acme HR")
    waiting = factories.create_employer(status="pending", name="Beta Tools Ltd", address="No 9 Test Road",
                                        contact_name="Manager Ma")
    event = factories.create_event(name="Spring Job Fair", venue="Job Market Hall", host_region_code=HOST,
                                   origin_region_codes=[ORIGIN])
    participation = factories.add_participation(event, employer, booth="A01")
    factories.add_participation(event, waiting, booth="A02", approved=False)
    ascii_posting = dict(skills=["forklift"], description="Day and night shifts.", work_region_code=HOST)
    posting = factories.create_posting(employer, [event], "open", title="Injection Moulder", **ascii_posting)
    draft = factories.create_posting(employer, [event], "draft", title="Warehouse Keeper", **ascii_posting)
    pending = factories.create_posting(waiting, [event], "pending", title="Lathe Operator", **ascii_posting)
    seeker_user = factories.create_user("seeker", username="13900000001", display_name="Test Seeker")
    seeker = factories.create_seeker(user=seeker_user, region_code=ORIGIN, name="Test Seeker", education="40",
                                     current_region_code=HOST, skills=["welding"],
                                     desired_occupations=[posting.occupation_code], expected_salary=6000,
                                     consent_at=datetime(2023, 1, 20, 2, 0), consent_version=PRIVACY_VERSION)
    application = application_services.apply(seeker, posting, event, by_user=seeker_user)
    application_services.move(application, "interviewed", staff)
    report = factories.create_report(event)
    imports = [create_job(bureau, "bureau", kind="employers"), create_job(partner, "partner")]
    screen_link, screen_token = dashboard_services.issue_screen_link(event, "Hall Screen", bureau)
    drive = factories.create_event(name="Weining Drive", kind="cross_province", venue="Job Market Hall",
                                   host_region_code=HOST, origin_region_codes=[ORIGIN])
    batch = drive_services.create_batch(drive, {
        "departs_on": date(2023, 2, 20), "from_place": "Weining Station", "to_place": "Quzhou Station",
        "escort_name": "Officer Li", "escort_mobile": "13800138001"}, bureau)
    db.session.commit()
    return SimpleNamespace(
        users={"seeker": seeker_user, "employer": staff, "partner": partner, "bureau": bureau},
        arguments={
            "posting_id": [posting.id, draft.id, pending.id],
            "employer_id": [employer.id, waiting.id],
            "event_id": [event.id, drive.id],
            "batch_id": [batch.id],
            "seeker_id": [seeker.id],
            "application_id": [application.id],
            "user_id": [partner.id],
            "participation_id": [participation.id],
            "report_id": [report.id],
            "job_id": [job.id for job in imports],
            "link_id": [screen_link.id],
            "token": [screen_token],
            # Reports are documents in the bureau's language whatever the page's: a spreadsheet has no page text.
            "kind": ["summary", "seekers"],
            "fmt": ["xlsx"],
        },
        # What the pages show of this data: it is neither English nor Chinese UI text.
        ascii_data=["Acme Moulding Ltd", "No 8 Test Road", "Manager Lee", "Plastic parts.", "Acme HR",
                    "Beta Tools Ltd", "No 9 Test Road", "Manager Ma", "Spring Job Fair", "Job Market Hall",
                    "forklift", "Day and night shifts.", "Injection Moulder", "Warehouse Keeper",
                    "Lathe Operator", "Test Seeker", "welding", "deskclerk", "Desk Clerk",
                    "weiningdesk", "Weining Desk", "acmehr", "A01", "A02", "Hall Screen",
                    "Weining Drive", "Weining Station", "Quzhou Station", "Officer Li", employer.uscc, waiting.uscc],
        chinese_data=region_names(HOST, ORIGIN),
    )


def region_names(*codes):
    """Region names are Chinese data (GB/T 2260 has no English names): every level of each region."""
    names = []
    for code in codes:
        while code:
            region = regions.get(code)
            names += [region.full_name, region.name]
            code = region.parent_code
    return names


@pytest.fixture
def clients(app, world):
    """One client per role, signed in through the form; `anonymous` is not signed in."""
    signed_in = {"anonymous": app.test_client()}
    for role, user in world.users.items():
        client = app.test_client()
        response = sign_in(client, user.username)
        assert response.status_code == 302, f"{role} could not sign in"
        signed_in[role] = client
    return signed_in
