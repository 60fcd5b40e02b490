"""A cross-province drive from Weining to Qujiang: two employers, signed workers, partner desks of two regions."""
from datetime import date
from datetime import datetime
from types import SimpleNamespace

import pytest

from recruit.applications import services as application_services
from recruit.drives import retention
from recruit.drives import services
from tests import factories

ORIGIN = "520526"  # Weining County, Guizhou
FAR = "532301"  # Chuxiong, Yunnan: another partner's region
HOST = "330803"  # Qujiang District, Quzhou
BATCH = {"departs_on": date(2023, 2, 20), "from_place": "威宁站", "to_place": "衢州站", "escort_name": "李干事",
         "escort_mobile": "13800138001"}


def signed(seeker, posting, event, staff):
    """The seeker applied and the employer took them through to a signing."""
    application = application_services.apply(seeker, posting, event, by_user=seeker.user)
    for status in ("interviewed", "intent", "signed"):
        application_services.move(application, status, staff)
    return application


@pytest.fixture
def drive(db):
    event = factories.create_event(name="威宁专场", kind="cross_province", origin_region_codes=[ORIGIN],
                                   host_region_code=HOST)
    fair = factories.create_event(name="春季招聘会")
    employer = factories.create_employer(name="元立金属")
    other = factories.create_employer(name="巨化集团")
    staff = factories.create_user("employer", employer_id=employer.id)
    other_staff = factories.create_user("employer", employer_id=other.id)
    posting = factories.create_posting(employer, [event], headcount=10)
    other_posting = factories.create_posting(other, [event], headcount=10)
    fair_posting = factories.create_posting(employer, [fair], headcount=10)
    seekers = [factories.create_seeker(user=factories.create_user("seeker"), region_code=ORIGIN)
               for _ in range(3)]
    far_seeker = factories.create_seeker(user=factories.create_user("seeker"), region_code=FAR)
    bureau = factories.create_user("bureau")
    world = SimpleNamespace(
        event=event, fair=fair, employer=employer, other=other, staff=staff, other_staff=other_staff,
        posting=posting, other_posting=other_posting, bureau=bureau, seekers=seekers, far_seeker=far_seeker,
        partner=factories.create_user("partner", regions=[ORIGIN]),
        far_partner=factories.create_user("partner", regions=[FAR]),
        worker=signed(seekers[0], posting, event, staff),
        other_worker=signed(seekers[1], other_posting, event, other_staff),
        far_worker=signed(far_seeker, posting, event, staff),
        fair_worker=signed(seekers[2], fair_posting, fair, staff),
    )
    world.batch = services.create_batch(event, BATCH, bureau)
    return world


FIRST_DAY = date(2023, 2, 22)
STAGES = {"intent": ("interviewed", "intent"), "rejected": ("rejected",)}


def applied(seeker, posting, event, staff, stage=None):
    application = application_services.apply(seeker, posting, event, by_user=seeker.user)
    for status in STAGES.get(stage, ()):
        application_services.move(application, status, staff)
    return application


@pytest.fixture
def season(drive, db):
    """The drive from signing to six months, with the usual losses on the way, and a fair beside it."""
    d = drive
    newcomer = factories.create_seeker(user=factories.create_user("seeker"), region_code=ORIGIN)
    factories.create_seeker(region_code=ORIGIN, created_at=datetime(2023, 1, 10))  # registered, stayed home
    factories.create_seeker(region_code=ORIGIN)  # registered after the drive, and never came
    late = factories.create_seeker(user=factories.create_user("seeker"), region_code=ORIGIN)
    for seeker in (*d.seekers, newcomer, late, d.far_seeker):
        factories.create_checkin(seeker, d.event)
    factories.create_checkin(d.seekers[2], d.fair)
    applied(newcomer, d.posting, d.event, d.staff, "intent")
    applied(d.seekers[2], d.other_posting, d.event, d.other_staff, "rejected")
    d.late = signed(late, d.posting, d.event, d.staff)  # and then did not take the train
    for worker in (d.worker, d.other_worker, d.far_worker):
        services.add_member(d.batch, worker, d.bureau)
    services.depart(d.batch, d.bureau)
    services.arrive(d.batch, d.bureau)
    services.confirm_onboarding(d.worker, FIRST_DAY, d.staff)
    services.confirm_onboarding(d.other_worker, FIRST_DAY, d.other_staff)
    services.confirm_onboarding(d.far_worker, FIRST_DAY, d.staff)
    d.fair_worker.onboarded_on = FIRST_DAY  # the day the employer names, before moving it on its page
    application_services.move(d.fair_worker, "onboarded", d.staff)
    _answer_due(date(2023, 5, 23), {d.worker.id: "stayed", d.far_worker.id: "stayed", d.other_worker.id: "left",
                                    d.fair_worker.id: "stayed"}, d)
    _answer_due(date(2023, 8, 23), {d.worker.id: "stayed"}, d)
    db.session.commit()
    return d


def _answer_due(today, outcomes, d):
    retention.create_due_checks(today)
    for check in retention.open_checks(d.employer) + retention.open_checks(d.other):
        outcome = outcomes.get(check.application_id)
        if outcome == "stayed":
            retention.answer(check, {"outcome": "stayed"}, check.application.posting.employer.users[0])
        elif outcome == "left":
            retention.answer(check, {"outcome": "left", "left_on": date(2023, 4, 2), "reason": "家中有事"},
                             check.application.posting.employer.users[0])
