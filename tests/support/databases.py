"""A database of its own for a test that needs real commits from several connections at once
(races, locks) or an empty schema (migrations): a new PostgreSQL database, dropped afterwards,
so nothing else sees it."""

import fcntl
import os
import shutil
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import create_engine, text

from config import database_url_from


def postgres_server_url() -> str | None:
    url = os.environ.get("TEST_DATABASE_URL")
    return database_url_from(url) if url else None


@contextmanager
def fresh_postgres_database() -> Iterator[str]:
    """The URL of a new, empty PostgreSQL database on the test server."""
    server_url = postgres_server_url()
    assert server_url, "TEST_DATABASE_URL must point at a PostgreSQL server"
    name = f"leder_test_{uuid.uuid4().hex[:10]}"
    admin = create_engine(server_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield server_url.rsplit("/", 1)[0] + f"/{name}"
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def demo_sqlite_database(tmp_path_factory, target: Path) -> None:
    """A SQLite file at `target` holding the demo data (the tables made from the models).

    The demo data takes seconds to load and several fixtures of a run want it (each worker's
    live server for the browser tests, the GET-never-writes crawl): it is loaded once per run,
    by whichever worker asks first while the others wait on a lock, into a file every worker
    then copies. Loaded in the tests' configuration, on the day of the run.
    """
    root = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        root = root.parent  # the run's folder, above each worker's own
    template = root / "demo-data.db"
    with open(root / "demo-data.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not template.exists():
            building = root / "demo-data.building.db"
            _load_demo_data(f"sqlite:///{building}")
            building.rename(template)
    shutil.copyfile(template, target)


def _load_demo_data(url: str) -> None:
    from leder_web import create_app, demo
    from leder_web.core.extensions import db

    app = create_app("test", SQLALCHEMY_DATABASE_URI=url)
    with app.app_context():
        db.create_all()
        demo.load_demo_data()
        db.session.commit()
        db.session.remove()
        if url.startswith("sqlite"):
            with db.engine.connect() as connection:
                # Everything in the file itself, none of it left in the write-ahead log.
                connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        db.engine.dispose()


@contextmanager
def demo_postgres_database() -> Iterator[str]:
    """The URL of a new PostgreSQL database holding the demo data, dropped afterwards."""
    with fresh_postgres_database() as url:
        _load_demo_data(url)
        yield url
