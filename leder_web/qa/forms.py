"""The quality assurance form: the checklist, comments per review section and the decision."""

from functools import cache

from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import GovSubmitInput
from wtforms import HiddenField, SubmitField, TextAreaField

from leder_web.core.forms import CaseForm, Radios, note_field, select
from leder_web.qa.service import CHECKS, OUTCOMES, RESULTS, Decision


def check_field(key: str) -> str:
    return f"check_{key}"


def comment_field(section_key: str) -> str:
    return "comment_" + section_key.replace("-", "_")


class QaForm(CaseForm):
    # Made by qa_form() after the checklist and the section comments, so that the error
    # summary lists problems in the page's order.
    outcome: Radios
    summary: TextAreaField
    submit = SubmitField("Record decision", widget=GovSubmitInput())

    # Set by qa_form(): the review's sections, (field name, section key, title).
    sections: tuple[tuple[str, str, str], ...] = ()

    def decision(self) -> Decision:
        return Decision(
            outcome=self.outcome.data or "",
            summary=self.summary.data,
            checklist={
                check.key: (
                    self[check_field(check.key)].data or None,
                    self[check_field(check.key) + "_comment"].data or None,
                )
                for check in CHECKS
            },
            section_comments={key: self[name].data or "" for name, key, _ in self.sections},
        )


@cache
def _form_class(sections: tuple[tuple[str, str], ...]) -> type[QaForm]:
    fields: dict = {}
    for check in CHECKS:
        fields[check_field(check.key)] = Radios(check.label, choices=RESULTS)
        fields[check_field(check.key) + "_comment"] = note_field(
            "Comment (optional)", "a comment", hint="Needed if it was not met."
        )
    named = []
    for key, title in sections:
        fields[comment_field(key)] = note_field(f"{title}: comment (optional)", "a comment")
        named.append((comment_field(key), key, title))
    fields["sections"] = tuple(named)
    fields["outcome"] = Radios(
        "What happens to the review?",
        choices=OUTCOMES,
        validators=[select("what happens to the review")],
    )
    fields["summary"] = note_field(
        "Summary comment",
        "a summary comment",
        hint=(
            "Needed to return the review (the reviewer reads it) or to escalate it (the local "
            "area contact reads it)."
        ),
    )
    return type("SectionedQaForm", (QaForm,), fields)


def qa_form(sections: list[tuple[str, str]], **kwargs) -> QaForm:
    """The form for a review with these (key, title) sections."""
    return _form_class(tuple(sections))(**kwargs)


class ReplyForm(FlaskForm):
    """A reply to a quality assurance comment."""

    text = note_field("Your reply", "your reply", required=True)
    submit = SubmitField("Add reply", widget=GovSubmitInput())


class ResolveForm(FlaskForm):
    """Mark a comment as resolved: the comment's version when the page was opened."""

    version = HiddenField()
    submit = SubmitField("Mark as resolved", widget=GovSubmitInput())

    def opened_version(self) -> int:
        value = self.version.data or ""
        return int(value) if value.isdigit() and len(value) < 9 else -1
