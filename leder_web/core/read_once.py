"""Reads that several parts of one page ask for, made once per database transaction.

The review's task list and the do-not-contact warning above it both need the family's people;
the family log and its task status both need the decision not to contact the family. Rather
than pass results through every layer, a read asks here, and the result is kept in the
session until anything could change it: it is forgotten at every flush, every statement that
is not a SELECT, and the end of every transaction, and it is not used while the session holds
changes not yet flushed. So a page reads each thing once, and a change is always seen.
"""

from collections.abc import Callable, Hashable
from typing import Any, TypeVar

from sqlalchemy import event
from sqlalchemy.orm import ORMExecuteState, Session

from leder_web.core.extensions import db

T = TypeVar("T")
KEY = "leder_read_once"


def read_once(name: str, key: Hashable, read: Callable[[], T]) -> T:
    session = db.session
    if session.new or session.dirty or session.deleted:
        return read()  # changes not yet flushed: read as usual (the read flushes them)
    kept: dict[tuple[str, Hashable], Any] = session.info.setdefault(KEY, {})
    if (name, key) not in kept:
        kept[(name, key)] = read()
    return kept[(name, key)]


def _forget(session: Session, *_) -> None:
    session.info.pop(KEY, None)


event.listen(Session, "after_flush", _forget)
event.listen(Session, "after_transaction_end", _forget)


@event.listens_for(Session, "do_orm_execute")
def _forget_on_write(state: ORMExecuteState) -> None:
    if not state.is_select:
        _forget(state.session)
