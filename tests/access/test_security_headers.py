"""The browser's protections on every answer: every route of the URL map, GET and POST, as every identity.

Walked from the URL map itself, not from the matrix's table, so that a route added later is covered at once;
the methods a route does not take are sent too (their 405 must carry the headers as well), with an unknown
path (404), a NUL in the query (400) and a static file.
"""
import re

from recruit.core.security import DOCUMENT_POLICY
from recruit.core.security import HEADERS
from recruit.extensions import limiter
from tests.access.conftest import IDENTITIES
from tests.access.test_matrix import EXPECTED
from tests.access.test_matrix import build_url
from tests.access.test_matrix import post_data
from tests.core.test_security import inline_code

# A URL argument of a route not (yet) in the matrix, by its name; any other is given 1.
BY_NAME = dict(employer_id="employer_a", posting_id="open_a", event_id="event", seeker_id="seeker_one",
               user_id="partner_user", participation_id="participation_a", application_id="application_one",
               code="en")
SHARED = ("/static/", "/regions/search")
EXTRA_GETS = ("/no/such/page", "/postings?q=%00", "/static/css/recruit.css", "/static/js/confirm.js",
              "/regions/search?q=%E8%A1%A2%E6%B1%9F")


def route_urls(app, world):
    """(endpoint, URL) of every route: the matrix's arguments where it has them, else filled by their names."""
    adapter = app.url_map.bind("localhost")
    for rule in app.url_map.iter_rules():
        if rule.endpoint == "static":
            continue
        if rule.endpoint in EXPECTED:
            for arguments in EXPECTED[rule.endpoint]:
                yield rule.endpoint, build_url(app, rule.endpoint, arguments, world)
        else:
            values = {name: world.ids.get(BY_NAME.get(name), 1) for name in rule.arguments}
            yield rule.endpoint, adapter.build(rule.endpoint, values)


# Generated documents (printable reports) carry their own stricter policy: their styles and no script.
DOCUMENTS = re.compile(r"^/(bureau/reports/\d+/download|partner/events/\d+/reports/\w+\.html)$")
# A screen link's page: its address is its key, so no Referer at all carries it away.
SCREENS = re.compile(r"^/screen/[\w-]+$")


def problems_of(response, url, method, identity):
    where = f"{method} {url} as {identity} ({response.status_code})"
    document = response.status_code == 200 and response.mimetype == "text/html" and DOCUMENTS.match(url)
    expected = {**HEADERS, "Content-Security-Policy": DOCUMENT_POLICY} if document else HEADERS
    if SCREENS.match(url) and method == "GET":
        expected = {**expected, "Referrer-Policy": "no-referrer"}
    problems = [f"{where}: {name} is {response.headers.get(name)!r}" for name, value in expected.items()
                if response.headers.get(name) != value]
    if "Strict-Transport-Security" in response.headers:
        problems.append(f"{where}: HSTS without RECRUIT_HTTPS")
    private = method == "POST" or (identity != "anonymous" and not url.startswith(SHARED))
    if private and response.headers.get("Cache-Control") != "no-store":
        problems.append(f"{where}: Cache-Control is {response.headers.get('Cache-Control')!r}")
    if response.mimetype == "text/html":  # what Python wrote into the page is checked too (forms, the QR code)
        found = inline_code(response.get_data(as_text=True))
        # A document's own <style> is what its policy allows; a script or a handler never is.
        problems += [f"{where}: {item}" for item in found if not (document and item == "a <style> element")]
    return problems


def walk(world, clients, method, targets):
    problems = []
    for endpoint, url in targets:
        data = post_data(endpoint, world) if method == "POST" else None
        for identity in IDENTITIES:
            limiter.reset()  # every client shares one address, and the sign-in form is throttled per address
            with clients[identity].open(url, method=method, data=data) as response:  # a static file is open
                problems += problems_of(response, url, method, identity)
    return problems


def test_every_answer_carries_the_protections(app, world, clients):
    routes = list(route_urls(app, world))
    logout = [(endpoint, url) for endpoint, url in routes if endpoint == "accounts.logout"]
    changes = [target for target in routes if target not in logout]
    extra = [(None, url) for url in EXTRA_GETS]
    # Reads first, while everyone is still signed in; signing out last.
    problems = walk(world, clients, "GET", [*routes, *extra])
    problems += walk(world, clients, "POST", [*changes, *extra])
    problems += walk(world, clients, "POST", logout)
    assert len(routes) > len(EXPECTED)
    assert not problems, f"{len(problems)} answers lack a protection:\n" + "\n".join(problems[:80])
