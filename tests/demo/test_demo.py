"""`recruit demo`: the report's figures at scale, a consistent pipeline, plausible seekers, the same data
for the same seed, and a refusal to mix with real data."""
import hashlib
from collections import Counter
from datetime import date

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from recruit.accounts.models import User
from recruit.applications.models import OBSOLETE_NOTE
from recruit.applications.models import SIGNED_OR_BEYOND
from recruit.applications.models import STATUSES
from recruit.applications.models import Application
from recruit.applications.models import ApplicationChange
from recruit.checkin.models import Checkin
from recruit.core import crypto
from recruit.demo.timeline import AS_OF
from recruit.demo.timeline import local_date
from recruit.domain import education
from recruit.domain import idcard
from recruit.domain import legal
from recruit.domain import mobile
from recruit.domain import occupations
from recruit.domain import regions
from recruit.drives.models import BatchMember
from recruit.drives.models import RetentionCheck
from recruit.drives.models import TravelBatch
from recruit.employers.models import Employer
from recruit.events.models import Event
from recruit.events.models import Participation
from recruit.events.services import figures_for
from recruit.postings.models import Posting
from recruit.seekers.models import Seeker
from recruit.seekers.services import find_by_id_number
from tests import factories

SCALE = 0.02
OPEN = ("applied", "interviewed", "intent")


def load(runner, *options, seed=7):
    result = runner.invoke(args=["demo", "--scale", str(SCALE), "--seed", str(seed), *options])
    assert result.exit_code == 0, result.output
    return result


def all_of(db, model, *options):
    return db.session.scalars(sa.select(model).options(*options).order_by(model.id)).all()


def digest(db):
    """What users see of the data: names, numbers, statuses and times, in id order."""
    rows = [
        [(e.name, e.uscc, e.status) for e in all_of(db, Employer)],
        [(p.employer_id, p.title, p.status, p.headcount, p.signed_count) for p in all_of(db, Posting)],
        [(s.name, s.id_masked, s.mobile, s.hometown_code, s.education) for s in all_of(db, Seeker)],
        [(c.event_id, c.seeker_id, c.at, c.channel) for c in all_of(db, Checkin)],
        [(a.seeker_id, a.posting_id, a.event_id, a.status) for a in all_of(db, Application)],
        [(c.application_id, c.to_status, c.at) for c in all_of(db, ApplicationChange)],
        [(e.name, e.anonymous_visitors) for e in all_of(db, Event)],
        [(a.id, a.onboarded_on) for a in all_of(db, Application) if a.onboarded_on],
        [(b.departs_on, b.escort_name, b.escort_mobile, b.arrived_at) for b in all_of(db, TravelBatch)],
        [(m.batch_id, m.application_id, m.added_at) for m in all_of(db, BatchMember)],
        [(c.application_id, c.kind, c.due_on, c.answered_at, c.outcome, c.left_on, c.reason)
         for c in all_of(db, RetentionCheck)],
    ]
    return hashlib.sha256(repr(rows).encode()).hexdigest()


def test_the_two_events_show_the_reports_figures_at_scale(runner, db):
    result = load(runner)

    fair, drive = all_of(db, Event)
    figures = figures_for([fair, drive])
    at_fair, at_drive = figures[fair.id], figures[drive.id]
    assert (fair.kind, drive.kind, drive.origin_region_codes) == ("fair", "cross_province", ["520526"])
    assert (at_fair.visitors, at_fair.intents) == (round(15600 * SCALE), round(1252 * SCALE))
    assert (at_drive.visitors, at_drive.intents) == (round(420 * SCALE), round(150 * SCALE))
    assert at_fair.anonymous > 0 and at_fair.checked_in > at_fair.intents
    assert "312 visitors" in result.output and "25 intents" in result.output
    assert "recruit create-admin" in result.output
    assert db.session.scalar(sa.select(sa.func.count()).select_from(User)) == 0


def test_applications_reach_every_stage_through_a_dated_history(runner, db):
    load(runner)

    applications = all_of(db, Application, selectinload(Application.changes))
    assert set(Counter(a.status for a in applications)) == set(STATUSES)
    for application in applications:
        steps = sorted(application.changes, key=lambda change: change.id)
        assert steps[0].from_status is None and steps[0].to_status == "applied"
        assert [c.from_status for c in steps[1:]] == [c.to_status for c in steps[:-1]]
        assert steps[-1].to_status == application.status
        times = [c.at for c in steps]
        assert times == sorted(set(times)) and times[-1] <= AS_OF
        assert (application.intent_at is not None) == ("intent" in [c.to_status for c in steps])
        assert application.created_at == times[0] and application.updated_at == times[-1]
        assert all(c.note == (OBSOLETE_NOTE if c.to_status == "obsolete" else "") for c in steps)


def test_signings_stay_within_headcounts_and_a_seeker_signs_once(runner, db):
    load(runner)

    applications = all_of(db, Application)
    signed = Counter(a.posting_id for a in applications if a.status in SIGNED_OR_BEYOND)
    for posting in all_of(db, Posting):
        assert posting.signed_count == signed[posting.id] <= posting.headcount
        assert posting.status != "open" or posting.signed_count < posting.headcount
    signings = Counter(a.seeker_id for a in applications if a.status in SIGNED_OR_BEYOND)
    assert signings and max(signings.values()) == 1
    for application in applications:
        if application.seeker_id in signings and application.status not in SIGNED_OR_BEYOND:
            assert application.status not in OPEN
        if application.status == "obsolete":
            assert application.seeker_id in signings


def test_only_rejected_applicants_fall_short_of_a_postings_age_or_education(runner, db):
    load(runner)

    postings = {p.id: p for p in all_of(db, Posting)}
    seekers = {s.id: s for s in all_of(db, Seeker)}
    for application in all_of(db, Application):
        posting, seeker = postings[application.posting_id], seekers[application.seeker_id]
        age = idcard.age_on(seeker.birth_date, local_date(application.created_at))
        fits = posting.age_min <= age <= posting.age_max and (
            posting.education_min is None or education.meets(seeker.education, posting.education_min))
        assert fits or application.status == "rejected"


def test_employers_postings_and_booths_look_like_a_real_fair(runner, db):
    load(runner)

    employers = all_of(db, Employer)
    statuses = Counter(e.status for e in employers)
    assert statuses["approved"] > len(employers) / 2 and statuses["pending"] >= 1
    postings = all_of(db, Posting)
    posting_statuses = Counter(p.status for p in postings)
    assert posting_statuses.most_common(1)[0][0] == "open" and len(posting_statuses) >= 3
    for posting in postings:
        assert occupations.is_valid(posting.occupation_code)
        assert legal.find_discriminatory_terms(posting.description) == []
    participations = all_of(db, Participation)
    assert participations and all(p.booth and p.approved for p in participations)
    status_of = {e.id: e.status for e in employers}
    assert {status_of[p.employer_id] for p in participations} == {"approved"}


def test_seekers_carry_valid_protected_id_numbers_and_plausible_profiles(runner, db):
    load(runner)

    seekers = all_of(db, Seeker, selectinload(Seeker.checkins))
    numbers = [crypto.decrypt(s.id_encrypted) for s in seekers]
    for seeker, number in zip(seekers, numbers, strict=True):
        info = idcard.parse(number)
        assert (seeker.id_hash, seeker.id_masked) == (crypto.id_hash(number), idcard.mask(number))
        assert (seeker.birth_date, seeker.sex) == (info.birth_date, info.sex)
        day = seeker.checkins[0].at.date() if seeker.checkins else date(2023, 2, 6)
        assert 16 <= info.age_on(day) <= 60
        assert mobile.validate(seeker.mobile) == seeker.mobile and seeker.consent_at is not None
        assert regions.exists(seeker.hometown_code, include_retired=False)
        assert seeker.desired_occupations and all(occupations.is_valid(c) for c in seeker.desired_occupations)
    assert len(set(numbers)) == len(numbers) and len({s.mobile for s in seekers}) == len(seekers)
    assert find_by_id_number(numbers[0]) == seekers[0]
    homes = Counter(s.hometown_code[:4] for s in seekers)
    assert homes["3308"] > len(seekers) / 2 and homes["5205"] > 0 and len(homes) > 3
    weining = [n for s, n in zip(seekers, numbers, strict=True) if s.hometown_code == "520526"]
    assert sum(n.startswith("522427") for n in weining) > len(weining) / 2


def test_the_same_seed_gives_the_same_data(runner, db):
    load(runner)
    first = digest(db)

    load(runner, "--force")
    assert digest(db) == first
    load(runner, "--force", seed=8)
    assert digest(db) != first


def test_a_second_run_is_refused_and_changes_nothing(runner, db):
    load(runner)
    before = digest(db)

    result = runner.invoke(args=["demo", "--scale", str(SCALE), "--seed", "8"])

    assert result.exit_code != 0
    assert "already holds data" in result.output and "--force" in result.output
    assert digest(db) == before


def test_force_replaces_the_data_but_keeps_staff_accounts(runner, db):
    admin = factories.create_user("bureau", username="admin")
    employer = factories.create_employer()
    factories.create_user("employer", employer_id=employer.id)
    factories.create_seeker(user=factories.create_user("seeker"))
    db.session.commit()
    old_uscc = employer.uscc

    refused = runner.invoke(args=["demo", "--scale", str(SCALE)])
    assert refused.exit_code != 0 and "3 user accounts" in refused.output
    load(runner, "--force")

    assert all_of(db, User) == [admin]
    assert old_uscc not in {e.uscc for e in all_of(db, Employer)}
    assert len(all_of(db, Event)) == 2
