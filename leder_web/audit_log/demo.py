"""Sample pages of the audit log for the browser tests: each case's "who has seen" page."""

from leder_web.demo.samples import Candidates, per_case

SAMPLES: dict[str, Candidates] = {
    "audit_log.case_record": per_case("/who-has-seen"),
}
