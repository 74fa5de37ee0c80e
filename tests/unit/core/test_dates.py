"""Dates typed as day, month and year, and ages: the rules every form shares."""

from datetime import date

from leder_web.core import dates


def test_age_counts_whole_years_up_to_the_birthday():
    born = date(2008, 3, 10)
    assert dates.age_on(born, date(2026, 3, 9)) == 17
    assert dates.age_on(born, date(2026, 3, 10)) == 18
    assert dates.age_on(date(2004, 2, 29), date(2022, 2, 28)) == 17
    assert dates.age_on(date(2004, 2, 29), date(2022, 3, 1)) == 18
