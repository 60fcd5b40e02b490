"""The dashboard pages: the bureau's live view, issuing and revoking screen links, and the screen a link opens."""
import re

import pytest
import sqlalchemy as sa

from recruit.audit.models import AuditEvent
from recruit.dashboard import services
from recruit.dashboard.models import ScreenLink
from recruit.extensions import db as _db
from tests import factories
from tests.helpers import QueryCounter
from tests.helpers import signed_in

SCREEN_URL = re.compile(r"http://localhost/screen/([A-Za-z0-9_-]{40,})")


@pytest.fixture
def event(db):
    event = factories.create_event(name="2023年衢江区新春招聘会")
    db.session.commit()
    return event


@pytest.fixture
def staff(client, db):
    user = factories.create_user("bureau", display_name="衢江区人社局 李科长")
    signed_in(client, user)
    return user


def issued(event, name="主会场大屏", by_user=None):
    link, token = services.issue_screen_link(event, name, by_user or factories.create_user("bureau"))
    _db.session.commit()
    return link, token


def audited(action):
    return _db.session.scalars(sa.select(AuditEvent).where(AuditEvent.action == action)).all()


def test_the_live_dashboard_shows_the_figures_and_reads_them_with_the_session(client, staff, event):
    event.anonymous_visitors = 15600
    _db.session.commit()

    page = client.get(f"/bureau/events/{event.id}/dashboard").get_data(as_text=True)

    assert '<dd class="display-3 fw-bold mb-0" data-figure="visitors">15,600</dd>' in page
    assert f'data-stats-url="/api/v1/events/{event.id}/stats"' in page
    assert "data-token" not in page
    assert "vendor/chartjs/chart.umd.min.js" in page and "js/dashboard.js" in page


def test_an_issued_link_is_shown_once_and_kept_only_as_a_hash(client, staff, event):
    response = client.post(f"/bureau/events/{event.id}/screens", data={"name": " 主会场大屏 "})

    assert response.status_code == 200
    page = response.get_data(as_text=True)
    token = SCREEN_URL.search(page).group(1)
    assert "shown only this once" in page and "<svg" in page  # the link's QR code, for a tablet to scan
    [link] = _db.session.scalars(sa.select(ScreenLink)).all()
    assert (link.name, link.event_id, link.created_by_id, link.active) == ("主会场大屏", event.id, staff.id, True)
    assert token not in repr(_db.session.execute(sa.select(ScreenLink.__table__)).all())
    assert token not in repr([(e.target_name, e.detail) for e in audited("screen_link_issued")])
    assert services.screen_link_for(token).id == link.id

    again = client.get(f"/bureau/events/{event.id}/screens").get_data(as_text=True)
    assert token not in again and "主会场大屏" in again and 'data-link-status="active"' in again


def test_a_name_too_long_is_refused_next_to_its_field(client, staff, event):
    page = client.post(f"/bureau/events/{event.id}/screens", data={"name": "屏" * 101}).get_data(as_text=True)

    assert 'id="name-error"' in page and "at most 100 characters" in page
    assert not SCREEN_URL.search(page)
    assert _db.session.scalar(sa.select(sa.func.count()).select_from(ScreenLink)) == 0


def test_revoking_stops_the_link_is_audited_and_a_second_time_is_refused(client, staff, event):
    link, token = issued(event)

    response = client.post(f"/bureau/screens/{link.id}/revoke")

    assert response.status_code == 302
    assert response.headers["Location"] == f"/bureau/events/{event.id}/screens"
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "is revoked" in page and 'data-link-status="revoked"' in page
    assert services.screen_link_for(token) is None
    [revoked] = audited("screen_link_revoked")
    assert (revoked.target_type, revoked.target_id, revoked.user_id) == ("ScreenLink", link.id, staff.id)

    client.post(f"/bureau/screens/{link.id}/revoke")
    assert "This screen link was already revoked." in client.get(f"/bureau/events/{event.id}/screens").get_data(
        as_text=True)
    assert len(audited("screen_link_revoked")) == 1


def test_revoking_without_the_csrf_token_is_refused(csrf_app, event):
    link, token = issued(event)
    factories.create_user("bureau", username="li-kezhang")
    _db.session.commit()
    client = csrf_app.test_client()
    login = client.get("/account/login").get_data(as_text=True)
    csrf = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', login).group(1)
    client.post("/account/login", data={"identifier": "li-kezhang", "password": factories.PASSWORD,
                                        "csrf_token": csrf})

    assert client.post(f"/bureau/screens/{link.id}/revoke").status_code == 400
    assert services.screen_link_for(token) is not None


def test_the_screen_opens_without_a_sign_in_and_is_kept_out_of_caches(client, event):
    link, token = issued(event)

    response = client.get(f"/screen/{token}")

    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"
    page = response.get_data(as_text=True)
    assert '<meta name="referrer" content="no-referrer">' in page
    assert f'data-token="{token}"' in page and event.name in page
    assert "/account/login" not in page  # nothing on a screen asks anyone to sign in
    [opened] = audited("screen_opened")
    assert (opened.target_type, opened.target_id, opened.user_id) == ("ScreenLink", link.id, None)


def test_a_revoked_or_unknown_link_opens_nothing_and_asks_nobody_to_sign_in(client, event):
    link, token = issued(event)
    services.revoke_screen_link(link, factories.create_user("bureau"))
    _db.session.commit()

    for address in (f"/screen/{token}", "/screen/not-a-link"):
        response = client.get(address)
        page = response.get_data(as_text=True)
        assert response.status_code == 404, address
        assert response.headers["Cache-Control"] == "no-store"
        assert "data-screen-invalid" in page and "/account/login" not in page and event.name not in page
    assert audited("screen_opened") == []


def test_the_links_page_takes_the_same_queries_for_one_link_or_many(client, staff, event):
    issued(event, by_user=staff)
    with QueryCounter() as one:
        client.get(f"/bureau/events/{event.id}/screens")
    for number in range(5):
        issued(event, f"签到处电视{number}", by_user=staff)

    with QueryCounter() as six:
        page = client.get(f"/bureau/events/{event.id}/screens").get_data(as_text=True)

    assert page.count("data-link-id=") == 6
    assert six.count == one.count


BUREAU_PAGES = [("get", "/bureau/events/{event}/dashboard"), ("get", "/bureau/events/{event}/screens"),
                ("post", "/bureau/events/{event}/screens"), ("post", "/bureau/screens/{link}/revoke")]


@pytest.mark.parametrize("role", ["seeker", "employer", "partner"])
def test_other_roles_cannot_reach_the_bureau_pages(client, event, role):
    link, _ = issued(event)
    signed_in(client, factories.create_user(role))

    for method, address in BUREAU_PAGES:
        response = getattr(client, method)(address.format(event=event.id, link=link.id))
        assert response.status_code == 403, address
    assert _db.session.scalar(sa.select(sa.func.count()).select_from(ScreenLink)) == 1
    assert link.active


def test_nobody_signed_in_is_sent_to_sign_in_from_the_bureau_pages(client, event):
    link, _ = issued(event)

    for method, address in BUREAU_PAGES:
        response = getattr(client, method)(address.format(event=event.id, link=link.id))
        assert response.status_code == 302 and "/account/login" in response.headers["Location"], address
