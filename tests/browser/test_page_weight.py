"""A signed-in page is light enough for slow NHS networks and old machines."""

import gzip

from tests.browser.helpers import sign_in

BUDGET_BYTES = 80 * 1024  # everything /home downloads, gzipped, on an empty cache
USER = "reviewer@example.org"


def test_home_page_downloads_under_80_kb_gzipped_and_no_fonts(live_server, new_page):
    # Sign in in one context, then load /home in a second one holding only the session
    # cookie, so the cache is empty and every CSS and script file is counted.
    signing_in = new_page()
    sign_in(signing_in, live_server.url, USER)
    page = new_page(storage_state=signing_in.context.storage_state())

    responses = []
    page.on("response", lambda response: responses.append(response))
    page.goto(live_server.url + "/home", wait_until="networkidle")
    assert page.url == live_server.url + "/home"

    sizes = {}
    fonts = []
    font_faces = []
    for response in responses:
        if response.request.resource_type == "font":
            fonts.append(response.url)
        if 300 <= response.status < 400:
            continue  # a redirect has no body
        body = response.body()
        sizes[response.url] = len(gzip.compress(body, compresslevel=6))
        if "text/css" in (response.headers.get("content-type") or "") and b"@font-face" in body:
            font_faces.append(response.url)

    total = sum(sizes.values())
    breakdown = ", ".join(
        f"{url.removeprefix(live_server.url)} {size / 1024:.1f} KB"
        for url, size in sorted(sizes.items(), key=lambda item: -item[1])
    )
    print(f"\n/home weighs {total} bytes ({total / 1024:.1f} KB) gzipped: {breakdown}")
    assert total < BUDGET_BYTES, f"/home is {total / 1024:.1f} KB gzipped: {breakdown}"
    assert not fonts, f"pages must use the system font stack, but these fonts load: {fonts}"
    assert not font_faces, f"these stylesheets declare @font-face: {font_faces}"
