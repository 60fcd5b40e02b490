"""The report schedule in the bureau's terms, the cron it is kept as, and its due times in the bureau's zone."""
from datetime import datetime
from datetime import time

import pytest
from flask_babel import force_locale

from recruit.reports import schedule
from recruit.reports.schedule import Schedule


@pytest.fixture
def ctx(app):
    with app.app_context():
        yield


@pytest.mark.parametrize(("plain", "cron"), [
    (Schedule("daily", time(18, 0)), "0 18 * * *"),
    (Schedule("daily", time(7, 30)), "30 7 * * *"),
    (Schedule("weekly", time(9, 5), 0), "5 9 * * mon"),
    (Schedule("weekly", time(23, 59), 6), "59 23 * * sun"),
    (Schedule("close"), ""),
])
def test_plain_terms_and_cron_round_trip(plain, cron):
    assert schedule.to_cron(plain) == cron
    assert schedule.from_cron(cron) == plain


def test_the_default_cron_reads_as_daily_at_six_pm():
    assert schedule.from_cron("0 18 * * *") == Schedule("daily", time(18, 0))
    assert schedule.from_cron("  0  18 * *   FRI ") == Schedule("weekly", time(18, 0), 4)


@pytest.mark.parametrize("cron", ["*/15 * * * *", "0 18 1 * *", "0 9 * * 1-5", "0 9 * * 1", "0 8,18 * * *",
                                  "60 18 * * *", "0 18 * *", "nonsense"])
def test_any_other_cron_is_custom(cron):
    assert schedule.from_cron(cron) is None


@pytest.mark.parametrize(("frequency", "weekday"), [("hourly", None), ("weekly", None), ("daily", 2),
                                                    ("weekly", 7)])
def test_a_schedule_that_cannot_be_is_refused(frequency, weekday):
    with pytest.raises(ValueError):
        Schedule(frequency, time(9, 0), weekday)


def test_describe_in_english(ctx):
    with force_locale("en"):
        assert schedule.describe(Schedule("daily", time(18, 0))) == "Daily at 18:00"
        assert schedule.describe(Schedule("weekly", time(9, 5), 0)) == "Every Monday at 09:05"
        assert schedule.describe(Schedule("close")) == "Only a final report at the close"


def test_trigger_counts_in_the_bureaus_zone(ctx):
    assert str(schedule.trigger("0 18 * * *").timezone) == "Asia/Shanghai"
    assert schedule.trigger("") is None


@pytest.mark.parametrize(("now", "due"), [
    (datetime(2026, 1, 1, 10, 30), datetime(2026, 1, 1, 10, 0)),  # 18:30 in Shanghai: today's 18:00
    (datetime(2026, 1, 1, 10, 0), datetime(2026, 1, 1, 10, 0)),  # the due moment itself counts
    (datetime(2026, 1, 1, 9, 59, 59), datetime(2025, 12, 31, 10, 0)),  # 17:59:59: yesterday's
    (datetime(2025, 12, 31, 17, 0), datetime(2025, 12, 31, 10, 0)),  # 01:00 on 1 January there: still 31st's
])
def test_latest_due_of_a_daily_schedule_is_naive_utc(ctx, now, due):
    assert schedule.latest_due("0 18 * * *", now) == due


def test_latest_due_of_a_weekly_schedule_goes_back_up_to_a_week(ctx):
    # 2026-01-05 is a Monday; 09:00 in Shanghai is 01:00 UTC.
    assert schedule.latest_due("0 9 * * mon", datetime(2026, 1, 5, 1, 0)) == datetime(2026, 1, 5, 1, 0)
    assert schedule.latest_due("0 9 * * mon", datetime(2026, 1, 5, 0, 59)) == datetime(2025, 12, 29, 1, 0)
    assert schedule.latest_due("0 9 * * mon", datetime(2026, 1, 11, 23, 0)) == datetime(2026, 1, 5, 1, 0)


def test_latest_due_of_sparse_and_busy_crons(ctx):
    assert schedule.latest_due("0 18 1 1 *", datetime(2026, 12, 1)) == datetime(2026, 1, 1, 10, 0)
    assert schedule.latest_due("* * * * *", datetime(2026, 1, 1, 10, 0, 30)) == datetime(2026, 1, 1, 10, 0)


def test_only_at_the_close_has_no_due_time(ctx):
    assert schedule.latest_due("", datetime(2026, 1, 1)) is None
