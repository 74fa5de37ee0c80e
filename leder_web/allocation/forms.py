"""Allocation, reallocation and holds."""

from govuk_frontend_wtf.wtforms_widgets import (
    GovSubmitInput,
)
from wtforms import SubmitField

# types-WTForms describes WTForms 3.2, which had no SelectChoice (new in 3.3).
from wtforms.fields.choices import SelectChoice  # type: ignore[attr-defined]

from leder_web.core import codes as reference
from leder_web.core.forms import CaseForm, Radios, note_field, select


class AllocationForm(CaseForm):
    reviewer = Radios(
        "Who should review this case?", validate_choice=False, validators=[select("a reviewer")]
    )
    note = note_field(
        "Note for the reviewer (optional)",
        "a note",
        hint="It is kept in the case history. The email to the reviewer gives only the reference.",
    )
    submit = SubmitField("Allocate case", widget=GovSubmitInput())

    def set_reviewers(self, workloads) -> None:
        self.reviewer.choices = [
            SelectChoice(value=str(w.reviewer.id), label=w.reviewer.full_name) for w in workloads
        ]
        # Radio `items` params, in choice order: each reviewer's workload as hint text.
        self.reviewer_items = [{"hint": {"text": w.words}} for w in workloads]


class ReallocationForm(AllocationForm):
    note = note_field(
        "Why is the case being reallocated?", "why the case is being reallocated", required=True
    )
    submit = SubmitField("Reallocate case", widget=GovSubmitInput())


class HoldForm(CaseForm):
    reason = Radios(
        "Why is the case going on hold?",
        choices=reference.HOLD_REASONS,
        validators=[select("why the case is going on hold")],
    )
    details = note_field(
        "Details",
        "details",
        hint="For example, the date of the inquest. Needed if you chose another reason.",
    )
    submit = SubmitField("Place on hold", widget=GovSubmitInput())


class RegionalReallocationForm(CaseForm):
    """The regional coordinator's reallocation to a reviewer of any ICB of the region."""

    reviewer = Radios(
        "Who should review this case?", validate_choice=False, validators=[select("a reviewer")]
    )
    reason = note_field(
        "Why is the case being reallocated?",
        "why the case is being reallocated",
        required=True,
        hint=(
            "It is kept in the case history and shown to the new reviewer. "
            "The email to the reviewer gives only the reference."
        ),
    )
    submit = SubmitField("Reallocate case", widget=GovSubmitInput())

    def set_reviewers(self, workloads) -> None:
        self.reviewer.choices = [
            SelectChoice(value=str(w.reviewer.id), label=w.reviewer.full_name) for w in workloads
        ]
        self.reviewer_items = [
            {"hint": {"text": f"{w.reviewer.organisation.name}: {w.words}"}} for w in workloads
        ]
