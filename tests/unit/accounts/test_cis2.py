"""The settings of signing in with NHS Care Identity Service 2, and how the service proves who
it is at CIS2's token endpoint when it has a private key (private_key_jwt, which CIS2 asks)."""

import time
from types import SimpleNamespace
from urllib.parse import parse_qs

import pytest
from joserfc import jwt
from joserfc.jwk import RSAKey

from leder_web import create_app
from leder_web.accounts import cis2

TOKEN_ENDPOINT = "https://cis2.example/oauth2/access_token"


def settings_of(**config):
    app = create_app("test", **config)
    with app.app_context():
        return cis2.settings()


def test_off_without_an_issuer():
    assert settings_of() is None
    assert settings_of(CIS2_ISSUER="", CIS2_CLIENT_ID="leder") is None


def test_the_scopes_always_ask_for_an_id_token():
    found = settings_of(CIS2_ISSUER="https://cis2.example", CIS2_SCOPES="profile nhsperson")
    assert found.scopes == "openid profile nhsperson"
    found = settings_of(CIS2_ISSUER="https://cis2.example")
    assert found.scopes == "openid profile email nhsperson"
    assert found.metadata_url == "https://cis2.example/.well-known/openid-configuration"


def test_the_client_assertion_is_signed_with_the_private_key_and_names_it():
    key = RSAKey.generate_key(2048, private=True)
    auth = SimpleNamespace(client_id="leder", client_secret=key.as_pem(private=True).decode())
    _uri, _headers, body = cis2.private_key_jwt("leder-key-2026")(
        auth, "POST", TOKEN_ENDPOINT, {}, "grant_type=authorization_code&code=abc"
    )
    form = parse_qs(body)
    assert form["grant_type"] == ["authorization_code"]
    assert form["client_assertion_type"] == [
        "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"
    ]
    public = RSAKey.import_key(key.as_dict(private=False))
    assertion = jwt.decode(form["client_assertion"][0], public, algorithms=["RS512"])
    assert assertion.header["alg"] == "RS512"
    assert assertion.header["kid"] == "leder-key-2026"
    claims = assertion.claims
    assert claims["iss"] == claims["sub"] == "leder"
    assert claims["aud"] == TOKEN_ENDPOINT
    assert claims["exp"] > time.time()
    assert claims["jti"]
    with pytest.raises(Exception, match="signature"):
        jwt.decode(form["client_assertion"][0], RSAKey.generate_key(2048), algorithms=["RS512"])
