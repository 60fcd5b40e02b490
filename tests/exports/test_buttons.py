"""The export buttons of the list pages carry the list's own filters, and only valid ones."""
import html

import pytest

from tests import factories
from tests.helpers import signed_in


def links(response):
    assert response.status_code == 200
    return html.unescape(response.get_data(as_text=True))


@pytest.fixture
def bureau(client, db):
    return signed_in(client, factories.create_user("bureau"))


def test_the_seekers_list_exports_its_hometown_filter(bureau):
    page = links(bureau.get("/bureau/seekers?hometown=520526"))
    assert 'href="/bureau/exports/seekers.xlsx?hometown=520526"' in page
    assert 'href="/bureau/exports/seekers.csv?hometown=520526"' in page
    assert 'href="/bureau/exports/applications.xlsx?hometown=520526"' in page


def test_a_refused_filter_is_not_carried_into_the_export(bureau):
    page = links(bureau.get("/bureau/seekers?hometown=nowhere"))
    assert 'href="/bureau/exports/seekers.xlsx"' in page


def test_the_postings_list_exports_what_it_shows(bureau):
    assert 'href="/bureau/exports/postings.csv?status=pending"' in links(bureau.get("/bureau/postings"))
    page = links(bureau.get("/bureau/postings?status=&q=Lathe"))
    assert 'href="/bureau/exports/postings.xlsx?status=&q=Lathe"' in page


def test_the_event_page_exports_its_seekers_postings_and_applications(bureau, db):
    event = factories.create_event()
    db.session.commit()
    page = links(bureau.get(f"/bureau/events/{event.id}"))
    assert f'href="/bureau/exports/seekers.xlsx?event_id={event.id}"' in page
    assert f'href="/bureau/exports/postings.csv?event_id={event.id}&status="' in page
    assert f'href="/bureau/exports/applications.csv?event_id={event.id}"' in page


def test_the_partner_list_offers_its_exports(client, db):
    partner = signed_in(client, factories.create_user("partner", regions=["520526"]))
    page = links(partner.get("/partner/seekers"))
    assert 'href="/partner/exports/seekers.xlsx"' in page and 'href="/partner/exports/applications.csv"' in page
