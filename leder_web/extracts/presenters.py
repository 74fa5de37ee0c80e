"""An extract as its page shows it: the completeness checks made with it, small counts withheld
by the one rule of core.suppression (whoever reads the page)."""

from dataclasses import dataclass

from leder_web.core import suppression
from leder_web.models import NationalExtract

NOT_ENOUGH = "not shown: fewer than 5 records have it, or fewer than 5 lack it"


@dataclass(frozen=True)
class IcbRow:
    region: str
    icb: str
    records: str  # a number, or why it is not shown


@dataclass(frozen=True)
class Share:
    label: str
    text: str


@dataclass(frozen=True)
class Completeness:
    per_icb: list[IcbRow]
    shares: list[Share]


SHARES = [
    ("with_coded_cause", "Records with an ICD-10 coded underlying cause of death"),
    ("with_age", "Records with an age at death"),
    ("with_grade", "Records with a grade of the quality of care"),
]


def share_text(part: int, whole: int) -> str:
    if not whole:
        return "no records"
    if not suppression.share_shown(part, whole):
        return NOT_ENOUGH
    return f"{round(100 * part / whole)}% ({suppression.count_text(part)} records)"


def completeness(extract: NationalExtract) -> Completeness:
    found = extract.completeness or {}
    listed = [
        (str(region), str(icb), int(count)) for region, icb, count in found.get("per_icb", [])
    ]
    shown = suppression.suppressed((icb, count) for _, icb, count in listed)
    rows = [
        IcbRow(region, icb, row.text) for (region, icb, _), row in zip(listed, shown, strict=True)
    ]
    total = extract.record_count
    shares = [Share(label, share_text(int(found.get(key, 0)), total)) for key, label in SHARES]
    return Completeness(rows, shares)
