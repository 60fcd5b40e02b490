"""Real-browser fixtures: the app on a live port, Debian's Chromium driven by Playwright, screenshots."""
import importlib.util
import os
import shutil
import threading
from pathlib import Path
from types import SimpleNamespace

import pytest
from werkzeug.serving import make_server

from recruit.events.models import Event
from recruit.extensions import limiter
from tests import factories

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]
HERE = Path(__file__).resolve().parent
SHOTS_DIR = HERE.parents[1] / "test-output" / "browser"
VIEWPORTS = {
    "phone": {"viewport": {"width": 375, "height": 812}, "device_scale_factor": 2, "is_mobile": True,
              "has_touch": True},
    "desktop": {"viewport": {"width": 1280, "height": 800}},
}
TIMEOUT_MS = 15_000
_OUTCOMES = pytest.StashKey[dict]()


def pytest_collection_modifyitems(config, items):
    for item in items:
        if HERE in item.path.parents:
            item.add_marker(pytest.mark.browser)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """Keep each phase's outcome on the item, so that a failed test leaves a screenshot of where it stood."""
    report = yield
    item.stash.setdefault(_OUTCOMES, {})[report.when] = report.outcome
    return report


def _unavailable(reason):
    """Without the browser the tests are skipped, except in CI (RECRUIT_REQUIRE_BROWSER), where that fails."""
    if os.environ.get("RECRUIT_REQUIRE_BROWSER"):
        pytest.fail(f"RECRUIT_REQUIRE_BROWSER is set, but the browser tests cannot run: {reason}",
                    pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        _unavailable(f"{CHROMIUM} is missing (apt-get install chromium)")
    if importlib.util.find_spec("playwright") is None:
        _unavailable("playwright is not installed (pip install '.[test]')")
    from playwright.sync_api import sync_playwright

    playwright = sync_playwright().start()
    chromium = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
    yield chromium
    chromium.close()
    playwright.stop()


def closing(app):
    """The app, with every response closed even when the browser drops the connection midway: werkzeug's
    development server then skips close(), and a static file's handle is left to the garbage collector."""
    def wsgi(environ, start_response):
        response = app(environ, start_response)

        def chunks():
            try:
                yield from response
            finally:
                if hasattr(response, "close"):
                    response.close()
        return chunks()
    return wsgi


@pytest.fixture(scope="session")
def live_server(csrf_app):
    """The app with CSRF checked as in production, on the test database, served on a free port."""
    server = make_server("127.0.0.1", 0, closing(csrf_app), threaded=True)
    thread = threading.Thread(target=server.serve_forever, name="live-server", daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()
    thread.join(timeout=10)


@pytest.fixture
def base_url(live_server, db):
    """The live server's address; `db` empties every table after the test, whatever the browser wrote."""
    limiter.reset()  # sign-in counters are shared with the other tests' app
    yield live_server
    limiter.reset()


@pytest.fixture(params=list(VIEWPORTS), ids=list(VIEWPORTS))
def viewport(request):
    return request.param


@pytest.fixture
def shot(request, viewport):
    """`shot(page, name)`: a full-page screenshot at test-output/browser/<test>-<viewport>/<NN>-<name>.png, or
    under the folder a test module names in its SHOTS (test-output/browser/desk/…)."""
    folder = SHOTS_DIR / getattr(request.module, "SHOTS", "") / f"{request.node.originalname}-{viewport}"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    counter = iter(range(1, 100))

    def take(page, name):
        path = folder / f"{next(counter):02d}-{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take


@pytest.fixture
def new_context(request, base_url, browser, viewport, shot):
    """`new_context()` opens a browser context (a person of their own) at the test's viewport.

    The live server is started before the browser, so that at the end the browser closes its connections
    before the server stops.
    """
    contexts = []
    server_errors = []

    def note_server_error(response):
        if response.status >= 500:
            server_errors.append(f"{response.status} {response.url}")

    def open_context():
        context = browser.new_context(base_url=base_url, locale="zh-CN", timezone_id="Asia/Shanghai",
                                      **VIEWPORTS[viewport])
        context.set_default_timeout(TIMEOUT_MS)
        context.on("response", note_server_error)
        contexts.append(context)
        return context

    yield open_context
    if request.node.stash.get(_OUTCOMES, {}).get("call") == "failed":
        for context in contexts:
            for page in context.pages:
                shot(page, "failed")
    for context in contexts:
        context.close()
    # A page that broke shows up as a missing element; this says which request it was.
    assert not server_errors, f"the server failed on: {', '.join(server_errors)}"


@pytest.fixture
def page(new_context):
    return new_context().new_page()


@pytest.fixture
def bureau_user(db):
    """A bureau staff account (its username) to sign in with, password factories.PASSWORD."""
    user = factories.create_user("bureau", username="quzhou-bureau", display_name="衢江区人社局 李科长")
    db.session.commit()
    return SimpleNamespace(username=user.username)


@pytest.fixture
def event(db):
    """A published fair (its id, name) that employers can offer postings at."""
    fair = factories.create_event(name="2023年衢江区新春招聘会")
    db.session.commit()
    return SimpleNamespace(id=fair.id, name=fair.name)


@pytest.fixture
def fair(db, event):
    """The published fair with an approved employer taking part and one open posting there."""
    fair_event = db.session.get(Event, event.id)
    employer = factories.create_employer(name="衢州元立金属制品有限公司")
    factories.add_participation(fair_event, employer, booth="A08")
    posting = factories.create_posting(employer, events=[fair_event], title="注塑操作工", headcount=6)
    db.session.commit()
    return SimpleNamespace(id=posting.id, title=posting.title, employer_id=employer.id,
                           employer_name=employer.name, event=event)
