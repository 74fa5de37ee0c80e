"""What other features use of the actions: read only. The actions that answer a case (its
overview lists them), those agreed at a panel meeting (its page lists them) and an ICB's
actions that learning from the library is linked to, each in one statement, with how each
stands in words; and, for the dashboards and the ICB's annual report, the actions of an area
counted by status (and overdue) in one statement, and the ICB's local action plan with its
priorities."""

from dataclasses import dataclass
from datetime import date

from leder_web.actions import queries, service
from leder_web.actions.queries import StatusCounts

STATUSES = service.STATUSES  # (code, wording), in the order the pages list them
OPEN_STATUSES = service.OPEN_STATUSES
COMPLETED = service.COMPLETED
PLAN_YEARS = service.PLAN_YEARS


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


def status_counts(
    *,
    icb_id: int | None = None,
    region_id: int | None = None,
    agreed_from: date | None = None,
    agreed_to: date | None = None,
) -> StatusCounts:
    """The actions of an ICB, of a region's ICBs or of England (neither given) agreed between
    the two dates (None: any), by their status today, and how many are overdue today."""
    return queries.status_counts(queries.area_condition(icb_id, region_id), agreed_from, agreed_to)


@dataclass(frozen=True)
class PriorityProgress:
    title: str
    counts: StatusCounts


@dataclass(frozen=True)
class PlanProgress:
    first_year: int | None  # None: the ICB has no plan saved yet
    approved_by: str | None
    approved_on: date | None
    published_url: str | None
    priorities: list[PriorityProgress]  # the plan's, in its order, then actions under none


NOT_UNDER_A_PRIORITY = "Not under a priority of the plan"


def plan_progress(icb_id: int) -> PlanProgress:
    """The ICB's 3-year plan and, under each priority, its actions (whenever agreed) by status
    today: the plan and its priorities in two statements, the counts in one."""
    plan = service.plan_for(icb_id)
    counts = queries.status_counts_by_priority(icb_id)
    empty = queries.no_actions()
    rows = [
        PriorityProgress(priority.title, counts.get(priority.id, empty))
        for priority in (plan.priorities if plan else [])
    ]
    if None in counts or not rows:
        rows.append(PriorityProgress(NOT_UNDER_A_PRIORITY, counts.get(None, empty)))
    return PlanProgress(
        plan.first_year if plan else None,
        plan.approved_by if plan else None,
        plan.approved_on if plan else None,
        plan.published_url if plan else None,
        rows,
    )


def financial_years_agreed(icb_id: int) -> set[int]:
    return queries.financial_years_agreed(icb_id)


# --- For the learning library: an ICB's actions to link learning to ---------------------------


def icb_actions(icb_id: int) -> list[ActionSummary]:
    """Every action the ICB's panel has agreed, by due date: one statement."""
    return _summaries(queries.actions_of_icb(icb_id))


def action_summaries(action_ids) -> dict[int, ActionSummary]:
    """The actions with these ids, by id: one statement (none for no ids)."""
    return {summary.id: summary for summary in _summaries(queries.actions_with_ids(action_ids))}
