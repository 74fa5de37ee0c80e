"""Finding what would identify the person in a piece of learning written for other ICBs.

Pure functions over the text and what the case knows of the person: their names (each given
and family name, and any name they were known by), NHS number, dates of birth and death,
postcode and address, and the case reference. Anything found is named by its kind; names and
address words are quoted as written (the writer has to find them in a paragraph), digits never
(the kind says enough: an NHS number, a date of birth).

What is checked, and what is not:
- a name: each part of 2 letters or more, as a whole word in any case ("Abena's" too, never
  inside another word); a common word that is also the person's name ("Grace") is refused;
- an NHS number: the person's, however its digits are spaced or hyphenated, and any other
  10-digit number that passes the Modulus 11 check;
- a date of birth or death with its year (of 4 digits or 2): 3/4/2024, 03/04/2024, 3-4-24,
  3.4.2024, 3 April 2024, 3rd of April 2024, 3 Apr 24, April 3, 2024 and 2024-04-03;
- the postcode, with or without its space, in any case;
- each line of the address that has a number or two words or more, and a street without its
  house number ("14 Rose Court": "Rose Court" too); a line of one word without a number (the
  town or county: "Birmingham") is not refused, as the item names its ICB anyway;
- the case reference, with or without its hyphen.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from leder_web.core import nhs_number, postcode

NAME = "name"
NHS_NUMBER = "nhs_number"
DATE_OF_BIRTH = "date_of_birth"
DATE_OF_DEATH = "date_of_death"
POSTCODE = "postcode"
ADDRESS = "address"
CASE_REFERENCE = "case_reference"


@dataclass(frozen=True)
class Person:
    """What the case knows of the person (from the notification and the review)."""

    names: tuple[str, ...] = ()  # full names and names they were known by, as written
    nhs_numbers: tuple[str, ...] = ()
    dates_of_birth: tuple[date, ...] = ()
    dates_of_death: tuple[date, ...] = ()
    postcodes: tuple[str, ...] = ()
    addresses: tuple[str, ...] = ()  # each as typed, lines split by commas or line breaks
    case_references: tuple[str, ...] = ()


@dataclass(frozen=True)
class Found:
    kind: str
    shown: str | None = None  # the words as written: for names and address lines only

    def message(self, where: str) -> str:
        """The error message for this find in the field called `where` ("summary")."""
        if self.kind == NAME:
            return f"Remove the person's name (‘{self.shown}’) from the {where}"
        if self.kind == ADDRESS:
            return f"Remove the address (‘{self.shown}’) from the {where}"
        return f"Remove the {KIND_WORDS[self.kind]} from the {where}"


KIND_WORDS = {
    NHS_NUMBER: "NHS number",
    DATE_OF_BIRTH: "date of birth",
    DATE_OF_DEATH: "date of death",
    POSTCODE: "postcode",
    CASE_REFERENCE: "case reference",
}

# Not a letter or digit either side: a whole word or number, never part of a longer one.
_BEFORE = r"(?<![^\W_])"
_AFTER = r"(?![^\W_])"
_LETTER_BEFORE = r"(?<![^\W\d_])"
_LETTER_AFTER = r"(?![^\W\d_])"
_DIGIT_BEFORE = r"(?<!\d)"
_DIGIT_AFTER = r"(?!\d)"

MONTHS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)


def _words(text: str) -> list[str]:
    return text.split()


def _phrase(words: Iterable[str]) -> str:
    """The words in order, however they are spaced."""
    return r"\s+".join(re.escape(word) for word in words)


# Where in the text something was found: (start, end, what).
_Span = tuple[int, int, Found]


# --- Each kind ----------------------------------------------------------------------------------


def name_parts(names: Iterable[str]) -> list[str]:
    """Every part of every name, 2 letters or more: "Mary-Jane O'Neil" gives Mary-Jane, Mary,
    Jane and O'Neil."""
    parts: dict[str, None] = {}
    for name in names:
        for word in _words(name or ""):
            word = word.strip('.,;:()"‘’“”')
            for part in (word, *word.split("-")):
                if sum(character.isalpha() for character in part) >= 2:
                    parts.setdefault(part, None)
    return list(parts)


def _names(text: str, person: Person) -> list[_Span]:
    found = []
    for part in name_parts(person.names):
        pattern = _LETTER_BEFORE + re.escape(part) + _LETTER_AFTER
        for match in re.finditer(pattern, text, re.IGNORECASE):
            found.append((match.start(), match.end(), Found(NAME, match.group(0))))
    return found


_TEN_DIGITS = re.compile(_DIGIT_BEFORE + r"(\d{3})[ -]?(\d{3})[ -]?(\d{4})" + _DIGIT_AFTER)


def _nhs_numbers(text: str, person: Person) -> list[_Span]:
    found = []
    for number in person.nhs_numbers:
        digits = nhs_number.normalise(number).replace("-", "")
        if len(digits) != nhs_number.LENGTH or not digits.isdigit():
            continue
        pattern = _DIGIT_BEFORE + r"[\s-]*".join(digits) + _DIGIT_AFTER
        found += [(m.start(), m.end(), Found(NHS_NUMBER)) for m in re.finditer(pattern, text)]
    for match in _TEN_DIGITS.finditer(text):
        if nhs_number.problem("".join(match.groups())) is None:
            found.append((match.start(), match.end(), Found(NHS_NUMBER)))
    return found


def date_patterns(day: date) -> list[str]:
    """The ways a date is commonly written, as regular expressions (case is ignored)."""
    d, m = f"0?{day.day}", f"0?{day.month}"
    year, short_year = f"{day.year}", f"{day.year % 100:02d}"
    full = MONTHS[day.month - 1]
    short = ("sept", "sep") if full == "september" else (full[:3],)
    month = "(?:" + "|".join(dict.fromkeys((full, *short))) + r")\.?"
    ordinal = r"(?:st|nd|rd|th)?"
    years = f"(?:{year}|'?{short_year})"
    return [
        # 3/4/2024, 03/04/2024, 3-4-24, 3.4.2024, 3 4 2024
        rf"{_DIGIT_BEFORE}{d}[/.\- ]{m}[/.\- ]{years}{_DIGIT_AFTER}",
        # 2024-04-03
        rf"{_DIGIT_BEFORE}{year}[/.\-]{m}[/.\-]{d}{_DIGIT_AFTER}",
        # 3 April 2024, 3rd of April 2024, 3 Apr 2024
        rf"{_DIGIT_BEFORE}{d}{ordinal}\s+(?:of\s+)?{month}{_LETTER_AFTER},?\s+{years}{_DIGIT_AFTER}",
        # April 3, 2024
        rf"{_LETTER_BEFORE}{month}\s+{d}{ordinal},?\s+{years}{_DIGIT_AFTER}",
    ]


def _dates(text: str, dates: Iterable[date], kind: str) -> list[_Span]:
    found = []
    for day in dates:
        for pattern in date_patterns(day):
            found += [
                (m.start(), m.end(), Found(kind)) for m in re.finditer(pattern, text, re.IGNORECASE)
            ]
    return found


def _postcodes(text: str, person: Person) -> list[_Span]:
    found = []
    for code in person.postcodes:
        compact = postcode.compact(code)
        if len(compact) < 5:
            continue
        pattern = _BEFORE + re.escape(compact[:-3]) + r"\s*" + re.escape(compact[-3:]) + _AFTER
        found += [(m.start(), m.end(), Found(POSTCODE)) for m in re.finditer(pattern, text, re.I)]
    return found


def address_phrases(addresses: Iterable[str]) -> list[str]:
    """The parts of the address that would identify it: each line with a number or of two
    words or more, and each street line again without its house number."""
    phrases: dict[str, None] = {}
    for address in addresses:
        for line in re.split(r"[,\n]", address or ""):
            words = _words(line)
            has_number = any(character.isdigit() for character in line)
            if not words or (len(words) == 1 and not has_number):
                continue
            if postcode.is_real(line):
                continue  # the postcode, checked as one
            phrases.setdefault(" ".join(words), None)
            if re.fullmatch(r"\d+[A-Za-z]?", words[0]) and len(words) > 1:
                phrases.setdefault(" ".join(words[1:]), None)
    return list(phrases)


def _addresses(text: str, person: Person) -> list[_Span]:
    found = []
    for phrase in address_phrases(person.addresses):
        pattern = _BEFORE + _phrase(_words(phrase)) + _AFTER
        for match in re.finditer(pattern, text, re.IGNORECASE):
            found.append(
                (match.start(), match.end(), Found(ADDRESS, " ".join(_words(match.group(0)))))
            )
    return found


def _references(text: str, person: Person) -> list[_Span]:
    found = []
    for reference in person.case_references:
        letters = [part for part in re.split(r"[\s-]+", reference) if part]
        if not letters:
            continue
        pattern = _BEFORE + r"[\s-]?".join(re.escape(part) for part in letters) + _AFTER
        found += [
            (m.start(), m.end(), Found(CASE_REFERENCE)) for m in re.finditer(pattern, text, re.I)
        ]
    return found


# --- All together -------------------------------------------------------------------------------


@dataclass
class _Finds:
    seen: set = field(default_factory=set)
    found: list[Found] = field(default_factory=list)
    covered_to: int = -1  # the end of the longest find so far: what lies inside it is not new

    def add(self, start: int, end: int, item: Found) -> None:
        if end <= self.covered_to:
            return  # "Rose Court" inside "14 Rose Court", already found
        self.covered_to = max(self.covered_to, end)
        key = (item.kind, (item.shown or "").lower())
        if key not in self.seen:
            self.seen.add(key)
            self.found.append(item)


def find(text: str | None, person: Person) -> list[Found]:
    """What in `text` would identify the person, each once, in the order it appears."""
    text = text or ""
    if not text.strip():
        return []
    everything = [
        *_names(text, person),
        *_nhs_numbers(text, person),
        *_dates(text, person.dates_of_birth, DATE_OF_BIRTH),
        *_dates(text, person.dates_of_death, DATE_OF_DEATH),
        *_postcodes(text, person),
        *_addresses(text, person),
        *_references(text, person),
    ]
    finds = _Finds()
    # The first to start first; of two starting together, the longer.
    for start, end, item in sorted(everything, key=lambda span: (span[0], -span[1])):
        finds.add(start, end, item)
    return finds.found
