"""Applying: who may apply for what, at which event, once."""
from datetime import date

import pytest

from recruit.applications import services
from recruit.applications.models import Application
from recruit.domain import education as levels
from recruit.domain.errors import RuleError
from tests import factories
from tests.applications.helpers import TODAY
from tests.applications.helpers import audits
from tests.applications.helpers import company
from tests.applications.helpers import notices_of
from tests.applications.helpers import seeker_with_account


def _refusal(seeker, posting, **kwargs):
    with pytest.raises(RuleError) as caught:
        services.apply(seeker, posting, by_user=seeker.user, today=TODAY, **kwargs)
    return caught.value


def test_apply_records_history_tells_the_employer_and_audits(db):
    firm = company()
    event = factories.create_event()
    posting = factories.create_posting(firm.employer, events=[event])
    seeker = seeker_with_account(name="龙小花")

    application = services.apply(seeker, posting, by_user=seeker.user, today=TODAY)

    assert application.status == "applied"
    assert application.event is event  # the posting's only published event
    [change] = application.changes
    assert (change.from_status, change.to_status, change.by_user_id) == (None, "applied", seeker.user.id)
    [notice] = notices_of(firm.staff, "application_received")
    assert notice.params == {"seeker": "龙小花", "posting": posting.title}
    assert notice.link == f"/applications/{application.id}"
    [audit] = audits("application_created")
    assert audit.target_id == application.id and audit.user_id == seeker.user.id


def test_no_event_is_guessed_when_the_posting_is_in_several(db):
    first, second = factories.create_event(), factories.create_event(name="威宁跨省招工")
    posting = factories.create_posting(company().employer, events=[first, second])

    assert services.apply(seeker_with_account(), posting, today=TODAY).event is None
    assert services.apply(seeker_with_account(), posting, event=second, today=TODAY).event is second


def test_an_event_the_posting_is_not_in_is_refused(db):
    posting = factories.create_posting(company().employer, events=[factories.create_event()])
    elsewhere = factories.create_event(name="别的活动")

    assert _refusal(seeker_with_account(), posting, event=elsewhere).code == "not_at_event"


@pytest.mark.parametrize("status", ["draft", "pending", "filled", "closed"])
def test_only_open_postings_take_applications(db, status):
    posting = factories.create_posting(company().employer, status=status)

    assert _refusal(seeker_with_account(), posting).code == "posting_not_open"


def test_an_open_posting_of_an_employer_not_approved_is_refused(db):
    posting = factories.create_posting(company(status="suspended").employer)

    assert _refusal(seeker_with_account(), posting).code == "posting_not_open"


@pytest.mark.parametrize(("age_min", "age_max", "accepted"), [
    (18, 30, True),   # 30 on the day: the upper bound is included
    (30, 45, True),
    (31, 45, False),
    (18, 29, False),
])
def test_the_seekers_age_today_must_be_in_the_postings_range(db, age_min, age_max, accepted):
    posting = factories.create_posting(company().employer, age_min=age_min, age_max=age_max)
    seeker = seeker_with_account()

    if accepted:
        assert services.apply(seeker, posting, today=TODAY).status == "applied"
    else:
        error = _refusal(seeker, posting)
        assert (error.code, error.params) == ("age_outside", {"age_min": age_min, "age_max": age_max})


def test_age_is_counted_on_the_day_of_applying(db):
    posting = factories.create_posting(company().employer, age_min=18, age_max=30)
    seeker = seeker_with_account()  # born 1995-05-17

    with pytest.raises(RuleError):
        services.apply(seeker, posting, today=date(2026, 5, 17))  # 31 on the birthday
    assert services.apply(seeker, posting, today=date(2026, 5, 16)).status == "applied"


@pytest.mark.parametrize(("minimum", "education", "accepted"), [
    ("20", "20", True),
    ("20", "30", False),
    ("60", "41", True),   # a secondary specialised school counts as senior high school
    ("30", None, False),  # no education given cannot meet a minimum
    (None, None, True),
])
def test_education_must_meet_the_postings_minimum(db, minimum, education, accepted):
    posting = factories.create_posting(company().employer, education_min=minimum)
    seeker = seeker_with_account(education=education)

    if accepted:
        assert services.apply(seeker, posting, today=TODAY).status == "applied"
    else:
        error = _refusal(seeker, posting)
        assert (error.code, str(error.params["education"])) == ("education_below", levels.name(minimum))


def test_a_second_application_for_the_same_posting_is_refused(db):
    posting = factories.create_posting(company().employer)
    seeker = seeker_with_account()
    services.apply(seeker, posting, today=TODAY)

    assert _refusal(seeker, posting).code == "already_applied"


def test_a_racing_duplicate_is_stopped_by_the_database_and_the_session_stays_usable(db, monkeypatch):
    posting = factories.create_posting(company().employer)
    seeker = seeker_with_account()
    first = services.apply(seeker, posting, today=TODAY)
    # As if the second request checked before the first one committed.
    monkeypatch.setattr(services, "_check_can_apply", lambda *args: None)

    assert _refusal(seeker, posting).code == "already_applied"
    db.session.commit()
    assert db.session.scalars(db.select(Application)).all() == [first]


def test_a_withdrawn_application_is_taken_up_again_and_the_employer_told(db):
    firm = company()
    posting = factories.create_posting(firm.employer)
    seeker = seeker_with_account()
    application = services.apply(seeker, posting, by_user=seeker.user, today=TODAY)
    services.withdraw(application, seeker.user)

    again = services.apply(seeker, posting, by_user=seeker.user, today=TODAY)

    assert again.id == application.id and again.status == "applied"
    assert [(c.from_status, c.to_status) for c in services.history(again)] == [
        (None, "applied"), ("applied", "withdrawn"), ("withdrawn", "applied")]
    assert len(notices_of(firm.staff, "application_received")) == 2


def test_a_withdrawn_application_is_not_taken_up_for_a_posting_that_closed(db):
    posting = factories.create_posting(company().employer)
    seeker = seeker_with_account()
    services.withdraw(services.apply(seeker, posting, by_user=seeker.user, today=TODAY), seeker.user)
    posting.status = "closed"
    assert _refusal(seeker, posting).code == "posting_not_open"
