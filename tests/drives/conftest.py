"""A cross-province drive from Weining to Qujiang: two employers, signed workers, partner desks of two regions."""
from datetime import date
from types import SimpleNamespace

import pytest

from recruit.applications import services as application_services
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
