"""SQL the dashboards need that SQLite and PostgreSQL spell differently (a day number, the items
of a JSON list), and a median that both compute the same way."""

from sqlalchemy import JSON, Float, Select, func, select
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.expression import ColumnElement, FunctionElement

from leder_web.core.extensions import db


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


class parsed_json(FunctionElement):
    """A JSON column read once as a value that can be looked into cheaply: PostgreSQL's `->>`
    on a `json` column parses the whole text again for each key, on `jsonb` it does not. On
    SQLite the column itself (its JSON functions read the text as fast either way)."""

    type = JSON()
    inherit_cache = True


@compiles(parsed_json, "sqlite")
def _parsed_json_sqlite(element, compiler, **kw):
    return compiler.process(element.clauses, **kw)


@compiles(parsed_json, "postgresql")
def _parsed_json_postgresql(element, compiler, **kw):
    return f"CAST({compiler.process(element.clauses, **kw)} AS JSONB)"


def once(query: Select, name: str):
    """The rows of `query` as a table worked out once (a MATERIALIZED common table expression):
    PostgreSQL would otherwise copy a column's expression into every place the outer query
    uses it, and read the JSON behind it again in every branch of a CASE."""
    return query.cte(name).prefix_with("MATERIALIZED")


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


def json_list_items(column, key: str):
    """The items of the JSON list under `key` of a JSON column, as a table to join (ON true)
    with one row per item and its text in the column `value`: json_each on SQLite,
    json_array_elements_text on PostgreSQL (a function in FROM may refer to the rows before it
    on both)."""
    if db.session.get_bind().dialect.name == "postgresql":
        return func.json_array_elements_text(column[key]).table_valued("value").render_derived()
    return func.json_each(column, f"$.{key}").table_valued("value")
