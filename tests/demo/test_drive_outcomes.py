"""The demo's Weining drive carries an outcome funnel: signed workers travel in batches, start work after their
train left, and are asked at 3 and 6 months whether they stayed, as the application's rules would have it."""
import functools
from collections import Counter
from datetime import date
from datetime import datetime
from datetime import timedelta

import pytest
import sqlalchemy as sa

from recruit.applications.models import SIGNED_OR_BEYOND
from recruit.demo import generator
from recruit.demo.timeline import AS_OF
from recruit.demo.timeline import DRIVE_DAY
from recruit.demo.timeline import local_date
from recruit.drives import retention
from recruit.drives import services as drives
from recruit.drives.models import BatchMember
from recruit.drives.models import RetentionCheck
from recruit.drives.models import TravelBatch
from recruit.events.models import Event
from recruit.extensions import db as _db
from tests import factories

AT_WORK = ("onboarded", "retained")
TODAY = local_date(AS_OF)
NEW_TABLES = ("travel_batches", "batch_members", "retention_checks")


@functools.cache
def generated(scale, seed=2023):
    return generator.generate(scale, seed).tables


def funnel(tables):
    """People at each step of the drive, counted from the generated rows."""
    applications = [a for a in tables["applications"] if a["event_id"] == generator.DRIVE_ID]
    ids = {a["id"] for a in applications}
    seeker_of = {a["id"]: a["seeker_id"] for a in applications}

    def people(statuses):
        return len({a["seeker_id"] for a in applications if a["status"] in statuses})

    def stayed(kind):
        return len({seeker_of[c["application_id"]] for c in tables["retention_checks"]
                    if c["application_id"] in ids and c["kind"] == kind and c["outcome"] == "stayed"})

    return {
        "intents": people(("intent", *SIGNED_OR_BEYOND)), "signed": people(SIGNED_OR_BEYOND),
        "departed": len({seeker_of[m["application_id"]] for m in tables["batch_members"]}),
        "onboarded": people(AT_WORK), "3m": stayed("3m"), "6m": stayed("6m"),
    }


def test_at_full_scale_fewer_arrive_than_signed_and_fewer_stay_than_arrived():
    steps = funnel(generated(1.0))

    assert steps["intents"] == 150
    assert 100 <= steps["signed"] <= 110
    assert 85 <= steps["departed"] <= 95
    assert 80 <= steps["onboarded"] <= 90
    assert 65 <= steps["3m"] <= 75
    assert 50 <= steps["6m"] <= 60


@pytest.mark.parametrize("seed", [7, 11])
def test_at_a_small_scale_each_step_keeps_fewer_people(seed):
    counts = list(funnel(generated(0.2, seed)).values())

    assert counts == sorted(counts, reverse=True)
    assert counts[0] > counts[1] > counts[-1] > 0


def changes_of(tables):
    changes = {}
    for change in tables["application_changes"]:
        changes.setdefault(change["application_id"], {})[change["to_status"]] = change["at"]
    return changes


def test_batch_members_signed_at_the_drive_and_started_after_their_train_left():
    tables = generated(0.2)
    applications = {a["id"]: a for a in tables["applications"]}
    changes = changes_of(tables)
    batches = {b["id"]: b for b in tables["travel_batches"]}
    members = tables["batch_members"]

    assert 2 <= len(batches) <= 4
    assert len({m["application_id"] for m in members}) == len(members)
    for batch in batches.values():
        assert batch["status"] == "arrived" and batch["created_by_id"] is None
        assert (batch["from_place"], batch["to_place"]) == ("威宁自治县", "衢州市衢江区")
        assert local_date(batch["departed_at"]) == batch["departs_on"]
        assert timedelta(days=1) <= batch["arrived_at"] - batch["departed_at"] <= timedelta(days=2)
        assert 3 <= (batch["departs_on"] - DRIVE_DAY).days <= 17
        assert len(batch["escort_name"]) in (2, 3) and len(batch["escort_mobile"]) == 11
    for member in members:
        application, batch = applications[member["application_id"]], batches[member["batch_id"]]
        assert application["event_id"] == generator.DRIVE_ID and application["status"] in SIGNED_OR_BEYOND
        assert changes[application["id"]]["signed"] < member["added_at"] < batch["departed_at"]
        if application["status"] in AT_WORK:
            assert application["onboarded_on"] >= batch["departs_on"]
            assert changes[application["id"]]["onboarded"] > batch["arrived_at"]
    boarded = {m["application_id"] for m in members}
    drive = [a for a in applications.values() if a["event_id"] == generator.DRIVE_ID]
    assert all(a["id"] in boarded for a in drive if a["status"] in AT_WORK)
    assert any(a["id"] not in boarded for a in drive if a["status"] == "signed")


def due_kinds(application, left_at_3m):
    due = [kind for kind, months in (("3m", 3), ("6m", 6))
           if retention.add_months(application["onboarded_on"], months) <= TODAY]
    return due[:1] if left_at_3m else due


@pytest.mark.parametrize("scale", [0.2, 1.0])
def test_every_worker_is_asked_when_due_and_the_answers_match_the_status(scale):
    tables = generated(scale)
    changes = changes_of(tables)
    checks = {}
    for check in tables["retention_checks"]:
        checks.setdefault(check["application_id"], {})[check["kind"]] = check

    workers = [a for a in tables["applications"] if a["status"] in AT_WORK]
    assert {a["event_id"] for a in workers} == {generator.FAIR_ID, generator.DRIVE_ID}
    for application in workers:
        steps = changes[application["id"]]
        assert application["onboarded_on"] == local_date(steps["onboarded"])
        asked = checks.get(application["id"], {})
        three = asked.get("3m")
        assert set(asked) == set(due_kinds(application, three is not None and three["outcome"] == "left"))
        for kind, check in asked.items():
            assert check["due_on"] == retention.add_months(application["onboarded_on"], 3 if kind == "3m" else 6)
            assert check["answered_by_id"] is None
            if check["answered_at"] is not None:
                assert check["due_on"] <= local_date(check["answered_at"]) <= check["due_on"] + timedelta(days=7)
                assert check["answered_at"] <= AS_OF
            if check["outcome"] == "left":
                assert application["onboarded_on"] < check["left_on"] < check["due_on"] and check["reason"]
            else:
                assert (check["left_on"], check["reason"]) == (None, "")
        assert (three is not None and three["outcome"] == "stayed") == (application["status"] == "retained")
        if application["status"] == "retained":
            assert three["answered_at"] == steps["retained"]
            assert "6m" not in asked or asked["6m"]["left_on"] is None or \
                asked["6m"]["left_on"] > local_date(three["answered_at"])
    outcomes = Counter((c["kind"], c["outcome"]) for c in tables["retention_checks"])
    assert {("3m", "stayed"), ("3m", "left"), ("3m", None), ("6m", "stayed"), ("6m", "left")} <= set(outcomes)
    assert all(a["onboarded_on"] is None for a in tables["applications"] if a["status"] not in AT_WORK)


def test_nothing_generated_lies_after_the_as_of_time():
    for name, rows in generated(0.2).items():
        for row in rows:
            for key, value in row.items():
                if isinstance(value, datetime):
                    assert value <= AS_OF, (name, key, value)
                elif isinstance(value, date) and key != "birth_date":
                    assert value <= TODAY, (name, key, value)


def count(model):
    return _db.session.scalar(sa.select(sa.func.count()).select_from(model))


def test_loading_writes_the_batches_and_checks_and_force_reloads_them(runner, db):
    tables = generated(0.05, 7)
    expected = {TravelBatch: len(tables["travel_batches"]), BatchMember: len(tables["batch_members"]),
                RetentionCheck: len(tables["retention_checks"])}
    for attempt in ((), ("--force",)):
        result = runner.invoke(args=["demo", "--scale", "0.05", "--seed", "7", *attempt])
        assert result.exit_code == 0, result.output
        assert all(f"{name.replace('_', ' ')} {len(tables[name]):,}" in result.output for name in NEW_TABLES)
        assert {model: count(model) for model in expected} == expected
    # The daily job finds every due check made already.
    assert retention.create_due_checks(TODAY) == 0


def test_staff_add_batches_and_checks_after_the_load(runner, db):
    """The loader moved PostgreSQL's sequences past the demo's ids; a signed worker who stayed home can still go."""
    result = runner.invoke(args=["demo", "--scale", "0.05", "--seed", "7"])
    assert result.exit_code == 0, result.output
    staff = factories.create_user("bureau")
    drive = db.session.get(Event, generator.DRIVE_ID)

    batch = drives.create_batch(drive, {"departs_on": date(2023, 10, 8), "from_place": "威宁自治县",
                                        "to_place": "衢州市衢江区", "escort_name": "徐明",
                                        "escort_mobile": "13905700000"}, staff)
    waiting = drives.candidates(drive)
    drives.add_member(batch, waiting[0], staff)
    db.session.commit()

    assert batch.id == len(generated(0.05, 7)["travel_batches"]) + 1
    assert count(BatchMember) == len(generated(0.05, 7)["batch_members"]) + 1
