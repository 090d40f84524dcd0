"""Profile google-service-account: a service account's assertion to Google's token endpoint.

Google documents it (see ``_DOC``): header ``{"alg":"RS256","typ":"JWT"}``
with ``kid`` the key's ``private_key_id``; ``iss`` the service account's
email; ``scope``; ``aud`` ``https://oauth2.googleapis.com/token``; ``iat``
and ``exp`` at most one hour apart.
"""

from __future__ import annotations

from collections.abc import Iterator

from jwtlint.engine import Applicability, Context, Finding, Severity, cite
from jwtlint.model import TokenTarget
from jwtlint.profiles import PROFILES, ProfileRule, missing
from jwtlint.rules._helpers import claim_span, header_span, seconds, shown

_DOC = PROFILES["google-service-account"].url
_REF = cite("Google Identity: Using OAuth 2.0 for Server to Server Applications", url=_DOC)
TOKEN_URL = "https://oauth2.googleapis.com/token"
MAX_LIFETIME = 3600  # "a maximum of 1 hour after the issued time"
_SA_SUFFIXES = (".iam.gserviceaccount.com", "@developer.gserviceaccount.com", "@appspot.gserviceaccount.com")


class _Google(ProfileRule):
    profile = "google-service-account"
    refs = (_REF,)


class GoogleSaAlg(_Google):
    """## What it does
    With `--profile google-service-account`, flags an assertion not signed with
    RS256, or without the `kid` of the service-account key.

    ## Why is this bad?
    Google's token endpoint verifies the assertion with the service account's
    public key, RS256 only; `kid` (the key file's `private_key_id`) tells it which
    of the account's keys to use, and without it a rotated account fails with
    `invalid_grant: Invalid JWT Signature`.

    ## Fix
    Sign with RS256 and the `private_key` of the JSON key file, and put the file's
    `private_key_id` in the header's `kid`.

    ## Example
    `{"alg":"RS256","typ":"JWT"}` with no `kid`.
    """

    code = "JWT911"
    name = "google-sa-alg"
    severity = Severity.ERROR
    summary = "A Google service-account assertion must be RS256, with the key's kid."

    def check_profile(self, t: TokenTarget, ctx: Context) -> Iterator[Finding]:
        alg = (t.header or {}).get("alg")
        if alg != "RS256":
            yield self.finding(
                f"alg is {shown(alg)}; Google's token endpoint accepts only RS256 for service-account assertions",
                header_span(t, "alg"),
                fix="sign with RS256 and the private_key of the service account's JSON key file",
            )
        kid = (t.header or {}).get("kid")
        if not isinstance(kid, str) or not kid:
            yield self.finding(
                "the header has no kid; Google uses it to pick the service account's key",
                header_span(t, "kid"),
                fix="set kid to the private_key_id of the JSON key file",
                severity=Severity.WARNING,
            )


class GoogleSaClaims(_Google):
    """## What it does
    With `--profile google-service-account`, flags a missing `iss`, `scope`,
    `aud`, `exp` or `iat`, an `iss` that is not a service-account email, and an
    `aud` other than the token endpoint.

    ## Why is this bad?
    Google refuses the assertion (`invalid_grant` or `invalid_scope`) when one is
    missing or `iss` is not the service account that owns the key.

    ## Fix
    `iss`: the `client_email` of the key file; `scope`: space-separated scopes;
    `aud`: `https://oauth2.googleapis.com/token`; `iat` now and `exp` at most an
    hour later.

    ## Example
    `{"iss": "123456789", "aud": "https://www.googleapis.com/oauth2/v3/token", ...}`
    """

    code = "JWT912"
    name = "google-sa-claims"
    severity = Severity.ERROR
    summary = "The Google assertion lacks iss, scope, aud, exp or iat, or iss or aud has the wrong value."

    def check_profile(self, t: TokenTarget, ctx: Context) -> Iterator[Finding]:
        what = {
            "iss": "the key file's client_email",
            "scope": "the space-separated scopes you ask for",
            "aud": TOKEN_URL,
            "exp": "iat + at most 3600",
            "iat": "the current time in seconds",
        }
        absent = missing(t, tuple(what))
        # An ID-token request asks for target_audience instead of scope.
        skip = "scope" if "target_audience" in (t.payload or {}) else None
        yield from self.missing_claims(t, what, "Google", absent=[n for n in absent if n != skip])
        iss = (t.payload or {}).get("iss")
        if "iss" not in absent and not (isinstance(iss, str) and iss.endswith(_SA_SUFFIXES)):
            yield self.finding(
                f"iss is {shown(iss)}, not a service-account email (...@PROJECT.iam.gserviceaccount.com)",
                claim_span(t, "iss"),
                fix="use the client_email of the service account's JSON key file",
            )
        aud = (t.payload or {}).get("aud")
        if "aud" not in absent and aud not in (TOKEN_URL, "https://www.googleapis.com/oauth2/v4/token"):
            yield self.finding(
                f"aud is {shown(aud)}; Google's token endpoint expects {TOKEN_URL}",
                claim_span(t, "aud"),
                fix=f"set aud to {TOKEN_URL} (and send the assertion there)",
                fixed=TOKEN_URL,
                applicability=Applicability.UNSAFE,
            )


class GoogleSaLifetime(_Google):
    """## What it does
    With `--profile google-service-account`, flags an `exp` more than one hour
    after `iat`.

    ## Why is this bad?
    Google accepts an assertion valid for at most one hour and answers
    `invalid_grant: Invalid JWT: Token must be a short-lived token (60 minutes)
    and in a reasonable timeframe`.

    ## Fix
    `exp = iat + 3600` at most; make a new assertion for each access token (the
    Google auth libraries do this for you).

    ## Example
    `"iat": 1699884000, "exp": 1699891200` (two hours).
    """

    code = "JWT913"
    name = "google-sa-lifetime"
    severity = Severity.ERROR
    summary = "exp is more than one hour after iat, the longest Google accepts."

    def check_profile(self, t: TokenTarget, ctx: Context) -> Iterator[Finding]:
        exp, iat = seconds(t, "exp"), seconds(t, "iat")
        if exp is None or iat is None:
            return
        if exp - iat > MAX_LIFETIME:
            yield self.finding(
                f"exp is {(exp - iat) / 60:.0f} minutes after iat; Google allows at most 60 "
                "('Token must be a short-lived token (60 minutes)')",
                claim_span(t, "exp"),
                fix="set exp = iat + 3600 at most",
                fixed=str(int(iat) + MAX_LIFETIME),
                applicability=Applicability.UNSAFE,
            )


RULES = [GoogleSaAlg, GoogleSaClaims, GoogleSaLifetime]
