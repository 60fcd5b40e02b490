"""Two staff signing the last place at the same moment: exactly one of them succeeds.

Each thread has its own app context, hence its own session and connection. On PostgreSQL the loser's
conditional UPDATE waits for the winner's row lock and then finds no place left; on SQLite the loser's first
write waits (busy timeout) for the winner's transaction, then finds no place left.
"""
import threading

import pytest

from recruit.accounts.models import User
from recruit.applications import services
from recruit.applications.models import Application
from recruit.domain.errors import RuleError
from recruit.extensions import db as _db
from recruit.postings.models import Posting
from tests import factories
from tests.applications.helpers import company
from tests.applications.helpers import seeker_with_account
from tests.helpers import sign_in


@pytest.fixture
def last_place(db):
    """A posting with one place left, two applications at `intent`, and two staff who may sign them."""
    firm = company()
    bureau = factories.create_user("bureau")
    posting = factories.create_posting(firm.employer, headcount=2, signed_count=1)
    applications = [factories.create_application(seeker=seeker_with_account(), posting=posting,
                                                 status="intent") for _ in range(2)]
    db.session.commit()
    return posting.id, [a.id for a in applications], [firm.staff.id, bureau.id]


def _run_together(targets):
    threads = [threading.Thread(target=target) for target in targets]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(thread.is_alive() for thread in threads)


def _outcome(posting_id):
    _db.session.expire_all()
    posting = _db.session.get(Posting, posting_id)
    statuses = sorted(_db.session.scalars(_db.select(Application.status).where(
        Application.posting_id == posting_id)))
    return posting.signed_count, posting.headcount, posting.status, statuses


@pytest.mark.parametrize("attempt", range(3))
def test_two_signings_of_the_last_place_at_once_one_wins(app, last_place, attempt):
    posting_id, application_ids, user_ids = last_place
    barrier = threading.Barrier(2)
    results = []

    def sign(application_id, user_id):
        with app.app_context():
            user = _db.session.get(User, user_id)
            application = _db.session.get(Application, application_id)
            barrier.wait(timeout=20)
            try:
                services.move(application, "signed", user)
                _db.session.commit()
                results.append("signed")
            except RuleError as error:
                _db.session.rollback()
                results.append(error.code)

    _run_together([lambda a=a, u=u: sign(a, u) for a, u in zip(application_ids, user_ids, strict=True)])

    assert sorted(results) == ["headcount_full", "signed"]
    assert _outcome(posting_id) == (2, 2, "filled", ["intent", "signed"])


@pytest.mark.postgres
def test_two_concurrent_sign_requests_inside_their_transactions_one_wins(app, last_place, monkeypatch):
    """Both requests are held just before taking the place, each in its own open transaction."""
    posting_id, application_ids, user_ids = last_place
    barrier = threading.Barrier(2)
    take_place = services._take_place

    def held(*args, **kwargs):
        barrier.wait(timeout=20)
        return take_place(*args, **kwargs)

    monkeypatch.setattr(services, "_take_place", held)
    clients = []
    for user_id in user_ids:
        client = app.test_client()
        assert sign_in(client, _db.session.get(User, user_id).username).status_code == 302
        clients.append(client)
    responses = []

    def post(client, application_id):
        responses.append(client.post(f"/applications/{application_id}/move", data={"to_status": "signed"}))

    _run_together([lambda c=c, a=a: post(c, a) for c, a in zip(clients, application_ids, strict=True)])

    assert sorted(r.status_code for r in responses) == [302, 409]
    [won] = [r for r in responses if r.status_code == 302]
    assert won.location.startswith("/applications/")  # signed, not sent to sign in
    assert _outcome(posting_id) == (2, 2, "filled", ["intent", "signed"])
