"""What other features use of the panel: a meeting of an ICB's panel and the cases it signed
off, for the actions the panel agrees there (leder_web.actions)."""

from leder_web.models import Case, PanelMeeting
from leder_web.panel import service


def get_meeting(icb_id: int, meeting_id: int) -> PanelMeeting:
    """A meeting of this ICB's panel: NotFoundError if there is none, NotAllowedError if it is
    another ICB's."""
    return service.get_meeting(icb_id, meeting_id)


def cases_signed_off_at(meeting: PanelMeeting) -> list[Case]:
    """The cases on the meeting's agenda that the panel signed off there (confirmed by the
    chair or waiting for it), in agenda order: those an action agreed at it may answer."""
    return [
        item.case
        for item in meeting.agenda
        if item.decision is not None and item.decision.outcome in service.SIGN_OFFS
    ]
