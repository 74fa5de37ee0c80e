"""Nothing that identifies a person, and no free text, reaches the national data set: a reviewed
death with a distinctive value in every field of that kind the platform holds about it (the
notification, every text answer and item of the review, the family-contact log, the panel,
its actions, holds, escalations and history) is extracted, downloaded by the academic partner,
and none of the values is in the file."""

import re
from datetime import UTC, date, datetime
from itertools import count
from types import SimpleNamespace

import pytest
from sqlalchemy import select

from leder_web.accounts import service as users
from leder_web.actions import service as actions
from leder_web.core import clock
from leder_web.core.extensions import db
from leder_web.core.roles import Role
from leder_web.core.workflow import State
from leder_web.escalations import service as escalations
from leder_web.extracts import service
from leder_web.family_log import service as family
from leder_web.models import CaseEvent, CaseHold, FamilyStep, PanelDecision, User
from leder_web.panel import service as panel
from leder_web.review import engine
from leder_web.review import sections as review_sections
from tests.conftest import OWN_ICB
from tests.integration.dashboards.helpers import at_noon, with_review
from tests.support.actions import details as action_details
from tests.support.factories import make_case

pytestmark = pytest.mark.postgresql

_tokens = count(1)
# Every distinctive value given, so the test can look for each one in the file.
GIVEN: list[str] = []


def token(kind: str = "Text") -> str:
    value = f"Zq{kind}{next(_tokens):03d}x"
    GIVEN.append(value)
    return value


NHS_NUMBER = "9434765919"
POSTCODE = "ZZ9 9ZQ"
BORN, DIED = date(1957, 2, 19), date(2026, 4, 23)
IDENTIFIERS = [
    NHS_NUMBER,
    "943 476 5919",
    POSTCODE,
    "1957-02-19",
    "19/02/1957",
    "2026-04-23",
    "23/04/2026",
]


def _answer(field: engine.Field):
    """A valid code for a coded answer, a distinctive value for anything typed."""
    if field.kind == engine.CHOICE:
        return field.choices[0][0]
    if field.kind == engine.CHOICES:
        return [field.choices[0][0]]
    if field.kind == engine.DATE:
        return {"day": "19", "month": "2", "year": "1957"}
    if field.kind == engine.ICD10:
        return "J69.0"
    if field.kind == engine.NHS_NUMBER:
        return NHS_NUMBER
    return token()


def _every_answer(section) -> dict:
    return {f.name: _answer(f) for page in section.pages for f in page.fields}


def _notification_fields() -> dict:
    return {
        "full_name": f"{token('Name')} {token('Surname')}",
        "preferred_name": token("Name"),
        "nhs_number": NHS_NUMBER,
        "date_of_birth": BORN,
        "date_of_death": DIED,
        "address": f"{token('Street')} Road, {token('Town')}",
        "postcode": POSTCODE,
        "gp_practice": token("Surgery"),
        "place_of_death_other": token(),
        "notifier_name": token("Notifier"),
        "notifier_relationship": token(),
        "notifier_email": f"{token('mail')}@example.org",
        "notifier_phone": "07700 900123",
        "told_details": token(),
        "concern_details": token(),
        "family_contact_name": token("Sister"),
        "family_contact_relationship": token(),
        "family_contact_details": token("Phone"),
        "family_do_not_contact_reason": token(),
        "others_to_invite": token(),
    }


def _review(case, by) -> None:
    answers = {
        key.replace("-", "_"): _every_answer(section)
        for key, section in review_sections.SECTIONS_BY_KEY.items()
        if not section.external
    }
    answers["the_death"]["underlying_line"] = "1a"
    with_review(case, **answers)
    review = case_review(case)
    review.focused_decision, review.focused_decision_reason_code = "yes", "concerns"
    review.focused_decision_reason = token()
    for section in review_sections.SECTIONS_BY_KEY.values():
        for kind in section.item_kinds:
            answers = {f.name: _answer(f) for f in kind.fields}
            db.session.add(
                review_item(review, section.key, kind.kind, answers, by),
            )


def case_review(case):
    from leder_web.models import Review

    return db.session.scalar(select(Review).where(Review.case_id == case.id))


def review_item(review, section_key, kind, answers, by):
    from leder_web.models import ReviewItem

    return ReviewItem(
        review=review, section_key=section_key, kind=kind, answers=answers, updated_by_id=by.id
    )


def _family_log(case, by) -> None:
    member = family.add_person(
        case,
        family.PersonDetails(
            token("Brother"),
            token(),
            contact_details=token("Phone"),
            postal_address=token("Address"),
            best_times=token(),
            interpreter_language=token(),
            communication_other=token(),
            family_views=token(),
            do_not_contact_reason=token(),
        ),
        by=by,
    )
    family.add_contact(
        case,
        family.ContactDetails(
            datetime(2026, 5, 1, 10, tzinfo=UTC), member.id, "phone", "outgoing", "spoke", token()
        ),
        by=by,
    )
    db.session.add(
        FamilyStep(
            case_id=case.id,
            step="draft",
            done=True,
            done_on=date(2026, 6, 1),
            member_id=member.id,
            details=token(),
            family_comments=token(),
            how_reflected=token(),
            recorded_by_id=by.id,
        )
    )


def _panel_and_action(case, lac) -> None:
    meeting = panel.create_meeting(
        case.icb_id, panel.MeetingDetails(date(2026, 8, 1), "14:00", token("Room")), by=lac
    )
    item = panel.add_to_agenda(meeting, case, by=lac)
    item.conflicts = token()
    db.session.add(
        PanelDecision(
            agenda_item_id=item.id,
            case_id=case.id,
            outcome=panel.SIGNED_OFF,
            reasons=token(),
            grade_agreed=False,
            panel_grade="5",
            panel_grade_reason=token(),
            family_views_presented=True,
            family_invited_to_shape_actions=True,
            referrals=[],
            recorded_by_id=lac.id,
            recorded_at=at_noon(date(2026, 8, 1)),
            confirmed_by_id=lac.id,
            confirmed_at=at_noon(date(2026, 8, 1)),
        )
    )
    case.state = State.SIGNED_OFF.value
    db.session.add(
        CaseEvent(
            case=case,
            kind="state",
            from_state=State.AWAITING_PANEL.value,
            to_state=State.SIGNED_OFF.value,
            at=at_noon(date(2026, 8, 1)),
            details=token(),
        )
    )
    db.session.flush()
    actions.agree_action(
        meeting,
        action_details(
            [case],
            title=token(),
            what_will_change=token(),
            owner_name=token("Owner"),
            owner_role=token(),
            owner_organisation=token(),
            accountable_lead=token(),
            measure=token(),
            baseline=token(),
            target=token(),
        ),
        by=lac,
    )


def a_reviewed_death_with_something_distinctive_everywhere():
    GIVEN.clear()
    case = make_case(OWN_ICB, State.AWAITING_PANEL, **_notification_fields())
    case.notified_at = at_noon(date(2026, 4, 30))
    lac = users.create_user(
        email="distinctive-lac@example.org",
        full_name=token("Lac"),
        password="a long test password",
        role=Role.LOCAL_AREA_CONTACT,
        organisation=case.icb,
    )
    reviewer = SimpleNamespace(id=lac.id)
    _review(case, reviewer)
    _family_log(case, lac)
    db.session.add(
        CaseHold(
            case=case,
            reason="other",
            details=token(),
            started_at=at_noon(date(2026, 5, 1)),
            ended_at=at_noon(date(2026, 5, 8)),
        )
    )
    escalations.raise_escalation(case, by=lac, message=token())
    _panel_and_action(case, lac)
    return case


def test_no_identifier_and_no_free_text_reaches_the_file(app, signed_in, monkeypatch):
    monkeypatch.setattr(clock, "today", lambda: date(2026, 12, 1))
    with app.app_context():
        case = a_reviewed_death_with_something_distinctive_everywhere()
        national = db.session.scalar(select(User).where(User.role == "national_team"))
        extract = service.create_extract(
            service.ExtractRequest(date(2026, 8, 1), date(2026, 8, 31), token("Agreement")),
            by=national,
        )
        db.session.commit()
        extract_id, reference, case_id = extract.id, case.reference, case.id
        given = list(GIVEN)
    assert len(given) > 80  # every text field of the review, the log, the panel, the action...

    academic = signed_in(Role.ACADEMIC_PARTNER)
    content = academic.get(f"/extracts/{extract_id}/download").get_data(as_text=True)
    header, row = content.splitlines()
    assert len(row.split(",")) == len(header.split(","))  # one person, no cell broke the line
    # The agreement's reference is on the extract's page, never in its file.
    for value in [*given, *IDENTIFIERS, reference, "07700 900123", "example.org"]:
        assert value.lower() not in content.lower(), value
    assert not re.search(rf"(^|,){case_id}(,|$)", row.split(",", 2)[0])  # not the row id
    # What is there: codes and numbers, dates as month and year, the age from the full dates.
    values = dict(zip(header.split(","), row.split(","), strict=True))
    assert (values["death_year"], values["death_month"], values["age_at_death"]) == (
        "2026",
        "4",
        "69",
    )
    assert values["grade"] == "5" and values["grade_agreed_by_panel"] == "no"
    assert values["underlying_cause_icd10"] == "J69.0"
    assert values["actions_agreed"] == "1"
    assert values["hold_days"] == "7"
    assert values["family_draft"] == "done"
