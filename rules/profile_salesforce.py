"""Profile salesforce-jwt-bearer: the assertion of Salesforce's OAuth 2.0 JWT bearer flow.

Salesforce documents the flow (see ``_DOC``): RS256 only; ``iss`` the
connected app's consumer key, ``sub`` the username, ``aud``
``https://login.salesforce.com``, ``https://test.salesforce.com`` or an
Experience Cloud site URL, ``exp`` in seconds within 3 minutes. Fixes are
given in Apex terms, where most of these tokens are hand-built.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from urllib.parse import urlsplit

from jwtlint.engine import Applicability, Context, Finding, Rule, Severity, cite
from jwtlint.model import KeyTarget, TokenTarget
from jwtlint.profiles import PROFILES, ProfileRule
from jwtlint.rules._helpers import claim_span, header_span, shown

_DOC = PROFILES["salesforce-jwt-bearer"].url
_REF = cite("Salesforce Help: OAuth 2.0 JWT Bearer Flow for Server-to-Server Integration", url=_DOC)
_AUDS = ("https://login.salesforce.com", "https://test.salesforce.com")
_APEX_SIGN = (
    "or let Salesforce build and sign it: new Auth.JWS(new Auth.JWT(), 'certificate_name') with "
    "Auth.JWTBearerTokenExchange, or a Named Credential using the JWT bearer flow"
)
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+$")
#: Salesforce asks for exp "within 3 minutes"; tokens a little further out are
#: common and accepted in practice, so only beyond this is it flagged.
EXP_AHEAD_WARN = 5 * 60
_UNITS = {"ms": "milliseconds", "us": "microseconds", "ns": "nanoseconds", "ticks": ".NET ticks"}


class _Salesforce(ProfileRule):
    profile = "salesforce-jwt-bearer"
    refs = (_REF,)


class SalesforceAlg(_Salesforce):
    """## What it does
    With `--profile salesforce-jwt-bearer`, flags an assertion whose `alg` is not RS256.

    ## Why is this bad?
    Salesforce's JWT bearer flow accepts only RS256 (RSA SHA-256, signed with the
    private key of the certificate uploaded to the connected app); anything else is
    refused with `invalid_grant`.

    ## Fix
    Set the header to `{"alg":"RS256"}` and sign with `Crypto.sign('RSA-SHA256', ...)`
    in Apex (or `Auth.JWS`), or RS256 in your JWT library.

    ## Example
    `{"alg":"HS256"}` signed with the consumer secret.
    """

    code = "JWT901"
    name = "salesforce-alg"
    severity = Severity.ERROR
    summary = "Salesforce's JWT bearer flow accepts only RS256."

    def check_profile(self, t: TokenTarget, ctx: Context) -> Iterator[Finding]:
        alg = (t.header or {}).get("alg")
        if alg != "RS256":
            yield self.finding(
                f"alg is {shown(alg)}; Salesforce's JWT bearer flow accepts only RS256",
                header_span(t, "alg"),
                fix="sign with RS256 using the private key whose certificate is uploaded to the connected app "
                "(Apex: Crypto.sign('RSA-SHA256', input, privateKey)) " + _APEX_SIGN,
            )


class SalesforceClaims(_Salesforce):
    """## What it does
    With `--profile salesforce-jwt-bearer`, flags a missing `iss`, `sub`, `aud` or
    `exp`, and an `iss` or `sub` holding the wrong kind of value (the username in
    `iss`, a consumer key in `sub`).

    ## Why is this bad?
    Salesforce reads `iss` as the connected app's consumer key (client_id) and `sub`
    as the username to log in as; a missing or swapped value is answered with
    `invalid_client_id` or `invalid_grant: user hasn't approved this consumer`.

    ## Fix
    `iss`: the connected app's consumer key (Setup > App Manager > View > Consumer
    Key, it starts with `3MVG9`); `sub`: the Salesforce username (an email-like
    login name) of a user pre-authorized for the app.

    ## Example
    `{"iss": "admin@acme.com", "sub": "3MVG9...", ...}`
    """

    code = "JWT902"
    name = "salesforce-claims"
    severity = Severity.ERROR
    summary = "The Salesforce assertion lacks iss, sub, aud or exp, or swaps iss and sub."

    def check_profile(self, t: TokenTarget, ctx: Context) -> Iterator[Finding]:
        what = {
            "iss": "the connected app's consumer key",
            "sub": "the Salesforce username",
            "aud": "https://login.salesforce.com (https://test.salesforce.com for a sandbox)",
            "exp": "the expiry in seconds, within 3 minutes",
        }
        yield from self.missing_claims(t, what, "Salesforce's JWT bearer flow", then=", then sign again")
        iss, sub = (t.payload or {}).get("iss"), (t.payload or {}).get("sub")
        if isinstance(iss, str) and _EMAIL.match(iss):
            yield self.finding(
                f"iss is {shown(iss)}, a username; Salesforce expects the connected app's consumer key in iss",
                claim_span(t, "iss"),
                fix="put the consumer key (Setup > App Manager > your app > View) in iss and the username in sub",
            )
        if isinstance(sub, str) and sub.startswith("3MVG9"):
            yield self.finding(
                "sub holds a consumer key; Salesforce expects the username in sub",
                claim_span(t, "sub"),
                fix="put the username in sub and the consumer key in iss",
            )


class SalesforceAud(_Salesforce):
    """## What it does
    With `--profile salesforce-jwt-bearer`, flags an `aud` that is not
    `https://login.salesforce.com`, `https://test.salesforce.com` or an Experience
    Cloud site URL: a My Domain URL, a trailing slash, `http`, an array.

    ## Why is this bad?
    Salesforce compares `aud` as a string with its authorization server's
    identifier; anything else is answered `invalid_grant: audience is invalid`.
    The My Domain URL is where the token request is *sent*, not the audience.

    ## Fix
    `aud` = `https://login.salesforce.com` (production, also for My Domain orgs),
    `https://test.salesforce.com` (sandbox), or the Experience Cloud site URL for
    community users; exactly, with no trailing slash.

    ## Example
    `"aud": "https://acme.my.salesforce.com"` or `"aud": "https://login.salesforce.com/"`.
    """

    code = "JWT903"
    name = "salesforce-aud"
    severity = Severity.ERROR
    summary = "aud is not login.salesforce.com, test.salesforce.com or an Experience Cloud site URL."

    def check_profile(self, t: TokenTarget, ctx: Context) -> Iterator[Finding]:
        aud = (t.payload or {}).get("aud")
        if aud is None:
            return  # salesforce-claims reports it
        span = claim_span(t, "aud")
        if not isinstance(aud, str):
            yield self.finding(
                f"aud is a {type(aud).__name__}; Salesforce expects one string",
                span,
                fix="aud: \"https://login.salesforce.com\" (a string, not an array)",
            )
            return
        if aud in _AUDS:
            return
        fixed, why = _aud_fix(aud)
        if fixed is None:
            return
        yield self.finding(
            f"aud is {shown(aud)}: {why}; Salesforce answers invalid_grant 'audience is invalid'",
            span,
            fix=f"set aud to {fixed} exactly, then sign again",
            fixed=fixed if fixed.startswith("https://") else None,
            applicability=Applicability.UNSAFE,
        )


def _aud_fix(aud: str) -> tuple[str | None, str]:
    """(corrected aud, what is wrong) or (None, '') when ``aud`` may be a site URL."""
    stripped = aud.strip().rstrip("/")
    for good in _AUDS:
        if stripped.lower() == good or stripped.lower().replace("http://", "https://", 1) == good:
            return good, "not exactly the authorization server's identifier (trailing slash, http or case)"
    parts = urlsplit(stripped if "://" in stripped else "https://" + stripped)
    host = (parts.hostname or "").lower()
    if host.endswith(".my.salesforce.com") or host.endswith(".lightning.force.com"):
        sandbox = ".sandbox." in host or "--" in host.split(".")[0]
        return _AUDS[sandbox], "a My Domain URL, which is where the request goes, not the audience"
    if host.endswith(".salesforce.com") and "/services/oauth2" in parts.path:
        return _AUDS[host.startswith("test.")], "the token endpoint, not the audience"
    if host in ("login.salesforce.com", "test.salesforce.com"):
        return f"https://{host}", "not exactly the authorization server's identifier"
    if not aud.startswith("https://"):
        return "https://" + aud.split("://", 1)[-1].rstrip("/"), "an Experience Cloud site URL must use https"
    if aud.endswith("/"):
        return stripped, "a site URL with a trailing slash"
    return None, ""  # an Experience Cloud site URL: only the site knows


class SalesforceExp(_Salesforce):
    """## What it does
    With `--profile salesforce-jwt-bearer`, flags an `exp` that is not in seconds
    (Apex `Datetime.getTime()` gives milliseconds) or lies far more than 3 minutes
    ahead.

    ## Why is this bad?
    Salesforce asks for "the expiration time of the assertion within 3 minutes,
    expressed as the number of seconds" since 1970. A millisecond value reads as a
    date tens of thousands of years away, and a far-off `exp` is refused
    (`invalid_grant`).

    ## Fix
    In Apex: `String.valueOf(Datetime.now().addMinutes(3).getTime() / 1000)`.

    ## Example
    `"exp": 1603472160417` (milliseconds).
    """

    code = "JWT904"
    name = "salesforce-exp"
    severity = Severity.ERROR
    summary = "exp is not in seconds or is far more than the 3 minutes Salesforce allows."

    def check_profile(self, t: TokenTarget, ctx: Context) -> Iterator[Finding]:
        tc = t.times.get("exp")
        if tc is None or tc.seconds is None:
            return
        span = claim_span(t, "exp")
        if tc.unit not in (None, "s"):
            yield self.finding(
                f"exp is in {_UNITS.get(tc.unit, tc.unit)}, not seconds; Salesforce reads it as a date far in the future",
                span,
                fix="in Apex: Datetime.now().addMinutes(3).getTime() / 1000 (getTime() is milliseconds)",
                fixed=str(tc.whole_seconds) if tc.whole_seconds is not None else None,
                applicability=Applicability.UNSAFE,
            )
            return
        ahead = tc.seconds - ctx.now
        if ahead > EXP_AHEAD_WARN + ctx.leeway:
            yield self.finding(
                f"exp is {ahead / 60:.0f} minutes ahead; Salesforce asks for an exp within 3 minutes",
                span,
                fix="in Apex: Datetime.now().addMinutes(3).getTime() / 1000; make a new assertion for each token request",
                severity=Severity.WARNING,
            )


class SalesforceHandEncoded(_Salesforce):
    """## What it does
    With `--profile salesforce-jwt-bearer`, flags an assertion encoded with Apex
    `EncodingUtil.base64Encode` (standard base64: `+`, `/`, `=`) instead of base64url.

    ## Why is this bad?
    Apex has no base64url encoder, so hand-built assertions use
    `EncodingUtil.base64Encode`; Salesforce then answers `invalid_grant` or
    `invalid assertion` because the JWT is not base64url.

    ## Fix
    Encode each part with `EncodingUtil.base64Encode(blob).replace('+', '-')
    .replace('/', '_').remove('=')` and sign `header.payload` again; or let
    Salesforce do it: `Auth.JWT` + `Auth.JWS` + `Auth.JWTBearerTokenExchange`, or a
    Named Credential.

    ## Example
    The project's seed: a payload ending in `==` with a `/` in it.
    """

    code = "JWT905"
    name = "salesforce-hand-encoded"
    severity = Severity.ERROR
    summary = "The assertion was encoded with Apex base64Encode (standard base64) instead of base64url."

    def check_profile(self, t: TokenTarget, ctx: Context) -> Iterator[Finding]:
        bad = [s for s in t.segments if s.b64.std_chars or s.b64.padding]
        if not bad:
            return
        roles = " and ".join(s.role for s in bad) if len(bad) < 3 else "header, payload and signature"
        yield self.finding(
            f"the {roles} {'is' if len(bad) == 1 else 'are'} standard base64 ('+', '/' or '='), "
            "what Apex EncodingUtil.base64Encode gives; Salesforce wants base64url",
            bad[0].span(),
            fix="EncodingUtil.base64Encode(b).replace('+', '-').replace('/', '_').remove('=') for header, "
            "payload and signature, signing the re-encoded header.payload; " + _APEX_SIGN,
        )


class SalesforceSigningKey(Rule[KeyTarget]):
    """## What it does
    With `--profile salesforce-jwt-bearer`, checks a signing key given to
    `jwtlint check KEYFILE`: it must be an RSA key (RS256 only), and a private
    key gets the advice to keep it out of Apex code.

    ## Why is this bad?
    Salesforce verifies the assertion with the certificate uploaded to the
    connected app, RS256 only: an EC or Ed25519 key cannot make a signature it
    accepts. A private key pasted into Apex source or a custom setting is readable
    by anyone who can read the code; Apex `Crypto.sign` also needs it as
    unencrypted PKCS#8 (`pkcs1-private-key` reports a PKCS#1 key).

    ## Fix
    Make an RSA 2048 key and certificate (`openssl req -x509 -newkey rsa:2048
    -nodes -keyout key.pem -out cert.crt`), upload the certificate to the
    connected app; in Salesforce, import the key into Certificate and Key
    Management and sign with `new Auth.JWS(jwt, 'certificate_name')` and
    `Auth.JWTBearerTokenExchange`, or use a Named Credential.

    ## Example
    An EC P-256 key (`-----BEGIN EC PRIVATE KEY-----`).
    """

    code = "JWT906"
    name = "salesforce-signing-key"
    severity = Severity.ERROR
    summary = "The signing key is not an RSA key (Salesforce takes RS256 only), or is a private key to keep out of Apex."
    targets = frozenset({"key"})
    refs = (
        _REF,
        cite("Apex Reference: Auth.JWS", url="https://developer.salesforce.com/docs/atlas.en-us.apexref.meta/apexref/apex_class_Auth_JWS.htm"),
    )  # fmt: skip
    default_enabled = False
    profile = "salesforce-jwt-bearer"
    family = "profile_salesforce"

    def check(self, t: KeyTarget, ctx: Context) -> Iterator[Finding]:
        if ctx.profile != self.profile:  # a key alone has no claims for --profile auto to go by
            return
        for block in t.blocks:
            key = block.key
            if key is None:
                continue
            if key.kty != "RSA":
                yield self.finding(
                    f"key {block.index + 1} ({key.describe()}) cannot sign RS256, the only alg Salesforce's JWT bearer flow takes",
                    block.span,
                    fix="make an RSA 2048 key and certificate (openssl req -x509 -newkey rsa:2048 -nodes -keyout key.pem "
                    "-out cert.crt) and upload the certificate to the connected app",
                )
            elif key.private:
                yield self.finding(
                    f"key {block.index + 1} ({key.describe()}): kept in Apex code or a setting, anyone who can read "
                    "them can sign as your integration user",
                    block.span,
                    fix="import the key into Setup > Certificate and Key Management and sign with "
                    "new Auth.JWS(jwt, 'certificate_name') and Auth.JWTBearerTokenExchange, or use a Named Credential",
                    severity=Severity.INFO,
                )


RULES = [SalesforceAlg, SalesforceClaims, SalesforceAud, SalesforceExp, SalesforceHandEncoded, SalesforceSigningKey]
