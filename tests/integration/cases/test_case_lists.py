"""The lists of cases on home pages, row by row, as the LAC reads them: read as columns, they
must say exactly what the whole case would."""

import re

from sqlalchemy import select

from leder_web.core.extensions import db
from leder_web.core.roles import Role
from leder_web.core.workflow import State
from leder_web.models import User
from tests.support.case_work import new_case, text_of


def _row_of(page: str, reference: str) -> str:
    row = re.search(
        rf'<tr class="govuk-table__row">((?:(?!</tr>).)*{reference}.*?)</tr>', page, re.S
    )
    assert row is not None, f"no row for {reference}"
    return " ".join(text_of(row[1]).split())


def test_a_row_shows_the_full_name_and_birth_date_the_state_the_reviewer_and_the_clock(
    app, signed_in, session_users
):
    with app.app_context():
        reviewer_name = db.session.scalar(
            select(User.full_name).where(User.id == session_users[Role.REVIEWER])
        )
    allocated = new_case(
        app,
        State.INITIAL_REVIEW,
        full_name="Margaret Ellis",
        preferred_name="Maggie",
        reviewer_id=session_users[Role.REVIEWER],
        due_in_days=-3,
    )
    waiting = new_case(
        app, State.AWAITING_ALLOCATION, full_name="Robert Stone", preferred_name=None, due_in_days=5
    )
    born = "Born 14 March 1968"  # the test notifications' date of birth
    page = signed_in(Role.LOCAL_AREA_CONTACT).get("/home").get_data(as_text=True)
    due = page[page.index("Overdue or due within 28 days") :]
    assert _row_of(due, allocated).startswith(
        f"Margaret Ellis {born} {allocated} Initial review {reviewer_name}"
    )
    assert _row_of(due, allocated).endswith("Overdue by 3 days")
    assert _row_of(due, waiting).startswith(f"Robert Stone {born} {waiting} Awaiting allocation")
    assert "Not allocated" in _row_of(due, waiting)
    assert '<strong class="govuk-tag govuk-tag--red">Overdue by 3 days</strong>' in due


def test_a_state_reads_the_same_tag_on_every_row(app, signed_in):
    first = new_case(app, State.AWAITING_ALLOCATION, due_in_days=2)
    second = new_case(app, State.AWAITING_ALLOCATION, due_in_days=3)
    page = signed_in(Role.LOCAL_AREA_CONTACT).get("/home").get_data(as_text=True)
    waiting = page[page.index("Waiting for allocation") : page.index("Overdue or due within")]
    for reference in (first, second):
        row = re.search(rf"{reference}</a></td>\s*<td[^>]*>(.*?)</td>", waiting, re.S)
        assert row is not None
        assert (
            row[1].strip()
            == '<strong class="govuk-tag govuk-tag--yellow">\n  Awaiting allocation\n</strong>'
        )


def test_a_name_typed_with_markup_is_shown_as_typed_never_run(app, signed_in, session_users):
    # Anyone can notify a death: the name on a list is whatever the notifier typed.
    typed = new_case(
        app,
        State.INITIAL_REVIEW,
        full_name='Ann <script>alert("x")</script> & Co',
        preferred_name=None,
        reviewer_id=session_users[Role.REVIEWER],
    )
    page = signed_in(Role.REVIEWER).get("/home").get_data(as_text=True)
    assert "<script>alert" not in page
    assert "Ann &lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; Co" in page
    assert _row_of(page, typed).startswith('Ann <script>alert("x")</script> & Co Born')
