"""What other features use of the family-contact log: the review's family task (its status
and the steps still to record), the family's requests for a focused review, the family's views
for the print view and panel papers, and the family contact and do-not-contact answer a
notification gives, copied into a new case's log; and whether the offer of the finished
review to the family is recorded (a signed-off case is closed only then)."""

from leder_web.family_log.events import focused_review_requests
from leder_web.family_log.findings import findings_recorded, findings_rows
from leder_web.family_log.presenters import FamilyViews, family_views
from leder_web.family_log.service import ensure_notified_contact
from leder_web.family_log.steps import FamilyProgress, family_progress, family_task_status

__all__ = [
    "FamilyProgress",
    "FamilyViews",
    "ensure_notified_contact",
    "family_progress",
    "family_task_status",
    "family_views",
    "findings_recorded",
    "findings_rows",
    "focused_review_requests",
]
