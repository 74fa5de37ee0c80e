"""The library's list: 20 items a page with GOV.UK pagination that keeps the filters, each
filter narrowing the list, filters it does not offer ignored, and the counts by theme that the
dashboards will read."""

from datetime import UTC, date, datetime

import pytest

from leder_web.core import organisations
from leder_web.core.extensions import db
from leder_web.core.roles import Role
from leder_web.core.workflow import State
from leder_web.library import api as library
from leder_web.models import LibraryItem
from tests.conftest import OTHER_ICB_SAME_REGION, OTHER_REGION_ICB, OWN_ICB
from tests.support.case_work import text_of
from tests.support.factories import make_case
from tests.support.library import PERSON, make_item, proposer


def published(app, icb: str, count: int, **fields) -> None:
    """`count` items published from one signed-off review of the ICB."""
    with app.app_context():
        case = make_case(icb, State.SIGNED_OFF, **PERSON)
        by = proposer(case.icb)
        for _ in range(count):
            make_item(icb, case=case, by=by, **fields)
        db.session.commit()


def titles(page: str) -> list[str]:
    return [title for title in ("Passport", "Bowel chart", "Swallowing plan") if title in page]


def test_twenty_items_a_page_and_the_pagination_keeps_the_filters(app, signed_in):
    published(app, OWN_ICB, 21, title="Passport")
    published(app, OWN_ICB, 1, title="Bowel chart", themes=["constipation"])
    reviewer = signed_in(Role.REVIEWER)

    first = reviewer.get("/library?theme=reasonable_adjustments")
    page = text_of(first.text)
    assert "<title>Learning library: 21 items found, page 1 of 2 – " in first.text
    assert "21 items found, page 1 of 2" in page
    assert page.count("Passport Good practice.") == 20
    assert "Bowel chart" not in page
    assert 'href="/library?theme=reasonable_adjustments&amp;page=2"' in first.text
    assert 'hx-boost="true" hx-target="#library-results"' in first.text

    second = text_of(reviewer.get("/library?theme=reasonable_adjustments&page=2").text)
    assert "21 items found, page 2 of 2" in second
    assert second.count("Passport Good practice.") == 1
    # A page past the last shows the last; a page that is not a number, the first.
    assert "page 2 of 2" in text_of(reviewer.get("/library?page=99").text)
    assert "page 1 of 2" in text_of(reviewer.get("/library?page=two").text)


def test_each_filter_narrows_the_list_and_one_it_does_not_offer_is_ignored(app, signed_in):
    published(app, OWN_ICB, 1, title="Passport")
    published(
        app,
        OTHER_ICB_SAME_REGION,
        1,
        title="Bowel chart",
        summary="Nobody kept a bowel chart at the supported living service.",
        kind="improvement",
        themes=["constipation"],
        service_type="social_care",
    )
    published(
        app,
        OTHER_REGION_ICB,
        1,
        title="Swallowing plan",
        kind="action",
        what_changed="Plans are shared with day services.",
        themes=["aspiration_pneumonia_dysphagia"],
        service_type="social_care",
        summary="Eating and drinking plans were out of date at the day service.",
    )
    with app.app_context():
        south_east = organisations.get_by_name(OTHER_REGION_ICB).parent_id
        midlands = organisations.get_by_name(OWN_ICB).parent_id
    academic = signed_in(Role.ACADEMIC_PARTNER)

    def shown(query: str) -> list[str]:
        return titles(text_of(academic.get(f"/library{query}").text))

    assert shown("") == ["Passport", "Bowel chart", "Swallowing plan"]
    assert shown("?theme=constipation") == ["Bowel chart"]
    assert shown("?service=social_care") == ["Bowel chart", "Swallowing plan"]
    assert shown(f"?region={south_east}") == ["Swallowing plan"]
    assert shown(f"?region={midlands}") == ["Passport", "Bowel chart"]
    assert shown("?kind=action") == ["Swallowing plan"]
    assert shown("?q=DAY+services") == ["Swallowing plan"]  # the words of what changed too
    assert shown("?q=passport+nurse") == ["Passport"]  # every word, anywhere
    assert shown("?q=passport+bowel") == []
    assert shown("?q=100%25") == []  # a wildcard typed is a character searched for
    assert shown("?theme=nonsense&service=x&region=99999&kind=y") == [
        "Passport",
        "Bowel chart",
        "Swallowing plan",
    ]
    nothing = text_of(academic.get("/library?q=unicorn").text)
    assert "No published learning matches the search and filters" in nothing
    assert "Try fewer words, or fewer filters." in nothing


def test_learning_not_yet_published_is_never_listed(app, signed_in):
    with app.app_context():
        make_item(OWN_ICB, status="proposed", title="Passport")
        make_item(OWN_ICB, status="returned", title="Bowel chart")
        db.session.commit()
    page = text_of(signed_in(Role.NATIONAL_TEAM).get("/library").text)
    assert "No learning has been published yet" in page
    assert titles(page) == []
    assert "Learning waiting for your decision (1)" in page
    assert "Your ICB's learning not yet published (2)" in text_of(
        signed_in(Role.LOCAL_AREA_CONTACT).get("/library").text
    )


def test_the_header_links_to_the_library_for_everyone_signed_in(app, signed_in):
    for role in Role:
        home = signed_in(role).get("/home").text
        assert '<a class="govuk-service-navigation__link" href="/library"' in home, role


@pytest.mark.postgresql
def test_published_items_counted_by_theme_for_a_period(app):
    with app.app_context():
        case = make_case(OWN_ICB, State.SIGNED_OFF, **PERSON)
        kent = make_case(OTHER_REGION_ICB, State.SIGNED_OFF, **PERSON)
        by, kent_by = proposer(case.icb), proposer(kent.icb)
        moments = {
            # 31 March 2026, 11:30pm in the UK (BST): in March, though April in UTC terms.
            "march": datetime(2026, 3, 31, 22, 30, tzinfo=UTC),
            "april": datetime(2026, 4, 1, 9, 0, tzinfo=UTC),
        }
        for moment, themes, on in (
            ("march", ["constipation"], case),
            ("april", ["constipation", "sepsis"], case),
            ("april", ["sepsis"], kent),
        ):
            item = make_item(OWN_ICB, case=on, by=by if on is case else kent_by, themes=themes)
            db.session.get(LibraryItem, item.id).published_at = moments[moment]
        make_item(OWN_ICB, case=case, by=by, status="proposed", themes=["sepsis"])
        db.session.flush()
        midlands = case.icb.parent_id

        def counts(start, end, **area):
            found = library.published_counts_by_theme(start, end, **area)
            return {count.code: count.count for count in found if count.count}

        assert counts(date(2026, 4, 1), date(2027, 3, 31)) == {"constipation": 1, "sepsis": 2}
        assert counts(date(2026, 3, 1), date(2026, 3, 31)) == {"constipation": 1}
        assert counts(date(2026, 4, 1), date(2027, 3, 31), region_id=midlands) == {
            "constipation": 1,
            "sepsis": 1,
        }
        assert counts(date(2026, 4, 1), date(2027, 3, 31), icb_id=kent.icb_id) == {"sepsis": 1}
        every = library.published_counts_by_theme(date(2026, 4, 1), date(2027, 3, 31))
        assert [count.code for count in every][:3] == [
            "aspiration_pneumonia_dysphagia",
            "other_respiratory",
            "cancer_screening",
        ]
        assert len(every) == 24
        assert every[4].label == "Sepsis" and every[4].count == 2
