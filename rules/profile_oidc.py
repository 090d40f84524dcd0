"""Profile oidc-id-token: an OpenID Connect ID token (OIDC Core 1.0 §2 and §3.1.3.7).

An ID token carries ``iss``, ``sub``, ``aud``, ``exp`` and ``iat``; ``azp``
when it has several audiences; and the ``nonce`` the client sent when it sent
one (``--nonce``).
"""

from __future__ import annotations

from collections.abc import Iterator

from jwtlint.engine import Context, Finding, Severity, cite
from jwtlint.model import TokenTarget
from jwtlint.profiles import PROFILES, ProfileRule, missing
from jwtlint.rules._helpers import claim_span

_IDTOKEN = cite("OpenID Connect Core 1.0 §2 (ID Token)", url="https://openid.net/specs/openid-connect-core-1_0.html#IDToken")
_VALIDATION = cite("OpenID Connect Core 1.0 §3.1.3.7", url=PROFILES["oidc-id-token"].url)


class _IdToken(ProfileRule):
    profile = "oidc-id-token"
    refs = (_IDTOKEN, _VALIDATION)


class IdTokenClaims(_IdToken):
    """## What it does
    With `--profile oidc-id-token`, flags an ID token without `iss`, `sub`,
    `aud`, `exp` or `iat`.

    ## Why is this bad?
    OpenID Connect Core §2 makes all five REQUIRED; relying parties (and
    libraries such as oidc-client, Spring Security, Microsoft.IdentityModel)
    reject an ID token missing one.

    ## Fix
    Have the provider issue all five; if you issue ID tokens yourself, add them:
    `iss` your issuer URL, `sub` the stable user id, `aud` the client_id, `iat`
    and `exp` in seconds.

    ## Example
    `{"iss": "https://id.example.com", "aud": "client", "exp": 1700000600}` (no sub, no iat).
    """

    code = "JWT951"
    name = "id-token-claims"
    severity = Severity.ERROR
    summary = "An ID token lacks one of iss, sub, aud, exp, iat."

    def check_profile(self, t: TokenTarget, ctx: Context) -> Iterator[Finding]:
        for name in missing(t, ("iss", "sub", "aud", "exp", "iat")):
            yield self.finding(
                f"{name} is missing; OpenID Connect requires it in every ID token",
                claim_span(t, name),
                fix=f"issue the ID token with {name} (OIDC Core §2)",
            )


class IdTokenAzp(_IdToken):
    """## What it does
    With `--profile oidc-id-token`, warns about an ID token with several
    audiences and no `azp`.

    ## Why is this bad?
    OIDC Core §3.1.3.7 says a client SHOULD check that `azp` is present when the
    ID token has several audiences, and that it is its own client_id: without
    it, a token issued to another client in the list can be replayed to you.

    ## Fix
    Have the provider set `azp` to the client the token was issued to, or keep a
    single audience.

    ## Example
    `"aud": ["web-client", "api"]` with no `azp`.
    """

    code = "JWT952"
    name = "id-token-azp"
    severity = Severity.WARNING
    summary = "An ID token with several audiences has no azp."

    def check_profile(self, t: TokenTarget, ctx: Context) -> Iterator[Finding]:
        aud = (t.payload or {}).get("aud")
        if isinstance(aud, list) and len(aud) > 1 and "azp" not in (t.payload or {}):
            yield self.finding(
                f"aud lists {len(aud)} audiences and there is no azp: the client cannot tell it was the one authorized",
                claim_span(t, "aud"),
                fix="issue azp = the client_id the token was requested by, or a single audience",
            )


class IdTokenNonce(_IdToken):
    """## What it does
    With `--profile oidc-id-token --nonce VALUE`, flags an ID token whose
    `nonce` is missing or differs from the value the client sent.

    ## Why is this bad?
    OIDC Core §3.1.3.7 (11): when a nonce was sent in the authentication request,
    the ID token MUST carry the same value; otherwise it may be a replayed or
    injected token. Libraries answer `nonce mismatch` or `IDX21323`.

    ## Fix
    Send the nonce in the authorization request and keep the same value (session
    or cookie) until the callback; check the provider echoes it.

    ## Example
    `--nonce n-0S6_WzA2Mj` and a token with `"nonce": "abc"`.
    """

    code = "JWT953"
    name = "id-token-nonce"
    severity = Severity.ERROR
    summary = "The ID token's nonce is missing or not the one the client sent."

    def check_profile(self, t: TokenTarget, ctx: Context) -> Iterator[Finding]:
        if ctx.nonce is None:
            return
        nonce = (t.payload or {}).get("nonce")
        if nonce is None:
            yield self.finding(
                "the ID token has no nonce, but the client sent one",
                claim_span(t, "nonce"),
                fix="send nonce in the authorization request and check the provider returns it; "
                "a token without it may be replayed",
            )
        elif nonce != ctx.nonce:
            yield self.finding(
                "the ID token's nonce is not the one the client sent",
                claim_span(t, "nonce"),
                fix="keep the nonce of this login (session or cookie) until the callback and compare with it; "
                "a different value means an old or injected token",
            )


RULES = [IdTokenClaims, IdTokenAzp, IdTokenNonce]
