"""Dates as people type them and the ages they give: one set of rules for every form.

Pure functions, so the notify journey, the family-contact log and the review (which stores a
date as typed and checks it later) all read and refuse dates the same way.
"""

from datetime import date

# LeDeR reviews the deaths of adults; a younger person's death goes to child death review.
ADULT_AGE = 18


def age_on(born: date, on: date) -> int:
    """Whole years from `born` up to `on`: the birthday itself counts."""
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))
