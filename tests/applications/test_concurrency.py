"""Two staff signing the last place at the same moment: exactly one of them succeeds.

Each thread has its own app context, hence its own session and connection. The two are made to overlap for
real: the first to reach the statement that takes the place waits there, inside its open transaction, until
the other has begun writing too. On PostgreSQL the loser's conditional UPDATE then waits for the winner's
row lock and finds no place left; on SQLite the loser's first write waits (busy timeout) for the winner's
transaction, then finds no place left.
"""

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
from tests.helpers import Overlap
from tests.helpers import run_together
from tests.helpers import sign_in

# The statement that takes a place: the first signing waits there until the other writes too.
TAKE_PLACE = "UPDATE postings SET signed_count"


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


def _outcome(posting_id):
    _db.session.expire_all()
    posting = _db.session.get(Posting, posting_id)
    statuses = sorted(_db.session.scalars(_db.select(Application.status).where(
        Application.posting_id == posting_id)))
    return posting.signed_count, posting.headcount, posting.status, statuses


def test_two_signings_of_the_last_place_at_once_one_wins(app, last_place):
    posting_id, application_ids, user_ids = last_place
    results = []

    def sign(application_id, user_id):
        with app.app_context():
            user = _db.session.get(User, user_id)
            application = _db.session.get(Application, application_id)
            try:
                services.move(application, "signed", user)
                _db.session.commit()
                results.append("signed")
            except RuleError as error:
                _db.session.rollback()
                results.append(error.code)

    with Overlap(TAKE_PLACE).installed() as overlap:
        run_together([lambda a=a, u=u: sign(a, u) for a, u in zip(application_ids, user_ids, strict=True)])

    assert overlap.overlapped and overlap.overlapped[0], "the two signings did not overlap"
    assert sorted(results) == ["headcount_full", "signed"]
    assert _outcome(posting_id) == (2, 2, "filled", ["intent", "signed"])


def test_two_concurrent_sign_requests_one_wins(app, last_place):
    """The same through the web: two staff press Sign at once; one gets the place, the other a 409."""
    posting_id, application_ids, user_ids = last_place
    clients = []
    for user_id in user_ids:
        client = app.test_client()
        assert sign_in(client, _db.session.get(User, user_id).username).status_code == 302
        clients.append(client)
    responses = []

    def post(client, application_id):
        responses.append(client.post(f"/applications/{application_id}/move", data={"to_status": "signed"}))

    with Overlap(TAKE_PLACE).installed() as overlap:
        run_together([lambda c=c, a=a: post(c, a) for c, a in zip(clients, application_ids, strict=True)])

    assert overlap.overlapped and overlap.overlapped[0], "the two requests did not overlap"
    assert sorted(r.status_code for r in responses) == [302, 409]
    [won] = [r for r in responses if r.status_code == 302]
    assert won.location.startswith("/applications/")  # signed, not sent to sign in
    assert _outcome(posting_id) == (2, 2, "filled", ["intent", "signed"])
