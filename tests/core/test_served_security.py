"""Against `recruit serve` with two workers, as an attacker would try it: guessing one account's password from
several addresses, then looking for ID numbers in what the service kept (its log and its audit table) after
searches, failed sign-ins and a database error."""
import http.cookiejar
import os
import re
import sqlite3
import subprocess
import sys
import urllib.error
import urllib.parse
import urllib.request
from datetime import date

import pytest

from recruit.accounts.services import LIMITS
from recruit.domain import idcard
from tests.core.test_serve import _free_port
from tests.core.test_serve import _wait_for

NUMBER = idcard.generate("520526", date(1994, 6, 2), 57)
MOBILE = "13985700057"
CSRF = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"|name="csrf_token" value="([^"]+)"')


class Browser:
    """One person's cookies and CSRF tokens, from the address the proxy says they come from."""

    def __init__(self, base, address="10.0.0.1"):
        self.base = base
        self.address = address
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()),
                                                  NoRedirect())

    def open(self, path, data=None):
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        request = urllib.request.Request(self.base + path, data=body, headers={"X-Forwarded-For": self.address})
        try:
            with self.opener.open(request, timeout=30) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()

    def post_form(self, page, action, data):
        """Open the page of a form, then send it with the page's CSRF token."""
        _status, html = self.open(page)
        token = next(group for group in CSRF.search(html).groups() if group)
        return self.open(action, {**data, "csrf_token": token})


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    folder = tmp_path_factory.mktemp("served")
    port = _free_port()
    env = {**os.environ, "RECRUIT_DATABASE_URL": f"sqlite:///{folder / 'served.sqlite3'}",
           "RECRUIT_SECRET_KEY": "served-security-test", "RECRUIT_PORT": str(port), "RECRUIT_SCHEDULER": "off",
           "RECRUIT_PROXIES": "1"}
    for username in ("chief", "clerk"):
        subprocess.run([sys.executable, "-m", "recruit", "create-admin", "--username", username, "--password",
                        "long-enough-1"], env=env, cwd=folder, check=True, capture_output=True)
    log = (folder / "serve.log").open("w")
    process = subprocess.Popen([sys.executable, "-m", "recruit", "serve", "--workers", "2"], env=env, cwd=folder,
                               stdout=log, stderr=subprocess.STDOUT, text=True)
    try:
        _wait_for(f"http://127.0.0.1:{port}/", process)
        yield f"http://127.0.0.1:{port}", folder
    finally:
        process.terminate()
        process.wait(timeout=30)
        log.close()


def test_thirty_guesses_at_one_account_from_four_addresses_get_only_the_limit_checked(served):
    base, _folder = served
    answers = []
    for n in range(30):
        browser = Browser(base, address=f"10.0.{n % 4}.{n}")
        status, html = browser.post_form("/account/login", "/account/login",
                                         {"identifier": "chief", "password": f"guess-{n}"})
        answers.append("checked" if status == 200 else status)
    right = Browser(base, address="10.0.9.9").post_form("/account/login", "/account/login",
                                                        {"identifier": "chief", "password": "long-enough-1"})

    assert answers.count("checked") <= LIMITS["SIGNIN_ATTEMPTS_PER_ACCOUNT"]
    assert answers.count(429) == 30 - answers.count("checked")
    assert right[0] == 429  # even the right password waits until the window has passed


def test_no_full_id_number_is_kept_after_searches_failed_sign_ins_and_a_database_error(served):
    base, folder = served
    seeker = Browser(base, address="10.1.0.1")
    registered = seeker.post_form("/seekers/register", "/seekers/register", {
        "name": "杨春梅", "id_number": NUMBER, "mobile": MOBILE, "password": "chunmei-2023",
        "confirm": "chunmei-2023", "consent": "y"})
    assert registered[0] == 302, registered[1][:2000]
    mistyped = [NUMBER[:-1], NUMBER + "7", "-".join((NUMBER[:6], NUMBER[6:14], NUMBER[14:]))]
    for typed in mistyped + [NUMBER]:
        Browser(base, address="10.2.0.1").post_form("/account/login", "/account/login",
                                                    {"identifier": typed, "password": "not-the-password"})
    clerk = Browser(base, address="10.3.0.1")
    assert clerk.post_form("/account/login", "/account/login",
                           {"identifier": "clerk", "password": "long-enough-1"})[0] == 302
    found = clerk.post_form("/bureau/seekers", "/bureau/seekers/lookup", {"q": NUMBER})
    assert found[0] == 302 and "/bureau/seekers/" in clerk.open("/bureau/seekers")[1]
    clerk.post_form("/bureau/seekers", "/bureau/seekers/lookup", {"q": NUMBER[:-1] + "0"})
    clerk.post_form("/bureau/seekers", "/bureau/seekers/lookup", {"q": MOBILE})

    with sqlite3.connect(folder / "served.sqlite3") as conn:
        audit = repr(conn.execute("SELECT action, target_name, detail FROM audit_events").fetchall())
        conn.execute("DROP TABLE audit_events")  # every later audited request fails in the database
    failed = Browser(base, address="10.4.0.1").post_form("/account/login", "/account/login",
                                                         {"identifier": MOBILE, "password": "x" * 12})
    log = (folder / "serve.log").read_text()

    assert failed[0] == 500 and "audit_events" in log  # the database error was logged
    digits = [re.sub(r"\D", "", typed) for typed in mistyped + [NUMBER]]
    for kept, where in ((audit, "audit table"), (log, "server log")):
        assert not [number for number in digits if number[:17] in re.sub(r"\D", "", kept)], where
        assert MOBILE not in kept, where
    assert "scrypt:" not in log and "pbkdf2:" not in log  # no password hash in a logged statement
