"""The steps of the "notify a death" journey, in order: one question page each, its form,
its template, any rule across its answers, and whether it is asked at all.

Whom LeDeR reviews is asked first (eligibility.py), so that nobody types a whole notification
for a death LeDeR cannot review. A family member is asked about themselves ("Can the reviewer
contact you?"), anyone else about the person's family.
"""

from collections.abc import Callable
from dataclasses import dataclass

from leder_web.core.codes import NOTIFIER_IS_FAMILY
from leder_web.notify import forms
from leder_web.notify.service import date_problems


def notifier_is_family(answers: dict) -> bool:
    relationship = answers.get("relationship") or {}
    return relationship.get("notifier_relationship_kind") == NOTIFIER_IS_FAMILY


def notifier_is_not_family(answers: dict) -> bool:
    return not notifier_is_family(answers)


@dataclass(frozen=True)
class Step:
    slug: str
    form: type[forms.NotifyForm]
    template: str = "notify/question.html"
    # Rules across the page's answers, beyond each field's own: values -> {field: message}.
    check: Callable[[dict], dict[str, str]] | None = None
    # Whether the step is asked, given the answers so far; always when None.
    applies: Callable[[dict], bool] | None = None

    @property
    def title(self) -> str:
        return self.form.title

    def asked(self, answers: dict) -> bool:
        return self.applies is None or self.applies(answers)


RADIOS = "notify/radios_question.html"

STEPS = [
    # Whom LeDeR reviews
    Step("relationship", forms.RelationshipForm, "notify/relationship.html"),
    Step("condition", forms.ConditionForm, RADIOS),
    Step("age", forms.AgeForm, RADIOS),
    Step("england", forms.EnglandForm, RADIOS),
    # The rest
    Step("about-you", forms.AboutYouForm, "notify/about_you.html"),
    Step("name", forms.NameForm, "notify/name.html"),
    Step("dates", forms.DatesForm, "notify/dates.html", check=date_problems),
    Step("nhs-number", forms.NhsNumberForm, "notify/text_question.html"),
    Step("sex", forms.SexForm, RADIOS),
    Step("ethnicity", forms.EthnicityForm, "notify/ethnicity.html"),
    Step("address", forms.AddressForm, "notify/address.html"),
    Step("icb", forms.IcbForm, "notify/icb.html"),
    Step("gp-practice", forms.GpPracticeForm, "notify/text_question.html"),
    Step("death", forms.DeathForm, "notify/death.html"),
    Step("opt-out", forms.OptOutForm, RADIOS),
    Step("told-others", forms.ToldOthersForm, "notify/told_others.html"),
    Step("concerns", forms.ConcernsForm, "notify/concerns.html"),
    Step("family", forms.FamilyForm, "notify/family.html", applies=notifier_is_not_family),
    Step("contact-you", forms.ContactYouForm, RADIOS, applies=notifier_is_family),
    Step("invite", forms.InviteForm, "notify/invite.html", applies=notifier_is_family),
]


STEP_BY_SLUG = {step.slug: step for step in STEPS}


def step_for(slug: str) -> Step | None:
    return STEP_BY_SLUG.get(slug)


def _asked(answers: dict) -> list[Step]:
    return [step for step in STEPS if step.asked(answers)]


def previous_step(step: Step, answers: dict) -> Step | None:
    before = [each for each in _asked(answers) if STEPS.index(each) < STEPS.index(step)]
    return before[-1] if before else None


def next_step(step: Step, answers: dict) -> Step | None:
    return next(
        (each for each in _asked(answers) if STEPS.index(each) > STEPS.index(step)),
        None,
    )


def last_step(answers: dict) -> Step:
    return _asked(answers)[-1]


def first_unanswered_step(answers: dict) -> Step | None:
    return next((step for step in _asked(answers) if step.slug not in answers), None)


def asked_answers(answers: dict) -> dict:
    """The answers of the steps that are asked now: a page left behind by a change of answer
    (the family questions after "friend" became "family member") is not sent."""
    return {slug: values for slug, values in answers.items() if _is_asked(slug, answers)}


def _is_asked(slug: str, answers: dict) -> bool:
    step = STEP_BY_SLUG.get(slug)
    return step is not None and step.asked(answers)


def person_name(answers: dict) -> str | None:
    """The name the questions use once it is given: the one they liked to be called."""
    name = answers.get("name") or {}
    return name.get("preferred_name") or name.get("full_name")
