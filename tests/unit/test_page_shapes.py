"""Pages of one shape differ only in their data; anything a browser or axe could find differs."""

from tests.support.page_shapes import shape_key


def page(main: str, account: str = "Sam Reviewer") -> str:
    return (
        '<html lang="en"><head><title>Case – LeDeR</title>'
        '<script nonce="n1">x()</script></head><body><header>'
        f'<div class="leder-account"><a href="/account">{account}</a></div></header>'
        f'<main><form method="post" action="/x"><input type="hidden" name="csrf_token" '
        f'value="token-1"></form>{main}</main></body></html>'
    )


def table(*rows: tuple[str, int]) -> str:
    cells = "".join(
        f'<tr class="govuk-table__row"><td><a href="/cases/{name}">{name}</a></td>'
        f'<td id="days-{days}">{days} days</td></tr>'
        for name, days in rows
    )
    return f'<table class="govuk-table"><tbody>{cells}</tbody></table>'


def test_other_data_other_people_and_other_tokens_are_one_shape():
    one = page(table(("R9WK-KJZW", 12), ("5DUD-ZD6G", 3)), account="Sam Reviewer")
    other = page(table(("EMS9-2EUH", 140)), account="Alex Senior").replace("n1", "n2")
    other = other.replace("token-1", "token-2")
    assert shape_key(one) == shape_key(other)


def test_markup_that_differs_is_another_shape():
    plain = page("<p>Due soon</p>")
    assert shape_key(plain) != shape_key(page('<p class="govuk-body">Due soon</p>'))
    assert shape_key(plain) != shape_key(page('<p aria-hidden="true">Due soon</p>'))
    assert shape_key(plain) != shape_key(page("<p></p>"))
    assert shape_key(plain) != shape_key(page("<p>Due soon</p><p>Overdue</p><hr>"))
    assert shape_key(page('<a href="/x">Back</a>')) != shape_key(page('<a href="">Back</a>'))


def test_an_empty_table_is_not_the_shape_of_a_full_one():
    assert shape_key(page(table())) != shape_key(page(table(("R9WK-KJZW", 12))))


def test_a_long_word_counts_only_where_a_narrow_window_is_checked():
    short = page("<p>Reviewer notes</p>")
    long = page("<p>reviewer.of.another.icb@example.org</p>")
    assert shape_key(short) == shape_key(long)
    assert shape_key(short, long_words=True) != shape_key(long, long_words=True)
    assert shape_key(short, long_words=True) == shape_key(
        page("<p>Panel comments</p>"), long_words=True
    )
