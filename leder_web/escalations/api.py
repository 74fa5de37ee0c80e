"""What other features use of escalations: the thread about a case."""

from leder_web.escalations.service import escalations_for_case

__all__ = ["escalations_for_case"]
