"""Benchmark of `recruit import seekers`: 50,000 rows from XLSX and from CSV into a fresh database.

    python benchmarks/imports.py [--rows 50000] [--postgres postgresql+psycopg://postgres@127.0.0.1:5432/postgres]

For each file format, a new database gets the migrations (`recruit db upgrade`, not timed), then the import
runs as a user types it, in a new process: first on the empty database (every row registers a seeker), then
again with the same file (every row is found unchanged). `seconds` is the whole command, `peak RSS MB` the
process's maximum resident memory. Exits 1 when the counts are not every row created, then every row unchanged.
"""
import argparse
import contextlib
import csv
import os
import random
import re
import subprocess
import sys
import tempfile
import time
from datetime import date
from datetime import timedelta
from pathlib import Path

from databases import postgres_database
from openpyxl import Workbook

from recruit.domain import idcard

HEADERS = ["姓名", "身份证号", "手机号", "户籍地", "现居地", "学历", "技能", "意向工种", "期望月薪", "愿意异地就业",
           "可到岗日期"]
HOMETOWNS = ["520526", "威宁彝族回族苗族自治县", "520502", "330803", "衢江区"]
EDUCATION = ["初中", "高中", "中专", "大专", "本科", "小学"]
SKILLS = ["电焊、叉车", "普工", "电工、数控", "缝纫", "厨师", ""]
TRADES = ["焊工", "叉车司机、电工", "缝纫工", "", "保安员"]
COUNTS = re.compile(r"([0-9,]+) created, ([0-9,]+) updated, ([0-9,]+) unchanged, ([0-9,]+) refused")
COLUMNS = ("database", "file", "run", "rows", "seconds", "rows/s", "peak RSS MB", "created", "unchanged")


def rows(count, seed=2023):
    chance = random.Random(seed)
    for n in range(count):
        birth = date(1970, 1, 1) + timedelta(days=n // 1000 * 7 + chance.randrange(5))
        yield [f"求职者{n}", idcard.generate("520526", birth, n % 1000), f"139{n:08d}", chance.choice(HOMETOWNS),
               "330803", chance.choice(EDUCATION), chance.choice(SKILLS), chance.choice(TRADES),
               chance.randrange(3000, 9000, 500), chance.choice(["是", "否"]), "2023-03-01"]


def write_xlsx(path, count):
    book = Workbook(write_only=True)
    sheet = book.create_sheet()
    sheet.append(HEADERS)
    for row in rows(count):
        sheet.append(row)
    book.save(path)


def write_csv(path, count):
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADERS)
        writer.writerows(rows(count))


def command(args, url):
    """Run `recruit …` in a new process: (seconds, peak RSS in MB, output)."""
    env = {**os.environ, "RECRUIT_DATABASE_URL": url, "RECRUIT_SECRET_KEY": "benchmark", "RECRUIT_SCHEDULER": "off"}
    started = time.perf_counter()
    process = subprocess.Popen(["recruit", *args], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                               text=True)
    output = process.stdout.read()
    _pid, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode:
        raise RuntimeError(f"recruit {' '.join(args)} failed:\n{output}")
    return seconds, usage.ru_maxrss / 1024, output


def bench(label, database, path, count):
    found = []
    with database() as url:
        command(["db", "upgrade"], url)
        for run in ("first", "again"):
            seconds, rss, output = command(["import", "seekers", str(path)], url)
            created, _updated, unchanged, _refused = (int(n.replace(",", "")) for n in COUNTS.search(output).groups())
            found.append((label, path.suffix[1:], run, f"{count:,}", f"{seconds:.1f}", f"{count / seconds:,.0f}",
                          f"{rss:.0f}", f"{created:,}", f"{unchanged:,}"))
    return found


@contextlib.contextmanager
def sqlite_database():
    with tempfile.TemporaryDirectory(prefix="recruit-bench-") as folder:
        yield f"sqlite:///{folder}/bench.sqlite3"


def print_table(table):
    widths = [max(len(str(row[i])) for row in table) for i in range(len(table[0]))]
    for row in table:
        print("  ".join(str(value).rjust(width) for value, width in zip(row, widths, strict=True)))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=50_000)
    parser.add_argument("--postgres", metavar="URL", help="a PostgreSQL server to create the databases on")
    args = parser.parse_args()
    databases = [("sqlite", sqlite_database)]
    if args.postgres:
        databases.append(("postgresql", lambda: postgres_database(args.postgres)))
    table = [COLUMNS]
    with tempfile.TemporaryDirectory(prefix="recruit-import-") as folder:
        files = [Path(folder) / "seekers.xlsx", Path(folder) / "seekers.csv"]
        write_xlsx(files[0], args.rows)
        write_csv(files[1], args.rows)
        for label, database in databases:
            for path in files:
                table.extend(bench(label, database, path, args.rows))
    print_table(table)
    expected = {"first": (f"{args.rows:,}", "0"), "again": ("0", f"{args.rows:,}")}
    wrong = [row for row in table[1:] if (row[7], row[8]) != expected[row[2]]]
    return 1 if wrong else 0


if __name__ == "__main__":
    sys.exit(main())
