"""Extension instances only: create_app wires them to the application."""

import sqlite3
from typing import TYPE_CHECKING, cast

from flask import has_request_context, request
from flask_htmx import HTMX
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from flask_wtf.csrf import CSRFProtect
from sqlalchemy import CursorResult, MetaData, event
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import Engine
from sqlalchemy.orm import DeclarativeBase
from sqlalchemy.pool import Pool

# Named constraints keep migrations identical on SQLite and PostgreSQL.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


db = SQLAlchemy(model_class=Base)

# Models subclass Model: db.Model at run time. mypy cannot take an attribute of an instance as a
# base class (python/mypy#8603), so it sees the declarative base that db.Model is made from.
if TYPE_CHECKING:
    Model = Base
else:
    Model = db.Model

migrate = Migrate()
login_manager = LoginManager()
csrf = CSRFProtect()
limiter = Limiter(key_func=get_remote_address, default_limits=[])
htmx = HTMX()


def insert_ignoring_duplicates(model, rows: list[dict]) -> int:
    """Insert rows, leaving alone any whose unique key another request has just inserted (two
    people doing the same first thing at the same moment see no error); how many went in.
    ON CONFLICT DO NOTHING, in the dialect of the database in use."""
    if not rows:
        return 0
    dialect = db.session.get_bind().dialect.name
    insert = postgresql_insert if dialect == "postgresql" else sqlite_insert
    result = db.session.execute(insert(model).values(rows).on_conflict_do_nothing())
    return cast(CursorResult, result).rowcount


@event.listens_for(Engine, "connect")
def _sqlite_settings(dbapi_connection, connection_record) -> None:
    """SQLite (development, the demo, the tests): a write-ahead log, so readers never wait for
    a writer, and a commit that does not wait for the disk twice (synchronous=NORMAL: safe
    against a crash of the application; production runs on PostgreSQL). Each page of a case
    commits its audit record, so this is the difference between milliseconds and tens of them."""
    if isinstance(dbapi_connection, sqlite3.Connection):
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()


# A request that only reads (GET, HEAD) on PostgreSQL runs each statement on its own, with no
# transaction around them (psycopg's autocommit). Under READ COMMITTED, PostgreSQL's default and
# ours, each statement of a transaction sees the data as it is when the statement starts anyway,
# so a page reads nothing different; and the single writes a read may make (its audit record, the
# session's last-seen time) each stand alone. What it saves: the BEGIN and ROLLBACK round trips
# of every page, and above all the rollback's side effect in psycopg, which forgets the
# connection's prepared statements, so that every statement of every page was parsed and planned
# again (about 1.5 ms of the database server's time for a home page). Kept, the statements a
# page runs are prepared after a few uses on each connection and planned once.
READ_METHODS = frozenset({"GET", "HEAD"})
_AUTOCOMMIT = "leder_autocommit"


@event.listens_for(Pool, "checkout")
def _reads_without_transaction(dbapi_connection, connection_record, connection_proxy) -> None:
    if (
        has_request_context()
        and request.method in READ_METHODS
        and not isinstance(dbapi_connection, sqlite3.Connection)
        and not dbapi_connection.autocommit
    ):
        dbapi_connection.autocommit = True
        connection_record.info[_AUTOCOMMIT] = True


@event.listens_for(Pool, "checkin")
def _transactions_again(dbapi_connection, connection_record) -> None:
    if connection_record.info.pop(_AUTOCOMMIT, False) and dbapi_connection is not None:
        try:
            dbapi_connection.autocommit = False
        except Exception as error:  # not idle (closed, broken): never back to the pool as it is
            connection_record.invalidate(error)


def writes_in_one_transaction() -> None:
    """For a GET that writes (the CIS2 callback signs someone in; create_app calls this before
    each endpoint of audit.SIGN_IN_GETS): what it writes from here on goes in one transaction,
    committed or rolled back as a whole like a POST's."""
    connection = db.session.connection().connection.dbapi_connection
    if (
        connection is not None
        and not isinstance(connection, sqlite3.Connection)
        and connection.autocommit
    ):
        connection.autocommit = False  # between statements: psycopg is idle
