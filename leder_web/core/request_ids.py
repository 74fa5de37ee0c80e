"""A random id for every request: sent back as X-Request-ID, added to every log line written
while the request runs, and shown on error pages, so a person's report can be matched to the
log without the log holding anything about them."""

import logging
import secrets

from flask import Flask, g, has_request_context

HEADER = "X-Request-ID"


def request_id() -> str:
    if "request_id" not in g:
        g.request_id = secrets.token_hex(16)
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
