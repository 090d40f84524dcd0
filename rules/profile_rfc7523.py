"""Profile rfc7523-client-assertion: private_key_jwt client authentication (RFC 7523 §3).

The client proves who it is with a JWT whose ``iss`` and ``sub`` are its
client_id, ``aud`` the token endpoint (or the issuer), a ``jti`` against
replay and a short ``exp``. Okta, Auth0, Entra ID and Keycloak accept it as
``client_assertion`` with ``client_assertion_type=urn:ietf:params:oauth:
client-assertion-type:jwt-bearer``.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import ClassVar

from jwtlint.algs import JWS_ALGS
from jwtlint.engine import Context, Finding, Ref, Severity, cite
from jwtlint.model import TokenTarget
from jwtlint.profiles import ProfileRule, missing
from jwtlint.rules._helpers import claim_span, header_span, seconds, shown

_OKTA = cite(
    "Okta: Build a JWT for client authentication",
    url="https://developer.okta.com/docs/guides/build-self-signed-jwt/java/main/",
)
_OIDC = cite(
    "OpenID Connect Core 1.0 §9 (private_key_jwt)",
    url="https://openid.net/specs/openid-connect-core-1_0.html#ClientAuthentication",
)
_AUTH0 = cite(
    "Auth0: Invalid client error with Private Key JWT authentication",
    url="https://community.auth0.com/t/invalid-client-error-with-private-key-jwt-authentication-when-requesting-an-access-token/191217",
)
MAX_LIFETIME = 3600  # Okta refuses assertions valid for more than an hour
AUTH0_LIFETIME = 300  # Auth0 refuses more than 5 minutes between iat and exp


class _ClientAssertion(ProfileRule):
    profile = "rfc7523-client-assertion"
    refs: ClassVar[tuple[Ref, ...]] = (cite("RFC 7523", "3"), _OIDC)


class ClientAssertionIssSub(_ClientAssertion):
    """## What it does
    With `--profile rfc7523-client-assertion`, flags a client assertion whose
    `iss` or `sub` is missing or which differ: both must be the client_id.

    ## Why is this bad?
    For client authentication, OpenID Connect Core §9 and RFC 7523 §3 have the
    client put its own client_id in both; the server answers `invalid_client`.

    ## Fix
    Set `iss` and `sub` to the client_id of the application registration.

    ## Example
    `{"iss": "0oa1b2c3d4", "sub": "admin@example.com"}`
    """

    code = "JWT941"
    name = "client-assertion-iss-sub"
    severity = Severity.ERROR
    summary = "A client assertion needs iss and sub, both the client_id."

    def check_profile(self, t: TokenTarget, ctx: Context) -> Iterator[Finding]:
        absent = missing(t, ("iss", "sub"))
        for name in absent:
            yield self.finding(
                f"{name} is missing; a client assertion carries the client_id in both iss and sub",
                claim_span(t, name),
                fix=f"add {name}: the client_id",
            )
        claims = t.payload or {}
        if not absent and claims["iss"] != claims["sub"]:
            yield self.finding(
                f"iss {shown(claims['iss'])} and sub {shown(claims['sub'])} differ; both must be the client_id",
                claim_span(t, "sub"),
                fix="set iss and sub to the client_id of the application",
            )


class ClientAssertionClaims(_ClientAssertion):
    """## What it does
    With `--profile rfc7523-client-assertion`, flags a client assertion without
    `aud`, `jti` or `exp`.

    ## Why is this bad?
    RFC 7523 §3 requires `aud` (the token endpoint or the issuer) and `exp`;
    OpenID Connect Core §9 requires `jti` so the server can refuse a replayed
    assertion. Okta, Auth0 and Entra ID answer `invalid_client` without them.

    ## Fix
    Add `aud` (the token endpoint URL, e.g. `https://ORG.okta.com/oauth2/v1/token`),
    a random `jti` per assertion, and `exp` a few minutes ahead.

    ## Example
    `{"iss": "c", "sub": "c", "aud": "https://idp/token", "exp": 1700000300}` (no jti).
    """

    code = "JWT942"
    name = "client-assertion-claims"
    severity = Severity.ERROR
    summary = "A client assertion needs aud, jti and exp."

    def check_profile(self, t: TokenTarget, ctx: Context) -> Iterator[Finding]:
        what = {"aud": "the token endpoint URL", "jti": "a unique random id", "exp": "a few minutes ahead"}
        yield from self.missing_claims(t, what, "a client assertion")


class ClientAssertionLifetime(_ClientAssertion):
    """## What it does
    With `--profile rfc7523-client-assertion`, flags an assertion valid for more
    than an hour (from `iat`, or from now without `iat`).

    ## Why is this bad?
    A client assertion is used once, within seconds; Okta refuses one whose `exp`
    is more than an hour ahead and Auth0 one whose `exp` is more than 5 minutes
    after `iat` (a warning here); a long-lived assertion that leaks lets anyone
    authenticate as the client until it expires.

    ## Fix
    `exp` = now + 300 (five minutes) is plenty; make a new assertion per request.

    ## Example
    `"iat": 1700000000, "exp": 1700086400` (one day).
    """

    code = "JWT943"
    name = "client-assertion-lifetime"
    severity = Severity.ERROR
    summary = "A client assertion is valid for more than an hour."
    refs = (cite("RFC 7523", "3"), _OKTA, _AUTH0)

    def check_profile(self, t: TokenTarget, ctx: Context) -> Iterator[Finding]:
        exp, iat = seconds(t, "exp"), seconds(t, "iat")
        if exp is None:
            return
        base, what = (iat, "iat") if iat is not None else (ctx.now, "now")
        life = exp - base
        if life > MAX_LIFETIME:
            yield self.finding(
                f"exp is {life / 3600:.1f} hours after {what}; a client assertion should live minutes "
                "(Okta refuses more than one hour, Auth0 more than 5 minutes)",
                claim_span(t, "exp"),
                fix="set exp to now + 300 and make a new assertion for each token request",
            )
        elif life > AUTH0_LIFETIME:
            yield self.finding(
                f"exp is {life / 60:.0f} minutes after {what}; Auth0 refuses client assertions living more than 5 minutes",
                claim_span(t, "exp"),
                fix="set exp to now + 300 at most and make a new assertion for each token request",
                severity=Severity.WARNING,
            )


class ClientAssertionAlg(_ClientAssertion):
    """## What it does
    With `--profile rfc7523-client-assertion`, flags an unsigned client assertion
    (`alg: none`) and warns about one signed with a MAC (HS256...), which is
    client_secret_jwt rather than private_key_jwt.

    ## Why is this bad?
    An unsigned assertion authenticates nobody. An HMAC assertion is only as
    strong as the shared client secret, which the server also holds; a guessable
    secret lets anyone mint assertions.

    ## Fix
    Use private_key_jwt: sign with RS256, PS256 or ES256 and register the public
    key (or a JWKS URL) with the authorization server.

    ## Example
    `{"alg":"HS256"}` with the client secret `secret`.
    """

    code = "JWT944"
    name = "client-assertion-alg"
    severity = Severity.ERROR
    summary = "A client assertion is unsigned, or MAC-signed with a shared secret instead of a private key."

    def check_profile(self, t: TokenTarget, ctx: Context) -> Iterator[Finding]:
        alg = (t.header or {}).get("alg")
        spec = JWS_ALGS.get(alg) if isinstance(alg, str) else None
        if spec is None:
            return  # alg-missing / alg-unknown speak
        if spec.family == "none":
            yield self.finding(
                "the client assertion is unsigned (alg none): it authenticates nobody",
                header_span(t, "alg"),
                fix="sign it with the client's private key (RS256, PS256 or ES256): private_key_jwt",
            )
        elif spec.family == "HMAC":
            yield self.finding(
                f"alg is {alg}: client_secret_jwt, as strong as the shared client secret",
                header_span(t, "alg"),
                fix="prefer private_key_jwt: sign with RS256/ES256 and register the public key",
                severity=Severity.WARNING,
            )


RULES = [ClientAssertionIssSub, ClientAssertionClaims, ClientAssertionLifetime, ClientAssertionAlg]
