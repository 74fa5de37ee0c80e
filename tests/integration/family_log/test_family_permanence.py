"""Nothing in the family-contact log is ever deleted or rewritten: not through the services,
not directly through the session, and not through any page."""

import re
from datetime import UTC, date, datetime

import html5lib
import pytest
from sqlalchemy import delete, func, select, update

from leder_web.core.extensions import db
from leder_web.core.roles import Role
from leder_web.core.workflow import State
from leder_web.family_log import events as family_events
from leder_web.family_log import service as family
from leder_web.family_log import steps
from leder_web.family_log.service import ContactDetails, FamilyLogError, PersonDetails
from leder_web.family_log.steps import StepDone
from leder_web.models import (
    ContactEntry,
    ContactEntryVersion,
    FamilyContactDecision,
    FamilyMember,
    FamilyMemberVersion,
    User,
)
from leder_web.models.family import APPEND_ONLY, FamilyStep, HistoryIsPermanent
from tests.conftest import OWN_ICB, sign_in_as
from tests.support.factories import make_case


@pytest.fixture
def log(app_context, make_user):
    reviewer = db.session.get(User, make_user(Role.REVIEWER))
    case = make_case(OWN_ICB, State.INITIAL_REVIEW, reviewer_id=reviewer.id)
    member = family.add_person(case, PersonDetails("Mary Jones", "Sister"), by=reviewer)
    details = ContactDetails(
        contacted_at=datetime(2026, 10, 1, 10, tzinfo=UTC),
        member_id=member.id,
        method="phone",
        direction="outgoing",
        outcome="spoke",
        summary="First call.",
    )
    entry = family.add_contact(case, details, by=reviewer)
    decision = family.record_decision(
        case, not_contacting=False, reason="Family known", by=reviewer
    )
    told = StepDone(date(2026, 10, 1), "First call.", member.id, explained_limits=True)
    step = steps.record_step_done(case, "told", told, by=reviewer)
    db.session.commit()
    return {
        "reviewer": reviewer,
        "case": case,
        "member": member,
        "entry": entry,
        "decision": decision,
        "step": step,
    }


def _rows():
    return [
        db.session.scalar(select(func.count()).select_from(model))
        for model in (
            FamilyMember,
            FamilyMemberVersion,
            ContactEntry,
            ContactEntryVersion,
            FamilyContactDecision,
            FamilyStep,
        )
    ]


def test_amending_adds_a_version_and_keeps_the_earlier_one_unchanged(log):
    entry, reviewer = log["entry"], log["reviewer"]
    details = ContactDetails.of(entry.current)
    details.summary = "First call: Mary would like a visit."
    family.amend_contact(entry, details, by=reviewer, reason="Added what Mary asked for")
    db.session.commit()
    db.session.expire_all()
    versions = db.session.get(ContactEntry, entry.id).versions
    assert [v.summary for v in versions] == ["First call.", "First call: Mary would like a visit."]
    assert versions[1].change_reason == "Added what Mary asked for"
    assert versions[1].changed_by_id == reviewer.id


def test_an_amendment_without_a_reason_is_refused(log):
    with pytest.raises(FamilyLogError, match="Enter the reason for the change"):
        family.amend_contact(
            log["entry"], ContactDetails.of(log["entry"].current), by=log["reviewer"], reason=" "
        )


@pytest.mark.parametrize("which", ["member", "entry", "decision", "step"])
def test_deleting_through_the_session_is_refused(log, which):
    before = _rows()
    db.session.delete(log[which])
    with pytest.raises(HistoryIsPermanent):
        db.session.flush()
    db.session.rollback()
    assert _rows() == before


@pytest.mark.parametrize(
    ("get", "attribute", "value"),
    [
        (lambda log: log["entry"].current, "summary", "Rewritten"),
        (lambda log: log["member"].current, "name", "Someone else"),
        (lambda log: log["member"].current, "do_not_contact", True),
        (lambda log: log["entry"], "created_by_id", None),
        (lambda log: log["decision"], "reason", "Rewritten"),
        (lambda log: log["step"], "done", False),
    ],
)
def test_changing_a_saved_row_through_the_session_is_refused(log, get, attribute, value):
    setattr(get(log), attribute, value)
    with pytest.raises(HistoryIsPermanent):
        db.session.flush()
    db.session.rollback()
    db.session.expire_all()
    assert db.session.get(ContactEntry, log["entry"].id).current.summary == "First call."
    assert db.session.get(FamilyMember, log["member"].id).current.name == "Mary Jones"


@pytest.mark.parametrize(
    "statement",
    [
        lambda: update(ContactEntryVersion).values(summary="Rewritten"),
        lambda: delete(ContactEntryVersion),
        lambda: delete(FamilyMember),
        lambda: update(FamilyStep).values(details="Rewritten"),
    ],
)
def test_bulk_update_or_delete_through_the_session_is_refused(log, statement):
    before = _rows()
    with pytest.raises(HistoryIsPermanent):
        db.session.execute(statement())
    db.session.rollback()
    assert _rows() == before


# --- Through the pages: what a member of the case team can do ------------------------------------

# What each form is sent with, on top of what the page fills in: corrections that try to say
# something else, and new records. Each must add rows, never change or remove one.
EDITS = {
    "family.add_person": {"name": "Someone else", "relationship_to_person": "Friend"},
    "family.change_person": {"name": "Someone else", "change_reason": "Trying to rewrite"},
    "family.add_contact": {
        "method": "phone",
        "direction": "incoming",
        "outcome": "spoke",
        "summary": "Mary rang back.",
    },
    "family.amend_contact": {"summary": "Rewritten", "change_reason": "Trying to rewrite"},
    "family.decision": {"contacting": "no", "reason": "Trying to replace the decision"},
    # Sent after the decision above not to contact the family: deliberately, with a reason.
    "family.letter_sent": {"do_not_contact_override": "y", "override_reason": "Mary asked"},
    "family.record_step": {"details": "Trying to rewrite", "change_reason": "Trying to rewrite"},
    "family.steps_not_done": {"steps": "final", "reason": "declined", "details": "No copy"},
    "family.focused_review_request": {
        "occurred_on-day": "2",
        "occurred_on-month": "10",
        "occurred_on-year": "2026",
    },
}


@pytest.fixture
def log_on_the_pages(app, make_user):
    """A case allocated to a reviewer, with one person, one contact and one decision in its log
    (all committed), and that reviewer's signed-in client."""
    reviewer_id = make_user(Role.REVIEWER)
    with app.app_context():
        reviewer = db.session.get(User, reviewer_id)
        case = make_case(OWN_ICB, State.INITIAL_REVIEW, reviewer_id=reviewer_id)
        member = family.add_person(case, PersonDetails("Mary Jones", "Sister"), by=reviewer)
        entry = family.add_contact(
            case,
            ContactDetails(
                datetime(2026, 10, 1, 10, tzinfo=UTC),
                member.id,
                "phone",
                "outgoing",
                "spoke",
                "First call.",
            ),
            by=reviewer,
        )
        family.record_decision(case, not_contacting=False, reason="Family known", by=reviewer)
        family_events.record_event(
            case,
            kind=family_events.FOCUSED_REVIEW_REQUESTED,
            member_id=member.id,
            occurred_on=date(2026, 10, 1),
            details=None,
            by=reviewer,
        )
        told = StepDone(date(2026, 10, 1), "First call.", member.id, explained_limits=True)
        steps.record_step_done(case, "told", told, by=reviewer)
        db.session.commit()
        ids = {"reference": case.reference, "member_id": member.id, "entry_id": entry.id}
    client = app.test_client()
    sign_in_as(client, app, reviewer_id)
    return client, ids


def _saved_rows(app) -> dict:
    """Every row of the log, column by column, by table and id."""
    found = {}
    with app.app_context():
        for model in APPEND_ONLY:
            columns = [column.key for column in model.__mapper__.columns]
            found[model.__tablename__] = {
                row.id: {key: getattr(row, key) for key in columns}
                for row in db.session.scalars(select(model))
            }
    return found


def _form_values(page: str, action: str) -> dict[str, list[str]]:
    """What the browser would send from the page's form that posts to `action`."""
    document = html5lib.parse(page, namespaceHTMLElements=False)
    form = next(f for f in document.iter("form") if f.get("action") == action)
    values: dict[str, list[str]] = {}
    for element in form.iter():
        name = element.get("name")
        if not name:
            continue
        if element.tag == "input":
            kind = (element.get("type") or "text").lower()
            if kind in ("submit", "button") or (
                kind in ("checkbox", "radio") and element.get("checked") is None
            ):
                continue
            values.setdefault(name, []).append(element.get("value") or "")
        elif element.tag == "textarea":
            values.setdefault(name, []).append(element.text or "")
        elif element.tag == "select":
            chosen = [o.get("value") for o in element.iter("option") if o.get("selected")]
            values.setdefault(name, []).extend(chosen[:1])
    return values


def _errors(response) -> list[str]:
    return re.findall(r'<a href="#[^"]+">([^<]+)</a>', response.get_data(as_text=True))


def _family_urls(app, ids) -> list[tuple[str, str, set[str]]]:
    """(endpoint, URL, methods) of every page of the family log, for this case."""
    urls = []
    for rule in app.url_map.iter_rules():
        # The findings shared are recorded on a signed-off case, not this one in review; they
        # are added beside the step they supersede (tests/integration/cases/test_closing.py).
        if rule.endpoint.startswith("family.") and rule.endpoint != "family.findings_shared":
            values = {**ids, "letter_type": "follow_up", "step": "told"}
            path = rule.build({name: values[name] for name in rule.arguments})[1]
            urls.append((rule.endpoint, path, set(rule.methods) - {"HEAD", "OPTIONS"}))
    assert len(urls) >= 14, "the family blueprint is registered"
    return sorted(urls)


def test_no_page_of_the_family_log_deletes_or_rewrites_what_it_holds(app, log_on_the_pages):
    """Every family page, opened and sent as the reviewer does: records are added, and what
    was saved before stays exactly as it was. There is no way to delete or edit in place."""
    client, ids = log_on_the_pages
    before = _saved_rows(app)
    for endpoint, path, methods in _family_urls(app, ids):
        for method in ("DELETE", "PUT", "PATCH"):
            assert client.open(path, method=method).status_code == 405, (method, path)
        if "GET" in methods:
            assert client.get(path).status_code == 200, path
        if "POST" in methods:
            page_path = path.removesuffix("/sent")  # a letter is marked sent from its page
            values = _form_values(client.get(page_path).get_data(as_text=True), path)
            values.update({name: [value] for name, value in EDITS[endpoint].items()})
            if endpoint in ("family.add_contact", "family.focused_review_request"):
                values["member_id"] = [str(ids["member_id"])]
            response = client.post(path, data=values)
            assert response.status_code == 302, (path, _errors(response))

    after = _saved_rows(app)
    for table, rows in before.items():
        for row_id, columns in rows.items():
            assert after[table].get(row_id) == columns, f"{table} row {row_id} changed or went"
    # The corrections were saved as new versions beside the old ones, and the people using the
    # log see both.
    history = client.get(f"/cases/{ids['reference']}/family/contacts/{ids['entry_id']}/history")
    words = history.get_data(as_text=True)
    assert "First call." in words and "Rewritten" in words and "Trying to rewrite" in words
    person = client.get(f"/cases/{ids['reference']}/family/people/{ids['member_id']}/history")
    assert "Mary Jones" in person.get_data(as_text=True)
    assert "Someone else" in person.get_data(as_text=True)
    for table in set(before) - {"findings_shared"}:  # recorded only once signed off
        assert len(after[table]) > len(before[table]), f"nothing was added to {table}"


@pytest.mark.postgresql  # a unique constraint in a SAVEPOINT
def test_two_corrections_at_the_same_moment_keep_both_and_the_second_is_told(app, log):
    entry, reviewer = log["entry"], log["reviewer"]
    stale_details = ContactDetails.of(entry.current)
    assert len(entry.versions) == 1  # this session now holds version 1 as the current one
    with app.app_context():
        # Someone else saves a correction first, in their own request.
        other_entry = db.session.get(ContactEntry, entry.id)
        other_details = ContactDetails.of(other_entry.current)
        other_details.summary = "First call, corrected by a colleague."
        family.amend_contact(
            other_entry, other_details, by=db.session.get(User, reviewer.id), reason="Typo"
        )
        db.session.commit()
    stale_details.summary = "First call, corrected by me."
    with pytest.raises(FamilyLogError, match="Someone else corrected this record"):
        family.amend_contact(entry, stale_details, by=reviewer, reason="Clearer")
    db.session.commit()  # the form shows again with the message: the request still commits
    db.session.expire_all()
    summaries = [v.summary for v in db.session.get(ContactEntry, entry.id).versions]
    assert summaries == ["First call.", "First call, corrected by a colleague."]
