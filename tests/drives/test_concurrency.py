"""Two staff adding the same worker at the same moment, to the same batch or to two: one membership, on SQLite
and on PostgreSQL (the suite runs on both)."""
from datetime import date

import pytest
import sqlalchemy as sa

from recruit.drives import services
from recruit.drives.models import BatchMember
from recruit.extensions import db as _db
from tests import factories
from tests.drives.conftest import BATCH
from tests.helpers import Overlap
from tests.helpers import run_together
from tests.helpers import signed_in


@pytest.fixture
def desks(app, drive):
    second = services.create_batch(drive.event, {**BATCH, "departs_on": date(2023, 2, 27)}, drive.bureau)
    clients = [signed_in(app.test_client(), user) for user in (drive.bureau, factories.create_user("bureau"))]
    return drive, second, clients


def _add_together(clients, paths, application_id):
    responses = []

    def post(client, path):
        responses.append(client.post(path, data={"application_id": application_id}))

    with Overlap("INSERT INTO batch_members").installed() as overlap:
        run_together([lambda c=c, p=p: post(c, p) for c, p in zip(clients, paths, strict=True)])
    assert overlap.overlapped and all(overlap.overlapped), "the two requests did not overlap"
    return responses


def _members(application_id):
    _db.session.expire_all()
    return _db.session.scalars(sa.select(BatchMember).where(BatchMember.application_id == application_id)).all()


def test_two_staff_adding_one_worker_to_one_batch_at_once_add_them_once(desks):
    drive, _, clients = desks
    path = f"/bureau/batches/{drive.batch.id}/members"

    responses = _add_together(clients, [path, path], drive.worker.id)

    assert sorted(r.status_code for r in responses) == [200, 302]
    refused = next(r for r in responses if r.status_code == 200).get_data(as_text=True)
    assert "This worker travels in another batch already." in refused
    assert len(_members(drive.worker.id)) == 1


def test_two_staff_adding_one_worker_to_two_batches_at_once_put_them_in_one(desks):
    drive, second, clients = desks
    paths = [f"/bureau/batches/{drive.batch.id}/members", f"/bureau/batches/{second.id}/members"]

    responses = _add_together(clients, paths, drive.worker.id)

    assert sorted(r.status_code for r in responses) == [200, 302]
    assert len(_members(drive.worker.id)) == 1
