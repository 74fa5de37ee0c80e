"""Response headers, cookies and the health check."""

import re

from leder_web.core.roles import Role


def test_every_page_sends_a_nonce_csp_and_the_inline_script_carries_it(client):
    response = client.get("/")
    csp = response.headers["Content-Security-Policy"]
    nonce = re.search(r"'nonce-([^']+)'", csp).group(1)
    assert "script-src 'self' 'nonce-" in csp
    assert "'unsafe-inline'" not in csp
    assert "frame-ancestors 'none'" in csp
    assert f'<script nonce="{nonce}">' in response.get_data(as_text=True)


def test_nonce_changes_on_every_request_and_the_page_carries_its_own(client):
    # The start page is rendered once and kept: each answer must still carry its own nonce.
    nonces = []
    for _ in range(3):
        response = client.get("/")
        nonce = re.search(r"'nonce-([^']+)'", response.headers["Content-Security-Policy"])[1]
        page = response.get_data(as_text=True)
        assert f'<script nonce="{nonce}">' in page
        assert '<script src="/static/js/htmx.min.js?v=' in page
        assert page.count(f'nonce="{nonce}"') == page.count("nonce=")
        nonces.append(nonce)
    assert len(set(nonces)) == 3


def test_a_kept_page_still_shows_a_message_waiting_for_it(app, client):
    client.get("/")  # the start page is kept
    with client.session_transaction() as session:
        session["_flashes"] = [("saved-draft", "notify-draft")]
    page = client.get("/").get_data(as_text=True)
    assert '<span hidden data-saved-draft-key="notify-draft"></span>' in page
    assert "data-saved-draft-key" not in client.get("/").get_data(as_text=True)


def test_protective_headers_are_set(client):
    headers = client.get("/").headers
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["Referrer-Policy"] == "same-origin"


def test_signed_in_pages_are_never_cached(signed_in):
    client = signed_in(Role.REVIEWER)
    assert client.get("/home").headers["Cache-Control"] == "no-store"


def test_static_files_may_be_cached(client):
    response = client.get("/static/css/app.css")
    assert response.status_code == 200
    assert "no-store" not in response.headers.get("Cache-Control", "")


def test_healthz_checks_the_database(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json == {"status": "ok", "database": "ok"}


def test_healthz_reports_a_database_that_does_not_answer(tmp_path):
    from leder_web import create_app

    missing = tmp_path / "no-such-dir" / "x.db"
    app = create_app("test", SQLALCHEMY_DATABASE_URI=f"sqlite:///{missing}")
    response = app.test_client().get("/healthz")
    assert response.status_code == 503
    assert response.json["database"] == "unavailable"


def test_oversized_request_is_refused_with_a_page(client):
    response = client.post("/sign-in", data={"email": "x" * 600_000, "password": "y"})
    assert response.status_code == 413
    assert "What you sent is too large" in response.get_data(as_text=True)
