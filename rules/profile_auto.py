"""The profile-auto rule: with ``--profile auto``, say which platform profile a token got.

Detection lives in ``jwtlint.profiles`` (``candidates``/``detect``); this rule
only reports its outcome, so the user knows why platform findings appear (or
that none ran).
"""

from __future__ import annotations

from collections.abc import Iterator

from jwtlint.engine import Context, Finding, Rule, Severity, cite
from jwtlint.model import TokenTarget
from jwtlint.profiles import AUTO, candidates
from jwtlint.rules._helpers import claim_span, header_span


class ProfileAuto(Rule[TokenTarget]):
    """## What it does
    With `--profile auto`, says which platform profile jwtlint picked for a
    token, from which claim, or that none (or several) fit.

    ## Why is this bad?
    It is not: it is information. Profile findings speak in one platform's
    terms; knowing why that platform was chosen lets you check the choice,
    and knowing that none was chosen tells you the platform checks did not run.

    ## Fix
    Nothing to fix. Name the profile with `--profile NAME` to force it
    (`jwtlint profiles` lists them).

    ## Example
    A token with `"aud": "https://login.salesforce.com"` gets
    `profile salesforce-jwt-bearer (aud is https://login.salesforce.com)`.
    """

    code = "JWT999"
    name = "profile-auto"
    severity = Severity.INFO
    summary = "--profile auto picked a platform profile for the token (or found none that fits)."
    refs = (cite("RFC 8725", "3.12"),)
    default_enabled = False
    profile = "auto"  # run by --profile auto only (Registry.profile_rules)

    def check(self, t: TokenTarget, ctx: Context) -> Iterator[Finding]:
        if ctx.profile != AUTO or not isinstance(t.payload, dict):
            return
        found = candidates(t)
        if len(found) == 1:
            name, why, member = found[0]
            yield self.finding(
                f"checked with profile {name} ({why})",
                header_span(t, member) if member == "typ" else claim_span(t, member),
                fix="if the token is for another platform, name it: --profile NAME (jwtlint profiles lists them)",
            )
        elif found:
            names = ", ".join(n for n, _, _ in found)
            yield self.finding(
                f"several profiles fit ({names}); no platform checks ran",
                claim_span(t, found[0][2]),
                fix="name the one you mean: --profile NAME",
            )
        else:
            yield self.finding(
                "no platform profile fits these claims; only the standard checks ran",
                claim_span(t, "aud"),
                fix="name the platform if there is one: --profile NAME (jwtlint profiles lists them)",
            )


RULES = [ProfileAuto]
