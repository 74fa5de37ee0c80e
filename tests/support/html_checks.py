"""Checks every HTML page must pass. The test client runs them on each response it gets.

The page is read in one pass with the standard library's HTMLParser: several thousand
responses a run are checked, and building a full HTML5 tree of each cost about three times as
long for the same findings (the checks need elements, attributes and a few texts, not a tree).
"""

import re
from collections import Counter
from html.parser import HTMLParser

UNLABELLED_TYPES = {"hidden", "submit", "button", "image", "reset"}
CONTROLS = {"input", "select", "textarea"}
# Elements with no end tag: they never hold text or controls.
VOID = frozenset(
    {
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "source",
        "track",
        "wbr",
    }
)


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


class _PageReader(HTMLParser):
    """What the checks need, gathered in one pass over the page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids: list[str] = []
        self.label_targets: set[str] = set()
        self.controls: list[tuple[str, dict, bool]] = []  # tag, attributes, inside a label
        self.forms: list[dict] = []
        self.inline_scripts: list[tuple[str | None, list[str]]] = []  # nonce, its text
        self.headings: list[list[str]] = []  # the text of each <h1>
        self.title: list[str] | None = None
        self.has_error_summary = False
        self.has_main = False
        self._labels_open = 0
        self._collecting: list[list[str]] = []  # texts being gathered (h1, title, script)
        self._open: list[str] = []  # tags whose text is being gathered, innermost last

    def handle_starttag(self, tag, attrs):
        attributes = {name: value or "" for name, value in attrs}
        if element_id := attributes.get("id"):
            self.ids.append(element_id)
        if tag == "label":
            if attributes.get("for"):
                self.label_targets.add(attributes["for"])
            self._labels_open += 1
        elif tag in CONTROLS:
            self.controls.append((tag, attributes, self._labels_open > 0))
        elif tag == "form":
            self.forms.append(dict(attrs))
        elif tag == "main":
            self.has_main = True
        elif tag == "div" and "govuk-error-summary" in attributes.get("class", ""):
            self.has_error_summary = True
        if tag == "h1":
            self.headings.append([])
            self._gather(tag, self.headings[-1])
        elif tag == "title" and self.title is None:
            self.title = []
            self._gather(tag, self.title)
        elif tag == "script" and "src" not in attributes:
            self.inline_scripts.append((attributes.get("nonce"), []))
            self._gather(tag, self.inline_scripts[-1][1])
        if tag in VOID:
            self.handle_endtag(tag)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag):
        if tag == "label" and self._labels_open:
            self._labels_open -= 1
        if self._open and self._open[-1] == tag:
            self._open.pop()
            self._collecting.pop()

    def handle_data(self, data):
        for texts in self._collecting:
            texts.append(data)

    def _gather(self, tag: str, into: list[str]) -> None:
        self._open.append(tag)
        self._collecting.append(into)


def problems_in_page(html: str, *, partial: bool = False, csp: str | None = None) -> list[str]:
    """Everything wrong with a page; an empty list when it passes.

    A partial (an htmx swap) has no <title> or <h1> of its own, so only the checks that
    apply to any fragment run on it.
    """
    page = _PageReader()
    page.feed(html)
    page.close()
    found = [
        *_duplicate_ids(page),
        *_unlabelled_controls(page),
        *_forms_without_method_or_action(page),
        *_scripts_without_nonce(page, csp),
    ]
    if not partial:
        found += _heading_title_and_main(page)
    return found


def _duplicate_ids(page: _PageReader) -> list[str]:
    return [
        f"id {duplicate!r} appears {count} times"
        for duplicate, count in Counter(page.ids).items()
        if count > 1
    ]


def _unlabelled_controls(page: _PageReader) -> list[str]:
    found = []
    for tag, control, inside_label in page.controls:
        if tag == "input" and (control.get("type") or "text").lower() in UNLABELLED_TYPES:
            continue
        if (
            control.get("id") in page.label_targets
            or inside_label
            or control.get("aria-label")
            or control.get("aria-labelledby")
        ):
            continue
        found.append(f"<{tag} name={control.get('name')!r}> has no label")
    return found


def _forms_without_method_or_action(page: _PageReader) -> list[str]:
    return [
        f"a form has no method or action: {form}"
        for form in page.forms
        if not form.get("method") or form.get("action") is None
    ]


def _scripts_without_nonce(page: _PageReader, csp: str | None) -> list[str]:
    nonce = None
    if csp and (match := re.search(r"'nonce-([^']+)'", csp)):
        nonce = match.group(1)
    return [
        "an inline <script> has no valid nonce: " + _squash("".join(text))[:60]
        for script_nonce, text in page.inline_scripts
        if nonce is None or script_nonce != nonce
    ]


def _heading_title_and_main(page: _PageReader) -> list[str]:
    """A whole page: one <h1>, a <title> that starts with it (or with "Error: " and it when
    there is an error summary), and a <main>."""
    found = []
    if len(page.headings) != 1:
        found.append(f"the page has {len(page.headings)} <h1> elements, not exactly one")
    title = _squash("".join(page.title or []))
    if page.headings:
        h1 = _squash("".join(page.headings[0]))
        expected = f"Error: {h1}" if page.has_error_summary else h1
        if not title.startswith(expected):
            found.append(f"<title> {title!r} does not start with {expected!r}")
    if page.has_error_summary != title.startswith("Error: "):
        found.append(f"<title> {title!r} and the error summary disagree")
    if not page.has_main:
        found.append("the page has no <main>")
    return found
