"""Profile apple-client-secret: the ES256 JWT that Sign in with Apple takes as client_secret.

Apple documents it (see ``_DOC``): header ``alg`` ES256 and ``kid`` the
10-character Key ID; ``iss`` the 10-character Team ID; ``sub`` the Services
ID (the client_id); ``aud`` ``https://appleid.apple.com``; ``exp`` no more than
15,777,000 seconds (six months) after ``iat``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from jwtlint.engine import Applicability, Context, Finding, Severity, cite
from jwtlint.model import TokenTarget
from jwtlint.profiles import PROFILES, ProfileRule, missing
from jwtlint.rules._helpers import claim_span, header_span, seconds, shown

_DOC = PROFILES["apple-client-secret"].url
_REF = cite("Apple Developer: Creating a client secret", url=_DOC)
AUD = "https://appleid.apple.com"
MAX_LIFETIME = 15_777_000
_TEN = re.compile(r"[A-Z0-9]{10}$")


class _Apple(ProfileRule):
    profile = "apple-client-secret"
    refs = (_REF,)


class AppleAlgKid(_Apple):
    """## What it does
    With `--profile apple-client-secret`, flags a client secret not signed with
    ES256, or whose `kid` is not the 10-character Key ID.

    ## Why is this bad?
    Apple verifies the secret with the key you created for Sign in with Apple (a
    P-256 key, the `.p8` file), found through `kid`; anything else is answered
    `invalid_client`.

    ## Fix
    Sign with ES256 and the `.p8` key; set `kid` to its Key ID (Certificates,
    Identifiers & Profiles > Keys).

    ## Example
    `{"alg":"RS256"}`, or `{"alg":"ES256"}` with no `kid`.
    """

    code = "JWT921"
    name = "apple-alg-kid"
    severity = Severity.ERROR
    summary = "Apple's client secret must be ES256 with the 10-character Key ID as kid."

    def check_profile(self, t: TokenTarget, ctx: Context) -> Iterator[Finding]:
        alg = (t.header or {}).get("alg")
        if alg != "ES256":
            yield self.finding(
                f"alg is {shown(alg)}; Apple accepts only ES256 client secrets",
                header_span(t, "alg"),
                fix="sign with ES256 and the .p8 key created for Sign in with Apple",
            )
        kid = (t.header or {}).get("kid")
        if not (isinstance(kid, str) and _TEN.match(kid)):
            got = "no kid" if kid is None else f"kid {shown(kid)}"
            yield self.finding(
                f"{got}: Apple wants the 10-character Key ID of the signing key",
                header_span(t, "kid"),
                fix="set kid to the Key ID shown under Certificates, Identifiers & Profiles > Keys",
            )


class AppleClaims(_Apple):
    """## What it does
    With `--profile apple-client-secret`, flags a missing `iss`, `sub`, `aud`,
    `iat` or `exp`, an `iss` that is not a 10-character Team ID, and an `aud`
    other than `https://appleid.apple.com`.

    ## Why is this bad?
    Apple answers `invalid_client` when any of them is wrong: `iss` must be the
    Team ID, `sub` the Services ID used as client_id.

    ## Fix
    `iss`: the Team ID (top right of the developer account); `sub`: the Services
    ID (e.g. `com.example.web`); `aud`: `https://appleid.apple.com`.

    ## Example
    `{"iss": "com.example.web", "aud": "https://appleid.apple.com/"}`
    """

    code = "JWT922"
    name = "apple-claims"
    severity = Severity.ERROR
    summary = "Apple's client secret lacks iss, sub, aud, iat or exp, or iss or aud has the wrong value."

    def check_profile(self, t: TokenTarget, ctx: Context) -> Iterator[Finding]:
        what = {
            "iss": "the 10-character Team ID",
            "sub": "the Services ID (your client_id)",
            "aud": AUD,
            "iat": "the current time in seconds",
            "exp": "iat + at most 15777000 (six months)",
        }
        absent = missing(t, tuple(what))
        yield from self.missing_claims(t, what, "Apple", absent=absent)
        iss = (t.payload or {}).get("iss")
        if "iss" not in absent and not (isinstance(iss, str) and _TEN.match(iss)):
            yield self.finding(
                f"iss is {shown(iss)}, not a 10-character Team ID",
                claim_span(t, "iss"),
                fix="use the Team ID of the developer account (10 characters, e.g. A1B2C3D4E5); the Services ID goes in sub",
            )
        aud = (t.payload or {}).get("aud")
        if "aud" not in absent and aud != AUD:
            yield self.finding(
                f"aud is {shown(aud)}; Apple expects exactly {AUD}",
                claim_span(t, "aud"),
                fix=f"set aud to {AUD}",
                fixed=AUD,
                applicability=Applicability.UNSAFE,
            )


class AppleLifetime(_Apple):
    """## What it does
    With `--profile apple-client-secret`, flags an `exp` more than 15,777,000
    seconds (six months) after `iat`.

    ## Why is this bad?
    Apple refuses a client secret that lives longer (`invalid_client`); people
    often use 180 days of 86,400 s, which is 15,552,000 and fine, or a year,
    which is not.

    ## Fix
    `exp = iat + 15777000` at most, and renew the secret before it expires.

    ## Example
    `"exp": iat + 31536000` (one year).
    """

    code = "JWT923"
    name = "apple-lifetime"
    severity = Severity.ERROR
    summary = "exp is more than 15,777,000 s (six months) after iat, longer than Apple accepts."

    def check_profile(self, t: TokenTarget, ctx: Context) -> Iterator[Finding]:
        exp, iat = seconds(t, "exp"), seconds(t, "iat")
        if exp is None or iat is None:
            return
        if exp - iat > MAX_LIFETIME:
            yield self.finding(
                f"exp is {(exp - iat) / 86400:.0f} days after iat; Apple allows at most 15,777,000 s (about 182 days)",
                claim_span(t, "exp"),
                fix="set exp = iat + 15777000 at most and renew the secret before then",
                fixed=str(int(iat) + MAX_LIFETIME),
                applicability=Applicability.UNSAFE,
            )


RULES = [AppleAlgKid, AppleClaims, AppleLifetime]
