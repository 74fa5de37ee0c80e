"""An OpenID Connect provider standing in for NHS Care Identity Service 2: oidc-provider-mock,
on a free port of this machine in a thread, one per test session (and xdist worker).

The provider signs real ID tokens with its own key and publishes it (JWKS). To test that a
token wrong in one way only is refused, `next_id_token` changes the next ID token its token
endpoint gives out (a claim changed or left out, or signed with another key) and signs it
again with the provider's own key: the provider is honest about everything else.
"""

import json
import threading
import warnings
from collections.abc import Iterator
from dataclasses import dataclass, field

import flask
import pytest
from joserfc import jwt
from joserfc.jwk import RSAKey
from werkzeug.serving import WSGIRequestHandler, make_server
from werkzeug.wrappers import Response

CLIENT_ID = "leder-review-platform"
CLIENT_SECRET = "provider-mock-accepts-any-secret"


class _QuietRequestHandler(WSGIRequestHandler):
    def log_request(self, *args, **kwargs):
        pass


@dataclass
class TokenChanges:
    claims: dict = field(default_factory=dict)  # a value of None leaves the claim out
    key: RSAKey | None = None  # signed with this key instead of the provider's


class ChangingIdTokens:
    """WSGI middleware around the provider: the token endpoint's next answer carries an ID
    token changed as asked, signed again."""

    def __init__(self, app: flask.Flask):
        self.app = app
        self.changes: TokenChanges | None = None
        with app.test_request_context():
            app.preprocess_request()  # the provider keeps its key where a request can see it
            private = flask.g.oidc_provider_mock_storage.jwk.as_dict(is_private=True)
        self.key = RSAKey.import_key(private)

    def __call__(self, environ, start_response):
        if self.changes is None or environ.get("PATH_INFO") != "/oauth2/token":
            return self.app(environ, start_response)
        changes, self.changes = self.changes, None
        answer = Response.from_app(self.app, environ)
        if answer.status_code == 200:
            body = json.loads(answer.get_data())
            body["id_token"] = self._changed(body["id_token"], changes)
            answer.set_data(json.dumps(body))
        return answer(environ, start_response)

    def _changed(self, id_token: str, changes: TokenChanges) -> str:
        token = jwt.decode(id_token, self.key)
        claims = {**token.claims, **changes.claims}
        claims = {name: value for name, value in claims.items() if value is not None}
        return jwt.encode({"alg": "RS256"}, claims, changes.key or self.key)


@dataclass
class Provider:
    issuer: str
    middleware: ChangingIdTokens

    def next_id_token(self, *, key: RSAKey | None = None, **claims) -> None:
        self.middleware.changes = TokenChanges(claims=claims, key=key)

    def add_person(self, sub: str, **claims) -> None:
        """Someone CIS2 knows (the provider asks for no password: the test is the person)."""
        import requests

        answer = requests.put(f"{self.issuer}/users/{sub}", json=claims, timeout=5)
        assert answer.status_code == 204, answer.text


@pytest.fixture(scope="session")
def cis2_provider() -> Iterator[Provider]:
    with warnings.catch_warnings():
        # It imports Authlib's older JOSE module, which warns (the service does not use it).
        warnings.simplefilter("ignore", DeprecationWarning)
        from oidc_provider_mock import app as provider_app
    middleware = ChangingIdTokens(provider_app())
    server = make_server(
        "localhost", 0, middleware, threaded=True, request_handler=_QuietRequestHandler
    )
    thread = threading.Thread(
        target=server.serve_forever,
        kwargs={"poll_interval": 0.05},
        name="cis2-provider",
        daemon=True,
    )
    thread.start()
    try:
        yield Provider(issuer=f"http://localhost:{server.server_port}", middleware=middleware)
    finally:
        server.shutdown()
        thread.join(timeout=10)
        server.server_close()


@pytest.fixture
def cis2_on(app, cis2_provider, monkeypatch) -> Provider:
    """The application signing in with the test provider (its settings put back after)."""
    monkeypatch.setitem(app.config, "CIS2_ISSUER", cis2_provider.issuer)
    monkeypatch.setitem(app.config, "CIS2_CLIENT_ID", CLIENT_ID)
    monkeypatch.setitem(app.config, "CIS2_CLIENT_SECRET", CLIENT_SECRET)
    return cis2_provider
