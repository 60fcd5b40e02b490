"""From arrival to retention: the first working day, the daily job's checks at 3 and 6 months, the answers."""
from datetime import date
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import sqlalchemy as sa

from recruit.applications.models import ApplicationChange
from recruit.audit.models import AuditEvent
from recruit.domain.errors import RuleError
from recruit.drives import jobs
from recruit.drives import retention
from recruit.drives import services
from recruit.drives.models import RetentionCheck

SHANGHAI = ZoneInfo("Asia/Shanghai")
FIRST_DAY = date(2023, 2, 22)


@pytest.fixture
def arrived(drive):
    for worker in (drive.worker, drive.other_worker, drive.far_worker):
        services.add_member(drive.batch, worker, drive.bureau)
    services.depart(drive.batch, drive.bureau)
    services.arrive(drive.batch, drive.bureau)
    return drive


@pytest.fixture
def onboarded(arrived):
    services.confirm_onboarding(arrived.worker, FIRST_DAY, arrived.staff)
    services.confirm_onboarding(arrived.far_worker, date(2023, 2, 23), arrived.staff)
    services.confirm_onboarding(arrived.other_worker, FIRST_DAY, arrived.other_staff)
    return arrived


def checks(db):
    return db.session.execute(sa.select(RetentionCheck.application_id, RetentionCheck.kind, RetentionCheck.due_on)
                              .order_by(RetentionCheck.application_id, RetentionCheck.kind)).all()


def test_the_employer_confirms_the_first_day_of_an_arrived_worker(arrived, db):
    assert [m.application_id for m in services.to_onboard(arrived.employer)] == [arrived.worker.id,
                                                                                arrived.far_worker.id]
    services.confirm_onboarding(arrived.worker, FIRST_DAY, arrived.staff)
    assert arrived.worker.status == "onboarded"
    assert arrived.worker.onboarded_on == FIRST_DAY
    assert [m.application_id for m in services.to_onboard(arrived.employer)] == [arrived.far_worker.id]
    last = db.session.scalars(sa.select(ApplicationChange).where(
        ApplicationChange.application_id == arrived.worker.id).order_by(ApplicationChange.id.desc())).first()
    assert (last.from_status, last.to_status, last.by_user_id) == ("signed", "onboarded", arrived.staff.id)
    entry = db.session.scalars(sa.select(AuditEvent).where(AuditEvent.action == "onboarding_confirmed")).one()
    assert entry.detail == {"batch_id": arrived.batch.id, "onboarded_on": "2023-02-22"}


def test_onboarding_waits_for_the_arrival(drive):
    services.add_member(drive.batch, drive.worker, drive.bureau)
    services.depart(drive.batch, drive.bureau)
    assert services.to_onboard(drive.employer) == []
    with pytest.raises(RuleError) as refused:
        services.confirm_onboarding(drive.worker, FIRST_DAY, drive.staff)
    assert refused.value.code == "onboard_not_arrived"


def test_only_the_workers_employer_confirms_and_only_a_sensible_day(arrived):
    with pytest.raises(RuleError) as other:
        services.confirm_onboarding(arrived.worker, FIRST_DAY, arrived.other_staff)
    assert other.value.code == "not_yours"
    with pytest.raises(RuleError) as early:
        services.confirm_onboarding(arrived.worker, date(2023, 2, 19), arrived.staff)
    assert (early.value.code, early.value.field) == ("onboard_too_early", "onboarded_on")
    with pytest.raises(RuleError) as future:
        services.confirm_onboarding(arrived.worker, date(2099, 1, 1), arrived.staff)
    assert future.value.code == "onboard_future"
    services.confirm_onboarding(arrived.worker, FIRST_DAY, arrived.staff)
    with pytest.raises(RuleError) as twice:
        services.confirm_onboarding(arrived.worker, FIRST_DAY, arrived.staff)
    assert twice.value.code == "onboard_done"


@pytest.mark.parametrize(("day", "months", "expected"), [
    (date(2023, 2, 22), 3, date(2023, 5, 22)),
    (date(2023, 11, 30), 3, date(2024, 2, 29)),
    (date(2023, 8, 31), 6, date(2024, 2, 29)),
    (date(2023, 10, 15), 3, date(2024, 1, 15)),
    (date(2023, 5, 31), -3, date(2023, 2, 28)),
])
def test_calendar_months(day, months, expected):
    assert retention.add_months(day, months) == expected


def test_the_checks_fall_due_exactly_at_3_and_6_months_and_are_made_once(onboarded, db):
    worker, far, other = onboarded.worker.id, onboarded.far_worker.id, onboarded.other_worker.id
    assert retention.create_due_checks(date(2023, 5, 21)) == 0
    assert retention.create_due_checks(date(2023, 5, 22)) == 2
    assert checks(db) == [(worker, "3m", date(2023, 5, 22)), (other, "3m", date(2023, 5, 22))]
    assert retention.create_due_checks(date(2023, 5, 22)) == 0
    assert retention.create_due_checks(date(2023, 5, 23)) == 1  # the worker who started a day later
    assert retention.create_due_checks(date(2023, 8, 21)) == 0
    assert retention.create_due_checks(date(2023, 8, 22)) == 2
    assert retention.create_due_checks(date(2023, 12, 1)) == 1
    assert retention.create_due_checks(date(2023, 12, 1)) == 0
    assert [(row[0], row[1]) for row in checks(db)] == [(worker, "3m"), (worker, "6m"), (other, "3m"),
                                                        (other, "6m"), (far, "3m"), (far, "6m")]


def test_the_daily_job_runs_on_the_bureaus_day_and_twice_makes_nothing_more(app, onboarded, db, time_machine):
    db.session.commit()
    time_machine.move_to(datetime(2023, 5, 22, 6, 0, tzinfo=SHANGHAI), tick=False)
    assert jobs.make_retention_checks(app) == 2
    assert jobs.make_retention_checks(app) == 0
    time_machine.move_to(datetime(2023, 5, 22, 23, 59, tzinfo=SHANGHAI), tick=False)
    assert jobs.make_retention_checks(app) == 0  # 15:59 UTC: still the 22nd in Qujiang
    time_machine.move_to(datetime(2023, 5, 23, 0, 1, tzinfo=SHANGHAI), tick=False)
    assert jobs.make_retention_checks(app) == 1


def _check(db, application, kind):
    return db.session.scalars(sa.select(RetentionCheck).where(RetentionCheck.application_id == application.id,
                                                              RetentionCheck.kind == kind)).one()


def test_still_there_at_3_months_is_retained(onboarded, db):
    retention.create_due_checks(date(2023, 5, 22))
    assert [c.application_id for c in retention.open_checks(onboarded.employer)] == [onboarded.worker.id]
    check = _check(db, onboarded.worker, "3m")
    retention.answer(check, {"outcome": "stayed"}, onboarded.staff)
    assert onboarded.worker.status == "retained"
    assert check.outcome == "stayed" and check.answered_by_id == onboarded.staff.id
    assert retention.open_checks(onboarded.employer) == []
    with pytest.raises(RuleError) as twice:
        retention.answer(check, {"outcome": "left", "left_on": date(2023, 6, 1), "reason": "回乡"}, onboarded.staff)
    assert (twice.value.code, twice.value.status) == ("check_answered", 409)
    retention.create_due_checks(date(2023, 8, 22))
    six = _check(db, onboarded.worker, "6m")
    retention.answer(six, {"outcome": "stayed"}, onboarded.staff)
    assert onboarded.worker.status == "retained"


def test_a_worker_who_left_keeps_their_status_and_is_not_asked_again(onboarded, db):
    retention.create_due_checks(date(2023, 5, 22))
    check = _check(db, onboarded.worker, "3m")
    with pytest.raises(RuleError) as refused:
        retention.answer(check, {"outcome": "left", "left_on": date(2023, 2, 1), "reason": ""}, onboarded.staff)
    assert {(p.code, p.field) for p in refused.value.problems} == {("required", "reason"),
                                                                   ("left_before_start", "left_on")}
    retention.answer(check, {"outcome": "left", "left_on": date(2023, 4, 30), "reason": "回乡照顾家人"},
                     onboarded.staff)
    assert onboarded.worker.status == "onboarded"
    assert (check.outcome, check.left_on, check.reason) == ("left", date(2023, 4, 30), "回乡照顾家人")
    assert retention.create_due_checks(date(2023, 12, 1)) == 3  # the other two workers' checks only
    assert {c.kind for c in retention.checks_of(onboarded.worker)} == {"3m"}


def test_a_left_answer_withdraws_an_open_later_check(onboarded, db):
    retention.create_due_checks(date(2023, 9, 1))  # both checks of each worker are due at once
    six = _check(db, onboarded.worker, "6m")
    retention.answer(six, {"outcome": "left", "left_on": date(2023, 7, 1), "reason": "换工作"}, onboarded.staff)
    three = _check(db, onboarded.worker, "3m")
    assert three.answered_at is None  # the 3-month question still has an answer to give
    retention.answer(three, {"outcome": "stayed"}, onboarded.staff)
    assert onboarded.worker.status == "retained"


def test_another_employer_cannot_answer(onboarded, db):
    retention.create_due_checks(date(2023, 5, 22))
    with pytest.raises(RuleError) as refused:
        retention.answer(_check(db, onboarded.worker, "3m"), {"outcome": "stayed"}, onboarded.other_staff)
    assert refused.value.code == "not_yours"


def test_overdue_checks_for_the_bureau_and_for_each_partner(onboarded, db):
    retention.create_due_checks(date(2023, 5, 23))
    retention.answer(_check(db, onboarded.other_worker, "3m"), {"outcome": "stayed"}, onboarded.other_staff)

    def overdue(today, regions=None):
        return [c.application_id for c in db.session.scalars(retention.overdue(today, regions))]

    assert overdue(date(2023, 5, 22)) == []
    assert overdue(date(2023, 5, 23)) == [onboarded.worker.id]  # due the 22nd, unanswered
    assert overdue(date(2023, 5, 24)) == [onboarded.worker.id, onboarded.far_worker.id]
    assert overdue(date(2023, 5, 24), onboarded.partner.region_codes) == [onboarded.worker.id]
    assert overdue(date(2023, 5, 24), onboarded.far_partner.region_codes) == [onboarded.far_worker.id]


def test_a_worker_onboarded_on_the_application_page_is_asked_about_too(db, time_machine):
    from recruit.applications import services as application_services
    from tests import factories

    time_machine.move_to(datetime(2023, 3, 1, 2, 0, tzinfo=SHANGHAI), tick=False)
    employer = factories.create_employer()
    staff = factories.create_user("employer", employer_id=employer.id)
    application = factories.create_application(posting=factories.create_posting(employer), status="signed")

    application_services.move(application, "onboarded", staff)

    assert application.onboarded_on == date(2023, 3, 1)
    assert retention.create_due_checks(date(2023, 6, 1)) == 1
