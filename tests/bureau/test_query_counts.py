"""List pages run the same number of queries for 5 rows as for a full page."""
import pytest

from recruit.audit.services import record
from tests import factories
from tests.helpers import QueryCounter


def fill(kind, n):
    event = factories.create_event()
    for i in range(n):
        if kind == "employers":
            factories.create_employer(status="pending")
        elif kind == "postings":
            factories.create_posting(factories.create_employer(), events=[event], status="pending")
        elif kind == "seekers":
            factories.create_seeker()
        elif kind == "events":
            factories.create_event(anonymous_visitors=i)
        elif kind == "staff":
            factories.create_user("partner", regions=["520526", "520500"])
        elif kind == "audit":
            record("employer_approved", target=factories.create_employer(),
                   user=factories.create_user("bureau"))
    return event


PAGES = {"employers": "/bureau/employers", "postings": "/bureau/postings", "seekers": "/bureau/seekers",
         "events": "/bureau/events", "staff": "/bureau/staff", "audit": "/bureau/audit", "home": "/bureau"}


def queries_for(bureau, db, kind, n):
    event = fill("postings" if kind in ("home", "event") else kind, n)
    db.session.commit()
    url = f"/bureau/events/{event.id}" if kind == "event" else PAGES[kind]
    with QueryCounter() as counter:
        assert bureau.get(url).status_code == 200
    return counter.count


@pytest.mark.parametrize("kind", [*PAGES, "event"])
def test_list_pages_run_constant_queries(bureau, db, kind):
    few = queries_for(bureau, db, kind, 5)
    more = queries_for(bureau, db, kind, 20)
    assert few == more
