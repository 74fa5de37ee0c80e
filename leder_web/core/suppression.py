"""Small counts withheld: the one rule for every aggregate that leaves the platform's own case
work (the dashboards seen by the advisory group and the academic partner, the completeness
checks of the national data set).

A count under 5 (0 included) is shown as "fewer than 5", never as its number. While the counts
withheld from a table add up to fewer than 5, the smallest count still shown is withheld too,
so that no small number can be worked out from the total. A share (a percentage) resting on
fewer than 5 of either side is not shown.
"""

from collections.abc import Iterable
from dataclasses import dataclass

SMALL = 5
FEWER_THAN_5 = "fewer than 5"
WITHHELD = "not shown (protects a small count)"


@dataclass(frozen=True)
class Shown:
    label: str
    count: int | None  # None when withheld
    text: str


def count_text(count: int) -> str:
    return f"{count:,}"


def suppressed(pairs: Iterable[tuple[str, int]], *, add_up: bool = True) -> list[Shown]:
    """(label, count) rows of one table, with small counts withheld (see the module's note).

    add_up=False for counts that add up to no total (a review counts under each of its
    themes): the small counts are withheld, and there is no total to work one out from.
    """
    pairs = list(pairs)
    small = {n for n, (_, count) in enumerate(pairs) if count < SMALL}
    # The withheld counts add up to the total less those shown: while that sum is itself a
    # small number, the smallest count shown is withheld as well.
    also: set[int] = set()
    while add_up and small and sum(pairs[n][1] for n in small | also) < SMALL:
        shown = [(count, n) for n, (_, count) in enumerate(pairs) if n not in small | also]
        if not shown:
            break
        also.add(min(shown)[1])
    rows = []
    for n, (label, count) in enumerate(pairs):
        if n in small:
            rows.append(Shown(label, None, FEWER_THAN_5))
        elif n in also:
            rows.append(Shown(label, None, WITHHELD))
        else:
            rows.append(Shown(label, count, count_text(count)))
    return rows


def share_shown(part: int, whole: int) -> bool:
    """Whether a share of `whole` may be shown: neither it, the rest, nor the whole is small."""
    return min(part, whole - part, whole) >= SMALL
