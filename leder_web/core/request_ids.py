"""A random id for every request: sent back as X-Request-ID, added to every log line written
while the request runs, and shown on error pages as the reference to quote, so a person's
report can be matched to the log without the log holding anything about them.

Short enough to read out on the phone: 12 letters and digits none of which look alike, in
groups of four (31 ** 12, about 2 ** 59: no two requests share one in practice)."""

import logging
import secrets

from flask import Flask, g, has_request_context

HEADER = "X-Request-ID"
ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
LENGTH = 12
# Every log line carries the request's id in square brackets, as the error page shows it.
LOG_FORMAT = "%(asctime)s %(levelname)s [%(request_id)s] %(name)s: %(message)s"


def new_request_id() -> str:
    chars = "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))
    return "-".join(chars[start : start + 4] for start in range(0, LENGTH, 4))


def request_id() -> str:
    if "request_id" not in g:
        g.request_id = new_request_id()
    return g.request_id


class RequestIdFilter(logging.Filter):
    """Adds `request_id` to each record ("-" outside a request) for the log format."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not hasattr(record, "request_id"):
            record.request_id = request_id() if has_request_context() else "-"
        return True


def init_app(app: Flask) -> None:
    app.add_template_global(request_id)

    @app.after_request
    def send_request_id(response):
        response.headers[HEADER] = request_id()
        return response
