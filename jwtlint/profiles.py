"""Platform profiles: packs of rules for one issuer or flow (``--profile NAME``).

A profile rule is off by default; ``lint(..., profile=NAME)`` adds the rules
of that profile to the selection. ``profile="auto"`` adds every profile's
rules, and each rule then runs only on the tokens whose claims point to its
profile without ambiguity (``detect``); the ``profile-auto`` rule says which
profile was picked, so the user knows why platform findings appear.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator
from typing import Any, ClassVar, NamedTuple
from urllib.parse import urlsplit

from .engine import AUTO_PROFILE, Context, Finding, Rule
from .model import Span, TokenTarget


class Profile(NamedTuple):
    name: str
    title: str
    url: str  # the platform documentation every rule of the profile cites


PROFILES: dict[str, Profile] = {
    p.name: p
    for p in (
        Profile(
            "salesforce-jwt-bearer",
            "Salesforce OAuth 2.0 JWT bearer flow (server-to-server, connected app)",
            "https://help.salesforce.com/s/articleView?id=sf.remoteaccess_oauth_jwt_flow.htm&type=5",
        ),
        Profile(
            "google-service-account",
            "Google OAuth 2.0 service-account assertion (oauth2.googleapis.com/token)",
            "https://developers.google.com/identity/protocols/oauth2/service-account#authorizingrequests",
        ),
        Profile(
            "apple-client-secret",
            "Sign in with Apple client_secret (ES256 JWT for appleid.apple.com)",
            "https://developer.apple.com/documentation/accountorganizationaldatasharing/creating-a-client-secret",
        ),
        Profile(
            "github-app",
            "GitHub App JWT (authenticating as the app, before an installation token)",
            "https://docs.github.com/en/apps/creating-github-apps/authenticating-with-a-github-app/"
            "generating-a-json-web-token-jwt-for-a-github-app",
        ),
        Profile(
            "rfc7523-client-assertion",
            "private_key_jwt client assertion (RFC 7523; Okta, Auth0, Entra ID, Keycloak)",
            "https://www.rfc-editor.org/rfc/rfc7523#section-3",
        ),
        Profile(
            "oidc-id-token",
            "OpenID Connect ID token (OIDC Core 2 and 3.1.3.7)",
            "https://openid.net/specs/openid-connect-core-1_0.html#IDTokenValidation",
        ),
        Profile(
            "rfc9068-access-token",
            "JWT access token (RFC 9068, typ at+jwt)",
            "https://www.rfc-editor.org/rfc/rfc9068#section-2",
        ),
        Profile(
            "dpop-proof",
            "DPoP proof (RFC 9449, typ dpop+jwt)",
            "https://www.rfc-editor.org/rfc/rfc9449#section-4.2",
        ),
    )
}
AUTO = AUTO_PROFILE


def check_name(name: str) -> str:
    """``name`` if it is a profile (or ``auto``); else ``ValueError`` naming the closest one."""
    if name in PROFILES or name == AUTO:
        return name
    close = difflib.get_close_matches(name, [*PROFILES, AUTO], n=1)
    hint = f"; did you mean {close[0]!r}?" if close else f" (known: {', '.join(PROFILES)}, auto)"
    raise ValueError(f"unknown profile {name!r}{hint}")


# --- detection for --profile auto -------------------------------------------------

#: login/test.salesforce.com, My Domain (*.my.salesforce.com) and Experience Cloud sites (*.my.site.com, *.force.com).
_SALESFORCE_AUD = re.compile(
    r"https?://(login|test)\.salesforce\.com/?$|https?://[^/]*\.(my\.salesforce\.com|my\.site\.com|force\.com)(/|$)", re.I
)
_GOOGLE_TOKEN_URLS = ("https://oauth2.googleapis.com/token", "https://www.googleapis.com/oauth2/v4/token")
_GITHUB_ISS = re.compile(r"\d{1,12}$|Iv[0-9a-z]{1,3}\.[A-Za-z0-9]+$")


def _auds(claims: dict[str, Any]) -> list[str]:
    aud = claims.get("aud")
    if isinstance(aud, str):
        return [aud]
    if isinstance(aud, list):
        return [a for a in aud if isinstance(a, str)]
    return []


def candidates(t: TokenTarget) -> list[tuple[str, str, str]]:
    """(profile, why, member) for each profile the token looks made for, most specific first.

    ``member`` names the header parameter or claim that decided it.
    """
    header = t.header if isinstance(t.header, dict) else {}
    claims = t.payload if isinstance(t.payload, dict) else {}
    typ = header.get("typ")
    typ = typ.lower().removeprefix("application/") if isinstance(typ, str) else ""
    auds = _auds(claims)
    iss = claims.get("iss")
    # A media type says what the token is: nothing else is needed.
    if typ == "dpop+jwt":
        return [("dpop-proof", "typ is dpop+jwt", "typ")]
    if typ == "at+jwt":
        return [("rfc9068-access-token", "typ is at+jwt", "typ")]
    found: list[tuple[str, str, str]] = []
    for a in auds:
        if _SALESFORCE_AUD.match(a):
            found.append(("salesforce-jwt-bearer", f"aud is {shown(a, False)}", "aud"))
        if a.rstrip("/") in _GOOGLE_TOKEN_URLS:
            found.append(("google-service-account", f"aud is {shown(a, False)}", "aud"))
        if urlsplit(a).hostname == "appleid.apple.com":
            found.append(("apple-client-secret", f"aud is {shown(a, False)}", "aud"))
    if isinstance(iss, str) and iss.endswith(".gserviceaccount.com") and "scope" in claims:
        found.append(("google-service-account", f"iss is a service account ({shown(iss, False)})", "iss"))
    if not auds and "iat" in claims and "exp" in claims and (
        isinstance(iss, int) and not isinstance(iss, bool) or isinstance(iss, str) and _GITHUB_ISS.match(iss)
    ):
        found.append(("github-app", f"iss {iss!r} is an App ID or client ID and there is no aud", "iss"))
    if found:
        return _dedupe(found)
    # Generic OAuth/OIDC shapes only when no platform claimed the token.
    if "nonce" in claims or "at_hash" in claims or "auth_time" in claims:
        found.append(("oidc-id-token", "it carries nonce, at_hash or auth_time", "nonce"))
    if isinstance(iss, str) and iss == claims.get("sub") and "jti" in claims and auds:
        found.append(("rfc7523-client-assertion", "iss equals sub, with jti and aud", "iss"))
    return _dedupe(found)


def _dedupe(found: list[tuple[str, str, str]]) -> list[tuple[str, str, str]]:
    seen: dict[str, tuple[str, str, str]] = {}
    for entry in found:
        seen.setdefault(entry[0], entry)
    return list(seen.values())


def detect(t: TokenTarget) -> str | None:
    """The one profile ``t`` is made for, or None when none or several fit."""
    found = candidates(t)
    return found[0][0] if len(found) == 1 else None


def active(t: TokenTarget, ctx: Context) -> str | None:
    """The profile that applies to ``t``: the one asked for, or the detected one for ``auto``."""
    if ctx.profile == AUTO:
        return detect(t)
    return ctx.profile


# --- what profile rules share ---------------------------------------------------


class ProfileRule(Rule[Any]):
    """Base of every profile rule: off by default, runs only when its profile applies.

    Subclasses set ``profile`` and implement ``check_profile``; they run on
    tokens whose header and payload are JSON objects (the structure rules
    speak about the others).
    """

    profile: ClassVar[str] = ""
    default_enabled = False

    def check(self, t: TokenTarget, ctx: Context) -> Iterator[Finding]:
        if not isinstance(t.header, dict) or not isinstance(t.payload, dict):
            return
        if active(t, ctx) != self.profile:
            return
        yield from self.check_profile(t, ctx)

    def check_profile(self, t: TokenTarget, ctx: Context) -> Iterator[Finding]:  # pragma: no cover - abstract
        raise NotImplementedError

    def missing_claims(
        self, t: TokenTarget, what: dict[str, str], who: str, *, absent: list[str] | None = None, then: str = ""
    ) -> Iterator[Finding]:
        """One finding per claim of ``what`` (name -> what it must hold) that is absent or empty
        (``absent``: the names to report, when the caller has already chosen them)."""
        for name in missing(t, tuple(what)) if absent is None else absent:
            yield self.finding(
                f"{name} is missing; {who} requires it ({what[name]})",
                claim_span(t, name),
                fix=f"add {name}: {what[name]}{then}",
            )


def claim_span(t: TokenTarget, name: str) -> Span | None:
    """The characters encoding claim ``name``; the whole payload when it is absent.

    (The profile rules take theirs from ``jwtlint.rules._helpers``; this module cannot import
    ``jwtlint.rules``, whose profile families import it.)"""
    seg = t.segment("payload")
    if seg is None:
        return None
    return seg.member_span(name) if name in (t.payload or {}) else seg.span()


def missing(t: TokenTarget, names: tuple[str, ...]) -> list[str]:
    claims = t.payload or {}
    return [n for n in names if n not in claims or claims[n] in (None, "")]


def shown(value: Any, quoted: bool = True) -> str:
    """A claim or header value for a message: its repr (or the bare string), cut short, so a
    hostile 200 KB iss stays out of reports."""
    text = repr(value) if quoted or not isinstance(value, str) else value
    return text if len(text) <= 80 else text[:77] + "..."
