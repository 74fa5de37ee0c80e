"""What other features use of allocation and holds: the two clocks, holds in words."""

from leder_web.allocation.service import (
    AllocationNote,
    CaseClocks,
    allocation_note,
    clocks,
    days_on_hold,
    hold_reason_words,
    holds_of,
    is_reallocation,
    may_allocate,
    may_hold,
)

__all__ = [
    "AllocationNote",
    "CaseClocks",
    "allocation_note",
    "clocks",
    "days_on_hold",
    "hold_reason_words",
    "holds_of",
    "is_reallocation",
    "may_allocate",
    "may_hold",
]
