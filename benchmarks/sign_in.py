"""Benchmark of sign-in timing: an existing account and a missing one must take the same time.

    python benchmarks/sign_in.py [--rounds 30]

Builds the app on a temporary SQLite database with one seeker account and times `authenticate()` with a
wrong password, for the existing account and for an identifier nobody holds, alternating the two. Prints the
median of each and their ratio; exits 1 when the missing account answers in less than half the time of the
existing one (the password hash was skipped, so the answer's time tells whether an account exists).
"""
import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

from flask_migrate import upgrade

from recruit import create_app
from recruit.accounts import services
from recruit.accounts.models import User
from recruit.config import TestingConfig
from recruit.extensions import db


def timed(identifier):
    start = time.perf_counter()
    services.authenticate(identifier, "not-the-password")
    return time.perf_counter() - start


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=30)
    rounds = parser.parse_args().rounds
    with tempfile.TemporaryDirectory() as folder:

        class Config(TestingConfig):
            SQLALCHEMY_DATABASE_URI = f"sqlite:///{Path(folder) / 'bench.sqlite3'}"
            SECRET_KEY = "bench"

        app = create_app(Config)
        with app.app_context():
            upgrade()
            user = User(username="13912345678", role="seeker", display_name="bench")
            user.set_password("the-right-password")
            db.session.add(user)
            db.session.commit()
            timed("13912345678")  # warm up: the unknown-account hash is made once
            timed("13900000000")
            times = {"existing account": [], "missing account": []}
            for _ in range(rounds):
                times["existing account"].append(timed("13912345678"))
                times["missing account"].append(timed("13900000000"))
            db.engine.dispose()
    medians = {name: statistics.median(values) * 1000 for name, values in times.items()}
    print("| case             | rounds | median ms |\n|------------------|-------:|----------:|")
    for name, median in medians.items():
        print(f"| {name:<16} | {rounds:>6} | {median:>9.1f} |")
    ratio = medians["missing account"] / medians["existing account"]
    print(f"\nmissing ÷ existing: {ratio:.2f}")
    return 0 if ratio >= 0.5 else 1


if __name__ == "__main__":
    sys.exit(main())
