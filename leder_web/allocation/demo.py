"""Sample pages of allocation and holds for the browser tests (the cases are screening's
demo data)."""

from leder_web.demo.samples import Candidates, per_case

SAMPLES: dict[str, Candidates] = {
    "allocation.allocate": per_case("/allocate"),
    "allocation.hold": per_case("/hold"),
    "allocation.release": per_case("/release"),
    "allocation.reallocate_in_region": per_case("/reallocate-in-region"),
}
