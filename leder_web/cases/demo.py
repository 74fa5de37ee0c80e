"""Sample pages of a case for the browser tests (the cases themselves come from other
features' demo data)."""

from leder_web.demo.samples import Candidates, per_case

SAMPLES: dict[str, Candidates] = {
    "cases.show": per_case(""),
    "cases.history": per_case("/history"),
    "cases.close": per_case("/close"),
}
