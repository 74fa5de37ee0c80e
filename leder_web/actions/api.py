"""What other features use of the actions: read only. The actions that answer a case (its
overview lists them) and those agreed at a panel meeting (its page lists them), each in one
statement, with how each stands in words."""

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
