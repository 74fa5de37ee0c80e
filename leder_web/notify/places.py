"""Finding the integrated care board (ICB) from a place a relative can name: a town, a council
area or a postcode. Nobody bereaved should need to know what an ICB is.

The facts are in leder_web/data/places_to_icbs.csv: every local authority district in England
(ONS, April 2023 boundaries, 296 of them), the county council areas above them, the metropolitan
counties, some towns whose name is not a council's, and the postcode areas of England. A place
that more than one ICB covers names each of them, and the person chooses (or says they are not
sure). Pure: no database; the route matches the names to organisations.
"""

import csv
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

PLACES_CSV = Path(__file__).resolve().parent.parent / "data" / "places_to_icbs.csv"
POSTCODE_AREA_KIND = "postcode area"

# A whole postcode, a postcode district ("LS6") or a postcode area ("LS").
POSTCODE_LIKE = re.compile(r"([A-Z]{1,2})(?:[0-9][A-Z0-9]?(?:[0-9][A-Z]{2})?)?")
# Words people add to a council's name that the list does not carry.
COUNCIL_WORDS = re.compile(
    r"\b(?:(?:city|county|borough|district|metropolitan borough|metropolitan district)\s+)?"
    r"council\b|\b(?:royal borough|london borough|borough) of\b"
)


def icb_name(short: str) -> str:
    """The ICB's name as the organisations list has it."""
    return f"NHS {short} Integrated Care Board"


def normalise(text: str) -> str:
    """Lower case, "&" as "and", "St." as "St", no punctuation and one space between words:
    "Kingston-upon-Hull City Council" and "kingston upon hull" are the same place."""
    text = text.casefold().replace("&", " and ").replace("’", "'")
    text = COUNCIL_WORDS.sub(" ", text)
    text = re.sub(r"[-,.()']", " ", text)
    words = text.split()
    if words[:2] == ["city", "of"] and words[2:] != ["london"]:
        words = words[2:]
    return " ".join(words)


@dataclass(frozen=True)
class Place:
    name: str
    kind: str
    icbs: tuple[str, ...]  # full ICB names


@cache
def _places() -> dict[str, Place]:
    found: dict[str, Place] = {}
    with PLACES_CSV.open(newline="", encoding="utf-8") as handle:
        lines = (line for line in handle if not line.startswith("#"))
        for row in csv.DictReader(lines):
            icbs = tuple(icb_name(short) for short in row["icbs"].split(";"))
            key = row["place"] if row["kind"] == POSTCODE_AREA_KIND else normalise(row["place"])
            earlier = found.get(key)
            if earlier is not None:  # one name, two places: Newcastle, say
                icbs = tuple(dict.fromkeys(earlier.icbs + icbs))
                found[key] = Place(earlier.name, earlier.kind, icbs)
            else:
                found[key] = Place(row["place"], row["kind"], icbs)
    return found


def every_place() -> list[Place]:
    return list(_places().values())


def postcode_area(text: str) -> str | None:
    """ "LS6 2AB", "ls6" and "LS" give "LS", when LS is a postcode area in England."""
    compact = "".join(text.upper().split())
    match = POSTCODE_LIKE.fullmatch(compact)
    if match is None:
        return None
    area = match.group(1)
    place = _places().get(area)
    return area if place is not None and place.kind == POSTCODE_AREA_KIND else None


def find(text: str | None) -> Place | None:
    """The place typed: a postcode (or its area) or a place's name. None when unknown."""
    if not text or not text.strip():
        return None
    area = postcode_area(text)
    if area is not None:
        return _places()[area]
    key = normalise(text)
    if not key:
        return None
    return _places().get(key)


def icbs_for(text: str | None) -> list[str]:
    """The full names of the ICBs that cover what was typed, most likely first; [] if unknown."""
    place = find(text)
    return list(place.icbs) if place else []


def icbs_from_address(address: str | None, postcode: str | None) -> list[str]:
    """ICBs suggested by an address and postcode: those every known part of it agrees on, or,
    when its parts disagree, every one they name. The person confirms the choice."""
    candidates: list[list[str]] = []
    for part in [postcode or "", *re.split(r"[\n,]", address or "")]:
        if part.strip() and (found := icbs_for(part)):
            candidates.append(found)
    if not candidates:
        return []
    agreed = [icb for icb in candidates[0] if all(icb in other for other in candidates[1:])]
    if agreed:
        return agreed
    return list(dict.fromkeys(icb for found in candidates for icb in found))
