"""Two SQL expressions the dashboards need that SQLite and PostgreSQL spell differently, and a
median that both compute the same way."""

from sqlalchemy import Float, Select, func, select
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.expression import ColumnElement, FunctionElement


class day_number(FunctionElement):
    """A date or moment as a number of days (with its fraction) from a fixed day: the
    difference of two is the days between them."""

    type = Float()
    inherit_cache = True


@compiles(day_number, "sqlite")
def _day_number_sqlite(element, compiler, **kw):
    return f"julianday({compiler.process(element.clauses, **kw)})"


@compiles(day_number, "postgresql")
def _day_number_postgresql(element, compiler, **kw):
    return f"(EXTRACT(EPOCH FROM {compiler.process(element.clauses, **kw)}) / 86400.0)"


def median_by(base: Select, group: ColumnElement, value: ColumnElement) -> Select:
    """(group, median of value, how many) for each group of `base` (a select whose FROM and
    WHERE say which rows), in one statement: the middle row of each group ranked by value, or
    the mean of the middle two. Window functions, so the same SQL on SQLite (which has no
    percentile_cont) and on PostgreSQL."""
    ranked = base.with_only_columns(
        group.label("grp"),
        value.label("val"),
        func.row_number().over(partition_by=group, order_by=value).label("place"),
        func.count().over(partition_by=group).label("total"),
    ).subquery()
    middle = [(ranked.c.total + 1) // 2, (ranked.c.total + 2) // 2]
    return (
        select(ranked.c.grp, func.avg(ranked.c.val), func.max(ranked.c.total))
        .where(ranked.c.place.in_(middle))
        .group_by(ranked.c.grp)
    )
