"""Sample pages of the notify journey for the browser tests: every question page."""

from leder_web.demo.samples import Candidates
from leder_web.notify import journey

SAMPLES: dict[str, Candidates] = {
    "notify.question": lambda: (f"/notify/{step.slug}" for step in journey.STEPS),
}
