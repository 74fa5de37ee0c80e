"""scripts/page_weight.py: the bytes a page costs on the wire, without a browser."""

import importlib.util
from pathlib import Path

from leder_web.core.roles import Role

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "page_weight.py"
spec = importlib.util.spec_from_file_location("page_weight", SCRIPT)
assert spec and spec.loader
page_weight = importlib.util.module_from_spec(spec)
spec.loader.exec_module(page_weight)


def test_a_first_visit_counts_every_file_once_and_a_later_page_only_what_is_new(signed_in):
    client = signed_in(Role.REVIEWER)
    home = page_weight.wire_bytes(client, "/home")
    loaded = sorted(url.split("?")[0] for url in home.files)
    assert loaded == [
        "/static/css/app.css",
        "/static/favicon.svg",
        "/static/js/app.js",
        "/static/js/govuk-frontend.min.js",  # imported by app.js, through the import map
        "/static/js/htmx.min.js",
    ]
    css_url = next(url for url in home.files if "app.css" in url)
    assert home.files[css_url] == len(client.get(css_url, headers=page_weight.BROWSER).data)
    assert home.first_visit == home.page + sum(home.files.values())
    assert home.first_visit < 45 * 1024
    assert home.later_visit(home) == home.page < 12 * 1024
