"""What the panel's pages and home sections read, in as few statements as they can."""

from sqlalchemy import bindparam, func, select
from sqlalchemy.orm import lazyload

from leder_web.cases import api as cases
from leder_web.core.extensions import db
from leder_web.core.workflow import State
from leder_web.models import Case, PanelAgendaItem, PanelMeeting
from leder_web.panel import service as panel


def group_page(icb_id: int) -> dict:
    group = panel.group_for(icb_id)
    members = panel.members_of(group)
    chair = next((m for m in members if group and m.id == group.chair_member_id), None)
    current = panel.current_members(group)
    return {
        "group": group,
        "members": members,
        "chair": chair,
        "has_minority_ethnic_lead": any(m.minority_ethnic_lead for m in current),
        "meetings": panel.meetings_of(icb_id),
    }


def meeting_page(meeting: PanelMeeting) -> dict:
    group = panel.group_for(meeting.icb_id)
    members = panel.members_of(group)
    present = panel.present_ids(meeting)
    return {
        "group": group,
        "members": members,
        "present": [m for m in members if m.id in present],
        "apologies": [m for m in members if m.id in panel.apologies_ids(meeting)],
        "quorum": panel.quorum(group, present, meeting),
        "to_place": panel.cases_to_place(meeting.icb_id),
    }


def _agenda_count():
    return (
        select(func.count())
        .select_from(PanelAgendaItem)
        .where(PanelAgendaItem.meeting_id == bindparam("meeting_id"))
    )


def panel_home(user) -> dict:
    """A panel member's home: the next meeting, and cases awaiting panel on no agenda."""
    meeting = db.session.scalar(
        select(PanelMeeting)
        .where(PanelMeeting.icb_id == user.organisation_id, PanelMeeting.meets_on >= cases.today())
        .order_by(PanelMeeting.meets_on, PanelMeeting.starts_at, PanelMeeting.id)
        .options(lazyload(PanelMeeting.attendance), lazyload(PanelMeeting.agenda))
        .limit(1)
    )
    return {
        "meeting": meeting,
        "case_count": db.session.scalar(_agenda_count(), {"meeting_id": meeting.id})
        if meeting is not None
        else 0,
        "to_place": cases.case_rows(_TO_PLACE, {"icb_id": user.organisation_id}),
    }


_TO_PLACE = cases.case_list(
    Case.icb_id == bindparam("icb_id"),
    Case.state == State.AWAITING_PANEL.value,
    panel.not_on_an_open_agenda(),
)
_AWAITING = cases.case_list(
    Case.icb_id == bindparam("icb_id"), Case.state == State.AWAITING_PANEL.value
)
_SIGNED_OFF = cases.case_list(
    Case.icb_id == bindparam("icb_id"), Case.state == State.SIGNED_OFF.value
)


def lac_panel(user) -> dict:
    values = {"icb_id": user.organisation_id}
    return {
        "awaiting": cases.case_rows(_AWAITING, values),
        "signed_off": cases.case_rows(_SIGNED_OFF, values),
    }
