"""Profile rfc9068-access-token: a JWT access token (RFC 9068).

The header's ``typ`` is ``at+jwt`` (or ``application/at+jwt``) so an access
token cannot pass for an ID token; the payload carries ``iss``, ``exp``,
``aud``, ``sub``, ``client_id``, ``iat`` and ``jti``.
"""

from __future__ import annotations

from collections.abc import Iterator

from jwtlint.engine import Context, Finding, Severity, cite
from jwtlint.model import TokenTarget
from jwtlint.profiles import ProfileRule, missing
from jwtlint.rules._helpers import claim_span, header_span, shown


class _AccessToken(ProfileRule):
    profile = "rfc9068-access-token"


class AtJwtTyp(_AccessToken):
    """## What it does
    With `--profile rfc9068-access-token`, flags a JWT access token whose `typ`
    is not `at+jwt`.

    ## Why is this bad?
    RFC 9068 §2.1 says the header MUST have `typ` `at+jwt` (§4: resource servers
    MUST check it), so an ID token or another JWT signed by the same key is not
    accepted as an access token (RFC 8725 §3.11).

    ## Fix
    Issue the token with header `typ: "at+jwt"` (e.g. Keycloak, Duende and
    Spring Authorization Server have a setting for it).

    ## Example
    `{"alg":"RS256","typ":"JWT"}` on an access token.
    """

    code = "JWT961"
    name = "at-jwt-typ"
    severity = Severity.ERROR
    summary = "A JWT access token's typ is not at+jwt."
    refs = (cite("RFC 9068", "2.1"), cite("RFC 9068", "4"))

    def check_profile(self, t: TokenTarget, ctx: Context) -> Iterator[Finding]:
        typ = (t.header or {}).get("typ")
        if not (isinstance(typ, str) and typ.lower() in ("at+jwt", "application/at+jwt")):
            yield self.finding(
                f"typ is {shown(typ)}; a JWT access token has typ at+jwt",
                header_span(t, "typ"),
                fix='issue the access token with the header parameter "typ": "at+jwt"',
            )


class AtJwtClaims(_AccessToken):
    """## What it does
    With `--profile rfc9068-access-token`, flags a JWT access token without one
    of `iss`, `exp`, `aud`, `sub`, `client_id`, `iat`, `jti`.

    ## Why is this bad?
    RFC 9068 §2.2 makes them REQUIRED; a resource server following the RFC
    rejects the token, and without `aud` a token for one API is accepted by
    another.

    ## Fix
    Configure the authorization server to issue RFC 9068 access tokens; if you
    mint them yourself, add the missing claims.

    ## Example
    `{"iss": "https://as.example.com", "sub": "u1", "exp": 1700000600}`
    """

    code = "JWT962"
    name = "at-jwt-claims"
    severity = Severity.ERROR
    summary = "A JWT access token lacks a claim RFC 9068 requires."
    refs = (cite("RFC 9068", "2.2"),)

    def check_profile(self, t: TokenTarget, ctx: Context) -> Iterator[Finding]:
        for name in missing(t, ("iss", "exp", "aud", "sub", "client_id", "iat", "jti")):
            yield self.finding(
                f"{name} is missing; RFC 9068 requires it in a JWT access token",
                claim_span(t, name),
                fix=f"issue the access token with {name}",
            )


RULES = [AtJwtTyp, AtJwtClaims]
