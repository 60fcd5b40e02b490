"""Nobody guesses passwords: attempts are counted per account and per address in the database, so every
worker and host counts them, and a refusal says when to try again."""
from datetime import date
from datetime import timedelta

import pytest
import sqlalchemy as sa

from recruit.accounts import services
from recruit.audit.models import AuditEvent
from recruit.domain import idcard
from recruit.domain import uscc
from recruit.seekers.identity import set_id_number
from tests import factories

MOBILE = "13912345678"
NUMBER = idcard.generate("520526", date(1992, 3, 8), 41)


@pytest.fixture
def seeker_user(db):
    user = factories.create_user("seeker", username=MOBILE)
    set_id_number(factories.create_seeker(user=user, mobile=MOBILE), NUMBER)
    db.session.commit()
    return user


def attempt(client, identifier, password="wrong-password", address="10.0.0.1"):
    return client.post("/account/login", data={"identifier": identifier, "password": password},
                       environ_base={"REMOTE_ADDR": address})


def test_the_sixth_attempt_at_one_account_is_refused_even_with_the_right_password(english, seeker_user):
    statuses = [attempt(english, MOBILE).status_code for _ in range(5)]
    refused = attempt(english, MOBILE, password=factories.PASSWORD)

    assert statuses == [200] * 5
    assert refused.status_code == 429
    assert "Too many failed sign-ins. Please try again after" in refused.get_data(as_text=True)
    assert "Beijing time" in refused.get_data(as_text=True)


def test_an_account_is_counted_whatever_address_and_identifier_the_attempts_come_from(english, seeker_user):
    identifiers = [MOBILE, NUMBER, "139-1234-5678", NUMBER.lower(), f" {MOBILE} "]
    statuses = [attempt(english, who, address=f"10.0.0.{n}").status_code for n, who in enumerate(identifiers)]
    refused = attempt(english, MOBILE, password=factories.PASSWORD, address="10.9.9.9")
    assert statuses == [200] * 5 and refused.status_code == 429


def test_one_address_trying_many_accounts_is_refused(app, english, db, monkeypatch):
    monkeypatch.setitem(app.config, "SIGNIN_ATTEMPTS_PER_ADDRESS", 3)
    statuses = [attempt(english, f"nobody{n}").status_code for n in range(4)]
    elsewhere = attempt(english, "nobody9", address="10.0.0.2")
    assert statuses == [200, 200, 200, 429] and elsewhere.status_code == 200


def test_a_right_password_clears_the_account_and_its_own_attempt(english, seeker_user, db):
    for _ in range(4):
        attempt(english, MOBILE)
    assert attempt(english, MOBILE, password=factories.PASSWORD).status_code == 302
    english.post("/account/logout")
    statuses = [attempt(english, MOBILE).status_code for _ in range(5)]
    assert statuses == [200] * 5  # the count started again after the right password


def test_the_window_passes_and_the_account_may_try_again(english, seeker_user, time_machine):
    time_machine.move_to("2026-06-01 10:00:00+08:00", tick=True)
    for _ in range(5):
        attempt(english, MOBILE)
    assert attempt(english, MOBILE, password=factories.PASSWORD).status_code == 429
    time_machine.shift(timedelta(minutes=16))
    assert attempt(english, MOBILE, password=factories.PASSWORD).status_code == 302


def test_a_missing_account_costs_the_same_work_as_a_real_one(db, seeker_user, monkeypatch):
    """The hash is always checked: the time of the answer does not tell whether an account exists."""
    checked = []
    real = services.check_password_hash
    monkeypatch.setattr(services, "check_password_hash", lambda *args: checked.append(args) or real(*args))

    assert services.authenticate("nobody-at-all", "whatever") is None
    assert services.authenticate(MOBILE, "wrong") is None
    assert len(checked) == 2


def test_failed_sign_ins_keep_no_number_in_clear(english, db, seeker_user):
    typed = ["5205261992030804", "52052619920308041X", "5205-2619-9203-0804-1", "139 1234 567", "1391234567890",
             "hunter2-my-password"]
    for identifier in typed:
        attempt(english, identifier, address=f"10.1.0.{len(identifier)}")
    kept = [entry.detail["identifier"] for entry in db.session.scalars(
        sa.select(AuditEvent).where(AuditEvent.action == "login_failed").order_by(AuditEvent.id))]
    assert len(kept) == len(typed)
    for identifier, masked in zip(typed, kept, strict=True):
        digits = "".join(ch for ch in identifier if ch.isdigit())
        if len(digits) > 6:
            assert digits[3:-2] not in masked.replace("*", ""), (identifier, masked)
        assert "hunter2" not in masked


def test_registrations_from_one_address_are_limited(app, english, db, monkeypatch):
    monkeypatch.setitem(app.config, "REGISTRATIONS_PER_ADDRESS", 1)
    from tests.employers.test_registration import form

    first = english.post("/employers/register", data=form(), environ_base={"REMOTE_ADDR": "10.2.0.1"})
    english.post("/account/logout")
    second = english.post("/employers/register", data=form(uscc=uscc.generate("330803", 99), username="other.hr"),
                          environ_base={"REMOTE_ADDR": "10.2.0.1"})
    assert first.status_code == 302
    assert second.status_code == 200 and "Too many registrations from this network" in second.get_data(
        as_text=True)
