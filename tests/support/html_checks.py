"""Checks every HTML page must pass. The test client runs them on each response it gets."""

import re
from collections import Counter

import html5lib

NS = {"h": "http://www.w3.org/1999/xhtml"}
UNLABELLED_TYPES = {"hidden", "submit", "button", "image", "reset"}


def _text(element) -> str:
    return re.sub(r"\s+", " ", "".join(element.itertext())).strip()


def problems_in_page(html: str, *, partial: bool = False, csp: str | None = None) -> list[str]:
    """Everything wrong with a page; an empty list when it passes.

    A partial (an htmx swap) has no <title> or <h1> of its own, so only the checks that
    apply to any fragment run on it.
    """
    if partial:
        document = html5lib.parseFragment(html, namespaceHTMLElements=True)
    else:
        document = html5lib.parse(html, namespaceHTMLElements=True)
    found = [
        *_duplicate_ids(document),
        *_unlabelled_controls(document),
        *_forms_without_method_or_action(document),
        *_scripts_without_nonce(document, csp),
    ]
    if not partial:
        found += _heading_title_and_main(document)
    return found


def _duplicate_ids(document) -> list[str]:
    ids = [el.get("id") for el in document.iter() if isinstance(el.tag, str) and el.get("id")]
    return [
        f"id {duplicate!r} appears {count} times"
        for duplicate, count in Counter(ids).items()
        if count > 1
    ]


def _unlabelled_controls(document) -> list[str]:
    found = []
    labelled_ids = {label.get("for") for label in document.iterfind(".//h:label", NS)}
    inside_label = {
        id(control)
        for label in document.iterfind(".//h:label", NS)
        for control in label.iter()
        if control is not label
    }
    for tag in ("input", "select", "textarea"):
        for control in document.iterfind(f".//h:{tag}", NS):
            if tag == "input" and (control.get("type") or "text").lower() in UNLABELLED_TYPES:
                continue
            if (
                control.get("id") in labelled_ids
                or id(control) in inside_label
                or control.get("aria-label")
                or control.get("aria-labelledby")
            ):
                continue
            found.append(f"<{tag} name={control.get('name')!r}> has no label")
    return found


def _forms_without_method_or_action(document) -> list[str]:
    return [
        f"a form has no method or action: {dict(form.attrib)}"
        for form in document.iterfind(".//h:form", NS)
        if not form.get("method") or form.get("action") is None
    ]


def _scripts_without_nonce(document, csp: str | None) -> list[str]:
    nonce = None
    if csp and (match := re.search(r"'nonce-([^']+)'", csp)):
        nonce = match.group(1)
    return [
        "an inline <script> has no valid nonce: " + _text(script)[:60]
        for script in document.iterfind(".//h:script", NS)
        if script.get("src") is None and (nonce is None or script.get("nonce") != nonce)
    ]


def _heading_title_and_main(document) -> list[str]:
    """A whole page: one <h1>, a <title> that starts with it (or with "Error: " and it when
    there is an error summary), and a <main>."""
    found = []
    headings = document.findall(".//h:h1", NS)
    if len(headings) != 1:
        found.append(f"the page has {len(headings)} <h1> elements, not exactly one")
    title_element = document.find(".//h:title", NS)
    title = _text(title_element) if title_element is not None else ""
    has_error_summary = any(
        "govuk-error-summary" in (div.get("class") or "")
        for div in document.iterfind(".//h:div", NS)
    )
    if headings:
        h1 = _text(headings[0])
        expected = f"Error: {h1}" if has_error_summary else h1
        if not title.startswith(expected):
            found.append(f"<title> {title!r} does not start with {expected!r}")
    if has_error_summary != title.startswith("Error: "):
        found.append(f"<title> {title!r} and the error summary disagree")
    if document.find(".//h:main", NS) is None:
        found.append("the page has no <main>")
    return found
