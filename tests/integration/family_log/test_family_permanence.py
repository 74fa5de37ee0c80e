"""Nothing in the family-contact log is ever deleted or rewritten: not through the services,
not directly through the session, and no route offers it."""

from datetime import UTC, datetime

import pytest
from sqlalchemy import delete, func, select, update

from leder_web.core.extensions import db
from leder_web.core.roles import Role
from leder_web.core.workflow import State
from leder_web.family_log import service as family
from leder_web.family_log.service import ContactDetails, FamilyLogError, PersonDetails
from leder_web.models import (
    ContactEntry,
    ContactEntryVersion,
    FamilyContactDecision,
    FamilyMember,
    FamilyMemberVersion,
    User,
)
from leder_web.models.family import HistoryIsPermanent
from tests.conftest import OWN_ICB
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
    db.session.commit()
    return {
        "reviewer": reviewer,
        "case": case,
        "member": member,
        "entry": entry,
        "decision": decision,
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
        )
    ]


def test_the_service_layer_has_no_delete_or_rewrite_function():
    public = {name for name in dir(family) if not name.startswith("_")}
    assert not {name for name in public if any(w in name for w in ("delete", "remove", "purge"))}


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


@pytest.mark.parametrize("which", ["member", "entry", "decision"])
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
    ],
)
def test_bulk_update_or_delete_through_the_session_is_refused(log, statement):
    before = _rows()
    with pytest.raises(HistoryIsPermanent):
        db.session.execute(statement())
    db.session.rollback()
    assert _rows() == before


def test_no_family_route_deletes(app):
    family_rules = [r for r in app.url_map.iter_rules() if r.endpoint.startswith("family.")]
    assert family_rules, "the family blueprint is registered"
    for rule in family_rules:
        assert "DELETE" not in rule.methods, rule
        assert "PUT" not in rule.methods and "PATCH" not in rule.methods, rule
        assert "delete" not in rule.rule.lower() and "remove" not in rule.rule.lower(), rule


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
