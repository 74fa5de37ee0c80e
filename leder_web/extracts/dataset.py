"""The national data set, one row per reviewed death: its columns, and how each is made from
what the platform holds about a case (CaseFacts, read by queries.py in a few statements).

The de-identification rules, each held here once:
- no name, NHS number, address, postcode, GP practice or contact details, and no free text:
  every value is a number, a code from a reference list (core.codes) or an ICD-10 code, and a
  value that is not one of those (text in a coded answer, say) is left blank;
- the person is a pseudonymous id (pseudonyms.py), never the case's reference or row id;
- dates go as month and year only; ages and intervals are worked out from the full dates first;
- the rows are in the order of their ids, which says nothing about when a case came in.
"""

import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime

from leder_web.core import codes
from leder_web.core.clock import uk_day
from leder_web.core.dates import age_on, read_date
from leder_web.core.spreadsheets import csv_text
from leder_web.core.workflow import State

YNK = codes.YES_NO_NOT_KNOWN
# The review's automatic focused review triggers, by code, with the words a decision names them
# by (review.api.AUTOMATIC_TRIGGERS: the title).
TriggerTitles = Iterable[tuple[str, str]]
ICD10_CODE = re.compile(r"[A-Z][0-9]{2}(\.[0-9A-Z]{1,4})?")
LIST_SEPARATOR = ";"
DONE = "done"


@dataclass
class CaseFacts:
    """What the data set is made from, for one case; free text is never part of it, except
    the focused review decision's reason, read only for the names of the automatic triggers
    it gives."""

    case_id: int
    region: str
    icb: str
    notified_at: datetime
    not_proceeding_reason: str | None
    # The notification.
    date_of_birth: date
    date_of_death: date
    sex: str
    ethnicity: str
    condition: str
    place_of_death: str
    usual_home: str
    covid_related: str
    criminal_justice_or_detention: str
    # The review: each section's answers by its key; the decision on a focused review.
    sections: dict[str, dict] = field(default_factory=dict)
    focused_decision: str | None = None
    focused_reason_code: str | None = None
    focused_reason_words: str | None = None
    # (kind, themes) of each learning item; the type of each other review or investigation.
    learning: list[tuple[str, list[str]]] = field(default_factory=list)
    investigations: list[str] = field(default_factory=list)
    # When the case first reached each state.
    first_reached: dict[str, datetime] = field(default_factory=dict)
    # (reason, started, ended) of each hold.
    holds: list[tuple[str, datetime, datetime | None]] = field(default_factory=list)
    # The latest record of each family step: (done, the reason it could not be).
    family_steps: dict[str, tuple[bool, str | None]] = field(default_factory=dict)
    # The panel's confirmed sign-off: (grade agreed, the panel's own grade).
    panel_grade: tuple[bool, str | None] | None = None
    # The status of each action the panel agreed that answers this review.
    action_statuses: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Column:
    name: str
    description: str


def _coded(value, choices) -> str:
    """The stored code if the list has it; anything else (text, a code since removed) blank."""
    known = {code for code, _ in choices}
    return value if isinstance(value, str) and value in known else ""


def _codes(values, choices) -> str:
    """Several codes of one list, in the list's order, joined by semicolons."""
    chosen = set(values) if isinstance(values, list) else set()
    return LIST_SEPARATOR.join(code for code, _ in choices if code in chosen)


def _icd10(value) -> str:
    if not isinstance(value, str):
        return ""
    code = value.strip().upper()
    return code if ICD10_CODE.fullmatch(code) else ""


# A value of the file: a code, a whole number, or "" (not recorded). Numbers stay numbers, so
# that the file keeps a negative interval as a number (core.spreadsheets).
Value = str | int


def _days(start: date, end: date | None) -> Value:
    return "" if end is None else (end - start).days


def _count(value: int) -> Value:
    return value


# --- The columns -----------------------------------------------------------------------------

CARE_ANSWERS = [
    # (the answer's name in the care topics section, its code list)
    ("mental_capacity_act", YNK),
    ("mental_capacity_act_met", YNK),
    ("dnacpr", YNK),
    ("dnacpr_met", YNK),
    ("dnacpr_ld_reason", YNK),
    ("delays", YNK),
    ("delays_harm", YNK),
    ("guidelines", YNK),
    ("guidelines_met", YNK),
    ("care_package", YNK),
    ("care_package_met", YNK),
    ("dols", YNK),
    ("dols_met", YNK),
    ("reasonable_adjustments", YNK),
    ("reasonable_adjustments_met", codes.REASONABLE_ADJUSTMENTS_MADE),
    ("health_check", YNK),
    ("health_check_met", YNK),
    *((code, YNK) for code, _ in codes.OTHER_CARE_TOPICS),
    ("flu_vaccine", codes.VACCINATION),
    ("pneumococcal_vaccine", codes.VACCINATION),
    ("covid_vaccine", codes.VACCINATION),
]
GP_ANSWERS = ["annual_health_check", "health_action_plan", "ld_register", "medication_reviews"]
DEATH_ANSWERS = [
    # (the answer's name in the death section, the column's name, its code list)
    ("expected", "death_expected", YNK),
    ("post_mortem", "post_mortem", YNK),
    ("medical_examiner", "medical_examiner", YNK),
    ("coroner", "coroner_referral", YNK),
    ("inquest", "inquest", codes.INQUEST),
    ("inquest_conclusion", "inquest_conclusion", codes.INQUEST_CONCLUSIONS),
    ("pfd_report", "prevention_of_future_deaths_report", YNK),
    ("other_reviews", "other_reviews", YNK),
    ("safeguarding_referral", "safeguarding_referral", codes.YES_NO),
]
CAUSE_LINES = [line for line, _ in codes.CAUSE_OF_DEATH_LINES]
MILESTONES = [
    # (column, the state first reached)
    ("days_notification_to_allocation", State.INITIAL_REVIEW),
    ("days_notification_to_focused_review", State.FOCUSED_REVIEW),
    ("days_notification_to_first_submission", State.QUALITY_ASSURANCE),
    ("days_notification_to_panel", State.AWAITING_PANEL),
    ("days_notification_to_sign_off", State.SIGNED_OFF),
    ("days_notification_to_closure", State.CLOSED),
]
FAMILY_STEP_COLUMNS = [(f"family_{step}", step) for step, _ in codes.FAMILY_STEPS]
ACTION_DONE = "completed"


def _columns() -> list[Column]:
    found = [
        Column(
            "person_id", "Pseudonymous id: HMAC-SHA256 of the case, with the key of key_version"
        ),
        Column("key_version", "The version of the key the person_id was made with"),
        Column("region", "NHS England region"),
        Column("icb", "Integrated care board"),
        Column("notification_year", "Year the death was notified"),
        Column("notification_month", "Month the death was notified (1 to 12)"),
        Column("death_year", "Year of death"),
        Column("death_month", "Month of death (1 to 12)"),
        Column("age_at_death", "Age at death in whole years, from the full dates"),
        Column("sex", "Sex (codes: SEX)"),
        Column("ethnicity", "Ethnicity, ONS 2021 census category (codes: ETHNICITY)"),
        Column(
            "ethnicity_source",
            "Where the reviewer checked it (codes: DETAILS_SOURCES, ; between several), or "
            "'notification' if the review did not record it",
        ),
        Column("condition", "Learning disability, autism or both (codes: CONDITION)"),
        Column("learning_disability_level", "Level of learning disability"),
        Column("autism_documented", "Autism diagnosis documented in the medical record"),
        Column("long_term_conditions", "Long-term conditions (codes, ; between several)"),
        Column("living_situation", "Where they lived (codes: LIVING_SITUATIONS)"),
        Column("place_of_death", "Place of death (codes: PLACE_OF_DEATH)"),
        Column("died_at_usual_home", "Whether the place of death was their usual home"),
        Column("covid_related", "Whether the death was related to COVID-19"),
        Column(
            "criminal_justice_or_detention",
            "In contact with criminal justice or detained under mental health law in the last "
            "5 years (as notified)",
        ),
        Column("cause_of_death_source", "Where the cause of death comes from"),
        *(Column(f"cause_{line}_icd10", f"ICD-10 code of part {line}") for line in CAUSE_LINES),
        Column("underlying_cause_line", "Which line is the underlying cause"),
        Column("underlying_cause_icd10", "ICD-10 code of the underlying cause"),
        *(Column(name, f"The death: {answer}") for answer, name, _ in DEATH_ANSWERS),
        Column("other_investigation_types", "Other reviews or investigations (codes, ;)"),
        *(Column(name, f"GP records: {name}") for name in GP_ANSWERS),
        *(Column(name, f"Care topics: {name}") for name, _ in CARE_ANSWERS),
        Column("overall_quality_concerns", "Concerns about the overall quality of care"),
        Column("grade_reviewer", "The reviewer's grade of the quality of care (1 to 6)"),
        Column("grade_agreed_by_panel", "Whether the panel agreed the reviewer's grade"),
        Column("grade", "The grade as signed off: the panel's, if it gave another"),
        *(
            Column(f"learning_{kind}", f"Number of learning items: {kind}")
            for kind, _ in codes.LEARNING_KINDS
        ),
        *(
            Column(f"theme_{theme}_{kind}", f"Number of {kind} items tagged {theme}")
            for theme, _ in codes.THEMES
            for kind, _ in codes.LEARNING_KINDS
        ),
        Column("actions_agreed", "Actions the panel agreed that answer this review"),
        Column("actions_completed", "Of those, how many are completed"),
        Column("review_type", "initial, or focused if it went on to a focused review"),
        Column("focused_review_decision", "The decision on a focused review (yes or no)"),
        Column(
            "focused_review_reason",
            "The reason chosen (codes: FOCUSED_REVIEW_REASONS), or 'automatic'",
        ),
        Column(
            "focused_review_triggers",
            "The policy's automatic triggers that applied (ethnicity, family_asked, "
            "autistic_adult; ; between several)",
        ),
        *(
            Column(name, f"Family step {step}: 'done', or why it was not (FAMILY_STEP_REASONS)")
            for name, step in FAMILY_STEP_COLUMNS
        ),
        Column("pen_portrait_written_with_family", "Whether the family helped write it"),
        Column("days_death_to_notification", "Days from the death to its notification"),
        *(
            Column(name, f"Days from notification until the case first reached {state.value}")
            for name, state in MILESTONES
        ),
        Column("hold_days", "Days on hold, all holds together"),
        Column("hold_count", "Number of holds"),
        Column("hold_reasons", "Reasons for the holds (codes: HOLD_REASONS, ;)"),
        Column(
            "not_proceeding_reason",
            "Why a case is not proceeding (codes: NOT_PROCEEDING_REASONS): blank for a reviewed "
            "death, as reopening a case clears it",
        ),
        Column(
            "child_death_review",
            "yes if a child death review was part of the case (a hold or another review)",
        ),
    ]
    return found


COLUMNS = _columns()
HEADER = [column.name for column in COLUMNS]


# --- One row -----------------------------------------------------------------------------------


def date_of_birth(facts: CaseFacts) -> date:
    """As the review recorded it, checked against the records; else as notified."""
    typed = facts.sections.get("about-person", {}).get("date_of_birth")
    reading = read_date(typed, "Date of birth") if typed else None
    return reading.value if reading and reading.value else facts.date_of_birth


def _about(facts: CaseFacts, name: str, choices, notified: str | None = None) -> str:
    answer = facts.sections.get("about-person", {}).get(name)
    return _coded(answer, choices) or _coded(notified, choices)


def _ethnicity_source(facts: CaseFacts) -> str:
    about = facts.sections.get("about-person", {})
    if _coded(about.get("ethnicity"), codes.ETHNICITY):
        return _codes(about.get("details_source"), codes.DETAILS_SOURCES)
    return "notification" if _coded(facts.ethnicity, codes.ETHNICITY) else ""


def _cause_values(death: dict) -> dict[str, str]:
    values = {
        f"cause_{line}_icd10": _icd10(death.get(f"cause_{line}_code")) for line in CAUSE_LINES
    }
    line = _coded(death.get("underlying_line"), codes.CAUSE_OF_DEATH_LINES)
    values["cause_of_death_source"] = _coded(
        death.get("cause_source"), codes.CAUSE_OF_DEATH_SOURCES
    )
    values["underlying_cause_line"] = line
    values["underlying_cause_icd10"] = values.get(f"cause_{line}_icd10", "") if line else ""
    return values


def _grade_values(facts: CaseFacts) -> dict[str, str]:
    quality = facts.sections.get("quality-of-care", {})
    reviewer = _coded(quality.get("grade"), codes.QUALITY_GRADES)
    agreed, panel = facts.panel_grade if facts.panel_grade else (None, None)
    final = reviewer
    if agreed is False and _coded(panel, codes.QUALITY_GRADES):
        final = str(panel)
    return {
        "overall_quality_concerns": _coded(quality.get("overall_concerns"), codes.YES_NO),
        "grade_reviewer": reviewer,
        "grade_agreed_by_panel": "" if agreed is None else ("yes" if agreed else "no"),
        "grade": final,
    }


def _learning_values(facts: CaseFacts) -> dict[str, Value]:
    kinds = {code for code, _ in codes.LEARNING_KINDS}
    themes = {code for code, _ in codes.THEMES}
    by_kind: Counter = Counter()
    by_theme: Counter = Counter()
    for kind, tagged in facts.learning:
        if kind not in kinds:
            continue
        by_kind[kind] += 1
        for theme in set(tagged) & themes:
            by_theme[theme, kind] += 1
    values: dict[str, Value] = {f"learning_{kind}": _count(by_kind[kind]) for kind in sorted(kinds)}
    for theme in themes:
        for kind in kinds:
            values[f"theme_{theme}_{kind}"] = _count(by_theme[theme, kind])
    return values


def _focused_values(facts: CaseFacts, triggers: TriggerTitles) -> dict[str, str]:
    reasons = [*codes.FOCUSED_REVIEW_REASONS, ("automatic", "")]
    named = []
    if facts.focused_reason_code == "automatic" and facts.focused_reason_words:
        named = [code for code, title in triggers if title in facts.focused_reason_words]
    went_focused = State.FOCUSED_REVIEW.value in facts.first_reached
    return {
        "review_type": "focused" if went_focused else "initial",
        "focused_review_decision": _coded(facts.focused_decision, codes.YES_NO),
        "focused_review_reason": _coded(facts.focused_reason_code, reasons),
        "focused_review_triggers": LIST_SEPARATOR.join(sorted(named)),
    }


def _family_values(facts: CaseFacts) -> dict[str, str]:
    values = {}
    for name, step in FAMILY_STEP_COLUMNS:
        recorded = facts.family_steps.get(step)
        if recorded is None:
            values[name] = ""
        else:
            done, reason = recorded
            values[name] = DONE if done else _coded(reason, codes.FAMILY_STEP_REASONS)
    portrait = facts.sections.get("pen-portrait", {}).get("written_with_family")
    values["pen_portrait_written_with_family"] = _coded(portrait, codes.YES_NO)
    return values


def _time_values(facts: CaseFacts) -> dict[str, Value]:
    notified = uk_day(facts.notified_at)
    values = {"days_death_to_notification": _days(facts.date_of_death, notified)}
    for name, state in MILESTONES:
        reached = facts.first_reached.get(state.value)
        values[name] = _days(notified, uk_day(reached) if reached else None)
    ended = [(reason, start, end) for reason, start, end in facts.holds if end is not None]
    values["hold_days"] = _count(sum((uk_day(end) - uk_day(start)).days for _, start, end in ended))
    values["hold_count"] = _count(len(facts.holds))
    values["hold_reasons"] = _codes([reason for reason, _, _ in facts.holds], codes.HOLD_REASONS)
    return values


def _child_death_review(facts: CaseFacts) -> str:
    cdr = "child_death_review"
    held = any(reason == cdr for reason, _, _ in facts.holds)
    return "yes" if held or cdr in facts.investigations else "no"


def row_values(
    facts: CaseFacts, person_id: str, key_version: str, triggers: TriggerTitles
) -> dict[str, Value]:
    """Every column's value for one case: a number, a code or blank."""
    about = facts.sections.get("about-person", {})
    death = facts.sections.get("the-death", {})
    care = facts.sections.get("care-topics", {})
    gp = facts.sections.get("gp-records", {})
    born = date_of_birth(facts)
    notified = uk_day(facts.notified_at)
    values = {
        "person_id": person_id,
        "key_version": key_version,
        "region": facts.region,
        "icb": facts.icb,
        "notification_year": notified.year,
        "notification_month": notified.month,
        "death_year": facts.date_of_death.year,
        "death_month": facts.date_of_death.month,
        "age_at_death": age_on(born, facts.date_of_death),
        "sex": _about(facts, "sex", codes.SEX, facts.sex),
        "ethnicity": _about(facts, "ethnicity", codes.ETHNICITY, facts.ethnicity),
        "ethnicity_source": _ethnicity_source(facts),
        "condition": _about(facts, "condition", codes.CONDITION, facts.condition),
        "learning_disability_level": _coded(
            about.get("ld_level"), codes.LEARNING_DISABILITY_LEVELS
        ),
        "autism_documented": _coded(about.get("autism_documented"), YNK),
        "long_term_conditions": _codes(
            about.get("long_term_conditions"), codes.LONG_TERM_CONDITIONS
        ),
        "living_situation": _coded(about.get("living_situation"), codes.LIVING_SITUATIONS),
        "place_of_death": _coded(death.get("place_of_death"), codes.PLACE_OF_DEATH)
        or _coded(facts.place_of_death, codes.PLACE_OF_DEATH),
        "died_at_usual_home": _coded(facts.usual_home, YNK),
        "covid_related": _coded(death.get("covid_related"), YNK)
        or _coded(facts.covid_related, YNK),
        "criminal_justice_or_detention": _coded(facts.criminal_justice_or_detention, YNK),
        **_cause_values(death),
        **{name: _coded(death.get(answer), choices) for answer, name, choices in DEATH_ANSWERS},
        "other_investigation_types": _codes(facts.investigations, codes.OTHER_INVESTIGATIONS),
        **{name: _coded(gp.get(name), YNK) for name in GP_ANSWERS},
        **{name: _coded(care.get(name), choices) for name, choices in CARE_ANSWERS},
        **_grade_values(facts),
        **_learning_values(facts),
        "actions_agreed": _count(len(facts.action_statuses)),
        "actions_completed": _count(sum(s == ACTION_DONE for s in facts.action_statuses)),
        **_focused_values(facts, triggers),
        **_family_values(facts),
        **_time_values(facts),
        "not_proceeding_reason": _coded(facts.not_proceeding_reason, codes.NOT_PROCEEDING_REASONS),
        "child_death_review": _child_death_review(facts),
    }
    return values


# --- The file and its completeness --------------------------------------------------------------


@dataclass(frozen=True)
class Built:
    content: bytes
    record_count: int
    completeness: dict


def build(
    facts: list[CaseFacts],
    pseudonym: Callable[[int], str],
    key_version: str,
    icbs: list[tuple[str, str]],
    triggers: TriggerTitles,
) -> Built:
    """The CSV file (UTF-8, spreadsheet-safe, rows in the order of their ids) and the counts
    that check it: records per ICB (every ICB in `icbs`: (region, ICB) in their order), and
    how many records have a coded underlying cause, an age and a grade."""
    triggers = list(triggers)
    rows = [row_values(case, pseudonym(case.case_id), key_version, triggers) for case in facts]
    rows.sort(key=lambda values: str(values["person_id"]))
    table = [HEADER, *([values[name] for name in HEADER] for values in rows)]
    per_icb = Counter((values["region"], values["icb"]) for values in rows)
    known = [[region, icb, per_icb.get((region, icb), 0)] for region, icb in icbs]
    others = sorted(set(per_icb) - {(region, icb) for region, icb in icbs})
    known += [[region, icb, per_icb[region, icb]] for region, icb in others]
    completeness = {
        "per_icb": known,
        "with_coded_cause": sum(values["underlying_cause_icd10"] != "" for values in rows),
        "with_age": sum(values["age_at_death"] != "" for values in rows),
        "with_grade": sum(values["grade"] != "" for values in rows),
    }
    return Built(csv_text(table).encode("utf-8"), len(rows), completeness)
