"""What the escalations feature adds to the regional coordinator's home page."""

from leder_web.escalations import service as escalations


def open_escalations(user) -> dict:
    return {"escalations": escalations.open_escalations_in_region(user.organisation_id)}
