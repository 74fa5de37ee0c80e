"""The shape of a page as the server sends it: its elements and attributes, less its data.

Two pages of one shape differ only in what their texts and values say (another case, another
person, another date), not in what a browser or axe would find: the same elements with the
same classes, roles and ARIA, the same empty and non-empty texts. Rows of a table (items of a
list, options of a select) that are alike once their data is left out count once, so a table of
3 cases and one of 30 are one shape. The signed-in account in the header and the per-request
values (CSRF token, script nonce) are left out too.
"""

import hashlib
import re
from html.parser import HTMLParser

from tests.support.html_checks import VOID

# Attributes whose value is words or an address: whether they are empty matters, not what they
# say.
WORDS = frozenset(
    {"href", "action", "value", "aria-label", "title", "alt", "content", "placeholder", "datetime"}
)
DIGITS = re.compile(r"\d+")
# No word this long or shorter is wider than a 320-pixel window in any GOV.UK text style; a
# longer one (an email address, a reference run together) might be, so it stays in the shape.
LONGEST_WORD_THAT_FITS = 15


class _Element:
    __slots__ = ("attributes", "children", "is_account", "tag")

    def __init__(self, tag: str, attributes: str, is_account: bool):
        self.tag = tag
        self.attributes = attributes
        self.children: list = []
        self.is_account = is_account

    def markup(self) -> str:
        inner, previous = [], None
        if not self.is_account:
            for child in self.children:
                text = child if isinstance(child, str) else child.markup()
                if text != previous:  # alike siblings: one
                    inner.append(text)
                previous = text
        return f"<{self.tag}{self.attributes}>{''.join(inner)}</{self.tag}>"


class _ShapeReader(HTMLParser):
    def __init__(self, *, long_words: bool):
        super().__init__(convert_charrefs=True)
        self.long_words = long_words
        self.root = _Element("#document", "", False)
        self.open = [self.root]

    def handle_starttag(self, tag, attrs):
        given = dict(attrs)
        parts = []
        for name, value in attrs:
            if name == "nonce" or (given.get("name") == "csrf_token" and name == "value"):
                continue
            if name == "class" or value is None:
                parts.append(f" {name}={value!r}")
            elif name in WORDS:
                parts.append(f" {name}={'words' if value else ''}")
            else:
                parts.append(f" {name}={DIGITS.sub('0', value)!r}")
        is_account = "leder-account" in (given.get("class") or "").split()
        element = _Element(tag, "".join(parts), is_account)
        self.open[-1].children.append(element)
        if tag not in VOID:
            self.open.append(element)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.open.pop()

    def handle_endtag(self, tag):
        for depth in range(len(self.open) - 1, 0, -1):
            if self.open[depth].tag == tag:
                del self.open[depth:]
                return

    def handle_data(self, data):
        if not data.strip():
            return
        text = "text"
        if self.long_words:
            longest = max(len(word) for word in data.split())
            if longest > LONGEST_WORD_THAT_FITS:
                text = f"text with a word of {longest}"
        self.open[-1].children.append(text)


def shape_key(html: str, *, long_words: bool = False) -> str:
    """A digest of the page's shape. With `long_words`, a text with a word that might not fit
    a narrow window keeps that word's length, so pages whose long words differ differ."""
    reader = _ShapeReader(long_words=long_words)
    reader.feed(html)
    reader.close()
    return hashlib.sha256(reader.root.markup().encode()).hexdigest()
