"""What other features use of the family-contact log: the review's family task status, and
the family contact a notification names, copied into a new case's log."""

from leder_web.family_log.service import ensure_notified_contact, family_task_status

__all__ = ["ensure_notified_contact", "family_task_status"]
