"""What other features use of the family-contact log: the review's family task status, the
family's requests for a focused review, and the family contact a notification names, copied into
a new case's log."""

from leder_web.family_log.events import focused_review_requests
from leder_web.family_log.service import ensure_notified_contact, family_task_status

__all__ = ["ensure_notified_contact", "family_task_status", "focused_review_requests"]
