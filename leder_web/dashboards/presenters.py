"""A dashboard as the page shows it: the key figures, then each figure's chart and table.

For the advisory group and the academic partner the figures are de-identified aggregates, small
counts withheld by the one rule in core.suppression (counts that add up to no total, such as the
reviews under each theme, withhold the small counts only); a percentage or median resting on
fewer than 5 cases is not shown.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace

from markupsafe import Markup

from leder_web.actions import api as actions
from leder_web.core import clock, codes, suppression
from leder_web.core.roles import OrgKind
from leder_web.core.suppression import SMALL, count_text
from leder_web.dashboards import charts, icd10_groups, periods, queries
from leder_web.dashboards.charts import Point
from leder_web.dashboards.periods import Period
from leder_web.dashboards.queries import Area
from leder_web.models import Notification
from leder_web.review import api as review

NOT_ENOUGH = "not shown (fewer than 5 reviews)"
NATIONAL_TARGET_NOTE = (
    "Nationally, 35% of eligible reviews were completed within 6 months by the end of July 2025."
)


@dataclass(frozen=True)
class Row:
    label: str
    count: int | float | None
    text: str
    url: str | None = None  # the reviews behind the count, for those who may open them


@dataclass(frozen=True)
class Figure:
    key: str  # for the ids of its title and description
    title: str
    description: str
    rows: list[Row]
    column: str = "Number"
    heading: str = "Group"  # what the rows are: the table's first column
    line: bool = False

    @property
    def chart(self) -> Markup:
        points = [
            Point(row.label if not self.line else row.label[:3], row.count, row.text)
            for row in self.rows
        ]
        labelled_by = f"{self.key}-title {self.key}-description"
        if self.line:
            return charts.line_chart(labelled_by, points)
        return charts.bar_chart(labelled_by, points)


@dataclass(frozen=True)
class KeyFigure:
    label: str
    value: str
    detail: str = ""


@dataclass(frozen=True)
class Section:
    title: str
    figures: list[Figure] = field(default_factory=list)
    note: str = ""


@dataclass(frozen=True)
class Dashboard:
    area: Area
    period: Period
    deidentified: bool
    key_figures: list[KeyFigure]
    sections: list[Section]


def _rows(
    pairs: Iterable[tuple[str, int]], deidentified: bool, *, add_up: bool = True
) -> list[Row]:
    """Rows of counts; small counts withheld when de-identified (core.suppression). Counts
    that do not add up to a total (a review counts under each of its themes) withhold the small
    counts only: there is no total to work one out from."""
    if not deidentified:
        return [Row(label, count, count_text(count)) for label, count in pairs]
    return [
        Row(row.label, row.count, row.text) for row in suppression.suppressed(pairs, add_up=add_up)
    ]


def _coded(counts: dict, choices, *, other: str = "Not recorded") -> list[tuple[str, int]]:
    """Counts in the order of a code list, every code listed (0 if none), then any others."""
    known = dict(choices)
    pairs = [(wording, counts.get(code, 0)) for code, wording in choices]
    unknown = sum(count for code, count in counts.items() if code not in known)
    if unknown:
        pairs.append((other, unknown))
    return pairs


def percent(part: int, whole: int, deidentified: bool) -> str:
    if not whole:
        return "no reviews completed"
    if deidentified and not suppression.share_shown(part, whole):
        return NOT_ENOUGH
    return f"{round(100 * part / whole)}%"


def _days(value: float | None, total: int, deidentified: bool) -> str:
    if value is None:
        return "no reviews completed"
    if deidentified and total < SMALL:
        return NOT_ENOUGH
    whole = round(value)
    return f"{whole} day" if whole == 1 else f"{whole} days"


MONTHS_SHOWN = 24  # a longer period is shown by financial year


def _months(area: Area, period: Period, deidentified: bool) -> Figure:
    if len(period.months) > MONTHS_SHOWN:
        return _years(area, period, deidentified)
    counts = queries.notifications_by_month(area, period)
    pairs = [
        (f"{clock.MONTHS[month.month]} {month.year}", counts.get((month.year, month.month), 0))
        for month in period.months
    ]
    return Figure(
        "by-month",
        "Notifications by month",
        f"Deaths notified in each month of the period, {pairs[0][0]} to {pairs[-1][0]}.",
        _rows(pairs, deidentified),
        heading="Month",
        line=len(pairs) <= 12 and not deidentified,
    )


def _years(area: Area, period: Period, deidentified: bool) -> Figure:
    counts = queries.notifications_by_financial_year(area, period)
    years = range(periods.year_of(period.start), periods.year_of(period.end) + 1)
    pairs = [(periods.year_label(year), counts.get(year, 0)) for year in years]
    return Figure(
        "by-year",
        "Notifications by financial year",
        f"Deaths notified in each financial year of the period, {pairs[0][0]} to {pairs[-1][0]}.",
        _rows(pairs, deidentified),
        heading="Financial year",
    )


def completion_figures(area: Area, period: Period, deidentified: bool) -> tuple[list, list]:
    done = queries.completion(area, period)
    median = queries.median_days_to_completion(area, period)
    key = [
        KeyFigure(
            "Completed within 6 months of notification",
            percent(done.within_six_months, done.completed, deidentified),
            NATIONAL_TARGET_NOTE,
        ),
        KeyFigure(
            "Completed within 6 months, allowing for time on hold",
            percent(done.within_six_months_hold_adjusted, done.completed, deidentified),
            "The 6 months are extended by the days each review spent on hold.",
        ),
        KeyFigure(
            "Reviews completed",
            _rows([("", done.completed)], deidentified)[0].text,
            "Signed off by the local governance panel in the period.",
        ),
        KeyFigure(
            "Median time from notification to completion",
            _days(median, done.completed, deidentified),
        ),
    ]
    figures = [
        Figure(
            "completed-type",
            "Reviews completed, by type",
            "Reviews signed off in the period: initial reviews, and those that went on to a "
            "focused review.",
            _rows(
                [("Initial review", done.initial), ("Focused review", done.focused)], deidentified
            ),
        ),
        Figure(
            "completed-in-time",
            "Reviews completed within 6 months",
            "Reviews signed off in the period, by whether they were completed within 6 months of "
            "notification.",
            _rows(
                [
                    ("Within 6 months", done.within_six_months),
                    (
                        "Within 6 months, allowing for time on hold",
                        done.within_six_months_hold_adjusted,
                    ),
                    ("Later than 6 months", done.completed - done.within_six_months),
                ],
                deidentified,
            ),
        ),
    ]
    return key, figures


STATUS_LABELS = {
    "screening": "Waiting to be screened",
    "not_proceeding": "Not proceeding",
    "unallocated": "Accepted, not yet allocated",
    "in_progress": "Review in progress",
    "on_hold": "On hold",
    "after_review": "In quality assurance or awaiting the panel",
    "completed": "Completed",
}


def status_figures(area: Area, period: Period, deidentified: bool) -> tuple[dict, list[Figure]]:
    status = queries.status_now(area, period)
    allocated_rows = [
        ("Allocated to a reviewer", status["allocated"]),
        ("Accepted, not yet allocated", status["unallocated"]),
    ]
    return status, [
        Figure(
            "status",
            "Where the period's notifications are now",
            "Deaths notified in the period, by the stage their case has reached today.",
            _rows([(label, status[key]) for key, label in STATUS_LABELS.items()], deidentified),
        ),
        Figure(
            "allocation",
            "Allocated and unallocated",
            "Open cases notified in the period with a reviewer, and those accepted and still "
            "waiting for one.",
            _rows(allocated_rows, deidentified),
        ),
    ]


def who_died_figures(area: Area, period: Period, deidentified: bool) -> list[Figure]:
    by = queries.notifications_by

    def figure(key, title, description, pairs, heading):
        return Figure(key, title, description, _rows(pairs, deidentified), heading=heading)

    bands = queries.notifications_by_age_band(area, period)
    band_labels = [queries.age_band_label(low, high) for low, high in queries.AGE_BANDS]
    if bands.get(queries.UNDER_4):
        band_labels.insert(0, queries.UNDER_4)
    groups = by(area, period, queries.ethnic_group())
    return [
        figure(
            "condition",
            "Learning disability, autism or both",
            "Deaths notified in the period, by whether the person had a learning disability, "
            "was autistic, or both.",
            _coded(by(area, period, Notification.condition), codes.CONDITION_WITH_NOT_SURE),
            "Condition",
        ),
        figure(
            "sex",
            "Sex",
            "Deaths notified in the period, by sex.",
            _coded(by(area, period, Notification.sex), codes.SEX),
            "Sex",
        ),
        figure(
            "age",
            "Age at death",
            "Deaths notified in the period, by age at death in years.",
            [(label, bands.get(label, 0)) for label in band_labels],
            "Age in years",
        ),
        figure(
            "ethnicity",
            "Ethnic group",
            "Deaths notified in the period, by ethnic group (ONS 2021 census groups).",
            [(group, groups.get(group, 0)) for group, _ in codes.ETHNICITY_GROUPS],
            "Ethnic group",
        ),
        figure(
            "place",
            "Place of death",
            "Deaths notified in the period, by where the person died.",
            _coded(by(area, period, Notification.place_of_death), codes.PLACE_OF_DEATH),
            "Place of death",
        ),
    ]


# What led to a focused review: the policy's automatic triggers, then the reviewer's reasons.
FOCUSED_TRIGGERS = [
    *review.AUTOMATIC_TRIGGERS,
    *(
        (code, wording)
        for code, wording in codes.FOCUSED_REVIEW_REASONS
        if code in codes.FOCUSED_REVIEW_REASONS_FOR["yes"]
    ),
]


REVIEWS, DEATHS, LEARNING = "reviews", "deaths", "learning"
PARTS = {
    REVIEWS: "Reviews and notifications",
    DEATHS: "Who died, how, and their care",
    LEARNING: "Learning and actions",
}

# The address of the reviews behind a count of a theme: link(kind, theme).
ThemeLink = Callable[[str, str], str]


def dashboard(
    area: Area,
    period: Period,
    *,
    deidentified: bool,
    part: str = REVIEWS,
    link: ThemeLink | None = None,
) -> Dashboard:
    if part == DEATHS:
        return Dashboard(area, period, deidentified, [], _deaths_part(area, period, deidentified))
    if part == LEARNING:
        return _learning_part(area, period, deidentified, None if deidentified else link)
    return _reviews_part(area, period, deidentified)


def _reviews_part(area: Area, period: Period, deidentified: bool) -> Dashboard:
    months = _months(area, period, deidentified)
    status, of_status = status_figures(area, period, deidentified)
    key, of_completion = completion_figures(area, period, deidentified)
    notified = _rows([("", status["total"])], deidentified)[0].text
    key.insert(2, KeyFigure("Deaths notified", notified))

    def coded(key, title, description, counts, choices, heading):
        return Figure(
            key, title, description, _rows(_coded(counts, choices), deidentified), heading=heading
        )

    sections = [
        Section("Completing reviews", of_completion),
        Section(
            "Notifications",
            [
                months,
                coded(
                    "not-proceeding",
                    "Not proceeding, by reason",
                    "Deaths notified in the period that were not taken forward to a review, by "
                    "the reason.",
                    queries.not_proceeding_by_reason(area, period),
                    codes.NOT_PROCEEDING_REASONS,
                    "Reason",
                ),
                *of_status,
                coded(
                    "holds",
                    "Holds, by reason",
                    "Times a review was put on hold in the period, by the reason.",
                    queries.holds_by_reason(area, period),
                    codes.HOLD_REASONS,
                    "Reason",
                ),
            ],
        ),
        Section(
            "Focused reviews",
            [
                coded(
                    "focused",
                    "Focused reviews, by what led to them",
                    "Decisions made in the period to carry out a focused review: the policy's "
                    "automatic triggers (a review can have more than one) and the reviewer's "
                    "reasons.",
                    queries.focused_by_trigger(area, period),
                    FOCUSED_TRIGGERS,
                    "Reason",
                )
            ],
        ),
        Section(
            "Involving the family",
            [
                coded(
                    "family",
                    "The family's minimum steps",
                    "Reviews completed in the period where each of the four steps with the "
                    "family is recorded as done.",
                    queries.family_steps_done(area, period),
                    codes.FAMILY_STEPS,
                    "Step",
                )
            ],
        ),
    ]
    return Dashboard(area, period, deidentified, key, sections)


def _deaths_part(area: Area, period: Period, deidentified: bool) -> list[Section]:
    return [
        Section("Who died", who_died_figures(area, period, deidentified)),
        _median_ages(area, period, deidentified),
        Section("Causes of death", _causes(area, period, deidentified)),
        Section(
            "Quality of care",
            [
                grades_figure(queries.quality_grades(area, period), deidentified),
                _care_measures(area, period, deidentified),
            ],
        ),
    ]


def _causes(area: Area, period: Period, deidentified: bool) -> list[Figure]:
    chapters = queries.deaths_by_chapter(area, period)
    names = [name for _, _, name in icd10_groups.CHAPTERS]
    leading = queries.leading_causes(area, period)
    avoidable = queries.avoidable_deaths(area, period)
    return [
        Figure(
            "chapters",
            "Underlying cause of death, by ICD-10 chapter",
            "Reviews completed in the period, by the chapter of ICD-10 of the underlying cause "
            "of death the review records.",
            _rows(
                [(name, chapters.get(name, 0)) for name in [*names, queries.NOT_RECORDED]],
                deidentified,
            ),
            heading="Chapter",
        ),
        leading_figure(leading, deidentified),
        avoidable_figure(avoidable, deidentified),
    ]


def leading_figure(leading: list[tuple[str, int]], deidentified: bool) -> Figure:
    return Figure(
        "leading",
        "Leading underlying causes of death",
        f"The {queries.LEADING} most frequent underlying causes (ICD-10 categories) of the "
        "reviews completed in the period.",
        _rows(
            [
                (f"{code} {review.icd10_title(code) or ''}".strip(), count)
                for code, count in leading
            ],
            deidentified,
        ),
        heading="Cause",
    )


def avoidable_figure(avoidable: queries.Avoidable, deidentified: bool) -> Figure:
    return Figure(
        "avoidable",
        "Avoidable deaths (ONS definition)",
        "Reviews completed in the period: deaths under 75, and those of them whose underlying "
        "cause is on the ONS list of avoidable causes, as preventable, treatable or both (the "
        "ONS counts half of each of those as preventable and half as treatable).",
        _rows(
            [
                ("Deaths reviewed", avoidable.reviewed),
                ("Under 75", avoidable.under_75),
                ("Under 75, from an avoidable cause", avoidable.avoidable),
                ("Under 75, from a preventable cause", avoidable.preventable),
                ("Under 75, from a treatable cause", avoidable.treatable),
                ("Under 75, from a cause both preventable and treatable", avoidable.both),
            ],
            deidentified,
        ),
    )


def grades_figure(grades: dict, deidentified: bool) -> Figure:
    return Figure(
        "grades",
        "Grade of the quality of care",
        "Reviews completed in the period, by the grade given to the quality of the person's "
        "care (1 is best).",
        _rows(
            _coded(grades, [(code, f"Grade {code}") for code, _ in codes.QUALITY_GRADES]),
            deidentified,
        ),
        heading="Grade",
    )


def _care_measures(area: Area, period: Period, deidentified: bool) -> Figure:
    found = queries.care_measures(area, period)
    labels = dict(codes.CARE_QUESTIONS)
    pairs = []
    for question, (relevant, counted) in found.items():
        met = "a delay affected their health" if question == "delays" else "met or followed"
        pairs.append((f"{labels[question]}: relevant", relevant))
        pairs.append((f"{labels[question]}: {met}", counted))
    return Figure(
        "care",
        "Care measures",
        "Reviews completed in the period: for each care question, in how many it was "
        "relevant, and in how many of those the care met it (or, for delays, a delay affected "
        "their health).",
        _rows(pairs, deidentified),
        heading="Care question",
    )


def _median_ages(area: Area, period: Period, deidentified: bool) -> Section:
    def median_rows(found: dict, choices) -> list[Row]:
        rows = []
        for code, wording in choices:
            median, total = found.get(code, (None, 0))
            if median is None:
                rows.append(Row(wording, None, "no deaths"))
            elif deidentified and total < SMALL:
                rows.append(Row(wording, None, "not shown (fewer than 5 deaths)"))
            else:
                rows.append(Row(wording, round(median, 1), f"{median:g} years"))
        return rows

    description = (
        "The middle age at death of the people notified in the period whose death is reviewed"
    )
    groups = [(group, group) for group, _ in codes.ETHNICITY_GROUPS]
    levels = [*codes.LEARNING_DISABILITY_LEVELS, ("not_recorded", "Not recorded in a review")]
    return Section(
        "Age at death",
        [
            Figure(
                "age-sex",
                "Median age at death, by sex",
                f"{description}, by sex.",
                median_rows(queries.median_age_by(area, period, Notification.sex), codes.SEX),
                column="Median age",
                heading="Sex",
            ),
            Figure(
                "age-ethnicity",
                "Median age at death, by ethnic group",
                f"{description}, by ethnic group.",
                median_rows(queries.median_age_by(area, period, queries.ethnic_group()), groups),
                column="Median age",
                heading="Ethnic group",
            ),
            Figure(
                "age-level",
                "Median age at death, by level of learning disability",
                f"{description}, by the level of learning disability their review records.",
                median_rows(queries.median_age_by_ld_level(area, period), levels),
                column="Median age",
                heading="Level of learning disability",
            ),
        ],
    )


# --- Learning and actions ------------------------------------------------------------------------


def theme_figures(
    found: dict[tuple[str, str], int], deidentified: bool, link: ThemeLink | None = None
) -> list[Figure]:
    """One figure for each kind of learning: reviews completed in the period with learning of
    that kind tagged with each theme, each count linked to its reviews where `link` is given."""
    figures = []
    for kind, _ in codes.LEARNING_KINDS:
        rows = _rows(
            [(label, found.get((kind, theme), 0)) for theme, label in codes.THEMES],
            deidentified,
            add_up=False,
        )
        if link is not None:
            rows = [
                replace(row, url=link(kind, theme)) if row.count else row
                for row, (theme, _) in zip(rows, codes.THEMES, strict=True)
            ]
        figures.append(
            Figure(
                f"themes-{kind.replace('_', '-')}",
                f"Themes: {KIND_TITLES[kind]}",
                f"Reviews completed in the period that record {KIND_DESCRIPTIONS[kind]} about "
                "each theme (a review can record several themes).",
                rows,
                column="Reviews",
                heading="Theme",
            )
        )
    return figures


KIND_TITLES = {
    "good_practice": "good practice",
    "improvement": "areas for improvement",
    "concern": "concerns",
}
KIND_DESCRIPTIONS = {
    "good_practice": "good practice",
    "improvement": "an area for improvement",
    "concern": "a concern",
}


def actions_scope(area: Area) -> dict:
    """The area as the actions' counts take it."""
    if area.kind == OrgKind.ICB:
        return {"icb_id": area.organisation_id}
    if area.kind == OrgKind.REGION:
        return {"region_id": area.organisation_id}
    return {}


OVERDUE_LABEL = "Overdue: not started or in progress, and past the due date"


def actions_figure(counts: actions.StatusCounts, deidentified: bool, *, description: str) -> Figure:
    pairs = [(wording, counts.counts[code]) for code, wording in actions.STATUSES]
    return Figure(
        "actions",
        "Actions agreed by the panel, by status today",
        description,
        _rows([*pairs, (OVERDUE_LABEL, counts.overdue)], deidentified),
        column="Actions",
        heading="Status",
    )


def _one(count: int, deidentified: bool) -> str:
    return _rows([("", count)], deidentified)[0].text


def actions_key_figures(counts: actions.StatusCounts, deidentified: bool) -> list[KeyFigure]:
    return [
        KeyFigure("Actions agreed by the panel", _one(counts.total, deidentified)),
        KeyFigure(
            "Actions still open",
            _one(counts.still_open, deidentified),
            "Not started or in progress.",
        ),
        KeyFigure(
            "Actions overdue",
            _one(counts.overdue, deidentified),
            "Still open, and past their due date.",
        ),
        KeyFigure("Actions completed", _one(counts.counts[actions.COMPLETED], deidentified)),
    ]


def _learning_part(
    area: Area, period: Period, deidentified: bool, link: ThemeLink | None
) -> Dashboard:
    counts = actions.status_counts(
        **actions_scope(area), agreed_from=period.start, agreed_to=period.end
    )
    themes = queries.learning_themes(area, period)
    sections = [
        Section("Themes of learning", theme_figures(themes, deidentified, link)),
        Section(
            "Actions",
            [
                actions_figure(
                    counts,
                    deidentified,
                    description="Actions the local governance panels agreed at meetings in "
                    "the period, by where each stands today, and how many of them are overdue.",
                )
            ],
        ),
    ]
    return Dashboard(
        area, period, deidentified, actions_key_figures(counts, deidentified), sections
    )
