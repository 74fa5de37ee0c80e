"""What other features use of screening: moving a new notification to another ICB."""

from leder_web.screening.service import ScreeningError, transfer, transfer_choices

__all__ = ["ScreeningError", "transfer", "transfer_choices"]
