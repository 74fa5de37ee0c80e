"""Signing in with NHS Care Identity Service 2 (CIS2): NHS staff sign in with their smartcard
or an authenticator at CIS2, an OpenID Connect provider, which sends them back here.

The authorization-code flow with PKCE, through Authlib. `start` sends the browser to CIS2
with a new state, nonce and code challenge, kept until the callback in this browser's signed
session cookie (nobody is signed in yet). `finish` checks that the state that comes back is
the one sent, exchanges the code for tokens with the code verifier, and accepts the ID token
only when its signature verifies against a key CIS2 publishes (its JWKS), its issuer is the
configured one, its audience is this service's client id, it has not expired and its nonce is
the one sent. Only the identity that passes all of that is matched to a user, and that is
accounts.signing_in.check_cis2_identity's job: nothing here creates or changes a user.

Someone signed in with CIS2 confirms it is them again (core.step_up) the same way, with
`start(..., again=True)`: CIS2 is asked to authenticate them afresh (prompt=login, max_age=0),
and `finish(authenticated_since=...)` accepts only an ID token whose auth_time says they did
so after that request was made.

Configured by the CIS2_... settings (config.py); off when no issuer is set.
"""

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import requests
from authlib.common.errors import AuthlibBaseError
from authlib.integrations.base_client import MismatchingStateError
from authlib.integrations.flask_client import FlaskIntegration, FlaskOAuth2App
from authlib.oauth2.rfc7523 import PrivateKeyJWT
from flask import current_app, session
from joserfc.errors import JoseError

from leder_web.core import clock

NAME = "cis2"
# Where Authlib keeps each start's state, nonce and code verifier in the session.
STATE_KEY_PREFIX = f"_state_{NAME}_"
EXTENSION = "leder_cis2"
# CIS2 asks for client assertions signed with RS512.
CLIENT_ASSERTION_ALG = "RS512"
# How the client proves who it is at the token endpoint (names of methods, not secrets).
PRIVATE_KEY_JWT = "private_key_jwt"
CLIENT_SECRET_POST = "client_secret_post"  # noqa: S105
# How far the clocks of CIS2 and this service may differ when the ID token's times are checked.
LEEWAY_SECONDS = 60


@dataclass(frozen=True)
class Settings:
    issuer: str
    client_id: str
    client_secret: str | None
    private_key_path: str | None
    private_key_id: str | None
    scopes: str
    redirect_uri: str | None
    timeout: float

    @property
    def metadata_url(self) -> str:
        return self.issuer.rstrip("/") + "/.well-known/openid-configuration"


def settings() -> Settings | None:
    """The configured provider, or None when signing in with CIS2 is off."""
    config = current_app.config
    issuer = config.get("CIS2_ISSUER")
    if not issuer:
        return None
    scopes = str(config.get("CIS2_SCOPES") or "openid").split()
    if "openid" not in scopes:  # without it there is no ID token, so nothing to trust
        scopes.insert(0, "openid")
    return Settings(
        issuer=issuer,
        client_id=config.get("CIS2_CLIENT_ID") or "",
        client_secret=config.get("CIS2_CLIENT_SECRET"),
        private_key_path=config.get("CIS2_PRIVATE_KEY_PATH"),
        private_key_id=config.get("CIS2_PRIVATE_KEY_ID"),
        scopes=" ".join(scopes),
        redirect_uri=config.get("CIS2_REDIRECT_URI"),
        timeout=float(config.get("CIS2_TIMEOUT_SECONDS") or 10),
    )


def enabled() -> bool:
    return settings() is not None


class SignInFailed(Exception):
    """CIS2 did not sign the person in: a cancelled sign-in, an answer that does not match the
    request, a refused ID token. The message says why, for the log: never what a token held."""


class ProviderUnavailable(SignInFailed):
    """CIS2 did not answer, or not as an OpenID Connect provider should."""


@dataclass(frozen=True)
class Identity:
    """Who CIS2 says signed in, from a verified ID token (and its userinfo)."""

    subject: str
    email: str | None
    email_verified: bool | None


def private_key_jwt(key_id: str | None) -> PrivateKeyJWT:
    """The client's authentication at the token endpoint: a JWT it signs with its private key,
    naming the key by the id CIS2 knows it by."""
    return PrivateKeyJWT(
        headers={"kid": key_id} if key_id else None,
        alg=CLIENT_ASSERTION_ALG,
    )


def _client(found: Settings) -> FlaskOAuth2App:
    """The Authlib client for these settings: made once per application (it keeps the
    provider's metadata and keys), and again if the settings change."""
    cached = current_app.extensions.get(EXTENSION)
    if cached is not None and cached[0] == found:
        return cached[1]
    client_kwargs: dict[str, Any] = {
        "scope": found.scopes,
        "code_challenge_method": "S256",
        "default_timeout": found.timeout,
    }
    secret: str | None = found.client_secret
    auth_methods = None
    if found.private_key_path:
        secret = Path(found.private_key_path).read_text()
        auth_methods = [private_key_jwt(found.private_key_id)]
    client_kwargs["token_endpoint_auth_method"] = (
        PRIVATE_KEY_JWT if found.private_key_path else CLIENT_SECRET_POST
    )
    client = FlaskOAuth2App(
        FlaskIntegration(NAME),
        NAME,
        client_id=found.client_id,
        client_secret=secret,
        server_metadata_url=found.metadata_url,
        client_kwargs=client_kwargs,
        client_auth_methods=auth_methods,
    )
    current_app.extensions[EXTENSION] = (found, client)
    return client


def _configured() -> tuple[Settings, FlaskOAuth2App]:
    found = settings()
    if found is None:
        raise ProviderUnavailable("signing in with CIS2 is not configured")
    return found, _client(found)


def _metadata(client: FlaskOAuth2App, found: Settings) -> dict:
    """The provider's discovery document, which must name the configured issuer."""
    metadata = client.load_server_metadata()
    if metadata.get("issuer") != found.issuer:
        raise ProviderUnavailable("the discovery document names another issuer")
    return metadata


def start(redirect_uri: str, *, again: bool = False):
    """A redirect to CIS2's authorization endpoint, the state, nonce and code verifier kept in
    the session for the callback. One sign-in at a time in a browser: starting again forgets
    an earlier start (each would grow the cookie, which browsers limit to 4 KB). With
    again=True, CIS2 is asked to authenticate the person afresh, whatever sign-in of theirs
    it remembers (prompt=login), and to say when it did (max_age=0 makes auth_time required)."""
    found, client = _configured()
    for key in [key for key in session if key.startswith(STATE_KEY_PREFIX)]:
        session.pop(key)
    fresh = {"prompt": "login", "max_age": 0} if again else {}
    try:
        _metadata(client, found)
        return client.authorize_redirect(found.redirect_uri or redirect_uri, **fresh)
    except (requests.RequestException, ValueError) as error:
        raise ProviderUnavailable(f"CIS2 did not answer: {type(error).__name__}") from error


def _claims_options(found: Settings) -> dict:
    # Authlib checks the nonce itself (with the one kept at start) and the signature; the
    # issuer and audience only when told to, so they are named here.
    return {
        "iss": {"essential": True, "value": found.issuer},
        "aud": {"essential": True, "value": found.client_id},
        "sub": {"essential": True},
        "exp": {"essential": True},
        "iat": {"essential": True},
    }


def finish(*, authenticated_since: datetime | None = None) -> Identity:
    """The identity CIS2 sent back with this callback request, once every check has passed;
    otherwise SignInFailed (or ProviderUnavailable) saying why. With authenticated_since (when
    start(again=True) was called), the ID token's auth_time must be that moment or later."""
    found, client = _configured()
    try:
        # The state is checked first, before CIS2 is asked anything.
        token = client.authorize_access_token(
            claims_options=_claims_options(found), leeway=LEEWAY_SECONDS
        )
        _metadata(client, found)  # what the keys were read from names the issuer
        claims = token.get("userinfo")
        if not claims:
            raise SignInFailed("no ID token came with the access token")
        subject = claims.get("sub")
        if not isinstance(subject, str) or not subject:
            raise SignInFailed("the ID token names no subject")
        if authenticated_since is not None:
            _check_fresh(claims.get("auth_time"), authenticated_since)
        email, verified = claims.get("email"), claims.get("email_verified")
        if not email:
            email, verified = _from_userinfo(client, token, subject)
    except MismatchingStateError as error:
        raise SignInFailed("the state is not the one this browser was sent with") from error
    except AuthlibBaseError as error:
        raise SignInFailed(f"CIS2 answered {error.error}") from error
    except JoseError as error:
        raise SignInFailed(
            f"the ID token was refused: {error.error} {error.description}"
        ) from error
    except (requests.RequestException, ValueError) as error:
        raise ProviderUnavailable(f"CIS2 did not answer: {type(error).__name__}") from error
    return Identity(
        subject=subject,
        email=email if isinstance(email, str) else None,
        email_verified=_flag(verified),
    )


def _check_fresh(auth_time: object, since: datetime) -> None:
    """CIS2 authenticated the person at `since` or later (within LEEWAY_SECONDS either way of
    the two clocks), and not in the future."""
    if isinstance(auth_time, bool) or not isinstance(auth_time, int | float):
        raise SignInFailed("the ID token has no auth_time, so nobody was asked again")
    earliest = since.timestamp() - LEEWAY_SECONDS
    latest = clock.now().timestamp() + LEEWAY_SECONDS
    if not earliest <= auth_time <= latest:
        raise SignInFailed("the ID token's auth_time is not since the person was asked again")


def _from_userinfo(client: FlaskOAuth2App, token: dict, subject: str) -> tuple[Any, Any]:
    """The email address from the userinfo endpoint, where the ID token has none (CIS2 gives
    it there for the email scope). Only if the userinfo is about the same subject."""
    if not client.load_server_metadata().get("userinfo_endpoint"):
        return None, None
    info = client.userinfo(token=token)
    if info.get("sub") != subject:
        raise SignInFailed("the userinfo is about another subject than the ID token")
    return info.get("email"), info.get("email_verified")


def _flag(value: object) -> bool | None:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.lower() in {"true", "false"}:
        return value.lower() == "true"
    return None
