"""What other features use of the learning library: how many items were published on each
theme in a period (the dashboards' learning view), for England, a region or an ICB."""

from dataclasses import dataclass
from datetime import date

from leder_web.core import codes as reference
from leder_web.library import queries


@dataclass(frozen=True)
class ThemeCount:
    code: str  # core.codes.THEMES
    label: str
    count: int


def published_counts_by_theme(
    start: date, end: date, *, region_id: int | None = None, icb_id: int | None = None
) -> list[ThemeCount]:
    """Every theme, in the reference list's order, with the number of items published from
    `start` to `end` (UK dates, both included) that have it: England's, or a region's or an
    ICB's when one is given. An item with three themes counts once under each. One statement."""
    found = queries.published_counts_by_theme(start, end, region_id=region_id, icb_id=icb_id)
    return [ThemeCount(code, words, found.get(code, 0)) for code, words in reference.THEMES]
