"""Benchmark of `recruit demo`: loads the demo into a fresh database several times and prints the median.

    python benchmarks/demo_load.py [--runs 3] [--scale 1] [--seed 2023]
                                   [--postgres postgresql+psycopg://postgres@127.0.0.1:5432/postgres]

Each run is the whole command as a user types it (start-up, migrations of the empty database, generation and
bulk load) in a new process, on a new SQLite file, and on a new PostgreSQL database when --postgres names a
server. Exits 1 when the fair's visitors and intents are not the report's figures at the scale.
"""
import argparse
import contextlib
import logging
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time

import sqlalchemy as sa
from databases import postgres_database

logger = logging.getLogger(__name__)

TABLES = ("events", "employers", "participations", "postings", "posting_events", "seekers", "checkins",
          "applications", "application_changes")
FIGURES = sa.text(
    "SELECT e.kind, e.anonymous_visitors + (SELECT COUNT(*) FROM checkins c WHERE c.event_id = e.id), "
    "(SELECT COUNT(*) FROM applications a WHERE a.event_id = e.id "
    "AND a.status IN ('intent', 'signed', 'onboarded', 'retained')) FROM events e ORDER BY e.id"
)
LOAD_TIME = re.compile(r"Loaded [0-9,]+ rows in ([0-9.]+) s")
COLUMNS = ("database", "scale", "runs", "median s", "median load s", "rows loaded", "visitors", "intents")


@contextlib.contextmanager
def sqlite_database():
    with tempfile.TemporaryDirectory(prefix="recruit-bench-") as folder:
        yield f"sqlite:///{folder}/bench.sqlite3"




def run_once(url, scale, seed):
    """Seconds of the whole command, seconds it reports for generating and loading, and what it loaded."""
    env = {**os.environ, "RECRUIT_DATABASE_URL": url, "RECRUIT_SECRET_KEY": "benchmark",
           "RECRUIT_SCHEDULER": "off"}
    started = time.perf_counter()
    done = subprocess.run(["recruit", "demo", "--scale", str(scale), "--seed", str(seed)], env=env,
                          capture_output=True, text=True, check=True)
    seconds = time.perf_counter() - started
    load_seconds = float(LOAD_TIME.search(done.stdout).group(1))
    engine = sa.create_engine(url)
    with engine.connect() as conn:
        rows = sum(conn.scalar(sa.text(f"SELECT COUNT(*) FROM {table}")) for table in TABLES)
        figures = {kind: (visitors, intents) for kind, visitors, intents in conn.execute(FIGURES)}
    engine.dispose()
    return seconds, load_seconds, rows, figures["fair"]


def bench(label, database, args):
    times, loads, results = [], [], set()
    for _ in range(args.runs):
        with database() as url:
            seconds, load_seconds, rows, fair = run_once(url, args.scale, args.seed)
        times.append(seconds)
        loads.append(load_seconds)
        results.add((rows, *fair))
    rows, visitors, intents = results.pop() if len(results) == 1 else (None, None, None)
    return (label, f"{args.scale:g}", args.runs, f"{statistics.median(times):.1f}",
            f"{statistics.median(loads):.1f}", rows, visitors, intents)


def print_table(rows):
    widths = [max(len(str(row[i])) for row in rows) for i in range(len(rows[0]))]
    for row in rows:
        print("  ".join(str(value).rjust(width) for value, width in zip(row, widths, strict=True)))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--seed", type=int, default=2023)
    parser.add_argument("--postgres", metavar="URL", help="a PostgreSQL server to create the databases on")
    args = parser.parse_args()
    rows = [COLUMNS, bench("sqlite", sqlite_database, args)]
    if args.postgres:
        rows.append(bench("postgresql", lambda: postgres_database(args.postgres), args))
    print_table(rows)
    expected = (round(15_600 * args.scale), round(1_252 * args.scale))
    wrong = [row[0] for row in rows[1:] if (row[6], row[7]) != expected]
    if wrong:
        print(f"figures differ from {expected[0]:,} visitors and {expected[1]:,} intents: {', '.join(wrong)}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
