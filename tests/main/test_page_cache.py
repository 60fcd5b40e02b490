"""Anonymous public pages are served again for a few seconds; nobody else's page ever is."""
import concurrent.futures
import threading
import time
from datetime import datetime

import pytest
from flask import render_template_string
from flask import session

from recruit import create_app
from recruit.config import TestingConfig
from recruit.core.page_cache import cached_page
from recruit.core.security import CONTENT_SECURITY_POLICY
from recruit.extensions import cache
from recruit.extensions import db as _db
from tests import factories
from tests.helpers import signed_in
from tests.postings.helpers import shown_ids

START = datetime(2026, 3, 1, 9, 0)


@pytest.fixture
def page_cache(app, time_machine):
    """The cache on, as in production (the tests' config turns it off), empty, on a clock that stands still."""
    time_machine.move_to(START, tick=False)
    app.config["PAGE_CACHE_SECONDS"] = 5
    with app.app_context():
        cache.clear()
    yield time_machine
    app.config["PAGE_CACHE_SECONDS"] = 0
    with app.app_context():
        cache.clear()


def text(response):
    assert response.status_code == 200
    return response.get_data(as_text=True)


def kept_then_renamed(client, db):
    """A posting whose page was kept as "注塑工", renamed "叉车司机" since."""
    posting = factories.create_posting(title="注塑工")
    db.session.commit()
    assert "注塑工" in text(client.get(f"/postings/{posting.id}"))
    posting.title = "叉车司机"
    db.session.commit()
    return posting


def test_an_anonymous_page_is_served_again_for_five_seconds(client, db, page_cache):
    posting = kept_then_renamed(client, db)
    page_cache.shift(4)
    assert "注塑工" in text(client.get(f"/postings/{posting.id}"))  # the page kept 4 s ago
    page_cache.shift(2)
    assert "叉车司机" in text(client.get(f"/postings/{posting.id}"))


def test_each_public_page_is_kept(app, client, db, page_cache):
    event = factories.create_event(name="春风行动招聘会")
    posting = factories.create_posting(title="注塑工", events=[event])
    db.session.commit()
    paths = ["/", f"/events/{event.id}", "/postings", f"/postings?event={event.id}", f"/postings/{posting.id}"]
    first = {path: text(client.get(path)) for path in paths}

    event.name = "改名后的招聘会"
    posting.title = "叉车司机"
    db.session.commit()

    for path in paths:
        assert text(client.get(path)) == first[path], path
    with app.app_context():
        cache.clear()
    assert "叉车司机" in text(client.get("/postings"))
    assert "改名后的招聘会" in text(client.get("/"))


def test_each_language_and_query_gets_its_own_page(app, db, page_cache):
    moulder = factories.create_posting(title="注塑工", skills=["注塑"], description="操作注塑机。")
    driver = factories.create_posting(title="叉车司机", skills=["叉车"], description="驾驶叉车。")
    db.session.commit()
    chinese, english = app.test_client(), app.test_client()
    english.get("/lang/en")

    assert '<html lang="zh-CN">' in text(chinese.get("/postings"))
    assert '<html lang="en">' in text(english.get("/postings"))
    assert '<html lang="zh-CN">' in text(chinese.get("/postings"))

    assert shown_ids(text(chinese.get("/postings?q=注塑"))) == [moulder.id]
    assert shown_ids(text(chinese.get("/postings?q=叉车"))) == [driver.id]
    assert shown_ids(text(chinese.get("/postings?q=注塑"))) == [moulder.id]


def test_a_signed_in_user_neither_reads_nor_fills_the_cache(app, db, page_cache):
    seeker = factories.create_seeker(user=factories.create_user(role="seeker"))
    posting = factories.create_posting(title="注塑工")
    other = factories.create_posting(title="叉车司机")
    anonymous = app.test_client()
    anonymous.get("/lang/en")
    member = signed_in(app.test_client(), seeker.user)

    assert "Sign in to apply" in text(anonymous.get(f"/postings/{posting.id}"))
    page = member.get(f"/postings/{posting.id}")
    assert "Sign in to apply" not in text(page) and "Sign out" in text(page)
    assert page.headers["Cache-Control"] == "no-store"

    # The other way round: the signed-in page is not kept for the next visitor.
    assert "Sign out" in text(member.get(f"/postings/{other.id}"))
    page = text(anonymous.get(f"/postings/{other.id}"))
    assert "Sign in to apply" in page and "Sign out" not in page


def test_a_request_with_credentials_is_not_anonymous(client, db, page_cache):
    posting = kept_then_renamed(client, db)
    assert "叉车司机" in text(client.get(f"/postings/{posting.id}", headers={"Authorization": "Bearer abc"}))


def test_a_page_with_a_message_waiting_is_neither_served_from_nor_kept(app, db, page_cache):
    db.session.commit()
    visitor, flashed = app.test_client(), app.test_client()
    assert "Welcome back, test" not in text(visitor.get("/"))  # / is kept now

    with flashed.session_transaction() as sess:
        sess["_flashes"] = [("info", "Welcome back, test")]
    assert "Welcome back, test" in text(flashed.get("/"))

    assert "Welcome back, test" not in text(visitor.get("/"))
    assert "Welcome back, test" not in text(flashed.get("/"))  # shown once, as without the cache


def test_an_error_page_is_not_kept(client, db, page_cache):
    event = factories.create_event(status="draft")
    db.session.commit()
    assert client.get(f"/events/{event.id}").status_code == 404

    event.status = "published"
    db.session.commit()
    assert client.get(f"/events/{event.id}").status_code == 200


def test_a_kept_page_has_the_same_protections(client, db, page_cache):
    factories.create_posting()
    db.session.commit()
    rendered = client.get("/postings")
    kept = client.get("/postings")

    assert kept.get_data() == rendered.get_data()
    assert kept.headers["Content-Security-Policy"] == CONTENT_SECURITY_POLICY
    assert kept.headers["X-Frame-Options"] == "DENY"
    assert kept.headers["X-Content-Type-Options"] == "nosniff"
    assert sorted(kept.headers.items()) == sorted(rendered.headers.items())
    assert "max-age" not in kept.headers.get("Cache-Control", "")  # browsers ask again (see page_cache)


@pytest.fixture(scope="module")
def probe_app(app):
    """An app with pages made to test what may be kept: one anyone may be given, one with a CSRF token, one
    that writes the session."""

    class ProbeConfig(TestingConfig):
        SQLALCHEMY_DATABASE_URI = app.config["SQLALCHEMY_DATABASE_URI"]
        SECRET_KEY = app.config["SECRET_KEY"]
        REPORTS_DIR = app.config["REPORTS_DIR"]
        PAGE_CACHE_SECONDS = 5

    probe = create_app(ProbeConfig)
    renders = []

    @probe.route("/probe/plain")
    @cached_page
    def plain():
        renders.append("plain")
        return f"page {len(renders)}"

    @probe.route("/probe/token")
    @cached_page
    def token():
        renders.append("token")
        return render_template_string("<form><input name=csrf_token value='{{ csrf_token() }}'></form>")

    @probe.route("/probe/session")
    @cached_page
    def remembers():
        renders.append("session")
        session["seen"] = True
        return f"page {len(renders)}"

    @probe.route("/probe/slow")
    @cached_page
    def slow():
        renders.append("slow")
        time.sleep(0.3)
        return f"page {len(renders)}"

    probe.renders = renders
    yield probe
    with probe.app_context():
        _db.engine.dispose()


def test_a_page_with_a_csrf_token_or_a_session_change_is_not_kept(probe_app, page_cache):
    with probe_app.app_context():
        cache.clear()
    first, second = probe_app.test_client(), probe_app.test_client()

    assert first.get("/probe/plain").get_data() == second.get("/probe/plain").get_data()
    first.get("/probe/token")  # the token's secret goes into the session
    own = first.get("/probe/token").get_data()  # now the session stays as it was, and the page has the token
    assert second.get("/probe/token").get_data() != own
    first.get("/probe/session")
    second.get("/probe/session")
    assert probe_app.renders.count("plain") == 1
    assert probe_app.renders.count("token") == 3
    assert probe_app.renders.count("session") == 2


def test_requests_in_flight_for_an_expired_page_wait_for_one_rendering(probe_app):
    with probe_app.app_context():
        cache.clear()
    start = threading.Barrier(8)

    def visit(_):
        client = probe_app.test_client()
        start.wait()
        return client.get("/probe/slow").get_data()

    with concurrent.futures.ThreadPoolExecutor(max_workers=8) as pool:
        pages = list(pool.map(visit, range(8)))

    assert probe_app.renders.count("slow") == 1
    assert len(set(pages)) == 1
