"""Building blocks for the sample pages each feature lists for the browser tests.

A feature's `demo` module may have SAMPLES: {endpoint: function listing candidate URLs from
the demo data}. The browser tests try the candidates as each demo user and visit the ones that
user may open, so nobody keeps a list of case references.
"""

from collections.abc import Callable, Iterable

from sqlalchemy import select

from leder_web.core.extensions import db
from leder_web.models import Case

Candidates = Callable[[], Iterable[str]]


def all_cases() -> list[Case]:
    return list(db.session.scalars(select(Case).order_by(Case.id)))


def per_case(suffix: str) -> Candidates:
    """/cases/<reference><suffix> for every case."""
    return lambda: (f"/cases/{case.reference}{suffix}" for case in all_cases())
