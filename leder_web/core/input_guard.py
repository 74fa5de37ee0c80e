"""Input no handler should have to think about, refused before any handler runs: NUL
characters (PostgreSQL cannot store them in text) and ids in URLs too big for the database."""

from flask import Flask, abort, request
from werkzeug.routing import IntegerConverter

# The largest value of a PostgreSQL integer column: every id in the schema.
MAX_ID = 2**31 - 1


class IdConverter(IntegerConverter):
    """<int:...> in every route: a number beyond any id is no page (404), not a database error."""

    def __init__(self, map, *args, **kwargs):
        kwargs.setdefault("max", MAX_ID)
        super().__init__(map, *args, **kwargs)


def refuse_nul_characters() -> None:
    """before_request: a NUL character anywhere in the query or form is a bad request."""
    for values in (request.args, request.form):
        for key, value in values.items(multi=True):
            if "\x00" in key or "\x00" in value:
                abort(400)


def init_app(app: Flask) -> None:
    app.url_map.converters["int"] = IdConverter
    app.before_request(refuse_nul_characters)
