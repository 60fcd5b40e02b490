"""The `recruit` command group."""
import sqlalchemy as sa

from recruit.accounts.models import User
from tests import factories


def test_create_admin_makes_a_bureau_account_that_can_sign_in(runner, client, db):
    result = runner.invoke(args=["create-admin", "--username", "chief", "--password", "long-enough-1"])
    assert result.exit_code == 0, result.output
    user = db.session.query(User).filter_by(username="chief").one()
    assert user.role == "bureau" and user.password_hash != "long-enough-1"
    response = client.post("/account/login", data={"identifier": "chief", "password": "long-enough-1"})
    assert response.status_code == 302


def test_create_admin_refuses_a_short_password_in_the_bureau_s_language(runner, db):
    result = runner.invoke(args=["create-admin", "--username", "chief", "--password", "short"])
    assert result.exit_code != 0
    assert "password: 至少 8 个字符" in result.output
    assert db.session.scalar(sa.select(sa.func.count()).select_from(User)) == 0


def test_create_admin_refuses_a_username_shaped_like_a_mobile_number(runner, db):
    result = runner.invoke(args=["create-admin", "--username", "13800138000", "--password", "long-enough-1"])
    assert result.exit_code != 0 and "username:" in result.output
    assert db.session.scalar(sa.select(sa.func.count()).select_from(User)) == 0
    assert db.session.query(User).count() == 0


def test_events_prints_figures(runner, db):
    event = factories.create_event(name="威宁跨省招工", kind="cross_province", anonymous_visitors=12)
    posting = factories.create_posting(events=[event], headcount=9)
    seeker = factories.create_application(posting=posting, event=event, status="signed").seeker
    second = factories.create_posting(events=[event], headcount=3)
    factories.create_application(seeker=seeker, posting=second, event=event, status="intent")
    db.session.commit()
    result = runner.invoke(args=["events"])
    assert result.exit_code == 0
    header, row = result.output.splitlines()[:2]
    assert header.split() == ["id", "kind", "name", "status", "visitors", "checked-in", "postings",
                              "positions", "applications", "intents", "intent-applications"]
    # One seeker with two applications at intent or beyond: one person, as the bureau counts intents.
    assert row.split() == [str(event.id), "cross_province", "威宁跨省招工", "published", "12", "0", "2", "12",
                           "2", "1", "2"]
