"""The yardsticks: a bare Flask app served exactly as `recruit serve` serves Recruit.

    python benchmarks/bare.py --port 8001 [--workers 2] [--database URL]

`GET /hello` answers "hello"; `POST /insert` reads a JSON body {"client_id": …} and inserts one row into the
table `bench_inserts` of the database, answering 201 with the row's id. Whatever the server costs (gunicorn's
gthread workers, their number and threads, the access log) is the same as Recruit's, because the options are
recruit.serving's own: only the app gunicorn loads differs. What Recruit answers more slowly than these is
Recruit's own work.
"""
import argparse
import logging

import sqlalchemy as sa
from flask import Flask
from flask import jsonify
from flask import request

from recruit import serving
from recruit.core import database

logger = logging.getLogger(__name__)

metadata = sa.MetaData()
bench_inserts = sa.Table(
    "bench_inserts", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("client_id", sa.String(64), nullable=False, unique=True),
    sa.Column("at", sa.DateTime, server_default=sa.func.now(), nullable=False),
)


def create_bare_app(url):
    """Flask and one engine, with the connection set-up Recruit gives SQLite (WAL, busy timeout)."""
    app = Flask(__name__)
    database.init_app(app)
    engine = sa.create_engine(url, **({"connect_args": {"timeout": 30}} if url.startswith("sqlite") else
                                      {"pool_pre_ping": True}))

    @app.get("/hello")
    def hello():
        return "hello"

    @app.post("/insert")
    def insert():
        client_id = str((request.get_json(silent=True) or {}).get("client_id", ""))[:64]
        with engine.begin() as conn:
            row_id = conn.execute(bench_inserts.insert().values(client_id=client_id)
                                  .returning(bench_inserts.c.id)).scalar_one()
        return jsonify(id=row_id), 201

    return app


class BareServer(serving.GunicornServer):
    """recruit.serving's gunicorn, loading the bare app instead of Recruit."""

    url = None

    def load(self):
        return create_bare_app(self.url)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--database", default="sqlite://", help="SQLAlchemy URL of the database to insert into")
    args = parser.parse_args()
    engine = sa.create_engine(args.database)
    with engine.begin() as conn:
        metadata.create_all(conn)
    engine.dispose()
    BareServer.url = args.database
    # run_gunicorn builds serving.GunicornServer from the options `recruit serve` uses; swapping the class it
    # builds keeps those options in one place, so a change to the server's settings changes both.
    serving.GunicornServer = BareServer
    serving.run_gunicorn(args.host, args.port, args.workers)


if __name__ == "__main__":
    main()
