"""Error pages in GOV.UK patterns. None of them shows a stack trace or internal detail."""

import logging
import sys
import traceback

from flask import render_template, request
from flask_wtf.csrf import CSRFError
from werkzeug import exceptions as werkzeug_exceptions
from werkzeug.exceptions import HTTPException

from leder_web.core.domain import NotAllowedError, NotFoundError
from leder_web.core.extensions import db, htmx
from leder_web.core.request_ids import request_id

log = logging.getLogger(__name__)

FALLBACK_500 = (
    '<!DOCTYPE html><html lang="en"><head><title>Sorry, there is a problem with the service'
    "</title></head><body><main><h1>Sorry, there is a problem with the service</h1>"
    "<p>Try again later. Anything you saved before this happened is kept.</p>"
    "<p>If you contact us about this, quote reference {request_id}.</p></main></body></html>"
)

PAGES = {
    400: "errors/400.html",
    403: "errors/403.html",
    404: "errors/404.html",
    405: "errors/404.html",
    413: "errors/413.html",
    429: "errors/429.html",
    500: "errors/500.html",
}


def init_app(app) -> None:
    @app.errorhandler(CSRFError)
    def form_expired(error):
        db.session.rollback()
        return render_template("errors/csrf.html", back_url=_same_site_referrer()), 400

    @app.errorhandler(NotFoundError)
    def not_found(error):
        return http_error(werkzeug_exceptions.NotFound())

    @app.errorhandler(NotAllowedError)
    def not_allowed(error):
        return http_error(werkzeug_exceptions.Forbidden())

    @app.errorhandler(HTTPException)
    def http_error(error):
        db.session.rollback()
        code = error.code or 500
        template = PAGES.get(code)
        if template is None:
            return error
        response = app.make_response((render_template(template), code))
        if code == 405 and error.valid_methods:
            response.headers["Allow"] = ", ".join(error.valid_methods)
        return response

    @app.errorhandler(Exception)
    def unexpected_error(error):
        db.session.rollback()
        # Where it failed, never what with (see where_it_failed); the route, not the address,
        # which can hold a one-time link's token (the audit log has the address of a case's).
        log.error(
            "Unhandled error on %s %s\n%s",
            request.method,
            request.url_rule.rule if request.url_rule else "(no route)",
            where_it_failed(error),
            extra={"request_id": request_id()},
        )
        try:
            return render_template("errors/500.html"), 500
        except Exception:
            # The page itself failed (the database may be down): answer in plain words.
            log.error(
                "The error page could not be rendered\n%s",
                where_it_failed(sys.exc_info()[1]),
                extra={"request_id": request_id()},
            )
            page = FALLBACK_500.replace("{request_id}", request_id())
            return page, 500, {"Content-Type": "text/html; charset=utf-8"}


def where_it_failed(error: BaseException | None) -> str:
    """The kind of each exception in the chain and the lines of code it passed through, without
    its message: a message can quote the values it was given (a name, an address, what was
    typed), and the log must hold nothing about a person. The query string, the form and the
    signed-in user are never logged either; the request id ties the log to the person's report."""
    parts: list[str] = []
    seen: set[int] = set()
    while error is not None and id(error) not in seen and len(parts) < 10:
        seen.add(id(error))
        kind = type(error)
        frames = traceback.format_list(traceback.extract_tb(error.__traceback__))
        parts.append(f"{kind.__module__}.{kind.__qualname__}, through:\n{''.join(frames)}")
        error = error.__cause__ or error.__context__
    return "caused by ".join(parts)


def _same_site_referrer() -> str | None:
    referrer = request.referrer or ""
    if referrer.startswith(request.host_url) and not htmx:
        return referrer
    return None
