"""Claims rules: times (exp, nbf, iat), audience, issuer and claim types.

They apply only when the payload is a JSON object. Time facts come from the
parser's ``TimeClaim`` records (``t.times``): ``seconds`` is already converted
from milliseconds and smaller units, so a millisecond ``exp`` draws
``time-in-milliseconds`` and not also a bogus lifetime or expiry finding.
A finding about one claim points at the characters that encode it
(``jwtlint.rules._helpers.claim_span``).
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterator
from datetime import datetime, timezone
from typing import Any
from urllib.parse import urlsplit

from jwtlint.engine import Applicability, Context, Finding, Rule, Severity, cite
from jwtlint.token.jsonparse import LargeNumber, is_string, json_type
from jwtlint.model import TokenTarget
from jwtlint.rules._helpers import claim_span, json_shown, seconds
from jwtlint.timefmt import EPOCH, duration, iso, relative

_SUBSECOND_UNITS = ("ms", "us", "ns", "ticks")
_UNIT_NAME = {"ms": "milliseconds", "us": "microseconds", "ns": "nanoseconds", "ticks": ".NET ticks"}
_UNIT_SOURCE = {
    "ms": "JavaScript Date.now(), Java System.currentTimeMillis() and Apex Datetime.getTime() return",
    "us": "Go time.Now().UnixMicro() and Python time.time() * 1e6 return",
    "ns": "Python time.time_ns() and Go time.Now().UnixNano() return",
    "ticks": ".NET DateTime.Ticks (100 ns units since year 1) returns",
}
_UNIT_FIX = {
    "ms": "Math.floor(Date.now() / 1000) in JavaScript, Instant.now().getEpochSecond() in Java, "
    "Datetime.now().getTime() / 1000 in Apex",
    "us": "time.Now().Unix() in Go, int(time.time()) in Python",
    "ns": "int(time.time()) in Python, time.Now().Unix() in Go",
    "ticks": "DateTimeOffset.UtcNow.ToUnixTimeSeconds() in .NET",
}
_AS_SECONDS = {
    "exp": "so the token practically never expires",
    "nbf": "so the token never becomes valid",
    "iat": "so verifiers that check iat (PyJWT) reject it as issued in the future",
}
# Typed JWTs whose specs issue them without exp: a DPoP proof carries only iat
# (RFC 9449 §4.2), a Security Event Token need not expire (RFC 8417 §2.2).
_NO_EXP_TYPES = {"dpop+jwt", "secevent+jwt", "application/dpop+jwt", "application/secevent+jwt"}
# A NumericDate this small (before 1980) is almost always a lifetime written where a time belongs.
_DURATION_BELOW = 10 * 365 * 86400
_GOOGLE_SA = "https://developers.google.com/identity/protocols/oauth2/service-account#authorizingrequests"


# --- reading the evidence ---------------------------------------------------


def _claims(t: TokenTarget) -> dict[str, Any] | None:
    return t.payload if isinstance(t.payload, dict) else None


def _describe(v: Any) -> str:
    """A claim value with its JSON type, for a message: 'a number (12345)', 'the string "x"'."""
    if v is None or isinstance(v, LargeNumber):
        return json_shown(v) if v is not None else "null"
    if isinstance(v, bool):
        return f"{json_shown(v)} (a boolean)"
    if isinstance(v, str):
        return f"the string {json_shown(v)}"
    return f"{json_type(v)} ({json_shown(v)})"


def _string_form(v: Any) -> str | None:
    """The string a numeric claim should have been (12345 -> "12345"); None for other types."""
    if isinstance(v, LargeNumber):
        return str(v)
    if isinstance(v, bool) or not isinstance(v, (int, float)):
        return None
    if isinstance(v, float):
        return str(int(v)) if v.is_integer() else repr(v)
    return str(v)


def _date_string(text: str) -> tuple[str, str] | None:
    """(seconds, note) for an ISO-8601 date written where a NumericDate belongs; None otherwise."""
    if not re.match(r"\s*\d{4}-\d{2}-\d{2}", text):
        return None
    try:
        when = datetime.fromisoformat(text.strip().replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        return None
    note = "" if when.tzinfo else " (no time zone: read as UTC)"
    when = when if when.tzinfo else when.replace(tzinfo=timezone.utc)
    return str(math.floor((when - EPOCH).total_seconds())), note


# --- showing times (jwtlint.timefmt) ----------------------------------------


def _as_lifetime(value: float) -> str:
    """How long ``value`` is as a lifetime; a round thousand may also be milliseconds (jwt-go #434)."""
    ms = f", or {duration(value / 1000)} if in milliseconds" if value >= 1000 and value % 1000 == 0 else ""
    return duration(value) + ms


def _lifetime_hint(t: TokenTarget, exp: float) -> str:
    """A note when exp is so small that it must be a lifetime written where a time belongs, else ''."""
    if not 0 < exp < _DURATION_BELOW:
        return ""
    return f"; exp {json_shown(t.times['exp'].raw)} looks like a lifetime ({_as_lifetime(exp)}), not a point in time"


def _leeway_note(ctx: Context) -> str:
    return f", despite the {duration(ctx.leeway)} leeway" if ctx.leeway else ""


# --- near misses between two StringOrURI values ------------------------------

_STEPS = (
    ("whitespace", str.strip),
    ("slash", lambda s: s.rstrip("/")),
    ("scheme", lambda s: re.sub(r"^https?://", "", s, flags=re.I)),
    ("case", str.lower),
    ("www", lambda s: re.sub(r"^([a-z]+://)?www\.", r"\1", s, flags=re.I)),
)


def _normal(s: str, skip: str = "") -> str:
    for name, step in _STEPS:
        if name != skip:
            s = step(s)
    return s


def _scheme(s: str) -> str:
    m = re.match(r"\s*([a-z]+)://", s, re.I)
    return m.group(1) if m else "no scheme"


def _near_miss(got: str, want: str, inner: Any = None) -> str | None:
    """Why ``got`` is almost ``want`` (both compared as exact strings), or None.

    ``inner`` is what ``got`` holds when it is JSON itself (``TokenTarget.json_strings``).
    """
    if isinstance(inner, list) and want in inner:
            return f"it is a string holding a JSON array ({json_shown(got)}): the array was serialized twice"
    if _normal(got) == _normal(want):
        why = {
            "whitespace": f"it has surrounding whitespace ({got!r})",
            "slash": "it differs by a trailing '/'"
            + (" (the token has it)" if got.rstrip().endswith("/") else " (the expected value has it)"),
            "scheme": f"the scheme differs ({_scheme(got)} in the token, {_scheme(want)} expected)",
            "case": "the letter case differs (the comparison is case-sensitive)",
            "www": "the host differs by 'www.'",
        }
        found = [why[name] for name, _ in _STEPS if _normal(got, name) != _normal(want, name)]
        return " and ".join(found) or "it differs only in letter case or formatting"
    return _other_host(got, want)


def _other_host(got: str, want: str) -> str | None:
    """Same path on another host of the same domain (a My Domain, tenant or regional host), or
    Microsoft's v1.0 and v2.0 issuers of one tenant."""
    try:
        g, w = urlsplit(got.strip()), urlsplit(want.strip())
        gh, wh = (g.hostname or "").lower(), (w.hostname or "").lower()
    except ValueError:  # not a URL (an unbalanced '[', say)
        return None
    if not gh or not wh or gh == wh:
        return None
    hosts = {gh, wh}
    if hosts == {"sts.windows.net", "login.microsoftonline.com"}:
        version = "v1.0" if gh == "sts.windows.net" else "v2.0"
        return (
            f"the token is a Microsoft Entra {version} token and the other issuer is the tenant's "
            f"{'v2.0' if version == 'v1.0' else 'v1.0'} one (set accessTokenAcceptedVersion in the app manifest, "
            "or expect the issuer the token really has)"
        )
    if gh.split(".")[-2:] == wh.split(".")[-2:] and g.path.rstrip("/") == w.path.rstrip("/"):
        return (
            f"the host differs within the same domain ({gh} in the token, {wh} expected): "
            "a My Domain, tenant or regional host in place of the expected one?"
        )
    return None


_ABSENT = object()  # a claim that is not there at all, unlike one that is null


def _mismatch(
    rule: Rule[TokenTarget], t: TokenTarget, claim: str, value: Any, expected: tuple[str, ...], what: str
) -> Iterator[Finding]:
    """The shared body of aud-mismatch and iss-mismatch: ``value`` holds none of ``expected``."""
    if type(value) is str and value in expected:
        return  # the common case, decided before any message is built
    want = " or ".join(repr(e) for e in expected)
    if value is _ABSENT:
        yield rule.finding(
            f"the token has no {claim} claim; the verifier expects {want}",
            claim_span(t, claim),
            fix=f'add "{claim}": "{expected[0]}" to the claims and sign the token again',
            fixed=expected[0],
            applicability=Applicability.UNSAFE,
        )
        return
    items = value if isinstance(value, list) else [value]
    if any(is_string(v) and v in expected for v in items):
        return  # one matching member of an array is enough
    for got in items:
        for exp in expected:
            if is_string(got):
                why = _near_miss(got, exp, t.json_strings.get(claim) if got is value else None)
            else:  # claim-type reports the type; here, say that it is the right value in the wrong type
                why = f"it is {_describe(got)}, not a string" if _string_form(got) == exp else None
            if why:
                other = f", or, if the token is right, configure the verifier to expect {json_shown(got)} ({what})"
                yield rule.finding(
                    f"{claim} {json_shown(got)} is not the expected {exp!r}: {why}",
                    claim_span(t, claim),
                    fix=f"make the two identical: issue the token with {claim} exactly {exp!r}"
                    + (other if is_string(got) else " (a JSON string)"),
                    fixed=exp,
                    applicability=Applicability.UNSAFE,
                )
                return
    yield rule.finding(
        f"{claim} {json_shown(value)} is not the expected {want}",
        claim_span(t, claim),
        fix=f"get a token issued for {want}, or check the expected value ({what})",
    )


# --- rules ------------------------------------------------------------------


class ExpMissing(Rule[TokenTarget]):
    """## What it does
    Flags a JWT without an `exp` (expiration time) claim.

    ## Why is this bad?
    Without `exp` a token is valid forever (RFC 7519 §4.1.4): a copy that
    leaks through a log, a browser or a proxy can be replayed for years.
    Many profiles require it: a JWT bearer assertion MUST have `exp`
    (RFC 7523 §3), and so must an OAuth access token (RFC 9068 §2.2) and an
    OpenID Connect ID token. DPoP proofs and Security Event Tokens, which
    are issued without `exp` by design, are not flagged; nor is a JWS in
    JSON serialization (an ACME request, a signed credential) unless its
    `typ` says JWT: JWTs are always compact (RFC 7519 §1).

    ## Fix
    Add `exp`, in seconds since 1970, minutes to hours after `iat`: PyJWT
    `"exp": datetime.now(tz=timezone.utc) + timedelta(minutes=15)`,
    jsonwebtoken `{ expiresIn: "15m" }`.

    ## Example
    `{"sub": "1234567890", "iat": 1516239022}`
    """

    code = "JWT401"
    name = "exp-missing"
    severity = Severity.WARNING
    summary = "The token has no exp claim: it never expires."
    refs = (cite("RFC 7519", "4.1.4"), cite("RFC 7523", "3"), cite("RFC 9068", "2.2"))

    def check(self, t: TokenTarget, ctx: Context) -> Iterator[Finding]:
        claims = _claims(t)
        typ = t.header.get("typ") if t.header else None
        if claims is None or "exp" in claims or (isinstance(typ, str) and typ.lower() in _NO_EXP_TYPES):
            return
        if t.serialization is not None and not (isinstance(typ, str) and typ.lower().endswith("jwt")):
            # A JWS in JSON serialization is a signed message (an ACME request, a credential), not a
            # JWT: JWTs are always compact (RFC 7519 §1), and a message has no lifetime to bound.
            return
        iat = seconds(t, "iat")
        start, label = (iat, "iat") if iat is not None else (ctx.now, "now")
        example = f"e.g. {math.floor(start) + 900} = {label} + 15 minutes"
        yield self.finding(
            "the token has no exp claim: it never expires, so a leaked copy stays usable forever",
            claim_span(t),
            fix=f'add "exp" in seconds since 1970 ({example}); PyJWT: "exp": datetime.now(tz=timezone.utc) '
            '+ timedelta(minutes=15); jsonwebtoken: { expiresIn: "15m" }',
        )


class TimeNotNumeric(Rule[TokenTarget]):
    """## What it does
    Flags an `exp`, `nbf` or `iat` that is not a JSON number: a string
    (even a numeric one), a boolean, null, an object, NaN or Infinity, or a
    number too large for any time unit.

    ## Why is this bad?
    These claims are NumericDates: a JSON number of seconds since
    1970-01-01T00:00:00Z (RFC 7519 §2, §4.1.4-4.1.6). jsonwebtoken rejects a
    string (`invalid exp value`) while PyJWT accepts `"1484048026"` but not
    `"1484048026.5"` or a date, so the same token works on one server and
    not the next.

    ## Fix
    Write the number without quotes (the corrected value is in `fixed`)
    and sign the token again. Build the claims as numbers, not by string
    formatting.

    ## Example
    `{"exp": "1484048026", "iat": 1484047996}`
    """

    code = "JWT402"
    name = "time-not-numeric"
    severity = Severity.ERROR
    summary = "exp, nbf or iat is not a JSON number of seconds."
    refs = (cite("RFC 7519", "2"), cite("RFC 7519", "4.1.4"))

    def check(self, t: TokenTarget, ctx: Context) -> Iterator[Finding]:
        if _claims(t) is None:
            return
        for name, tc in t.times.items():
            if tc.problem is None:
                continue
            fixed = None
            if tc.problem == "string" and tc.seconds is not None:
                number = tc.raw.strip()
                fixed = str(int(number)) if re.fullmatch(r"-?\d+", number) else number
                what = f"the string {json_shown(tc.raw)}, not a number"
            elif tc.problem == "string":
                what = f"the string {json_shown(tc.raw)}, and the number in it is too large for any time unit"
            elif isinstance(tc.raw, str) and (date := _date_string(tc.raw)):
                fixed, assumed = date
                what = f"the date string {json_shown(tc.raw)}{assumed}, not a number ({fixed} is the same instant)"
            elif tc.problem == "too-large":
                digits = len(tc.raw.lstrip("-")) if isinstance(tc.raw, str) else len(f"{abs(tc.raw):.0f}")
                what = f"a {digits}-digit number: too large for seconds, or even milli-, micro- or nanoseconds"
            elif tc.problem == "not-finite":
                what = f"{'NaN' if math.isnan(tc.raw) else 'Infinity'}, which is not a finite number (nor JSON)"
            else:
                what = _describe(tc.raw)
            yield self.finding(
                f"{name} is {what}; a NumericDate is a JSON number of seconds since 1970",
                claim_span(t, name),
                fix=f"write {name} as a JSON number without quotes: {fixed}, then sign the token again"
                + (" (in seconds: see time-in-milliseconds)" if tc.unit in _SUBSECOND_UNITS else "")
                if fixed
                else f"set {name} to a JSON number of seconds since 1970-01-01T00:00:00Z (10 digits today)",
                fixed=fixed,
                applicability=Applicability.UNSAFE if fixed else Applicability.DISPLAY,
            )


class TimeInMilliseconds(Rule[TokenTarget]):
    """## What it does
    Flags an `exp`, `nbf` or `iat` written in milliseconds, microseconds or
    nanoseconds instead of seconds, and gives the value in seconds.

    ## Why is this bad?
    A NumericDate counts seconds (RFC 7519 §2). A millisecond `exp` from
    JavaScript `Date.now()`, Java `System.currentTimeMillis()` or Apex
    `Datetime.getTime()` is read as a date some fifty thousand years ahead:
    the token never expires, or a strict verifier rejects it. An `nbf`
    or `iat` in milliseconds makes the token never valid, or issued in the
    future. Nanoseconds come from `time.time_ns()` or Go's `UnixNano()`.

    ## Fix
    Divide by 1000 (10^6, 10^9) and round down; the value in seconds is in
    `fixed`. Better, take seconds from the clock:
    `Math.floor(Date.now() / 1000)`, `Instant.now().getEpochSecond()`,
    `int(time.time())`, `time.Now().Unix()`.

    ## Example
    `{"exp": 1603472160417}` (2020-10-23T16:56:00.417Z in milliseconds)
    """

    code = "JWT403"
    name = "time-in-milliseconds"
    severity = Severity.ERROR
    summary = "A time claim is in milliseconds (or micro-, nanoseconds), not seconds."
    refs = (cite("RFC 7519", "2"), cite("RFC 7519", "4.1.4"))

    def check(self, t: TokenTarget, ctx: Context) -> Iterator[Finding]:
        if _claims(t) is None:
            return
        for name, tc in t.times.items():
            if tc.unit not in _SUBSECOND_UNITS:
                continue
            whole = tc.whole_seconds
            literal = tc.raw.strip() if isinstance(tc.raw, str) else json_shown(tc.raw)
            digits = len(literal.split(".")[0].lstrip("-"))
            year = 1970 + int(float(literal) / 31_556_952)  # what a verifier reading seconds sees
            yield self.finding(
                f"{name} is in {_UNIT_NAME[tc.unit]}: {literal} ({digits} digits) is what "
                f"{_UNIT_SOURCE[tc.unit]}; read as seconds it lies in the year {year:,}, {_AS_SECONDS[name]}",
                claim_span(t, name),
                fix=f"use seconds: {name} = {whole}, i.e. {iso(whole)} ({_UNIT_FIX[tc.unit]}), "
                "then sign the token again",
                fixed=str(whole),
                applicability=Applicability.UNSAFE,
            )


class Expired(Rule[TokenTarget]):
    """## What it does
    Flags a token whose `exp` has passed (allowing `--leeway` seconds of clock skew).

    ## Why is this bad?
    A verifier MUST reject a JWT on or after its expiration time
    (RFC 7519 §4.1.4): PyJWT raises `ExpiredSignatureError: Signature has
    expired`, jsonwebtoken `TokenExpiredError: jwt expired`. A token that
    expires moments after it is issued points at clocks that disagree, or
    at a lifetime written where a time belongs (`"exp": 60`).

    ## Fix
    Get a fresh token (use the refresh token, or sign a new assertion for
    each request). If it expired at once: sync the clocks with NTP, allow a
    small leeway (`--leeway 60`), and compute `exp` as now plus the lifetime.

    ## Example
    `{"iat": 1516239022, "exp": 1516242622}` checked a day later.
    """

    code = "JWT404"
    name = "expired"
    severity = Severity.ERROR
    summary = "The token has expired."
    refs = (cite("RFC 7519", "4.1.4"),)

    def check(self, t: TokenTarget, ctx: Context) -> Iterator[Finding]:
        exp = seconds(t, "exp")
        if _claims(t) is None or exp is None or exp > ctx.now - ctx.leeway:
            return
        yield self.finding(
            f"expired {relative(exp - ctx.now)} (exp {iso(exp)}){_leeway_note(ctx)}{_lifetime_hint(t, exp)}",
            claim_span(t, "exp"),
            fix="get a fresh token; if it expired as soon as it was issued, compute exp as now + lifetime, "
            "check the clocks of issuer and verifier (NTP), or allow a small leeway (--leeway 60)",
        )


class NotYetValid(Rule[TokenTarget]):
    """## What it does
    Flags a token whose `nbf` (not before) is still in the future (beyond `--leeway`).

    ## Why is this bad?
    A verifier MUST NOT accept a JWT before its `nbf` (RFC 7519 §4.1.5):
    PyJWT raises `ImmatureSignatureError: The token is not yet valid (nbf)`,
    jsonwebtoken `NotBeforeError: jwt not active`. When the token is used
    as soon as it is issued, the issuer's clock is ahead of the verifier's,
    or `nbf` was set after the issue time (jsonwebtoken `notBefore: 1`).

    ## Fix
    Set `nbf` to the issue time (or leave it out), sync the clocks with
    NTP, or allow a small leeway (`--leeway 30`).

    ## Example
    `{"iat": 1569664800, "nbf": 1569664801}` used at 1569664800.
    """

    code = "JWT405"
    name = "not-yet-valid"
    severity = Severity.ERROR
    summary = "The token's nbf is in the future: it is not valid yet."
    refs = (cite("RFC 7519", "4.1.5"),)

    def check(self, t: TokenTarget, ctx: Context) -> Iterator[Finding]:
        nbf, iat = seconds(t, "nbf"), seconds(t, "iat")
        if _claims(t) is None or nbf is None or nbf <= ctx.now + ctx.leeway:
            return
        delay = ""
        if iat is not None and nbf > iat:
            delay = f"; nbf is {duration(nbf - iat)} after iat (a notBefore delay?)"
        yield self.finding(
            f"not valid until {iso(nbf)} ({relative(nbf - ctx.now)}){_leeway_note(ctx)}{delay}",
            claim_span(t, "nbf"),
            fix="set nbf to the issue time, not later (or leave it out); if it is meant to be the issue time, "
            "the issuer's clock is ahead: sync both clocks (NTP) or allow a small leeway (--leeway 30)",
        )


class IatInFuture(Rule[TokenTarget]):
    """## What it does
    Flags a token whose `iat` (issued at) lies in the future (beyond `--leeway`).

    ## Why is this bad?
    A token cannot have been issued later than now. RFC 7519 §4.1.6 only
    defines `iat`, but PyJWT rejects such a token (`ImmatureSignatureError:
    The token is not yet valid (iat)`), as do Google's token endpoint and
    many OIDC clients. Almost always the issuer's clock runs ahead of the
    verifier's.

    ## Fix
    Sync the clocks of issuer and verifier (NTP); allow a leeway of a few
    seconds for the rest (`--leeway 10`, PyJWT `leeway=10`).

    ## Example
    `{"iat": 1734522453, "exp": 1734522753}` checked at 1734522393.
    """

    code = "JWT406"
    name = "iat-in-future"
    severity = Severity.ERROR
    summary = "The token's iat is in the future."
    refs = (cite("RFC 7519", "4.1.6"),)

    def check(self, t: TokenTarget, ctx: Context) -> Iterator[Finding]:
        iat = seconds(t, "iat")
        if _claims(t) is None or iat is None or iat <= ctx.now + ctx.leeway:
            return
        yield self.finding(
            f"issued in the future: iat {iso(iat)} is {duration(iat - ctx.now)} ahead of now"
            f"{_leeway_note(ctx)} (PyJWT: 'The token is not yet valid (iat)')",
            claim_span(t, "iat"),
            fix="the issuer's clock runs ahead of the verifier's: sync both (NTP), or allow a small leeway "
            "(--leeway 10)",
        )


class ExpBeforeIat(Rule[TokenTarget]):
    """## What it does
    Flags a token that expires no later than it was issued (`exp` <= `iat`),
    or no later than it becomes valid (`exp` <= `nbf`: never valid).

    ## Why is this bad?
    No clock reading satisfies both `nbf <= now` and `now < exp`
    (RFC 7519 §4.1.4, §4.1.5): every verifier rejects the token. The usual
    cause is a lifetime put where a time belongs (`"exp": 3600` meaning
    "in an hour"), or times from two different clocks or units.

    ## Fix
    Set `exp` to the issue time plus the lifetime (when `exp` looks like a
    lifetime, the corrected value is in `fixed`); in jsonwebtoken pass the
    lifetime as the `expiresIn` option, not as `exp`.

    ## Example
    `{"iat": 1464652800, "exp": 60}`
    """

    code = "JWT407"
    name = "exp-before-iat"
    severity = Severity.ERROR
    summary = "exp is not after iat (or nbf): the token is never valid."
    refs = (cite("RFC 7519", "4.1.4"), cite("RFC 7519", "4.1.5"), cite("RFC 7519", "4.1.6"))

    def check(self, t: TokenTarget, ctx: Context) -> Iterator[Finding]:
        exp, nbf, iat = seconds(t, "exp"), seconds(t, "nbf"), seconds(t, "iat")
        if _claims(t) is None or exp is None:
            return
        if nbf is not None and exp <= nbf:
            message = f"exp {iso(exp)} is not after nbf {iso(nbf)}: the token is never valid"
        elif iat is not None and exp <= iat:
            message = f"exp {iso(exp)} is not after iat {iso(iat)}: the token expired when it was issued"
        else:
            return
        start, label = (iat, "iat") if iat is not None else (nbf, "nbf")
        hint = _lifetime_hint(t, exp)
        if hint and start is not None:
            fixed = str(math.floor(start + exp))
            raw = json_shown(t.times["exp"].raw)
            yield self.finding(
                message + hint,
                claim_span(t, "exp"),
                fix=f"set exp to {label} + {raw} = {fixed}, i.e. {iso(float(fixed))} (jsonwebtoken: pass the "
                "lifetime as the expiresIn option), then sign the token again",
                fixed=fixed,
                applicability=Applicability.UNSAFE,
            )
        else:
            yield self.finding(
                message,
                claim_span(t, "exp"),
                fix=f"compute exp as {label} + the lifetime, with both times from the same clock, in seconds",
            )


class LifetimeTooLong(Rule[TokenTarget]):
    """## What it does
    Flags a token valid for longer than `--max-lifetime` (default 1 day):
    `exp` minus `iat` (or `nbf` when there is no `iat`).

    ## Why is this bad?
    A stolen token is useful until it expires; short lifetimes bound the
    damage (RFC 6819 §3.1.2). Some issuers enforce a maximum: Google's
    token endpoint refuses a service-account assertion
    valid for more than an hour (`Invalid JWT: Token must be a short-lived
    token (60 minutes)`), Apple a client secret valid for more than six
    months. Without `iat` and `nbf` the lifetime is unknown and nothing is
    reported.

    ## Fix
    Issue short-lived tokens and refresh them; the latest acceptable `exp`
    is in `fixed`. If the lifetime is intended, raise `--max-lifetime`.

    ## Example
    `{"iat": 1700000000, "exp": 1731536000}` (a year)
    """

    code = "JWT408"
    name = "lifetime-too-long"
    severity = Severity.WARNING
    summary = "The token is valid for longer than the allowed lifetime."
    refs = (
        cite("RFC 7519", "4.1.4"),
        cite("RFC 6819", "3.1.2"),
        cite("Google: OAuth 2.0 for Server to Server Applications", "", _GOOGLE_SA),
    )

    def check(self, t: TokenTarget, ctx: Context) -> Iterator[Finding]:
        exp, iat, nbf = seconds(t, "exp"), seconds(t, "iat"), seconds(t, "nbf")
        start, label = (iat, "iat") if iat is not None else (nbf, "nbf")
        if _claims(t) is None or exp is None or start is None or exp - start <= ctx.max_lifetime:
            return
        limit = math.floor(start + ctx.max_lifetime)
        yield self.finding(
            f"the token is valid for {duration(exp - start)} ({label} {iso(start)} to exp {iso(exp)}), "
            f"longer than the {duration(ctx.max_lifetime)} allowed (--max-lifetime {ctx.max_lifetime:g})",
            claim_span(t, "exp"),
            fix=f"issue short-lived tokens and refresh them: exp at most {label} + {ctx.max_lifetime:g} = {limit}, "
            "i.e. " + iso(limit) + "; or raise --max-lifetime if this lifetime is intended",
            fixed=str(limit),
            applicability=Applicability.UNSAFE,
        )


class AudMismatch(Rule[TokenTarget]):
    """## What it does
    When an expected audience is given (`--aud`), flags a token whose `aud`
    holds none of the expected values, and explains near misses: a trailing
    `/`, `http` vs `https`, letter case, `www.`, whitespace, another host of
    the same domain, an array serialized twice into a string, or no `aud`.

    ## Why is this bad?
    A recipient MUST reject a JWT whose `aud` does not name it
    (RFC 7519 §4.1.3; RFC 8725 §3.9). Values are compared as exact,
    case-sensitive strings, so `https://api.example.com/` is not
    `https://api.example.com` (PyJWT: `Invalid audience`, jsonwebtoken:
    `jwt audience invalid`, Salesforce: `audience is invalid`). An `aud`
    array passes when any member matches.

    ## Fix
    Make the strings identical on both sides; for a near miss, the expected
    value is in `fixed`. Change whichever side is wrong: the issuer's
    audience setting, or the verifier's expected audience.

    ## Example
    `{"aud": "https://login.salesforce.com/"}` checked with `--aud https://login.salesforce.com`
    """

    code = "JWT409"
    name = "aud-mismatch"
    severity = Severity.ERROR
    summary = "The token's aud does not contain the expected audience."
    refs = (cite("RFC 7519", "4.1.3"), cite("RFC 8725", "3.9"))

    def check(self, t: TokenTarget, ctx: Context) -> Iterator[Finding]:
        claims = _claims(t)
        if claims is None or not ctx.audience:
            return
        yield from _mismatch(self, t, "aud", claims.get("aud", _ABSENT), ctx.audience, "--aud")


class IssMismatch(Rule[TokenTarget]):
    """## What it does
    When an expected issuer is given (`--iss`), flags a token whose `iss`
    differs, and explains near misses: the trailing `/` (the classic OIDC
    one: Auth0 issues `https://TENANT.auth0.com/`), `http` vs `https`,
    letter case, whitespace, Microsoft's v1.0 vs v2.0 issuer, or no `iss`.

    ## Why is this bad?
    The issuer decides which keys may sign the token; a verifier that
    expects one issuer must reject any other (RFC 7519 §4.1.1, RFC 8725
    §3.8). OpenID Connect requires the exact string from the provider's
    discovery document (OIDC Core §3.1.3.7), so one character apart fails
    (`Invalid issuer`, `jwt issuer invalid`).

    ## Fix
    Expect exactly the `issuer` value of the provider's
    `.well-known/openid-configuration`; for a near miss, the expected value
    is in `fixed`.

    ## Example
    `{"iss": "https://example.auth0.com/"}` checked with `--iss https://example.auth0.com`
    """

    code = "JWT410"
    name = "iss-mismatch"
    severity = Severity.ERROR
    summary = "The token's iss is not the expected issuer."
    refs = (cite("RFC 7519", "4.1.1"), cite("RFC 8725", "3.8"))

    def check(self, t: TokenTarget, ctx: Context) -> Iterator[Finding]:
        claims = _claims(t)
        if claims is None or not ctx.issuer:
            return
        yield from _mismatch(self, t, "iss", claims.get("iss", _ABSENT), (ctx.issuer,), "--iss")


class ClaimType(Rule[TokenTarget]):
    """## What it does
    Flags `iss`, `sub` or `jti` that is not a string, and `aud` that is not
    a string or a non-empty array of strings.

    ## Why is this bad?
    `iss`, `sub` and `aud` are StringOrURI values and `jti` is a string
    (RFC 7519 §4.1.1-4.1.3, §4.1.7). A numeric `sub` (a database id such as
    12345) is the classic: PyJWT 2.10 and later reject it (`Subject must be
    a string`), and libraries that compare strings never match it. An empty
    `aud` array names no audience, so no verifier can accept it.
    (`exp`, `nbf` and `iat` are checked by `time-not-numeric`.)

    ## Fix
    Write the value as a JSON string (the string form is in `fixed`), e.g.
    `str(user.id)`, and convert back where you read it.

    ## Example
    `{"sub": 12345}` (should be `{"sub": "12345"}`)
    """

    code = "JWT411"
    name = "claim-type"
    severity = Severity.ERROR
    summary = "iss, sub or jti is not a string, or aud is not a string or array of strings."
    refs = (cite("RFC 7519", "4.1.1"), cite("RFC 7519", "4.1.2"), cite("RFC 7519", "4.1.3"), cite("RFC 7519", "4.1.7"))

    def check(self, t: TokenTarget, ctx: Context) -> Iterator[Finding]:
        claims = _claims(t)
        if claims is None:
            return
        for name in ("iss", "sub", "jti"):
            if name in claims and not is_string(claims[name]):
                yield self._bad(t, name, claims[name], _string_form(claims[name]), "a string")
        if "aud" not in claims:
            return
        aud = claims["aud"]
        if isinstance(aud, list) and not aud:
            yield self.finding(
                "aud is an empty array: it names no audience, so no verifier can accept the token",
                claim_span(t, "aud"),
                fix="put the intended audience in aud, or leave aud out",
            )
        elif isinstance(aud, list) and not all(is_string(v) for v in aud):
            forms = [v if is_string(v) else _string_form(v) for v in aud]
            fixed = None if None in forms else json.dumps(forms, ensure_ascii=False)
            bad = ", ".join(_describe(v) for v in aud if not is_string(v))
            yield self.finding(
                f"aud is an array holding {bad}: its members must be strings",
                claim_span(t, "aud"),
                fix=f"write aud as {fixed} and sign the token again" if fixed else "make every aud member a string",
                fixed=fixed,
                applicability=Applicability.UNSAFE if fixed else Applicability.DISPLAY,
            )
        elif not isinstance(aud, list) and not is_string(aud):
            yield self._bad(t, "aud", aud, _string_form(aud), "a string or an array of strings")

    def _bad(self, t: TokenTarget, name: str, value: Any, fixed: str | None, want: str) -> Finding:
        classic = " (PyJWT 2.10+ rejects it: 'Subject must be a string')" if name == "sub" and fixed else ""
        return self.finding(
            f"{name} is {_describe(value)}, not {want}{classic}",
            claim_span(t, name),
            fix=f'write {name} as "{fixed}" and sign the token again' if fixed else f"make {name} {want}",
            fixed=fixed,
            applicability=Applicability.UNSAFE if fixed else Applicability.DISPLAY,
        )


RULES = [
    ExpMissing,
    TimeNotNumeric,
    TimeInMilliseconds,
    Expired,
    NotYetValid,
    IatInFuture,
    ExpBeforeIat,
    LifetimeTooLong,
    AudMismatch,
    IssMismatch,
    ClaimType,
]
