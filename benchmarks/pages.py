"""Benchmark of the main pages: how fast a real server answers them with the full demo loaded.

    python benchmarks/pages.py [--requests 30]
                               [--postgres postgresql+psycopg://postgres@127.0.0.1:5432/test]

Loads `recruit demo --scale 1 --seed 2023` into a new database (a temporary SQLite file, or with --postgres a
database created on that server and dropped afterwards), adds a bureau account, starts `recruit serve` with two
workers on a free loopback port and requests each page as a browser does: one keep-alive connection with its
cookies, the body read whole. Each page gets 3 warm-up requests, then the timed ones, one after the other.

Then the public pages' throughput: 16 connections at once ask for one page for 3 seconds, each page in turn, and
so does a bare Flask "hello" served with the same gunicorn settings (benchmarks/bare.py) between them, for 3
rounds; a page's figure is the median over the rounds of its answers a second divided by the hello's of the same
round (target: 0.25). Exits 1 when a page answers other than 200.
"""
import argparse
import contextlib
import http.client
import http.cookies
import logging
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse

import loadgen
import sqlalchemy as sa
from databases import postgres_database

logger = logging.getLogger(__name__)

SEED = 2023
USERNAME = "bench"
PASSWORD = "bench-pass-1"
TIMEOUT = 60  # seconds a request or the server's start-up may take before the benchmark gives up
WARM_UP = 3
CONNECTIONS = 16  # clients at once in the throughput rounds
ROUNDS = 3
ROUND_SECONDS = 3.0
TARGET_RATIO = 0.25  # a public page's answers a second, against the bare hello's
BENCHMARKS = os.path.dirname(os.path.abspath(__file__))
HEADERS = {"Accept": "text/html,application/xhtml+xml,*/*;q=0.8", "Accept-Language": "zh-CN,zh;q=0.9",
           "User-Agent": "recruit-benchmark"}
CSRF_INPUT = re.compile(r'<input[^>]*name="csrf_token"[^>]*>')
INPUT_VALUE = re.compile(r'value="([^"]*)"')

# What the pages are asked about, chosen from the loaded demo: the figures every page of the kind would show.
PUBLIC = "p.status IN ('open', 'filled') AND e.status = 'approved'"
LOOKUPS = {
    "fair": "SELECT id FROM events WHERE kind = 'fair' ORDER BY id LIMIT 1",
    "occupation": "SELECT p.occupation_code FROM postings p JOIN employers e ON e.id = p.employer_id "
                  f"WHERE {PUBLIC} AND p.dormitory = TRUE GROUP BY p.occupation_code "
                  "ORDER BY COUNT(*) DESC, p.occupation_code LIMIT 1",
    "public_posting": "SELECT p.id FROM postings p JOIN employers e ON e.id = p.employer_id "
                      f"LEFT JOIN applications a ON a.posting_id = p.id WHERE {PUBLIC} "
                      "GROUP BY p.id ORDER BY COUNT(a.id) DESC, p.id LIMIT 1",
    "busiest_posting": "SELECT posting_id FROM applications GROUP BY posting_id "
                       "ORDER BY COUNT(*) DESC, posting_id LIMIT 1",
    "surname": "SELECT SUBSTR(name, 1, 1) FROM seekers GROUP BY SUBSTR(name, 1, 1) "
               "ORDER BY COUNT(*) DESC, SUBSTR(name, 1, 1) LIMIT 1",
}
COLUMNS = ("page", "status", "median ms", "p95 ms", "bytes")


def public_pages(ids):
    return [
        "/",
        f"/events/{ids['fair']}",
        "/postings",
        f"/postings?event={ids['fair']}",
        "/postings?" + urllib.parse.urlencode({"q": "注塑"}),
        "/postings?" + urllib.parse.urlencode({"occupation": ids["occupation"], "dormitory": "y"}),
        f"/postings/{ids['public_posting']}",
        "/regions/search?q=qj",
    ]


def throughput_pages(ids):
    """What thousands of phones open at once: the home page, the fair's page, the openings (all, the fair's,
    filtered) and the busiest public posting."""
    return [
        "/",
        f"/events/{ids['fair']}",
        "/postings",
        f"/postings?event={ids['fair']}",
        "/postings?" + urllib.parse.urlencode({"occupation": ids["occupation"], "dormitory": "y"}),
        f"/postings/{ids['public_posting']}",
    ]


def bureau_pages(ids):
    return [
        "/bureau",
        "/bureau/seekers",
        "/bureau/seekers?" + urllib.parse.urlencode({"q": ids["surname"]}),
        "/bureau/employers",
        "/bureau/audit",
        f"/bureau/events/{ids['fair']}",
        f"/employer/postings/{ids['busiest_posting']}/applicants",
    ]


class Browser:
    """One keep-alive connection to the server and the cookies it was given, like one browser tab."""

    def __init__(self, port):
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=TIMEOUT)
        self.cookies = {}

    def request(self, method, path, form=None):
        """Status, headers and the whole body; a connection the server dropped while idle is opened again."""
        headers = dict(HEADERS)
        body = None
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        if form is not None:
            body = urllib.parse.urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        for attempt in range(2):
            try:
                self.connection.request(method, path, body=body, headers=headers)
                response = self.connection.getresponse()
                content = response.read()
                break
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                self.connection.close()
                if attempt:
                    raise
        self.keep_cookies(response.headers.get_all("Set-Cookie") or [])
        return response.status, response.headers, content

    def get(self, path):
        return self.request("GET", path)

    def keep_cookies(self, lines):
        for line in lines:
            for name, morsel in http.cookies.SimpleCookie(line).items():
                if morsel["max-age"] == "0" or not morsel.value:
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.value

    def close(self):
        self.connection.close()


def sign_in(browser, username, password):
    """Sign in through the form, with the CSRF token the login page hands out."""
    status, _, body = browser.get("/account/login")
    field = CSRF_INPUT.search(body.decode())
    if status != 200 or field is None:
        raise SystemExit(f"the login page answered {status} without a csrf_token input")
    token = INPUT_VALUE.search(field.group(0)).group(1)
    form = {"identifier": username, "password": password, "csrf_token": token}
    status, headers, _ = browser.request("POST", "/account/login", form=form)
    if status != 302 or not headers.get("Location", "").endswith("/bureau"):
        raise SystemExit(f"signing in as {username} answered {status} {headers.get('Location', '')}")


def timed(browser, path):
    started = time.perf_counter()
    status, _, body = browser.get(path)
    return status, time.perf_counter() - started, len(body)


def measure(browser, path, count):
    """Warm-up requests, then `count` timed ones in a row: (path, statuses, median ms, p95 ms, bytes)."""
    for _ in range(WARM_UP):
        browser.get(path)
    results = [timed(browser, path) for _ in range(count)]
    statuses = sorted({status for status, _, _ in results})
    millis = [seconds * 1000 for _, seconds, _ in results]
    p95 = statistics.quantiles(millis, n=20, method="inclusive")[18]
    return (path, "/".join(map(str, statuses)), f"{statistics.median(millis):.1f}", f"{p95:.1f}",
            max(size for _, _, size in results))


def get_request(path):
    """A loadgen request for `path`, as an anonymous browser sends it."""
    request = ("GET", path, HEADERS, b"")
    return lambda _index: request


def throughput(port, hello_port, paths, rounds=ROUNDS, seconds=ROUND_SECONDS, connections=CONNECTIONS):
    """Per path: (path, requests, statuses, median req/s, median ms, median ratio to the hello, ÷ target), and
    the hello's own row first. Each round asks for the hello, then each path, `connections` at once for
    `seconds`; a ratio is a page's req/s over the hello's of the same round, so that a machine busier in one
    round than another shifts both."""
    targets = [(hello_port, "/hello")] + [(port, path) for path in paths]
    for target_port, path in targets:  # warm every worker: its first answers fill its caches
        loadgen.closed_loop(target_port, get_request(path), connections, 0.5)
    runs = {path: [] for _, path in targets}
    for _ in range(rounds):
        for target_port, path in targets:
            runs[path].append(loadgen.closed_loop(target_port, get_request(path), connections, seconds))
    hello = [run.per_second for run in runs["/hello"]]
    rows = []
    for _, path in targets:
        per_second = [run.per_second for run in runs[path]]
        ratio = statistics.median(page / base for page, base in zip(per_second, hello, strict=True))
        statuses = sorted({status for run in runs[path] for status in run.statuses()})
        median_ms = statistics.median(run.median_ms for run in runs[path])
        rows.append((f"bare hello ({path})" if path == "/hello" else path,
                     sum(len(run.results) for run in runs[path]), "/".join(map(str, statuses)),
                     f"{statistics.median(per_second):.0f}", f"{median_ms:.1f}",
                     f"{ratio:.3f}", "—" if path == "/hello" else f"{ratio / TARGET_RATIO:.2f}"))
    return rows


THROUGHPUT_COLUMNS = ("page", "requests", "status", "req/s", "median ms", "÷ hello", "÷ target 0.25")


@contextlib.contextmanager
def sqlite_database(folder):
    yield f"sqlite:///{folder}/bench.sqlite3"




def recruit(env, *args):
    """Run a `recruit` command as a user types it; its output is shown only when it fails."""
    done = subprocess.run([sys.executable, "-m", "recruit", *args], env=env, capture_output=True, text=True,
                          timeout=600)
    if done.returncode:
        raise SystemExit(f"recruit {' '.join(args)} failed:\n{done.stdout}{done.stderr}")
    return done.stdout


def lookup_ids(url):
    engine = sa.create_engine(url)
    try:
        with engine.connect() as conn:
            return {key: conn.scalar(sa.text(query)) for key, query in LOOKUPS.items()}
    finally:
        engine.dispose()


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_up(server, port, log_path, probe="/"):
    """Poll `probe` until it answers; give up when the server exits or TIMEOUT passes."""
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline:
        if server.poll() is not None:
            break
        with contextlib.suppress(OSError, http.client.HTTPException):
            browser = Browser(port)
            status, _, _ = browser.get(probe)
            browser.close()
            if status == 200:
                return
        time.sleep(0.2)
    with open(log_path, encoding="utf-8", errors="replace") as log:
        raise SystemExit(f"the server did not answer {probe} within {TIMEOUT} s:\n{log.read()[-3000:]}")


@contextlib.contextmanager
def running_server(env, folder, workers=2):
    """`recruit serve` on a free port in its own process group, stopped (the whole group) afterwards."""
    with serving([sys.executable, "-m", "recruit", "serve", "--workers", str(workers)], env, folder, "serve",
                 "/") as port:
        yield port


@contextlib.contextmanager
def running_bare(env, folder, url="sqlite://", workers=2):
    """benchmarks/bare.py, the yardstick served with `recruit serve`'s settings, in the same way."""
    with serving([sys.executable, os.path.join(BENCHMARKS, "bare.py"), "--workers", str(workers), "--database", url],
                 env, folder, "bare", "/hello") as port:
        yield port


@contextlib.contextmanager
def serving(command, env, folder, name, probe):
    """A server command given a free port, in its own process group (its log in `folder`), stopped afterwards."""
    port = free_port()
    log_path = os.path.join(folder, f"{name}.log")
    with open(log_path, "wb") as log:
        server = subprocess.Popen([*command, "--port", str(port)], env=env, stdout=log, stderr=subprocess.STDOUT,
                                  start_new_session=True)
    try:
        wait_until_up(server, port, log_path, probe)
        yield port
    finally:
        stop(server)


def stop(server):
    with contextlib.suppress(ProcessLookupError):
        os.killpg(server.pid, signal.SIGTERM)
    try:
        server.wait(timeout=30)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(server.pid, signal.SIGKILL)
        server.wait()


def run_pages(port, ids, count):
    """The table's rows: the public pages anonymously, then the bureau's signed in."""
    anonymous = Browser(port)
    rows = [measure(anonymous, path, count) for path in public_pages(ids)]
    anonymous.close()
    staff = Browser(port)
    sign_in(staff, USERNAME, PASSWORD)
    rows += [measure(staff, path, count) for path in bureau_pages(ids)]
    staff.close()
    return rows


def bench(label, database, count):
    """Load the demo into a new database, serve it, and measure: (page rows, throughput rows)."""
    with tempfile.TemporaryDirectory(prefix="recruit-pages-") as folder, database(folder) as url:
        env = {**os.environ, "RECRUIT_DATABASE_URL": url, "RECRUIT_SECRET_KEY": "bench",
               "RECRUIT_SCHEDULER": "off", "RECRUIT_REPORTS_DIR": os.path.join(folder, "reports")}
        print(f"{label}: loading the demo (scale 1, seed {SEED}) ...", flush=True)
        recruit(env, "demo", "--scale", "1", "--seed", str(SEED))
        recruit(env, "create-admin", "--username", USERNAME, "--password", PASSWORD)
        ids = lookup_ids(url)
        with running_server(env, folder) as port, running_bare(env, folder) as hello_port:
            rows = run_pages(port, ids, count)
            load = throughput(port, hello_port, throughput_pages(ids))
    return rows, load


def print_table(rows):
    widths = [max(len(str(row[i])) for row in rows) for i in range(len(rows[0]))]
    for row in rows:
        cells = [str(row[0]).ljust(widths[0])]
        cells += [str(value).rjust(width) for value, width in zip(row[1:], widths[1:], strict=True)]
        print("  ".join(cells).rstrip())


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=30, help="timed requests per page (default 30)")
    parser.add_argument("--postgres", metavar="URL", help="a PostgreSQL server to create the database on")
    args = parser.parse_args()
    if args.requests < 2:
        parser.error("--requests must be at least 2")
    if args.postgres:
        label, database = "postgresql", lambda _folder: postgres_database(args.postgres)
    else:
        label, database = "sqlite", sqlite_database
    rows, load = bench(label, database, args.requests)
    print(f"\n{label}, {args.requests} timed requests per page after {WARM_UP} warm-up:")
    print_table([COLUMNS, *rows])
    print(f"\n{label}, {CONNECTIONS} connections at once, {ROUNDS} rounds of {ROUND_SECONDS:g} s, medians:")
    print_table([THROUGHPUT_COLUMNS, *load])
    failed = [row[0] for row in rows if row[1] != "200"] + [row[0] for row in load if row[2] != "200"]
    if failed:
        print(f"\nanswered other than 200: {', '.join(failed)}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
