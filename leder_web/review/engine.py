"""The small form engine every review section is built from: fields, pages, repeatable items,
problems and the rules for "is this section complete?".

Everything here is pure (no database, no request), so the rules are unit-tested without HTTP.
Answers are stored as they were typed: text as strings, checkboxes as lists, dates as
{"day", "month", "year"} strings, so a half-typed date in a draft is never lost.
"""

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date

from leder_web.core import dates, nhs_number
from leder_web.core import notification_summary as wording
from leder_web.review import icd10

NOT_STARTED = "not_started"
IN_PROGRESS = "in_progress"
COMPLETED = "completed"
STATUS_LABELS = {NOT_STARTED: "Not started", IN_PROGRESS: "In progress", COMPLETED: "Completed"}

TEXT = "text"
LONG = "long"
CHOICE = "choice"
CHOICES = "choices"
DATE = "date"
NHS_NUMBER = "nhs_number"
# An ICD-10 code: typed as a code or words, stored as the one code they resolve to (icd10.py).
ICD10 = "icd10"

TEXT_LIMIT = 200
LONG_LIMIT = 2000
LONG_LIMIT_LARGE = 5000


@dataclass(frozen=True)
class Field:
    name: str
    label: str
    kind: str = TEXT
    # The GOV.UK message when a required answer is missing ("Enter …", "Select …").
    error: str = ""
    hint: str = ""
    required: bool = True
    # For messages about the answer's format: "The pen portrait must be 5000 characters or fewer".
    what: str = ""
    limit: int | None = None
    choices: tuple = ()
    # Required only when another answer has this value: ("dnacpr", "yes"), or one of these
    # values: ("condition", ("autism", "both")); a checkbox answer counts when it includes one.
    required_when: tuple[str, str | tuple[str, ...]] | None = None
    # Asked only when the notification left this attribute empty: nothing is typed twice.
    ask_when_missing: str | None = None
    past_only: bool = True

    @property
    def max_length(self) -> int | None:
        if self.kind == LONG:
            return self.limit or LONG_LIMIT
        if self.kind == TEXT:
            return self.limit or TEXT_LIMIT
        return None

    @property
    def anchor(self) -> str:
        """Where an error summary link lands: the day box of a date, the field itself otherwise."""
        return f"{self.name}-day" if self.kind == DATE else self.name

    @property
    def noun(self) -> str:
        return self.what or self.label

    def is_required(self, answers: dict) -> bool:
        if self.required_when is not None:
            other, wanted = self.required_when
            values = set(wanted) if isinstance(wanted, tuple) else {wanted}
            given = answers.get(other)
            if isinstance(given, list):
                return bool(values & set(given))
            return given in values
        return self.required

    def asked(self, notification) -> bool:
        if self.ask_when_missing is None:
            return True
        return not getattr(notification, self.ask_when_missing, None)


@dataclass(frozen=True)
class Page:
    title: str  # may contain {name}: the name the person liked to be called
    fields: tuple[Field, ...]
    lede: str = ""
    # Collapsible guidance for a new reviewer: (summary, text) pairs.
    guidance: tuple[tuple[str, str], ...] = ()
    template: str = "review/page.html"

    def fields_for(self, notification) -> list[Field]:
        return [f for f in self.fields if f.asked(notification)]


@dataclass(frozen=True)
class ItemKind:
    kind: str
    title: str  # "Conversation", shown as "Conversation 2"
    fields: tuple[Field, ...]
    add_label: str
    summary_field: str = ""  # the answer shown beside the item's title


@dataclass(frozen=True)
class Problem:
    message: str
    field: str = ""  # the field name (the error summary links to its anchor)
    page: int | None = None  # 1-based page of the section
    item_id: int | None = None
    add_kind: str | None = None  # "add one of these" problems link to the add page
    section: str | None = None  # the key of another section whose page the problem links to


@dataclass(frozen=True)
class Facts:
    """What the completeness rules may know beyond the answers themselves."""

    notification: object = None
    triggers: tuple = ()
    focused: bool = False
    # What must be done elsewhere before this section can be completed, in words.
    blockers: tuple[str, ...] = ()


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    pages: tuple[Page, ...] = ()
    item_kinds: tuple[ItemKind, ...] = ()
    lede: str = ""
    guidance: tuple[tuple[str, str], ...] = ()
    min_items: int = 0
    min_items_error: str = ""
    required: bool = True
    focused: bool = False
    # Status and page live elsewhere (the family contact log).
    external: bool = False
    defaults: Callable | None = None  # defaults(notification) -> answers before the first save
    rules: tuple[Callable, ...] = ()  # rule(answers, items, facts) -> [Problem]
    complete_label: str = "Mark as complete"
    hub_template: str = "review/section.html"
    # Items are read in the order of this date field (a timeline), not the order they were added.
    order_items_by: str = ""

    def page(self, number: int) -> Page | None:
        return self.pages[number - 1] if 1 <= number <= len(self.pages) else None

    def page_of(self, field_name: str) -> int | None:
        for number, page in enumerate(self.pages, 1):
            if any(f.name == field_name for f in page.fields):
                return number
        return None

    def item_kind(self, kind: str) -> ItemKind | None:
        return next((k for k in self.item_kinds if k.kind == kind), None)

    def all_fields(self) -> list[Field]:
        return [f for page in self.pages for f in page.fields]


# --- Answers: blank, dates, formats --------------------------------------------------------


def is_blank(value) -> bool:
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, dict):
        return all(is_blank(part) for part in value.values())
    if isinstance(value, list | tuple):
        return not any(not is_blank(part) for part in value)
    return False


def format_problem(f: Field, value, today: date | None = None) -> str | None:
    """Why a given (non-blank) answer cannot be kept as it is, or None."""
    limit = f.max_length
    if limit is not None and isinstance(value, str) and len(value) > limit:
        return f"{f.noun} must be {limit} characters or fewer"
    if f.kind == DATE:
        return dates.read_date(value, f.noun, past_only=f.past_only, today=today).problem
    if f.kind == NHS_NUMBER:
        return nhs_number.problem(value)
    if f.kind == ICD10:
        return icd10_problem(f, value)
    if f.kind == CHOICE and f.choices and value not in dict(f.choices):
        return f.error or f"Select {f.noun.lower()}"
    if f.kind == CHOICES and f.choices and not _chosen_from(value, f.choices):
        return f.error or f"Select {f.noun.lower()}"
    return None


def icd10_problem(f: Field, value) -> str | None:
    """Why typed text names no single ICD-10 code (f.what names the line: "part 1a")."""
    found = icd10.resolve(str(value))
    if found.problem == "ambiguous":
        return (
            f"{found.matches} ICD-10 codes match the words for {f.what}: enter the code, "
            "or more words from its title"
        )
    if found.problem is not None:
        return (
            f"Enter an ICD-10 code for {f.what} from the WHO list, like J69.0, "
            "or words from its title"
        )
    return None


def _chosen_from(value, choices) -> bool:
    return isinstance(value, list) and set(value) <= set(dict(choices))


def answer_problems(fields, answers: dict, *, require: bool, today: date | None = None):
    """Problems with the answers to `fields`: formats always, missing answers when `require`."""
    problems = []
    for f in fields:
        value = answers.get(f.name)
        if is_blank(value):
            if require and f.is_required(answers):
                problems.append(Problem(f.error, f.name))
            continue
        if (message := format_problem(f, value, today)) is not None:
            problems.append(Problem(message, f.name))
    return problems


def page_problems(section: Section, number: int, answers: dict, facts: Facts) -> list[Problem]:
    """Checked on every save: only what cannot be stored as typed (too long, not a real date)."""
    page = section.page(number)
    assert page is not None, f"{section.key} has no page {number}"
    fields = page.fields_for(facts.notification)
    return [replace(p, page=number) for p in answer_problems(fields, answers, require=False)]


def item_problems(kind: ItemKind, answers: dict, *, require: bool) -> list[Problem]:
    return answer_problems(kind.fields, answers, require=require)


def section_problems(section: Section, answers: dict, items, facts: Facts) -> list[Problem]:
    """Everything that stops `section` being marked as complete. `items` have .id, .kind and
    .answers, in the order they are shown."""
    problems = []
    for number, page in enumerate(section.pages, 1):
        fields = page.fields_for(facts.notification)
        problems += [
            replace(p, page=number) for p in answer_problems(fields, answers, require=True)
        ]
    counts: dict[str, int] = {}
    for item in items:
        kind = section.item_kind(item.kind)
        if kind is None:
            continue
        counts[item.kind] = counts.get(item.kind, 0) + 1
        for p in item_problems(kind, item.answers or {}, require=True):
            message = f"{kind.title} {counts[item.kind]}: {_sentence_part(p.message)}"
            problems.append(replace(p, message=message, item_id=item.id))
    if len(items) < section.min_items:
        first_kind = section.item_kinds[0].kind if section.item_kinds else None
        problems.append(Problem(section.min_items_error, add_kind=first_kind))
    for rule in section.rules:
        for p in rule(answers, items, facts):
            if p.section is None:
                p = replace(p, page=p.page or section.page_of(p.field))
            problems.append(p)
    return problems


def reading_order(section: Section, items: list) -> list:
    """The section's items as every page shows and numbers them: by date where the section
    says so (earliest first; a date not yet typed in full goes last), otherwise as added."""
    if not section.order_items_by:
        return list(items)

    def key(item):
        typed = (item.answers or {}).get(section.order_items_by)
        on = dates.read_date(typed, "", past_only=False).value if typed else None
        return (on is None, on or date.min)

    return sorted(items, key=key)  # stable: items on the same day stay in the order added


def _sentence_part(message: str) -> str:
    """After a colon, Enter the date reads enter the date; NHS number stays as it is."""
    return message[0].lower() + message[1:] if message[1:2].islower() else message


def status_after_change(current: str, has_content: bool, complete: bool) -> str:
    """A save never marks a section complete; it keeps Completed only while the section still
    passes its own check, and goes back to Not started when everything was removed."""
    if current == COMPLETED and complete:
        return COMPLETED
    return IN_PROGRESS if has_content else NOT_STARTED


# --- What the notification already told us -------------------------------------------------


def notification_summary(note) -> list[tuple[str, str]]:
    """About the person, as told at the front door: shown, never asked again. (Wording and
    order of the rows: core.notification_summary.)"""
    return wording.rows(note, wording.THE_PERSON, leave_out=("icb_name",))
