"""The browser's protections: a strict content security policy the templates keep to, personal pages kept out
of caches, Secure cookies and HSTS over HTTPS, the proxies trusted for the client's address, and database
errors that never carry the values of a statement. Every route as every identity: tests/access."""
import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from types import SimpleNamespace

import pytest
import sqlalchemy as sa
from flask import request
from flask import url_for

from recruit import create_app
from recruit.config import Config
from recruit.config import ConfigError
from recruit.core.security import CONTENT_SECURITY_POLICY
from recruit.core.security import HEADERS
from recruit.core.web import handle_unexpected
from recruit.extensions import db as _db
from recruit.extensions import limiter
from recruit.seekers.services import PRIVACY_VERSION
from tests import factories
from tests.conftest import IsolatedClient
from tests.helpers import sign_in

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
JINJA = re.compile(r"\{#.*?#\}|\{%.*?%\}|\{\{.*?\}\}", re.S)
ENVIRONMENT = ("RECRUIT_DATABASE_URL", "RECRUIT_SECRET_KEY", "RECRUIT_REPORTS_DIR", "RECRUIT_SCHEDULER",
               "RECRUIT_TIMEZONE", "RECRUIT_RATELIMIT_STORAGE_URL", "RECRUIT_HTTPS", "RECRUIT_PROXIES")
FORWARDED = {"X-Forwarded-For": "203.0.113.7", "X-Forwarded-Proto": "https", "X-Forwarded-Host": "jobs.example"}


class InlineCode(HTMLParser):
    """What markup carries that the policy blocks: style and on… attributes, javascript: URLs, inline code."""

    def __init__(self):
        super().__init__()
        self.found = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name == "style" or name.startswith("on") or (value or "").strip().lower().startswith("javascript:"):
                self.found.append(f"<{tag} {name}={value!r}>")
        self._in_script = tag == "script"
        if tag == "style":
            self.found.append("a <style> element")

    def handle_data(self, data):
        if self._in_script and data.strip():
            self.found.append(f"an inline <script>: {data.strip()[:60]!r}")

    def handle_endtag(self, tag):
        self._in_script = False


def inline_code(html):
    parser = InlineCode()
    parser.feed(html)
    parser.close()
    return parser.found


def test_the_policy_allows_no_inline_code_and_no_other_origin():
    directives = dict(part.split(" ", 1) for part in CONTENT_SECURITY_POLICY.split("; "))
    assert directives["script-src"] == directives["style-src"] == "'self'"
    assert directives["default-src"] == "'self'" and directives["object-src"] == "'none'"
    assert directives["frame-ancestors"] == "'none'"
    assert not re.search(r"unsafe-|https?:|\*", CONTENT_SECURITY_POLICY)


def test_the_parser_finds_what_the_policy_blocks():
    found = inline_code('<a href=" JavaScript:go()">x</a><form onsubmit="return go()"><p style="color: red">'
                        "<script>go()</script><script src=\"/static/js/confirm.js\"></script><style>p{}</style>")
    assert len(found) == 5, found


# Generated documents: a report saved to disk or shown under DOCUMENT_POLICY, which allows its <style> and no script.
DOCUMENTS = {Path("reports/document.html")}


def test_no_template_has_inline_script_style_or_event_handlers():
    """The policy blocks them all: a template that has one breaks in the browser, so it fails here first."""
    problems = []
    for path in sorted(TEMPLATES.rglob("*.html")):
        if path.relative_to(TEMPLATES) in DOCUMENTS:
            continue
        source = path.read_text(encoding="utf-8")
        name = path.relative_to(TEMPLATES)
        # Jinja's own code is left out, but an attribute inside {% if %} … {% endif %} stays in.
        problems += [f"{name}: {found}" for found in inline_code(JINJA.sub(" ", source))]
        problems += [f"{name}: {match.group()!r}" for match in re.finditer(r"\bstyle\s*=|javascript:", source, re.I)]
    assert len(list(TEMPLATES.rglob("*.html"))) > 40
    assert not problems, "\n".join(problems)


def test_errors_and_refusals_carry_the_protections(csrf_app, db):
    """An answer that never reached a view: a form without its CSRF token, a NUL in the query, a 404."""
    client = csrf_app.test_client()
    answers = [client.post("/account/login", data={"identifier": "x", "password": "y"}),
               client.get("/postings?q=%00"), client.get("/no/such/page"), client.post("/")]
    assert [answer.status_code for answer in answers] == [400, 400, 404, 405]
    for answer in answers:
        assert {name: answer.headers.get(name) for name in HEADERS} == HEADERS
        assert "Strict-Transport-Security" not in answer.headers


# --- caching --------------------------------------------------------------------------------------------------

@pytest.fixture
def people(db):
    """A seeker from Weining who applied to an employer's posting, the partner desk of Weining, the bureau."""
    employer = factories.create_employer()
    hr = factories.create_user("employer", employer_id=employer.id)
    posting = factories.create_posting(employer)
    seeker_user = factories.create_user("seeker")
    seeker = factories.create_seeker(user=seeker_user, region_code="520526", consent_version=PRIVACY_VERSION)
    application = factories.create_application(seeker=seeker, posting=posting)
    partner = factories.create_user("partner", regions=["520526"])
    bureau = factories.create_user("bureau")
    db.session.commit()
    return SimpleNamespace(usernames=dict(seeker=seeker_user.username, employer=hr.username,
                                          partner=partner.username, bureau=bureau.username),
                           seeker_id=seeker.id, posting_id=posting.id, application_id=application.id)


def client_of(app, username):
    limiter.reset()  # every client shares one address, and the sign-in form is throttled per address
    client = app.test_client()
    assert sign_in(client, username).status_code == 302
    return client


def paths(app, *endpoints):
    with app.test_request_context():
        return [url_for(endpoint, **values) for endpoint, values in endpoints]


def test_pages_with_personal_data_are_never_stored(app, people):
    pages = {
        "seeker": [("seekers.profile", {}), ("applications.detail", {"application_id": people.application_id})],
        "employer": [("applications.for_posting", {"posting_id": people.posting_id})],
        "partner": [("partner.seekers", {}), ("partner.seeker", {"seeker_id": people.seeker_id}),
                    ("partner.register_seeker", {})],
        "bureau": [("bureau.seekers.index", {}), ("bureau.seekers.detail", {"seeker_id": people.seeker_id})],
    }
    problems = []
    for identity, endpoints in pages.items():
        client = client_of(app, people.usernames[identity])
        for path in paths(app, *endpoints):
            response = client.get(path)
            if response.status_code != 200 or response.headers.get("Cache-Control") != "no-store":
                problems.append(f"{identity} {path}: {response.status_code} {response.headers.get('Cache-Control')}")
    assert not problems, "\n".join(problems)


def test_the_answer_to_a_post_is_never_stored(client, db):
    """A refused registration shows the form again with what was typed, the ID number included."""
    form = {"name": "杨春梅", "id_number": "520526199603081231", "mobile": "1398571", "password": "x"}
    response = client.post("/seekers/register", data=form)
    assert response.status_code == 200 and "520526199603081231" in response.get_data(as_text=True)
    assert response.headers["Cache-Control"] == "no-store"
    assert client.post("/account/login", data={"identifier": "x", "password": "y"}).headers["Cache-Control"] == \
        "no-store"


def test_public_pages_assets_and_the_region_search_keep_their_caching(app, client, people):
    home = client.get("/")
    assert home.status_code == 200 and "no-store" not in home.headers.get("Cache-Control", "")
    seeker = client_of(app, people.usernames["seeker"])
    assert seeker.get("/").headers["Cache-Control"] == "no-store"  # the menu shows who is signed in
    for visitor in (client, seeker):
        with visitor.get("/static/css/recruit.css") as asset:
            assert asset.status_code == 200 and "no-store" not in asset.headers.get("Cache-Control", "")
        search = visitor.get("/regions/search?q=威宁")
        assert search.cache_control.public and search.cache_control.max_age == 3600


# --- HTTPS and proxies, from the environment -----------------------------------------------------------------

@pytest.fixture
def environment_app(app, tmp_path, monkeypatch):
    """`environment_app(RECRUIT_HTTPS="on", …)`: an app configured from the environment, on the test database."""
    monkeypatch.setattr("flask.Flask.auto_find_instance_path", lambda self: str(tmp_path / "instance"))
    built = []

    def build(**env):
        for name in ENVIRONMENT:
            monkeypatch.delenv(name, raising=False)
        for name, value in env.items():
            monkeypatch.setenv(name, value)

        class EnvironmentConfig(Config):
            TESTING = True
            WTF_CSRF_ENABLED = False
            SQLALCHEMY_DATABASE_URI = app.config["SQLALCHEMY_DATABASE_URI"]
            SECRET_KEY = app.config["SECRET_KEY"]

        application = create_app(EnvironmentConfig)
        application.test_client_class = IsolatedClient
        built.append(application)
        return application

    yield build
    for application in built:
        with application.app_context():
            _db.engine.dispose()


def signed_in_with_remember(application, db):
    user = factories.create_user("bureau")
    db.session.commit()
    limiter.reset()
    return application.test_client().post("/account/login", data={"identifier": user.username,
                                                                   "password": factories.PASSWORD,
                                                                   "remember": "y"})


def cookies(response):
    """Set-Cookie by cookie name."""
    return {header.split("=", 1)[0]: header for header in response.headers.getlist("Set-Cookie")}


def test_https_on_makes_cookies_secure_and_sends_hsts(environment_app, db):
    application = environment_app(RECRUIT_HTTPS="on")
    response = signed_in_with_remember(application, db)
    assert response.status_code == 302
    sent = cookies(response)
    assert {"session", "remember_token"} <= set(sent)
    for header in sent.values():
        assert "; Secure" in header and "; HttpOnly" in header
    assert response.headers["Strict-Transport-Security"] == "max-age=31536000"
    assert application.test_client().get("/").headers["Strict-Transport-Security"] == "max-age=31536000"
    language = application.test_client().get("/lang/en").headers["Set-Cookie"]
    assert language.startswith("lang=en") and "; Secure" in language


def test_https_off_by_default_sends_neither(environment_app, db):
    application = environment_app()
    response = signed_in_with_remember(application, db)
    sent = cookies(response)
    assert {"session", "remember_token"} <= set(sent)
    assert not any("Secure" in header for header in sent.values())
    assert "Strict-Transport-Security" not in response.headers


def _address_app(application):
    @application.route("/test/address")
    def address():
        return {"address": request.remote_addr, "scheme": request.scheme, "host": request.host}

    return application.test_client()


def test_one_trusted_proxy_gives_the_forwarded_address(environment_app, db):
    client = _address_app(environment_app(RECRUIT_PROXIES="1"))
    seen = client.get("/test/address", headers=FORWARDED, environ_base={"REMOTE_ADDR": "10.0.0.2"}).get_json()
    assert seen == {"address": "203.0.113.7", "scheme": "https", "host": "jobs.example"}
    # Only as many addresses as there are proxies: one the client put in front of them is not believed.
    forged = {**FORWARDED, "X-Forwarded-For": "198.51.100.1, 203.0.113.7"}
    assert client.get("/test/address", headers=forged).get_json()["address"] == "203.0.113.7"


def test_without_proxies_the_forwarded_headers_are_ignored(environment_app, db):
    client = _address_app(environment_app(RECRUIT_PROXIES="0"))
    seen = client.get("/test/address", headers=FORWARDED, environ_base={"REMOTE_ADDR": "10.0.0.2"}).get_json()
    assert seen == {"address": "10.0.0.2", "scheme": "http", "host": "localhost"}


@pytest.mark.parametrize(("name", "value"), [("RECRUIT_PROXIES", "two"), ("RECRUIT_PROXIES", "-1"),
                                             ("RECRUIT_PROXIES", "1.5"), ("RECRUIT_HTTPS", "yes")])
def test_a_bad_value_stops_start_up_and_names_the_variable(environment_app, name, value):
    with pytest.raises(ConfigError) as caught:
        environment_app(**{name: value})
    assert name in caught.value.message and repr(value) in caught.value.message


def test_the_command_line_says_what_is_wrong_without_a_traceback(tmp_path):
    env = {**os.environ, "RECRUIT_DATABASE_URL": f"sqlite:///{tmp_path / 'unused.sqlite3'}",
           "RECRUIT_SECRET_KEY": "cli-test", "RECRUIT_PROXIES": "-1"}
    result = subprocess.run([sys.executable, "-m", "recruit", "serve"], env=env, cwd=tmp_path,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode != 0
    assert "Error: RECRUIT_PROXIES must be a whole number of 0 or more, not '-1'." in result.stderr
    assert "Traceback" not in result.stderr + result.stdout


# --- database logs ----------------------------------------------------------------------------------------------

def test_a_database_error_is_logged_without_the_values(app, db, caplog):
    """Neither SQLAlchemy's parameters nor PostgreSQL's DETAIL (the failing row) reach the log."""
    mobile = "".join(("138", "0013", "8000"))  # built here, so that the traceback's source lines do not show it
    with pytest.raises(sa.exc.IntegrityError) as caught:
        db.session.execute(sa.text("INSERT INTO users (username) VALUES (:u)"), {"u": mobile})
    db.session.rollback()
    assert db.engine.hide_parameters
    with app.test_request_context("/account/login", method="POST"), caplog.at_level("ERROR"):
        handle_unexpected(caught.value)
    assert "INSERT INTO users" in caplog.text and "not" in caplog.text.lower()  # what failed, and where
    assert mobile not in caplog.text
