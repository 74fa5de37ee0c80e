"""What other features use of quality assurance: the comments a returned review came back with."""

from leder_web.qa.service import returned_feedback

__all__ = ["returned_feedback"]
