"""Benchmark of the fair's match summary at full scale: the document, each format, the sheet and the whole.

    python benchmarks/reports.py                                   # SQLite and PostgreSQL, scales 1 and 10
    python benchmarks/reports.py --database sqlite --scale 1 --repeat 5
    python benchmarks/reports.py --profile                         # adds the whole's hottest functions

Per database and scale, the demo (seed 2023) is loaded once into a new database: a temporary SQLite file, or a
database created on the PostgreSQL server and dropped afterwards. `recruit demo` accepts scales up to 5, so the
loading process does what the command does (migrations, `generator.generate`, `loader.load`, commit) at any scale.
A second process makes the fair's match run with `matching.services.run_event` (timed, not part of the summary).
A third, new process measures, with the bureau's locale forced as `services.generate` does: building the
summary (`summary.summary`, SQL aggregates), rendering it as xlsx, csv and html, the statistics sheet (built and
rendered as xlsx and html, as a run writes it), the whole (build + the three formats) and `services.generate`
(the five files of a run, written and fsynced). Each step runs once untimed (`first s`), then --repeat times,
interleaved; times are medians. Memory: `peak MiB` is tracemalloc's peak during one more run of the step alone
(Python allocations made by the step, not SQLite's or libpq's own), `RSS` the measuring process's max RSS.
Sections are also built one by one (with the time spent in the driver's execute and the statements run) and
rendered alone per format. On PostgreSQL the loading process runs ANALYZE, as autovacuum would soon after a bulk
load (the benchmark's server may run without autovacuum).

Exits 1 when a figure is wrong: visitors or intents other than the demo's at the scale, a sheet that disagrees
with the summary, an intent list of another length than the intent applications, or a file that is not one.
"""
import argparse
import contextlib
import cProfile
import functools
import io
import json
import logging
import os
import pstats
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
import zipfile

import sqlalchemy as sa
from databases import postgres_database
from flask_babel import force_locale

from recruit import create_app
from recruit.core import clock
from recruit.demo import generator
from recruit.demo import loader
from recruit.events.models import Event
from recruit.extensions import db
from recruit.matching import services as matching
from recruit.reports import formats
from recruit.reports import funnel
from recruit.reports import matching_section
from recruit.reports import scope as scopes
from recruit.reports import services
from recruit.reports import summary
from recruit.reports.document import Document
from recruit.reports.models import ReportRun
from recruit.serving import prepare_database

logger = logging.getLogger(__name__)

SEED = 2023
SERVER = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
LOCALE = "zh_Hans_CN"
FAIR_VISITORS, FAIR_INTENTS = 15_600, 1_252
# Issue targets for the whole (build + xlsx, csv, html), in seconds, by scale and database.
TARGETS = {(1.0, "sqlite"): 5.0, (1.0, "postgresql"): 3.0, (10.0, "sqlite"): 30.0, (10.0, "postgresql"): 30.0}
STEPS = (
    ("build", "build summary (SQL aggregates)"),
    ("xlsx", "render xlsx"),
    ("csv", "render csv (zip)"),
    ("html", "render html"),
    ("sheet", "sheet: build + xlsx + html"),
    ("whole", "whole: build + xlsx + csv + html"),
    ("generate", "services.generate (5 files)"),
)
FORMATS = ("xlsx", "csv", "html")


def max_rss_mib():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def app_for(url, folder):
    os.environ.update(RECRUIT_DATABASE_URL=url, RECRUIT_SECRET_KEY="benchmark", RECRUIT_SCHEDULER="off",
                      RECRUIT_REPORTS_DIR=os.path.join(folder, "reports"))
    return create_app()


# The three worker processes: each prints its figures as its last line of JSON.

def load_worker(args):
    with app_for(args.url, args.folder).app_context():
        prepare_database()
        started = time.perf_counter()
        counts = loader.load(generator.generate(args.scale, SEED))
        db.session.commit()
        if db.engine.dialect.name == "postgresql":
            # What autovacuum does soon after a bulk load; the benchmark's server may run without it.
            with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
                conn.execute(sa.text("ANALYZE"))
        return {"load_s": time.perf_counter() - started, "rows": sum(counts.values()),
                "seekers": counts["seekers"], "applications": counts["applications"]}


def match_worker(args):
    with app_for(args.url, args.folder).app_context():
        times = []
        for _ in range(args.repeat):
            started = time.perf_counter()
            run = matching.run_event(db.session.get(Event, generator.FAIR_ID))
            db.session.commit()
            times.append(time.perf_counter() - started)
        return {"match_s": statistics.median(times), "match_runs": len(times), "match_seekers": run.seekers,
                "match_postings": run.postings, "match_method": run.method, "match_rss": max_rss_mib()}


class SqlClock:
    """Statements run and seconds spent in the driver's execute, counted through the engine's events."""

    def __init__(self, engine):
        self.queries, self.seconds = 0, 0.0
        sa.event.listen(engine, "before_cursor_execute", self.before)
        sa.event.listen(engine, "after_cursor_execute", self.after)

    def before(self, conn, cursor, statement, parameters, context, executemany):
        context.bench_started = time.perf_counter()

    def after(self, conn, cursor, statement, parameters, context, executemany):
        self.queries += 1
        self.seconds += time.perf_counter() - context.bench_started

    def reading(self):
        return self.queries, self.seconds


def section_builders():
    """The summary's sections in its order, each built on its own (what `summary.summary` composes)."""
    return (
        ("overview", lambda f: [summary.overview_section(f)[0]]),
        ("employers", lambda f: [summary.employer_section(f)]),
        ("occupations", lambda f: [summary.occupation_section(f)]),
        ("origins + provinces", lambda f: list(summary.origin_sections(f))),
        ("outcome funnel", lambda f: [funnel.section(f.scope)]),
        ("industries", lambda f: [summary.industry_section(f)]),
        ("matching + hard to fill + placement", lambda f: matching_section.sections(f.scope)),
        ("intents", lambda f: [summary.intent_section(f)]),
    )


class Measure:
    """The steps on one loaded database; each starts in a new transaction, outside its timing."""

    def __init__(self, event_id):
        self.event_id = event_id
        self.clock = SqlClock(db.engine)
        self.document = None

    def fresh(self):
        db.session.rollback()
        return scopes.for_event(db.session.get(Event, self.event_id))

    @staticmethod
    def sheet(scope):
        document = summary.sheet(scope)
        return document, [formats.render(document, fmt) for fmt in ("xlsx", "html")]

    @staticmethod
    def whole(scope):
        document = summary.summary(scope)
        return document, [formats.render(document, fmt) for fmt in FORMATS]

    def generate(self, scope):
        """A manual run's files, written as the service writes them, then deleted with their rows."""
        run = ReportRun(event=scope.single, kind="manual", due_at=clock.utcnow(), runner="benchmark")
        db.session.add(run)
        db.session.flush()
        started = time.perf_counter()
        made = services.generate(run)
        seconds = time.perf_counter() - started
        files = [services.reports_dir() / report.filename for report in made]
        db.session.rollback()
        for path in files:
            path.unlink()
        return seconds, len(made)

    def step(self, name):
        """(seconds, result) of one run of a step."""
        scope = self.fresh()
        if name == "generate":
            return self.generate(scope)
        if name in FORMATS:
            action = functools.partial(formats.render, self.document, name)
        else:
            builders = {"build": summary.summary, "sheet": self.sheet, "whole": self.whole}
            action = functools.partial(builders[name], scope)
        started = time.perf_counter()
        result = action()
        return time.perf_counter() - started, result

    def peak(self, name):
        """tracemalloc's peak (MiB) during one run of the step alone."""
        tracemalloc.start()
        try:
            self.step(name)
            return tracemalloc.get_traced_memory()[1] / 2**20
        finally:
            tracemalloc.stop()

    def sections(self, collected):
        """One round of the sections built one by one, into `collected`: rows, build s, queries and SQL s, and
        render s per format of a document holding only them."""
        for name, builder in section_builders():
            figures = summary.Figures(self.fresh())
            before = self.clock.reading()
            started = time.perf_counter()
            built = builder(figures)
            seconds = time.perf_counter() - started
            queries, sql = (now - then for now, then in zip(self.clock.reading(), before, strict=True))
            keys = {section.key for section in built}
            alone = Document(self.document.kind, self.document.title, self.document.as_of, facts=self.document.facts,
                             sections=built, charts=[chart for chart in self.document.charts if chart.section in keys])
            row = collected.setdefault(name, {"rows": sum(len(s.rows) for s in built), "queries": queries,
                                              "build": [], "sql": [], **{fmt: [] for fmt in FORMATS}})
            row["build"].append(seconds)
            row["sql"].append(sql)
            for fmt in FORMATS:
                row[fmt].append(self.step_render(fmt, alone))

    @staticmethod
    def step_render(fmt, document):
        started = time.perf_counter()
        formats.render(document, fmt)
        return time.perf_counter() - started


def problems_of(document, sheet, rendered, made, scale):
    """What is wrong with the figures or the files (nothing when all is well)."""
    overview = {key: row[1] for (key, _, _), row in
                zip(summary.OVERVIEW_ROWS, document.section("overview").rows, strict=True)}
    filed = {key: row[1] for (key, _, _), row in zip(summary.SHEET_ROWS, sheet.sections[0].rows, strict=True)}
    problems = []
    expected = (round(FAIR_VISITORS * scale), round(FAIR_INTENTS * scale))
    if (overview["visitors"], overview["intents"]) != expected:
        problems.append(f"visitors and intents {overview['visitors']:,} and {overview['intents']:,}, "
                        f"not {expected[0]:,} and {expected[1]:,}")
    if any(filed[key] != overview[key] for key in filed):
        problems.append("the sheet's figures differ from the summary's overview")
    if len(document.section("intents").rows) != overview["intent_applications"]:
        problems.append("the intent list's length differs from the intent applications")
    xlsx, csv, html = rendered
    if not zipfile.is_zipfile(io.BytesIO(xlsx.data)):
        problems.append("the xlsx file is no zip")
    with zipfile.ZipFile(io.BytesIO(csv.data)) as archive:
        if len(archive.namelist()) != len(document.sections):
            problems.append("the csv zip does not hold one file per section")
    if b"<table" not in html.data:
        problems.append("the html page holds no table")
    if made != 5:
        problems.append(f"services.generate made {made} reports, not 5")
    return problems


def profile_whole(measure, lines=25):
    """The functions the whole spends its own time in, as pstats prints them."""
    profiler = cProfile.Profile()
    profiler.runcall(measure.whole, measure.fresh())
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).strip_dirs().sort_stats("tottime").print_stats(lines)
    return out.getvalue()


def measure_worker(args):
    with app_for(args.url, args.folder).app_context(), force_locale(LOCALE):
        figures = {"rss_before": max_rss_mib(), "load_before": os.getloadavg()[0]}
        measure = Measure(generator.FAIR_ID)
        measure.document = summary.summary(measure.fresh())
        first = {name: measure.step(name)[0] for name, _ in STEPS}
        times, sections = {name: [] for name, _ in STEPS}, {}
        for _ in range(args.repeat):  # the steps interleaved, so that a busy moment spreads over all of them
            for name, _ in STEPS:
                times[name].append(measure.step(name)[0])
            measure.sections(sections)
        _, (document, rendered) = measure.step("whole")
        _, (sheet, _) = measure.step("sheet")
        _, made = measure.step("generate")
        figures.update(
            first=first, median={name: statistics.median(values) for name, values in times.items()},
            sections={name: {key: statistics.median(value) if isinstance(value, list) else value
                             for key, value in row.items()} for name, row in sections.items()},
            peak={name: measure.peak(name) for name, _ in STEPS}, runs=args.repeat, rss=max_rss_mib(),
            load_after=os.getloadavg()[0], bytes={fmt: len(r.data) for fmt, r in zip(FORMATS, rendered, strict=True)},
            intent_rows=len(document.section("intents").rows),
            problems=problems_of(document, sheet, rendered, made, args.scale))
        if args.profile:
            figures["profile"] = profile_whole(measure)
        return figures


WORKERS = {"load": load_worker, "match": match_worker, "measure": measure_worker}


def run_worker(phase, url, folder, scale, repeat, profile):
    command = [sys.executable, __file__, "--worker", phase, "--url", url, "--folder", folder,
               "--scale", f"{scale:g}", "--repeat", str(repeat)] + (["--profile"] if profile else [])
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode:
        sys.stderr.write(done.stderr[-5000:])
        raise SystemExit(f"the {phase} process failed (exit {done.returncode})")
    return json.loads(done.stdout.strip().splitlines()[-1])


@contextlib.contextmanager
def database(kind, folder, server):
    if kind == "sqlite":
        yield f"sqlite:///{folder}/bench.sqlite3"
    else:
        with postgres_database(server) as url:
            yield url


def bench(kind, scale, args):
    repeat = args.repeat or (5 if scale < 5 else 3)
    with tempfile.TemporaryDirectory(prefix="recruit-reports-") as folder, \
            database(kind, folder, args.postgres) as url:
        print(f"{kind} x{scale:g}: loading the demo ...", file=sys.stderr, flush=True)
        figures = {"database": kind, "scale": scale, **run_worker("load", url, folder, scale, 1, False)}
        print(f"{kind} x{scale:g}: the fair's match run ...", file=sys.stderr, flush=True)
        figures.update(run_worker("match", url, folder, scale, args.match_runs or repeat, False))
        print(f"{kind} x{scale:g}: measuring, {repeat} runs ...", file=sys.stderr, flush=True)
        figures.update(run_worker("measure", url, folder, scale, repeat, args.profile))
    return figures


def print_tables(results):
    print("| database | scale | step | runs | first s | median s | target s | median ÷ target | peak MiB |")
    print("|---|--:|---|--:|--:|--:|--:|--:|--:|")
    for f in results:
        target = TARGETS.get((f["scale"], f["database"]))
        for name, label in STEPS:
            median = f["median"][name]
            goal = (f"{target:g}", f"{median / target:.2f}") if name == "whole" and target else ("—", "—")
            print(f"| {f['database']} | {f['scale']:g} | {label} | {f['runs']} | {f['first'][name]:.2f} "
                  f"| {median:.2f} | {goal[0]} | {goal[1]} | {f['peak'][name]:,.1f} |")
    print()
    print("| database | scale | load s | seekers | applications | intent rows | match run s | match seekers × postings "
          "| match RSS MiB | xlsx kB | csv zip kB | html kB | RSS at start MiB | max RSS MiB | load average |")
    print("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|")
    for f in results:
        sizes = " | ".join(f"{f['bytes'][fmt] / 1000:,.0f}" for fmt in FORMATS)
        print(f"| {f['database']} | {f['scale']:g} | {f['load_s']:.1f} | {f['seekers']:,} | {f['applications']:,} "
              f"| {f['intent_rows']:,} | {f['match_s']:.2f} ({f['match_runs']}, {f['match_method']}) "
              f"| {f['match_seekers']:,} × {f['match_postings']:,} | {f['match_rss']:,.0f} | {sizes} "
              f"| {f['rss_before']:,.0f} | {f['rss']:,.0f} | {f['load_before']:.1f} → {f['load_after']:.1f} |")
    print()
    print_sections(results)


def print_sections(results):
    combos = [f"{f['database']} ×{f['scale']:g}" for f in results]
    print("Sections built one by one, median s (SQL s inside the driver's execute, statements):")
    print()
    print("| section | rows | " + " | ".join(combos) + " |")
    print("|---|--:|" + "--:|" * len(results))
    names = list(results[0]["sections"])
    for name in names:
        rows = " / ".join(f"{f['sections'][name]['rows']:,}" for f in results)
        cells = [f"{s['build']:.3f} ({s['sql']:.3f}, {s['queries']})" for s in (f["sections"][name] for f in results)]
        print(f"| {name} | {rows} | " + " | ".join(cells) + " |")
    totals = [(sum(f["sections"][n]["build"] for n in names), sum(f["sections"][n]["sql"] for n in names),
               sum(f["sections"][n]["queries"] for n in names)) for f in results]
    print("| sum | | " + " | ".join(f"{t[0]:.3f} ({t[1]:.3f}, {t[2]})" for t in totals) + " |")
    print()
    print("Each section rendered alone, median s (xlsx / csv / html):")
    print()
    print("| section | " + " | ".join(combos) + " |")
    print("|---|" + "--:|" * len(results))
    for name in names:
        cells = [" / ".join(f"{f['sections'][name][fmt]:.3f}" for fmt in FORMATS) for f in results]
        print(f"| {name} | " + " | ".join(cells) + " |")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", default="1,10", help="demo scales, comma-separated (default 1,10)")
    parser.add_argument("--database", choices=("sqlite", "postgresql", "both"), default="both")
    parser.add_argument("--postgres", metavar="URL", default=SERVER, help=f"the server to use (default {SERVER})")
    parser.add_argument("--repeat", type=int, help="timed runs per step (default 5, 3 from scale 5 up)")
    parser.add_argument("--match-runs", type=int, help="match runs to time (default: as --repeat)")
    parser.add_argument("--profile", action="store_true", help="print cProfile's hottest functions of the whole")
    parser.add_argument("--worker", choices=WORKERS, help=argparse.SUPPRESS)
    parser.add_argument("--url", help=argparse.SUPPRESS)
    parser.add_argument("--folder", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        args.scale = float(args.scale)
        print(json.dumps(WORKERS[args.worker](args)))
        return 0
    if args.repeat is not None and args.repeat < 1:
        parser.error("--repeat must be at least 1")
    scales = [float(value) for value in args.scale.split(",")]
    kinds = ("sqlite", "postgresql") if args.database == "both" else (args.database,)
    results = [bench(kind, scale, args) for scale in scales for kind in kinds]
    print_tables(results)
    for f in results:
        if f.get("profile"):
            print(f"\n{f['database']} ×{f['scale']:g}, cProfile of one whole, by own time:\n{f['profile']}")
    problems = [f"{f['database']} ×{f['scale']:g}: {problem}" for f in results for problem in f["problems"]]
    for problem in problems:
        print(problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
