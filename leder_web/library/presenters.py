"""The library's pages in words: the list's title and pagination, and every error of a form in
its error summary."""

from flask import url_for
from markupsafe import Markup, escape

from leder_web.cases import api as cases
from leder_web.library.queries import Filters, ResultsPage

TITLE = "Learning library"


def page_title(filters: Filters, results: ResultsPage) -> str:
    """ "Learning library", with how many items the filters found and which page this is,
    so that a page of results is told apart in the browser's history and tabs."""
    title = TITLE
    if filters.any:
        title += f": {results.total} {'item' if results.total == 1 else 'items'} found"
    if results.pages > 1:
        title += f", page {results.page} of {results.pages}"
    return title


def pagination(results: ResultsPage, args) -> dict | None:
    """govukPagination params, keeping the search and filters in each link; None when every
    item fits on one page."""
    if results.pages <= 1:
        return None

    def href(number: int) -> str:
        kept = {key: args.getlist(key) for key in args if key != "page"}
        return url_for("library.index", **kept, page=number)

    items = [
        {"ellipsis": True}
        if number is None
        else {"number": number, "href": href(number), "current": number == results.page}
        for number in cases.page_numbers(results.page, results.pages)
    ]
    params: dict = {"items": items, "landmarkLabel": "Pages of learning"}
    if results.page > 1:
        params["previous"] = {"href": href(results.page - 1)}
    if results.page < results.pages:
        params["next"] = {"href": href(results.page + 1)}
    return params


def every_error(form) -> list[dict]:
    """Error summary entries for every error of every field, in field order (a summary may
    name several things to remove), then the form's own."""
    entries = []
    for field in form:
        anchor = getattr(field, "error_anchor", None) or field.id
        entries += [{"text": message, "href": f"#{anchor}"} for message in field.errors]
    anchor = getattr(form, "form_error_anchor", None) or "main-content"
    entries += [{"text": message, "href": f"#{anchor}"} for message in form.form_errors]
    return entries


def error_message(field) -> dict:
    """Extra params for a field that shows all its errors beside it, one a line."""
    if len(field.errors) < 2:
        return {}
    return {"errorMessage": {"html": Markup("<br>").join(escape(m) for m in field.errors)}}
