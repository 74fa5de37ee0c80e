"""What other features use of the actions: read only. The actions that answer a case (its
overview lists them), those agreed at a panel meeting (its page lists them) and an ICB's
actions that learning from the library is linked to, each in one statement, with how each
stands in words."""

from dataclasses import dataclass

from leder_web.actions import queries, service


@dataclass(frozen=True)
class ActionSummary:
    id: int
    title: str
    status: str  # wording
    due: str  # "Due 3 March 2026" or "Overdue (due 3 March 2026)"
    overdue: bool


def _summaries(actions) -> list[ActionSummary]:
    return [
        ActionSummary(
            action.id,
            action.title,
            service.label(service.STATUSES, action.status),
            service.due_words(action),
            service.is_overdue(action),
        )
        for action in actions
    ]


def actions_for_case(case) -> list[ActionSummary]:
    return _summaries(queries.actions_for_case(case.id))


def actions_agreed_at(meeting_id: int) -> list[ActionSummary]:
    return _summaries(queries.actions_agreed_at(meeting_id))


def may_open_actions(user, icb) -> bool:
    """Whether the user may open the ICB's action pages (a reviewer sees a case's actions
    listed on its overview, but not the pages)."""
    return service.may_read(user, icb)


# --- For the learning library: an ICB's actions to link learning to ---------------------------


def icb_actions(icb_id: int) -> list[ActionSummary]:
    """Every action the ICB's panel has agreed, by due date: one statement."""
    return _summaries(queries.actions_of_icb(icb_id))


def action_summaries(action_ids) -> dict[int, ActionSummary]:
    """The actions with these ids, by id: one statement (none for no ids)."""
    return {summary.id: summary for summary in _summaries(queries.actions_with_ids(action_ids))}
