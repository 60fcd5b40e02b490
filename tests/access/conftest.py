"""Two parties (a seeker and an employer each) with data of their own, a partner desk, the bureau."""
from datetime import date
from datetime import datetime
from types import SimpleNamespace

import pytest

from recruit.applications import services as application_services
from recruit.dashboard import services as dashboard_services
from recruit.drives import services as drive_services
from recruit.drives.models import RetentionCheck
from recruit.extensions import limiter
from recruit.invitations import services as invitation_services
from recruit.seekers.identity import reveal_id_number
from recruit.seekers.services import PRIVACY_VERSION
from recruit.seekers.services import checkin_token
from tests import factories
from tests.helpers import sign_in
from tests.imports.jobs import create_job

HOST = "330803"  # Qujiang District, Quzhou: the hometown of the other seeker
ORIGIN = "520526"  # Weining County, Guizhou: the hometown of the seeker, served by the partner desk
IDENTITIES = ("anonymous", "seeker", "other_seeker", "employer", "other_employer", "partner", "bureau")
# Each party's data carries its marker, so that a page showing the other party's data is caught.
MARKERS = {"one": "Quartz", "two": "Garnet"}


def _company(marker, event, booth):
    """An approved employer with its HR account, at the event, with an open and a draft posting."""
    employer = factories.create_employer(name=f"{marker} Moulding Ltd", contact_name=f"{marker} Manager")
    staff = factories.create_user("employer", employer_id=employer.id, username=f"{marker.lower()}hr",
                                  display_name=f"{marker} HR")
    participation = factories.add_participation(event, employer, booth=booth)
    fields = dict(skills=["forklift"], description=f"{marker} shifts.", work_region_code=HOST)
    open_posting = factories.create_posting(employer, [event], "open", title=f"{marker} Open Job", **fields)
    draft = factories.create_posting(employer, [event], "draft", title=f"{marker} Draft Job", **fields)
    return SimpleNamespace(employer=employer, staff=staff, participation=participation, open=open_posting,
                           draft=draft)


def _seeker(marker, hometown, posting, event, staff):
    """A seeker with an account who applied for the posting and was moved on, so that notices were sent."""
    user = factories.create_user("seeker", username=f"{marker.lower()}seeker",
                                 display_name=f"{marker} Seeker")
    seeker = factories.create_seeker(user=user, region_code=hometown, name=f"{marker} Seeker", education="40",
                                     current_region_code=HOST, consent_at=datetime(2023, 1, 20, 2, 0),
                                     consent_version=PRIVACY_VERSION)
    application = application_services.apply(seeker, posting, event, by_user=user)
    application_services.move(application, "interviewed", staff)
    return SimpleNamespace(user=user, seeker=seeker, application=application)


def _drives(db, bureau, application):
    """A closed drive to the partner's region with a batch, another region's drive with one, and a retention
    check on the seeker's application (the employer's to answer)."""
    batch = {"departs_on": date(2023, 2, 20), "from_place": "Weining Station", "to_place": "Quzhou Station",
             "escort_name": "Officer Li", "escort_mobile": "13800138001"}
    drive = factories.create_event(status="closed", name="Weining Drive", kind="cross_province",
                                   host_region_code=HOST, origin_region_codes=[ORIGIN])
    far_drive = factories.create_event(status="closed", name="Far Drive", kind="cross_province",
                                       host_region_code=HOST, origin_region_codes=["532301"])
    check = RetentionCheck(application=application, kind="3m", due_on=date(2023, 5, 22))
    db.session.add(check)
    db.session.flush()
    return dict(drive=drive.id, batch=drive_services.create_batch(drive, batch, bureau).id,
                far_batch=drive_services.create_batch(far_drive, batch, bureau).id, check_one=check.id)


@pytest.fixture
def world(db):
    """The objects every URL argument is filled with; those of party one are the targets of the matrix."""
    event = factories.create_event(name="Spring Job Fair", host_region_code=HOST,
                                   origin_region_codes=[ORIGIN])
    one = _company(MARKERS["one"], event, "A01")
    two = _company(MARKERS["two"], event, "A02")
    pending_posting = factories.create_posting(one.employer, [event], "pending", title="Quartz Pending Job")
    waiting = factories.create_employer(status="pending", name="Topaz Waiting Ltd")
    seeker_one = _seeker(MARKERS["one"], ORIGIN, one.open, event, one.staff)
    seeker_two = _seeker(MARKERS["two"], HOST, two.open, event, two.staff)
    # The seeker is invited for two more of the employer's postings: one invitation to accept, one to decline.
    invitations = [invitation_services.invite(
        factories.create_posting(one.employer, [event], "open", title=f"{MARKERS['one']} {kind} Job",
                                 work_region_code=HOST), seeker_one.seeker, one.staff)
        for kind in ("Invited", "Second Invited")]
    # Accounts whose passwords the matrix resets: none of the identities below, so that none is signed out.
    forgetful = _seeker("Jasper", ORIGIN, two.open, event, two.staff)
    # Seekers registered by staff without an online account: the matrix opens one.
    offline = factories.create_seeker(region_code=ORIGIN, name="Onyx Offline")
    offline_far = factories.create_seeker(region_code=HOST, name="Opal Offline")
    second_hr = factories.create_user("employer", employer_id=one.employer.id, username="quartzhr2")
    partner = factories.create_user("partner", regions=[ORIGIN], username="weiningdesk")
    bureau = factories.create_user("bureau", username="deskclerk")
    draft_event = factories.create_event(status="draft", name="Draft Fair")
    report = factories.create_report(event)
    # Finished imports with a file of refused rows: the bureau's, and the partner desk's own.
    bureau_import = create_job(bureau, "bureau", kind="employers")
    partner_import = create_job(partner, "partner")
    screen_link, screen_token = dashboard_services.issue_screen_link(event, "Hall screen", bureau)
    revoked_link, revoked_token = dashboard_services.issue_screen_link(event, "Old screen", bureau)
    dashboard_services.revoke_screen_link(revoked_link, bureau)
    drives = _drives(db, bureau, seeker_one.application)
    db.session.commit()
    ids = dict(event=event.id, employer_a=one.employer.id, employer_b=two.employer.id,
               employer_waiting=waiting.id, open_a=one.open.id, draft_a=one.draft.id,
               pending_a=pending_posting.id, open_b=two.open.id, draft_b=two.draft.id,
               seeker_one=seeker_one.seeker.id, seeker_two=seeker_two.seeker.id,
               application_one=seeker_one.application.id, application_two=seeker_two.application.id,
               participation_a=one.participation.id, participation_b=two.participation.id,
               partner_user=partner.id, seeker_user=seeker_one.user.id, seeker_forgetful=forgetful.seeker.id,
               seeker_offline=offline.id, seeker_offline_far=offline_far.id,
               staff_a2=second_hr.id, invitation_one=invitations[0].id, invitation_one_b=invitations[1].id,
               draft_event=draft_event.id, report=report.id, import_bureau=bureau_import.id,
               import_partner=partner_import.id, screen_link=screen_link.id,
               screen_token=screen_token, revoked_token=revoked_token, **drives)
    usernames = {"seeker": seeker_one.user.username, "other_seeker": seeker_two.user.username,
                 "employer": one.staff.username, "other_employer": two.staff.username,
                 "partner": partner.username, "bureau": bureau.username}
    world = SimpleNamespace(ids=ids, usernames=usernames, id_number_one=reveal_id_number(seeker_one.seeker),
                            token_two=checkin_token(seeker_two.seeker))
    db.session.close()  # from here on the test holds plain ids: every read goes through a request
    return world


@pytest.fixture
def clients(app, world):
    """One client per identity, signed in through the form; `anonymous` is not signed in."""
    signed_in = {"anonymous": app.test_client()}
    for identity, username in world.usernames.items():
        limiter.reset()  # all clients share one address, and the sign-in form is throttled per address
        client = app.test_client()
        assert sign_in(client, username).status_code == 302, f"{identity} could not sign in"
        signed_in[identity] = client
    return signed_in
