"""The periods a dashboard covers: financial years from April to March, and their quarters."""

from datetime import date

from leder_web.dashboards import periods


def test_a_financial_year_runs_from_april_to_march():
    year = periods.financial_year(2026)
    assert (year.start, year.end, year.label) == (
        date(2026, 4, 1),
        date(2027, 3, 31),
        "April 2026 to March 2027",
    )


def test_the_year_of_a_day_in_january_to_march_is_the_one_that_began_the_april_before():
    assert periods.year_of(date(2027, 3, 31)) == 2026
    assert periods.year_of(date(2026, 4, 1)) == 2026
    assert periods.year_of(date(2026, 3, 31)) == 2025


def test_the_fourth_quarter_is_january_to_march_of_the_next_calendar_year():
    q4 = periods.quarter(2026, 4)
    assert (q4.start, q4.end, q4.label) == (
        date(2027, 1, 1),
        date(2027, 3, 31),
        "January to March 2027",
    )
    q3 = periods.quarter(2026, 3)
    assert (q3.start, q3.end) == (date(2026, 10, 1), date(2026, 12, 31))
    assert periods.quarter_of(date(2027, 2, 28)) == (2026, 4)
    assert periods.quarter_of(date(2026, 7, 1)) == (2026, 2)


def test_the_choices_reach_the_current_quarter_and_year_and_no_further():
    today = date(2026, 11, 30)
    assert periods.quarter_choices(today)[:2] == [
        ("2026-3", "October to December 2026"),
        ("2026-2", "July to September 2026"),
    ]
    assert periods.quarter_choices(today)[-1] == ("2024-1", "April to June 2024")
    assert periods.year_choices(today)[0] == ("2026", "April 2026 to March 2027")
    assert periods.year_choices(today)[-1] == ("2021", "April 2021 to March 2022")


def test_a_quarter_is_read_only_from_its_own_shape():
    assert periods.read_quarter("2025-2") == periods.quarter(2025, 2)
    for typed in ("2025-5", "25-1", "2025", "x-1", ""):
        assert periods.read_quarter(typed) is None


def test_a_period_lists_the_months_it_touches():
    chosen = periods.custom(date(2026, 11, 15), date(2027, 1, 3))
    assert chosen.months == [date(2026, 11, 1), date(2026, 12, 1), date(2027, 1, 1)]
    assert chosen.label == "15 November 2026 to 3 January 2027"
