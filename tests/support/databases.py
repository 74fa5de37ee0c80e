"""A database of its own for a test that needs real commits from several connections at once
(races, locks) or an empty schema (migrations): a new PostgreSQL database, dropped afterwards,
so nothing else sees it."""

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

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
