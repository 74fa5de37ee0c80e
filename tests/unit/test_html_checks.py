"""The house checks the test client runs on every page: each finds what it is for, and a
well-made page passes them all."""

from tests.support.html_checks import problems_in_page

CSP = "script-src 'self' 'nonce-abc123'"


def page(body: str, *, title: str = "Cases – LeDeR", h1: str = "Cases") -> str:
    return (
        f'<!DOCTYPE html><html lang="en"><head><title>{title}</title></head>'
        f'<body><main><h1 class="govuk-heading-l">{h1}</h1>{body}</main></body></html>'
    )


def test_a_well_made_page_passes():
    body = (
        '<form method="post" action=""><label for="name">Name</label>'
        '<input id="name" name="name" type="text">'
        '<label>Notes <textarea name="notes"></textarea></label>'
        '<input type="hidden" name="csrf_token" value="x">'
        '<select name="icb" aria-label="ICB"><option>One</option></select>'
        '<button type="submit">Save</button></form>'
        '<script nonce="abc123">document.body.className += " js-enabled"</script>'
    )
    assert problems_in_page(page(body), csp=CSP) == []


def test_a_repeated_id_is_found():
    body = '<p id="x">One</p><p id="x">Two</p>'
    assert problems_in_page(page(body)) == ["id 'x' appears 2 times"]


def test_a_control_without_a_label_is_found():
    body = '<form method="post" action=""><label for="other">Other</label><input name="age">'
    body += '<select name="icb"></select><textarea name="notes"></textarea></form>'
    assert problems_in_page(page(body)) == [
        "<input name='age'> has no label",
        "<select name='icb'> has no label",
        "<textarea name='notes'> has no label",
    ]


def test_a_control_after_a_label_closes_is_not_labelled_by_it():
    body = '<label>Name <input name="name"></label><input name="age">'
    assert problems_in_page(page(body)) == ["<input name='age'> has no label"]


def test_a_form_needs_a_method_and_an_action():
    body = '<form action=""></form><form method="post"></form>'
    assert problems_in_page(page(body)) == [
        "a form has no method or action: {'action': ''}",
        "a form has no method or action: {'method': 'post'}",
    ]


def test_an_inline_script_needs_the_pages_nonce():
    body = '<script nonce="wrong">alert(1)</script><script src="/static/app.js"></script>'
    assert problems_in_page(page(body), csp=CSP) == [
        "an inline <script> has no valid nonce: alert(1)"
    ]
    assert problems_in_page(page('<script nonce="abc123">x()</script>')) == [
        "an inline <script> has no valid nonce: x()"
    ]


def test_a_page_has_exactly_one_h1():
    assert "the page has 2 <h1> elements, not exactly one" in problems_in_page(
        page("<h1>Another</h1>")
    )
    no_h1 = "<html><head><title>Cases</title></head><body><main></main></body></html>"
    assert problems_in_page(no_h1) == ["the page has 0 <h1> elements, not exactly one"]


def test_the_title_starts_with_the_h1():
    assert problems_in_page(page("", title="Home – LeDeR", h1="Cases  <span>list</span>")) == [
        "<title> 'Home – LeDeR' does not start with 'Cases list'"
    ]


def test_an_error_summary_and_an_error_title_go_together():
    summary = '<div class="govuk-error-summary" data-module="govuk-error-summary"></div>'
    assert problems_in_page(page(summary, title="Error: Cases – LeDeR")) == []
    assert problems_in_page(page(summary)) == [
        "<title> 'Cases – LeDeR' does not start with 'Error: Cases'",
        "<title> 'Cases – LeDeR' and the error summary disagree",
    ]
    assert problems_in_page(page("", title="Error: Cases")) == [
        "<title> 'Error: Cases' does not start with 'Cases'",
        "<title> 'Error: Cases' and the error summary disagree",
    ]


def test_a_page_needs_a_main():
    html = "<html><head><title>Cases</title></head><body><h1>Cases</h1></body></html>"
    assert problems_in_page(html) == ["the page has no <main>"]


def test_a_partial_is_checked_for_what_any_fragment_needs():
    fragment = '<p id="a"></p><p id="a"></p>'
    assert problems_in_page(fragment, partial=True) == ["id 'a' appears 2 times"]
    assert problems_in_page("<p>No heading here</p>", partial=True) == []
