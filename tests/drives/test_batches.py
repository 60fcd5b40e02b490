"""Planning a batch, its members, departure and arrival: the rules, straight through the services."""
from datetime import date

import pytest
import sqlalchemy as sa

from recruit.applications import services as application_services
from recruit.audit.models import AuditEvent
from recruit.domain.errors import RuleError
from recruit.drives import services
from recruit.drives.models import BatchMember
from tests.drives.conftest import BATCH


def codes(error):
    return {(problem.code, problem.field) for problem in error.problems}


def actions(db):
    return db.session.scalars(sa.select(AuditEvent.action).order_by(AuditEvent.id)).all()


def test_a_batch_needs_every_field_and_a_real_mobile(drive):
    with pytest.raises(RuleError) as refused:
        services.create_batch(drive.event, {**BATCH, "from_place": " ", "escort_mobile": "12345",
                                            "departs_on": None}, drive.bureau)
    assert codes(refused.value) == {("required", "from_place"), ("mobile.format", "escort_mobile"),
                                    ("required", "departs_on")}


def test_only_a_cross_province_drive_has_batches(drive):
    with pytest.raises(RuleError) as refused:
        services.create_batch(drive.fair, BATCH, drive.bureau)
    assert refused.value.code == "batch_not_drive"


def test_editing_a_batch_records_what_changed(drive, db):
    services.update_batch(drive.batch, {**BATCH, "departs_on": date(2023, 2, 21), "escort_mobile": "13900139000"},
                          drive.bureau)
    entry = db.session.scalars(sa.select(AuditEvent).where(AuditEvent.action == "batch_updated")).one()
    assert entry.detail == {"fields": ["departs_on", "escort_mobile"]}
    assert drive.batch.departs_on == date(2023, 2, 21)


def test_signed_workers_of_the_drive_are_the_candidates(drive):
    assert {a.id for a in services.candidates(drive.event)} == {drive.worker.id, drive.other_worker.id,
                                                              drive.far_worker.id}
    services.add_member(drive.batch, drive.worker, drive.bureau)
    assert drive.worker.id not in {a.id for a in services.candidates(drive.event)}
    assert services.batch_of(drive.worker) == drive.batch


def test_a_worker_who_has_not_signed_cannot_join(drive):
    application = application_services.apply(drive.seekers[2], drive.posting, drive.event,
                                             by_user=drive.seekers[2].user)
    with pytest.raises(RuleError) as refused:
        services.add_member(drive.batch, application, drive.bureau)
    assert codes(refused.value) == {("batch_member_not_signed", "application_id")}


def test_a_worker_signed_at_another_event_cannot_join(drive):
    with pytest.raises(RuleError) as refused:
        services.add_member(drive.batch, drive.fair_worker, drive.bureau)
    assert refused.value.code == "batch_member_other_event"


def test_a_worker_travels_in_one_batch_only(drive, db):
    second = services.create_batch(drive.event, {**BATCH, "departs_on": date(2023, 2, 27)}, drive.bureau)
    services.add_member(drive.batch, drive.worker, drive.bureau)
    with pytest.raises(RuleError) as refused:
        services.add_member(second, drive.worker, drive.bureau)
    assert refused.value.code == "batch_member_taken"
    assert refused.value.status == 409
    assert db.session.scalar(sa.select(sa.func.count()).select_from(BatchMember)) == 1


def test_a_worker_taken_off_may_join_another_batch(drive):
    second = services.create_batch(drive.event, {**BATCH, "departs_on": date(2023, 2, 27)}, drive.bureau)
    services.add_member(drive.batch, drive.worker, drive.bureau)
    services.remove_member(drive.batch, drive.worker.id, drive.bureau)
    services.add_member(second, drive.worker, drive.bureau)
    assert services.batch_of(drive.worker) == second
    with pytest.raises(RuleError) as refused:
        services.remove_member(drive.batch, drive.worker.id, drive.bureau)
    assert refused.value.code == "batch_not_member"


def test_an_empty_batch_does_not_leave(drive):
    with pytest.raises(RuleError) as refused:
        services.depart(drive.batch, drive.bureau)
    assert refused.value.code == "batch_empty"
    assert drive.batch.status == "planned"


def test_a_batch_leaves_then_arrives_and_its_members_are_fixed_on_the_way(drive, db):
    services.add_member(drive.batch, drive.worker, drive.bureau)
    services.add_member(drive.batch, drive.other_worker, drive.bureau)
    with pytest.raises(RuleError) as early:
        services.arrive(drive.batch, drive.bureau)
    assert early.value.code == "batch_not_departed"

    services.depart(drive.batch, drive.bureau)
    assert drive.batch.status == "departed" and drive.batch.departed_at is not None
    with pytest.raises(RuleError) as late:
        services.add_member(drive.batch, drive.far_worker, drive.bureau)
    assert late.value.code == "batch_not_planned"
    with pytest.raises(RuleError):
        services.remove_member(drive.batch, drive.worker.id, drive.bureau)
    with pytest.raises(RuleError) as twice:
        services.depart(drive.batch, drive.bureau)
    assert twice.value.code == "batch_not_planned"

    services.arrive(drive.batch, drive.bureau)
    assert drive.batch.status == "arrived" and drive.batch.arrived_at is not None
    assert actions(db)[-4:] == ["batch_member_added", "batch_member_added", "batch_departed", "batch_arrived"]
    departed = db.session.scalars(sa.select(AuditEvent).where(AuditEvent.action == "batch_departed")).one()
    assert departed.detail == {"members": 2}
