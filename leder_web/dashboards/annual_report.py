"""The ICB's annual report: the figures an ICB publishes for a financial year (April to March),
as a printable page and as a spreadsheet.

The year's key figures and the dashboard's tables that annual reports carry (reviews completed
and how quickly, who died and of what, the quality of care), the themes of the learning of the
reviews completed in the year, the actions the panel agreed in the year, and the progress of
the ICB's 3-year local action plan: each of its priorities with its actions (whenever agreed)
counted by where they stand today. Every number is counted by the database. Those who may see
a report see an ICB's own figures, so nothing is withheld as a small count.
"""

from dataclasses import dataclass
from datetime import date

from leder_web.actions import api as actions
from leder_web.core import clock, codes
from leder_web.dashboards import periods, presenters, queries
from leder_web.dashboards.periods import Period
from leder_web.dashboards.presenters import Figure, KeyFigure, Section
from leder_web.dashboards.queries import Area


def years_with_data(icb_id: int) -> list[int]:
    """The financial years in which the ICB was notified of a death, completed a review or
    agreed an action, newest first."""
    found = queries.financial_years_with_cases(icb_id) | actions.financial_years_agreed(icb_id)
    return sorted(found, reverse=True)


def year_label(year: int, today: date) -> str:
    label = periods.year_label(year)
    return f"{label} (so far)" if periods.financial_year(year).end >= today else label


@dataclass(frozen=True)
class ThemeRow:
    theme: str
    counts: list[int]  # reviews, for each kind of learning in codes.LEARNING_KINDS order


@dataclass(frozen=True)
class AnnualReport:
    area: Area
    year: int
    period: Period
    year_label: str
    key_figures: list[KeyFigure]
    sections: list[Section]
    themes: list[ThemeRow]  # only the themes some review of the year recorded
    actions_agreed: Figure
    plan: actions.PlanProgress


def annual_report(area: Area, year: int) -> AnnualReport:
    assert area.organisation_id is not None  # an ICB's
    period = periods.financial_year(year)
    key, completion = presenters.completion_figures(area, period, False)
    status, of_status = presenters.status_figures(area, period, False)
    key.insert(2, KeyFigure("Deaths notified", presenters.count_text(status["total"])))
    counts = actions.status_counts(
        icb_id=area.organisation_id, agreed_from=period.start, agreed_to=period.end
    )
    key += presenters.actions_key_figures(counts, False)
    sections = [
        Section("Completing reviews", completion),
        Section("Notifications", of_status[:1]),
        Section("Who died", presenters.who_died_figures(area, period, False)),
        Section(
            "Causes of death",
            [
                presenters.leading_figure(queries.leading_causes(area, period), False),
                presenters.avoidable_figure(queries.avoidable_deaths(area, period), False),
            ],
        ),
        Section(
            "Quality of care",
            [presenters.grades_figure(queries.quality_grades(area, period), False)],
        ),
    ]
    found = queries.learning_themes(area, period)
    themes = [
        ThemeRow(label, [found.get((kind, theme), 0) for kind, _ in codes.LEARNING_KINDS])
        for theme, label in codes.THEMES
    ]
    return AnnualReport(
        area=area,
        year=year,
        period=period,
        year_label=year_label(year, clock.today()),
        key_figures=key,
        sections=sections,
        themes=[row for row in themes if any(row.counts)],
        actions_agreed=presenters.actions_figure(
            counts,
            False,
            description="Actions the panel agreed at its meetings in the year, by where each "
            "stands today, and how many of them are overdue.",
        ),
        plan=actions.plan_progress(area.organisation_id),
    )


PLAN_COLUMNS = [wording for _, wording in actions.STATUSES]


def plan_years(plan: actions.PlanProgress) -> str:
    if plan.first_year is None:
        return ""
    return f"April {plan.first_year} to March {plan.first_year + actions.PLAN_YEARS}"


# --- The spreadsheet ------------------------------------------------------------------------

CSV_HEADER = ["Section", "Figure", "Item", "Value"]
THEMES_SECTION = "Themes of learning"
ACTIONS_SECTION = "Actions"
PLAN_SECTION = "Progress against the local action plan"


def _value(row: presenters.Row) -> str:
    """A count as a plain number a spreadsheet adds up; anything else as the page shows it."""
    return str(row.count) if isinstance(row.count, int) else row.text


def csv_rows(report: AnnualReport) -> list[list[str]]:
    """The report as rows of (section, figure, item, value): every figure of the page, in its
    order. Text is made spreadsheet-safe by core.spreadsheets when written."""
    rows = [CSV_HEADER, ["Report", report.area.name, "Financial year", report.year_label]]
    rows += [["Key figures", figure.label, "", figure.value] for figure in report.key_figures]
    for section in report.sections:
        for figure in section.figures:
            rows += [[section.title, figure.title, row.label, _value(row)] for row in figure.rows]
    for number, (_, wording) in enumerate(codes.LEARNING_KINDS):
        rows += [
            [THEMES_SECTION, wording, row.theme, str(row.counts[number])]
            for row in report.themes
            if row.counts[number]
        ]
    rows += [
        [ACTIONS_SECTION, report.actions_agreed.title, row.label, _value(row)]
        for row in report.actions_agreed.rows
    ]
    plan = report.plan
    if plan.first_year is not None:
        rows.append([PLAN_SECTION, "The plan", "Years", plan_years(plan)])
        if plan.approved_by:
            rows.append([PLAN_SECTION, "The plan", "Approved by", plan.approved_by])
        if plan.approved_on:
            rows.append([PLAN_SECTION, "The plan", "Approved on", clock.uk_date(plan.approved_on)])
        if plan.published_url:
            rows.append([PLAN_SECTION, "The plan", "Published at", plan.published_url])
    for priority in plan.priorities:
        counts = priority.counts
        rows.append([PLAN_SECTION, priority.title, "Actions", str(counts.total)])
        rows += [
            [PLAN_SECTION, priority.title, wording, str(counts.counts[code])]
            for code, wording in actions.STATUSES
        ]
        rows.append([PLAN_SECTION, priority.title, presenters.OVERDUE_LABEL, str(counts.overdue)])
    return rows


def csv_filename(report: AnnualReport) -> str:
    return f"leder-annual-report-{report.year}-{report.year + 1}.csv"
