"""Recommendations both ways from the database, and an event's stored matches and placement."""
from datetime import date
from datetime import datetime

import sqlalchemy as sa
from flask_babel import force_locale

from recruit.matching import services
from recruit.matching.models import Match
from recruit.matching.models import MatchRun
from tests import factories

DAY = date(2026, 3, 1)


def welder(**fields):
    values = dict(education="60", current_region_code="330803", hometown_code="330803", expected_salary=6000,
                  desired_occupations=["6-99-05"], skills=["电焊"])
    values.update(fields)
    return factories.create_seeker(region_code=values.pop("hometown_code"), **values)


def welding_job(**fields):
    values = dict(title="电焊工", occupation_code="6-99-05", salary_min=5000, salary_max=8000, skills=["焊工"])
    values.update(fields)
    return factories.create_posting(**values)


def test_a_seekers_list_holds_open_postings_they_may_take_best_first_with_reasons(db):
    seeker = welder()
    best = welding_job()
    other_trade = welding_job(title="普工", occupation_code="6-99-01", skills=[])
    welding_job(status="closed")
    welding_job(employer=factories.create_employer(status="pending"))
    welding_job(headcount=2, signed_count=2)
    applied = welding_job()
    factories.create_application(seeker=seeker, posting=applied)
    welding_job(age_max=20)
    found = services.recommendations_for(seeker, day=DAY)
    assert [m.posting.id for m in found] == [best.id, other_trade.id]
    assert found[0].score == 100
    with force_locale("en"):
        assert [str(r) for r in found[0].reasons][:3] == ["Desired trade matches", "Has the skills asked for",
                                                          "Pay within range"]


def test_at_an_event_only_its_postings_are_recommended(db):
    seeker = welder()
    fair = factories.create_event()
    at_fair = welding_job(events=[fair], salary_max=6000)
    welding_job()
    assert [m.posting.id for m in services.recommendations_for(seeker, event=fair)] == [at_fair.id]


def test_a_crowded_posting_sinks_below_an_equal_one(db):
    seeker = welder()
    crowded = welding_job(headcount=1)
    quiet = welding_job(headcount=1)
    for _ in range(5):
        factories.create_application(seeker=welder(), posting=crowded)
    found = services.recommendations_for(seeker, day=DAY)
    assert [m.posting.id for m in found] == [quiet.id, crowded.id]
    assert found[0].score == found[1].score


def test_a_postings_candidates_are_findable_seekers_without_an_application(db):
    job = welding_job(age_min=18, age_max=45, education_min="60")
    good = welder(name="张三丰")
    weaker = welder(expected_salary=9000)
    welder(findable=False)
    factories.create_application(seeker=welder(), posting=job)
    welder(birth=date(1970, 1, 1))
    welder(education="70")
    welder(hometown_code="520526", current_region_code="520526")
    found = services.candidates_for(job, day=DAY)
    assert [m.seeker.id for m in found] == [good.id, weaker.id]
    assert found[0].score > found[1].score
    with force_locale("en"):
        assert "Pays less than expected" in [str(r) for r in found[1].reasons]


def test_candidates_are_limited(db):
    job = welding_job()
    for _ in range(4):
        welder()
    assert len(services.candidates_for(job, limit=3, day=DAY)) == 3


def fair_with_crowd(seekers=6, headcount=2):
    fair = factories.create_event(starts_at=datetime(2026, 3, 1, 1, 0), ends_at=datetime(2026, 3, 1, 8, 0))
    jobs = [welding_job(events=[fair], headcount=headcount), welding_job(events=[fair], headcount=headcount,
                                                                         salary_max=5000)]
    people = [welder() for _ in range(seekers)]
    for person in people:
        factories.create_checkin(person, fair)
    return fair, jobs, people


def test_an_event_run_stores_each_seekers_list_and_a_placement_within_headcounts(db):
    fair, jobs, people = fair_with_crowd()
    run = services.run_event(fair)
    db.session.commit()
    assert (run.seekers, run.postings, run.placed) == (6, 2, 4)
    rows = db.session.scalars(sa.select(Match).where(Match.run_id == run.id)).all()
    assert {m.seeker_id for m in rows} == {p.id for p in people}
    placed = [m for m in rows if m.placed]
    assert len(placed) == 4 and len({m.seeker_id for m in placed}) == 4
    assert all(sum(m.posting_id == job.id for m in placed) <= 2 for job in jobs)
    assert run.good_matches == 6 and run.hard_to_fill == 0


def test_running_again_replaces_the_events_earlier_run(db):
    fair, _, _ = fair_with_crowd(seekers=2)
    services.run_event(fair)
    second = services.run_event(fair)
    db.session.commit()
    assert db.session.scalars(sa.select(MatchRun.id)).all() == [second.id]
    assert services.latest_run(fair).id == second.id


def test_the_command_prints_the_summary_and_refuses_an_unknown_event(db, runner):
    fair, _, _ = fair_with_crowd(seekers=3)
    db.session.commit()
    result = runner.invoke(args=["match", "--event", str(fair.id)])
    assert result.exit_code == 0, result.output
    assert "placed: 3" in result.output and "hard to fill" in result.output
    missing = runner.invoke(args=["match", "--event", "999999"])
    assert missing.exit_code != 0 and "No event has id 999999" in missing.output
