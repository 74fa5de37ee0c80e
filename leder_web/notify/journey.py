"""The steps of the "notify a death" journey, in order: one question page each, its form,
its template and any rule across its answers."""

from collections.abc import Callable
from dataclasses import dataclass

from leder_web.notify import forms
from leder_web.notify.service import date_problems


@dataclass(frozen=True)
class Step:
    slug: str
    form: type[forms.NotifyForm]
    template: str = "notify/question.html"
    # Rules across the page's answers, beyond each field's own: values -> {field: message}.
    check: Callable[[dict], dict[str, str]] | None = None

    @property
    def title(self) -> str:
        return self.form.title


STEPS = [
    Step("about-you", forms.AboutYouForm, "notify/about_you.html"),
    Step("name", forms.NameForm, "notify/name.html"),
    Step("dates", forms.DatesForm, "notify/dates.html", check=date_problems),
    Step("nhs-number", forms.NhsNumberForm, "notify/text_question.html"),
    Step("sex", forms.SexForm, "notify/radios_question.html"),
    Step("ethnicity", forms.EthnicityForm, "notify/ethnicity.html"),
    Step("condition", forms.ConditionForm, "notify/radios_question.html"),
    Step("address", forms.AddressForm, "notify/address.html"),
    Step("gp-practice", forms.GpPracticeForm, "notify/text_question.html"),
    Step("death", forms.DeathForm, "notify/death.html"),
    Step("concerns", forms.ConcernsForm, "notify/concerns.html"),
    Step("family", forms.FamilyForm, "notify/family.html"),
]


STEP_BY_SLUG = {step.slug: step for step in STEPS}


def step_for(slug: str) -> Step | None:
    return STEP_BY_SLUG.get(slug)


def previous_step(step: Step) -> Step | None:
    index = STEPS.index(step)
    return STEPS[index - 1] if index > 0 else None


def next_step(step: Step) -> Step | None:
    index = STEPS.index(step)
    return STEPS[index + 1] if index + 1 < len(STEPS) else None


def first_unanswered_step(answers: dict) -> Step | None:
    return next((step for step in STEPS if step.slug not in answers), None)
