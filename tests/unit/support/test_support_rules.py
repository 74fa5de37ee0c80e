"""The support desk's rules with every date written out: where a request goes, and the
first answer's working-day clock in words."""

from datetime import UTC, date, datetime
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest

from leder_web.core.roles import OrgKind
from leder_web.support.presenters import answer_clock, desk_tag, requester_tag
from leder_web.support.service import region_for

MIDLANDS_ID = 2
BIRMINGHAM = SimpleNamespace(id=10, kind=OrgKind.ICB, parent_id=MIDLANDS_ID)
MIDLANDS = SimpleNamespace(id=MIDLANDS_ID, kind=OrgKind.REGION, parent_id=1)
ENGLAND = SimpleNamespace(id=1, kind=OrgKind.NATIONAL, parent_id=None)


@pytest.mark.parametrize(
    ("organisation", "category", "region_id"),
    [
        (BIRMINGHAM, "access", MIDLANDS_ID),
        (BIRMINGHAM, "case", MIDLANDS_ID),
        (BIRMINGHAM, "using", None),
        (BIRMINGHAM, "data", None),
        (BIRMINGHAM, "other", None),
        # A coordinator's or the national team's own question goes to the national team alone.
        (MIDLANDS, "access", None),
        (ENGLAND, "case", None),
    ],
)
def test_access_and_case_questions_from_an_icb_go_to_its_region_too(
    organisation, category, region_id
):
    assert region_for(SimpleNamespace(organisation=organisation), category) == region_id


LONDON = ZoneInfo("Europe/London")
WEDNESDAY = date(2026, 12, 2)
FRIDAY = date(2026, 12, 4)
TUESDAY = date(2026, 12, 8)


@pytest.mark.parametrize(
    ("due_on", "today", "left", "overdue"),
    [
        (WEDNESDAY, date(2026, 11, 30), "2 working days left", False),  # Monday
        (WEDNESDAY, date(2026, 12, 1), "1 working day left", False),
        (WEDNESDAY, WEDNESDAY, "Due today", False),
        (WEDNESDAY, date(2026, 12, 3), "Overdue by 1 working day", True),
        (FRIDAY, date(2026, 12, 5), "Overdue", True),  # the Saturday after
        (FRIDAY, date(2026, 12, 7), "Overdue by 1 working day", True),  # the Monday after
        (TUESDAY, date(2026, 12, 5), "2 working days left", False),  # Saturday: Monday, Tuesday
        # Due the Wednesday after Christmas 2026: Monday 28 is Boxing Day's substitute.
        (date(2026, 12, 30), date(2026, 12, 24), "2 working days left", False),
    ],
)
def test_time_left_in_words(due_on, today, left, overdue):
    clock = answer_clock(due_on, None, today)
    assert clock.left_words == left
    assert clock.overdue is overdue


def test_the_due_date_in_words():
    assert answer_clock(WEDNESDAY, None, WEDNESDAY).due_words == "Due by Wednesday 2 December 2026"


@pytest.mark.parametrize(
    ("due_on", "answered_at", "words"),
    [
        (
            TUESDAY,
            datetime(2026, 12, 8, 17, tzinfo=LONDON),
            "First answered on Tuesday 8 December 2026, within 2 working days",
        ),
        (
            TUESDAY,
            datetime(2026, 12, 9, 10, tzinfo=LONDON),
            "First answered on Wednesday 9 December 2026, 1 working day late",
        ),
        # 23:30 UTC on Tuesday 9 June 2026 is Wednesday in England: a day late.
        (
            date(2026, 6, 9),
            datetime(2026, 6, 9, 23, 30, tzinfo=UTC),
            "First answered on Wednesday 10 June 2026, 1 working day late",
        ),
    ],
)
def test_when_it_was_first_answered_and_whether_on_time(due_on, answered_at, words):
    clock = answer_clock(due_on, answered_at, date(2027, 1, 4))
    assert clock.answered_words == words
    assert clock.overdue is False  # answered: never overdue, however long ago it was due


@pytest.mark.parametrize(
    ("status", "answered", "today", "tag"),
    [
        ("open", False, date(2026, 12, 1), ("New", "blue")),
        ("open", False, date(2026, 12, 3), ("Overdue", "red")),
        ("open", True, date(2026, 12, 3), ("Requester replied", "yellow")),
        ("answered", True, date(2026, 12, 3), ("Answered", "green")),
        ("closed", False, date(2026, 12, 3), ("Closed", "grey")),
    ],
)
def test_how_a_request_stands_for_the_support_desk(status, answered, today, tag):
    answered_at = datetime(2026, 12, 1, 12, tzinfo=UTC) if answered else None
    found = desk_tag(status, answer_clock(WEDNESDAY, answered_at, today))
    assert (found.text, found.colour) == tag


@pytest.mark.parametrize(
    ("status", "text"),
    [("open", "Waiting for an answer"), ("answered", "Answered"), ("closed", "Closed")],
)
def test_how_a_request_stands_for_the_person_who_asked(status, text):
    assert requester_tag(status).text == text
