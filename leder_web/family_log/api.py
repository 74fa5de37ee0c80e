"""What other features use of the family-contact log: the review's family task status."""

from leder_web.family_log.service import family_task_status

__all__ = ["family_task_status"]
