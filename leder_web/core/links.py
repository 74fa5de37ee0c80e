"""Links built once: a page builds the same links on every request (the navigation, the
account links, each row's link to its case), and building one with the URL map costs far more
than looking it up.

Only a link within the site is kept (no scheme, host, anchor or method asked for, and no
url_defaults registered that could add values), keyed by everything that goes into it: this
request's script root, the endpoint (with the current blueprint for a relative one) and each
value with its type. What is kept is the text url_for built.
"""

from collections.abc import Callable

from flask import request

# Enough for every fixed link and the case links of busy lists; emptied when full.
MAX_KEPT = 4096


class LinkCache:
    def __init__(self) -> None:
        self.links: dict[tuple, str] = {}

    def url_for(self, build: Callable[..., str], endpoint: str, values: dict) -> str:
        try:
            key = (
                request.script_root,
                request.blueprint if endpoint.startswith(".") else None,
                endpoint,
                *sorted((name, type(value), value) for name, value in values.items()),
            )
            link = self.links.get(key)
        except TypeError:  # a value that cannot be a key (a list of query values): built as ever
            return build(endpoint, **values)
        if link is None:
            link = build(endpoint, **values)
            if len(self.links) >= MAX_KEPT:
                self.links.clear()
            self.links[key] = link
        return link
