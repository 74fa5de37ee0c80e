"""What the panel's pages and home sections read, in as few statements as they can."""

from functools import cache

from sqlalchemy import Select, bindparam, func, select
from sqlalchemy.orm import lazyload

from leder_web.cases import api as cases
from leder_web.core import clock
from leder_web.core.extensions import db
from leder_web.core.workflow import State, in_states
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


def panel_home(user) -> dict:
    """A panel member's home: the next meeting with its number of cases (one statement), and
    the cases awaiting panel on no agenda (one more)."""
    found = db.session.execute(
        _next_meeting_query(), {"icb_id": user.organisation_id, "today": clock.today()}
    ).first()
    return {
        "meeting": found[0] if found else None,
        "case_count": found[1] if found else 0,
        "to_place": cases.case_rows(_TO_PLACE, {"icb_id": user.organisation_id}),
    }


@cache
def _next_meeting_query() -> Select:
    cases_on_agenda = (
        select(func.count())
        .select_from(PanelAgendaItem)
        .where(PanelAgendaItem.meeting_id == PanelMeeting.id)
        .scalar_subquery()
    )
    return (
        select(PanelMeeting, cases_on_agenda)
        .where(
            PanelMeeting.icb_id == bindparam("icb_id"),
            PanelMeeting.meets_on >= bindparam("today"),
        )
        .order_by(PanelMeeting.meets_on, PanelMeeting.starts_at, PanelMeeting.id)
        .options(lazyload(PanelMeeting.attendance), lazyload(PanelMeeting.agenda))
        .limit(1)
    )


_TO_PLACE = cases.case_list(
    Case.icb_id == bindparam("icb_id"),
    in_states(Case.state, [State.AWAITING_PANEL]),
    panel.not_on_an_open_agenda(),
)
# The cases signed off and waiting to be closed are the cases feature's own home section.
_AT_PANEL = cases.case_list(
    Case.icb_id == bindparam("icb_id"), in_states(Case.state, [State.AWAITING_PANEL])
)


def lac_panel(user) -> dict:
    return {"awaiting": cases.case_rows(_AT_PANEL, {"icb_id": user.organisation_id})}
