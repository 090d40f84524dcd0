"""Profile github-app: the JWT a GitHub App signs to authenticate as itself.

GitHub documents it (see ``_DOC``): RS256; ``iss`` the App ID or client ID;
``iat`` set about 60 seconds in the past against clock drift; ``exp`` no more
than 10 minutes into the future. GitHub answers a longer one with
``'Expiration time' claim ('exp') is too far in the future``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from jwtlint.engine import Context, Finding, Severity, cite
from jwtlint.model import TokenTarget
from jwtlint.profiles import PROFILES, ProfileRule
from jwtlint.rules._helpers import claim_span, header_span, seconds, shown

_DOC = PROFILES["github-app"].url
_REF = cite("GitHub Docs: Generating a JSON Web Token (JWT) for a GitHub App", url=_DOC)
MAX_LIFETIME = 600  # GitHub: exp no more than 10 minutes into the future (on GitHub's clock)
DRIFT_MARGIN = 540  # above 9 minutes, a clock a minute fast makes GitHub refuse it
BACKDATE = 60  # GitHub's advice: iat 60 s in the past, so exp - iat may reach 660
_APP_ID = re.compile(r"\d{1,12}$")
_CLIENT_ID = re.compile(r"Iv[A-Za-z0-9.]{8,}$")  # Iv1.0123456789abcdef, Iv23li...


class _GitHub(ProfileRule):
    profile = "github-app"
    refs = (_REF,)


class GitHubAppAlg(_GitHub):
    """## What it does
    With `--profile github-app`, flags a GitHub App JWT not signed with RS256.

    ## Why is this bad?
    GitHub verifies the app's JWT with the public half of the app's private key
    (an RSA key downloaded as a `.pem`) and only with RS256; anything else is
    answered `401 A JSON web token could not be decoded`.

    ## Fix
    Sign with RS256 and the private key downloaded from the app's settings page.

    ## Example
    `{"alg":"HS256"}` signed with the app's client secret.
    """

    code = "JWT931"
    name = "github-app-alg"
    severity = Severity.ERROR
    summary = "A GitHub App JWT must be signed with RS256."

    def check_profile(self, t: TokenTarget, ctx: Context) -> Iterator[Finding]:
        alg = (t.header or {}).get("alg")
        if alg != "RS256":
            yield self.finding(
                f"alg is {shown(alg)}; GitHub accepts only RS256 for an app's JWT",
                header_span(t, "alg"),
                fix="sign with RS256 and the app's private key (the .pem from the app's settings page)",
            )


class GitHubAppClaims(_GitHub):
    """## What it does
    With `--profile github-app`, flags a missing `iat`, `exp` or `iss`, and an
    `iss` that is neither the App ID (a number) nor the client ID (`Iv1.…`, `Iv23…`).

    ## Why is this bad?
    GitHub finds the public key to verify with through `iss`; without `iat` and
    `exp` it cannot bound the token's life. A slug, an installation ID or an app
    name in `iss` gets `404 Integration not found` or `401 A JSON web token could
    not be decoded`.

    ## Fix
    `iss`: the client ID (recommended) or App ID from the app's settings page;
    `iat`: now minus 60 s; `exp`: `iat` + at most 600 s.

    ## Example
    `{"iss": "my-app", "iat": 1700000000}` (no exp, a slug in iss).
    """

    code = "JWT932"
    name = "github-app-claims"
    severity = Severity.ERROR
    summary = "The GitHub App JWT lacks iat, exp or iss, or iss is not the App ID or client ID."

    def check_profile(self, t: TokenTarget, ctx: Context) -> Iterator[Finding]:
        what = {"iss": "the app's client ID or App ID", "iat": "now minus 60 seconds", "exp": "iat + at most 600 seconds"}
        yield from self.missing_claims(t, what, "GitHub")
        iss = (t.payload or {}).get("iss")
        if iss is None or iss == "":
            return
        ok = (isinstance(iss, int) and not isinstance(iss, bool) and iss > 0) or (
            isinstance(iss, str) and (_APP_ID.match(iss) or _CLIENT_ID.match(iss))
        )
        if not ok:
            yield self.finding(
                f"iss is {shown(iss)}: neither an App ID (a number) nor a client ID (Iv1..., Iv23...)",
                claim_span(t, "iss"),
                fix="use the client ID or the App ID shown on the app's settings page (not its slug or an installation ID)",
            )


class GitHubAppLifetime(_GitHub):
    """## What it does
    With `--profile github-app`, flags an `exp` more than 10 minutes after the
    JWT was made (`iat` plus the recommended 60 s backdate, or now without
    `iat`), and warns above 9 minutes, where a little clock drift is enough for
    GitHub to refuse it.

    ## Why is this bad?
    GitHub requires `exp` to be "no more than 10 minutes into the future" and
    answers `401 'Expiration time' claim ('exp') is too far in the future`. Measured
    on GitHub's clock, so a server a minute fast fails at 9m30s.

    ## Fix
    `iat = now - 60`, `exp = now + 540` (PyJWT:
    `jwt.encode({"iat": now - 60, "exp": now + 540, "iss": client_id}, key, "RS256")`);
    make a new JWT for each batch of calls rather than one long-lived token.

    ## Example
    `"iat": 1700000000, "exp": 1700000900` (15 minutes).
    """

    code = "JWT933"
    name = "github-app-lifetime"
    severity = Severity.ERROR
    summary = "exp is more than 10 minutes after the JWT was made: GitHub says it is too far in the future."

    def check_profile(self, t: TokenTarget, ctx: Context) -> Iterator[Finding]:
        exp, iat = seconds(t, "exp"), seconds(t, "iat")
        if exp is None:
            return
        # GitHub compares exp with its own clock at the time of the call. iat is
        # (at best) the signing time minus GitHub's recommended 60 s backdate.
        if iat is not None:
            life, what, limit, margin = exp - iat, "iat", MAX_LIFETIME + BACKDATE, DRIFT_MARGIN + BACKDATE
        else:
            life, what, limit, margin = exp - ctx.now, "now", MAX_LIFETIME, DRIFT_MARGIN
        fix = "set iat = now - 60 and exp = now + 540 (at most 10 minutes ahead on GitHub's clock)"
        if life > limit:
            yield self.finding(
                f"exp is {life / 60:.1f} minutes after {what}; GitHub allows at most 10 and answers "
                "\"'Expiration time' claim ('exp') is too far in the future\"",
                claim_span(t, "exp"),
                fix=fix,
            )
        elif life > margin:
            yield self.finding(
                f"exp is {life / 60:.1f} minutes after {what}: within GitHub's 10 but a clock a minute fast fails",
                claim_span(t, "exp"),
                fix=fix,
                severity=Severity.WARNING,
            )


class GitHubAppIat(_GitHub):
    """## What it does
    With `--profile github-app`, warns when `iat` is not in the past at the time
    of the check (GitHub recommends 60 seconds in the past).

    ## Why is this bad?
    If the signing machine's clock is ahead of GitHub's, an `iat` of "now" is in
    GitHub's future and the JWT is refused (`'Issued at' claim ('iat') must be an
    Integer representing the time that the assertion was issued`).

    ## Fix
    Set `iat` to now minus 60 seconds, and keep the clock synchronised (NTP).

    ## Example
    `"iat": 1700000030` checked with `--now 1700000000`.
    """

    code = "JWT934"
    name = "github-app-iat"
    severity = Severity.WARNING
    summary = "iat is not in the past; GitHub recommends backdating it 60 seconds."

    def check_profile(self, t: TokenTarget, ctx: Context) -> Iterator[Finding]:
        iat = seconds(t, "iat")
        if iat is None or t.times["iat"].unit not in (None, "s"):
            return
        if iat > ctx.now + ctx.leeway:
            yield self.finding(
                f"iat is {iat - ctx.now:.0f} s in the future; GitHub refuses an iat it sees as not yet passed",
                claim_span(t, "iat"),
                fix="set iat = now - 60 (GitHub's advice against clock drift) and sync the clock with NTP",
            )


RULES = [GitHubAppAlg, GitHubAppClaims, GitHubAppLifetime, GitHubAppIat]
