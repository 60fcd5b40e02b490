"""The drive's pages as each party walks them, and what each may not reach."""
from datetime import date

import sqlalchemy as sa

from recruit.drives import retention
from recruit.drives import services
from recruit.drives.models import BatchMember
from recruit.drives.models import RetentionCheck
from recruit.extensions import db as _db
from tests import factories
from tests.drives.conftest import BATCH
from tests.helpers import signed_in

FORM = {"departs_on": "2023-03-01", "from_place": "Weining Station", "to_place": "Quzhou Station",
        "escort_name": "Officer Li", "escort_mobile": "13800138002"}


def client_for(app, user):
    return signed_in(app.test_client(), user)


def text(response):
    assert response.status_code == 200, response.status_code
    return response.get_data(as_text=True)


def test_the_bureau_plans_a_batch_fills_it_and_sends_it_off(app, drive):
    bureau = client_for(app, drive.bureau)
    response = bureau.post(f"/bureau/events/{drive.event.id}/batches", data=FORM)
    assert response.status_code == 302
    batch_url = response.headers["Location"]
    page = text(bureau.get(batch_url))
    assert "Weining Station" in page and f'value="{drive.worker.id}"' in page
    assert f'value="{drive.fair_worker.id}"' not in page  # signed at another event

    assert bureau.post(f"{batch_url}/members", data={"application_id": drive.worker.id}).status_code == 302
    refused = text(bureau.post(f"{batch_url}/members", data={"application_id": drive.fair_worker.id}))
    assert "Choose one from the list." in refused
    assert f'data-member-application-id="{drive.worker.id}"' in text(bureau.get(batch_url))

    assert bureau.post(f"{batch_url}/depart").status_code == 302
    assert bureau.post(f"{batch_url}/arrive").status_code == 302
    assert 'data-batch-status="arrived"' in text(bureau.get(batch_url))
    listing = text(bureau.get(f"/bureau/events/{drive.event.id}/batches"))
    assert listing.count("data-batch-id=") == 2


def test_a_refused_batch_form_shows_each_problem(app, drive):
    bureau = client_for(app, drive.bureau)
    page = text(bureau.post(f"/bureau/events/{drive.event.id}/batches", data={**FORM, "escort_mobile": "123"}))
    assert "Enter an 11-digit mainland mobile number" in page


def test_a_fair_has_no_batches_page(app, drive):
    bureau = client_for(app, drive.bureau)
    assert bureau.get(f"/bureau/events/{drive.fair.id}/batches").status_code == 404


def arrived(drive):
    for worker in (drive.worker, drive.far_worker, drive.other_worker):
        services.add_member(drive.batch, worker, drive.bureau)
    services.depart(drive.batch, drive.bureau)
    services.arrive(drive.batch, drive.bureau)


def test_the_employer_confirms_the_first_day_and_answers_the_check(app, drive):
    arrived(drive)
    employer = client_for(app, drive.staff)
    assert "data-task-arrivals" in text(employer.get("/employer"))
    page = text(employer.get("/employer/arrivals"))
    assert f'data-arrival-application-id="{drive.worker.id}"' in page
    assert f'data-arrival-application-id="{drive.other_worker.id}"' not in page  # another company's worker

    early = text(employer.post(f"/employer/arrivals/{drive.worker.id}/onboard",
                               data={f"onboard-{drive.worker.id}-onboarded_on": "2023-02-01"}))
    assert "cannot start before the batch left on 2023-02-20" in early
    done = employer.post(f"/employer/arrivals/{drive.worker.id}/onboard",
                         data={f"onboard-{drive.worker.id}-onboarded_on": "2023-02-22"})
    assert done.status_code == 302

    seeker = client_for(app, drive.worker.seeker.user)
    shown = text(seeker.get(f"/applications/{drive.worker.id}"))
    assert "data-travel-batch" in shown and "2023-02-22" in shown and BATCH["from_place"] in shown

    retention.create_due_checks(date(2023, 5, 22))
    _db.session.commit()
    check = _db.session.scalar(sa.select(RetentionCheck))
    assert "data-task-checks" in text(employer.get("/employer"))
    prefix = f"check-{check.id}-"
    missing = text(employer.post(f"/employer/retention/{check.id}", data={f"{prefix}outcome": "left"}))
    assert "This field is required." in missing
    answered = employer.post(f"/employer/retention/{check.id}", data={f"{prefix}outcome": "stayed"})
    assert answered.status_code == 302
    assert 'data-status="retained"' in text(seeker.get(f"/applications/{drive.worker.id}"))
    assert "data-open-check-id" not in text(employer.get("/employer/arrivals"))


def test_another_employer_reaches_neither_the_worker_nor_the_check(app, drive):
    arrived(drive)
    services.confirm_onboarding(drive.worker, date(2023, 2, 22), drive.staff)
    retention.create_due_checks(date(2023, 5, 22))
    _db.session.commit()
    check = _db.session.scalar(sa.select(RetentionCheck))
    other = client_for(app, drive.other_staff)
    assert other.post(f"/employer/arrivals/{drive.far_worker.id}/onboard",
                      data={f"onboard-{drive.far_worker.id}-onboarded_on": "2023-02-22"}).status_code == 404
    assert other.post(f"/employer/retention/{check.id}",
                      data={f"check-{check.id}-outcome": "stayed"}).status_code == 404
    _db.session.expire_all()
    assert _db.session.get(RetentionCheck, check.id).answered_at is None


def test_partners_follow_only_their_regions_batches_and_workers(app, drive):
    arrived(drive)
    far_event = factories.create_event(kind="cross_province", origin_region_codes=["532301"], name="楚雄专场")
    far_drive = services.create_batch(far_event, BATCH, drive.bureau)
    partner = client_for(app, drive.partner)
    listing = text(partner.get("/partner/batches"))
    assert f'data-batch-id="{drive.batch.id}"' in listing and f'data-batch-id="{far_drive.id}"' not in listing
    page = text(partner.get(f"/partner/batches/{drive.batch.id}"))
    assert f'data-member-application-id="{drive.worker.id}"' in page
    assert f'data-member-application-id="{drive.far_worker.id}"' not in page  # from another partner's region
    assert partner.get(f"/partner/batches/{far_drive.id}").status_code == 404
    far_partner = client_for(app, drive.far_partner)
    assert far_partner.get(f"/partner/batches/{drive.batch.id}").status_code == 404


def test_overdue_checks_are_listed_for_the_bureau_and_each_partner(app, drive):
    arrived(drive)
    services.confirm_onboarding(drive.worker, date(2023, 2, 22), drive.staff)
    services.confirm_onboarding(drive.far_worker, date(2023, 2, 22), drive.staff)
    retention.create_due_checks(date(2023, 5, 22))
    _db.session.commit()
    ids = {c.application_id: c.id for c in _db.session.scalars(sa.select(RetentionCheck))}
    bureau = text(client_for(app, drive.bureau).get("/bureau/retention/overdue"))
    assert f'data-check-id="{ids[drive.worker.id]}"' in bureau
    assert f'data-check-id="{ids[drive.far_worker.id]}"' in bureau
    partner = text(client_for(app, drive.partner).get("/partner/retention/overdue"))
    assert f'data-check-id="{ids[drive.worker.id]}"' in partner
    assert f'data-check-id="{ids[drive.far_worker.id]}"' not in partner


def test_a_stale_page_cannot_add_a_member_to_a_batch_that_left(app, drive):
    services.add_member(drive.batch, drive.worker, drive.bureau)
    services.depart(drive.batch, drive.bureau)
    bureau = client_for(app, drive.bureau)
    page = text(bureau.post(f"/bureau/batches/{drive.batch.id}/members",
                            data={"application_id": drive.far_worker.id}))
    assert "This batch has left" in page
    assert _db.session.scalar(sa.select(sa.func.count()).select_from(BatchMember)) == 1
