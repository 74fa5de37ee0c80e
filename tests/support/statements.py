"""Counting the SQL statements a request issues, for the query-budget tests.

A page that runs one query per row (an "N+1") issues more statements the more rows it shows;
a budget set on a realistic amount of data catches it. Transaction control (BEGIN, SAVEPOINT,
RELEASE, COMMIT, ROLLBACK) is not counted: the test transaction adds some of its own.
"""

import re
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import event

from leder_web.core.extensions import db

TRANSACTION_CONTROL = re.compile(r"\s*(BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE)\b", re.IGNORECASE)


class Statements(list):
    def __str__(self) -> str:
        return "\n".join(f"{n}. {' '.join(sql.split())[:300]}" for n, sql in enumerate(self, 1))


@contextmanager
def counting_statements(app) -> Iterator[Statements]:
    """Every SQL statement sent to the app's database inside the block."""
    with app.app_context():
        engine = db.engine
    found = Statements()

    def record(connection, cursor, statement, parameters, context, executemany):
        if not TRANSACTION_CONTROL.match(statement):
            found.append(statement)

    event.listen(engine, "before_cursor_execute", record)
    try:
        yield found
    finally:
        event.remove(engine, "before_cursor_execute", record)
