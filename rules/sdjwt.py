"""SD-JWT rules (RFC 9901): the disclosures around an issuer-signed JWT.

Intake recognises an SD-JWT by its '~' separators and records each
disclosure (``jwtlint.token.sdjwt``); the issuer-signed JWT is linted as a token by
every other rule. These rules judge the disclosures: their shape, and whether
the payload (or another disclosure) references each one by its digest.
Findings point at the disclosure's characters in the input.
"""

from __future__ import annotations

from collections.abc import Iterator

from jwtlint.engine import Context, Finding, Rule, Severity, cite
from jwtlint.model import Disclosure, SdJwt, Span, TokenTarget
from jwtlint.token.sdjwt import HASHES


def _span(t: TokenTarget, d: Disclosure) -> Span:
    start = t.raw_start + d.start
    return Span("input", start, start + len(d.text))


def _sd(t: TokenTarget) -> SdJwt | None:
    return t.sd_jwt if isinstance(t.sd_jwt, SdJwt) else None


class SdJwtRule(Rule[TokenTarget]):
    """A rule about an SD-JWT's disclosures: skipped for plain tokens."""

    needs = frozenset({"sd_jwt"})


class SdJwtRecognized(SdJwtRule):
    """## What it does
    Says that the input is an SD-JWT (RFC 9901): an issuer-signed JWT followed by
    `~`-separated disclosures and, optionally, a key-binding JWT; lists the
    disclosed claims.

    ## Why is this bad?
    It is not: the `~` parts are not a broken signature. The issuer-signed JWT is
    checked like any token; the disclosures are checked by the other `sd-jwt-*`
    rules.

    ## Fix
    Nothing to fix. To verify it, use an SD-JWT library (it checks each
    disclosure's digest against the `_sd` arrays and the key binding).

    ## Example
    `eyJ...sig~WyJzYWx0IiwiZ2l2ZW5fbmFtZSIsIkpvaG4iXQ~`
    """

    code = "JWT981"
    name = "sd-jwt-recognized"
    severity = Severity.INFO
    summary = "The input is an SD-JWT: the issuer-signed JWT was checked, its disclosures decoded."
    refs = (cite("RFC 9901", "4"),)

    def check(self, t: TokenTarget, ctx: Context) -> Iterator[Finding]:
        sd = _sd(t)
        if sd is None:
            return
        names = [d.claim for d in sd.disclosures if d.claim]
        elements = sum(1 for d in sd.disclosures if not d.problem and not d.claim)
        parts = [f"{len(sd.disclosures) + sd.extra} disclosure(s)"]
        if names:
            shown = ", ".join(names[:8]) + (", ..." if len(names) > 8 else "")
            parts.append(f"claims {shown}")
        if elements:
            parts.append(f"{elements} array element(s)")
        parts.append("with a key-binding JWT" if sd.kb_jwt else "no key-binding JWT")
        yield self.finding(
            "SD-JWT: " + "; ".join(parts),
            Span("input", t.raw_start + sd.jwt_end, t.raw_start + len(sd.text)),
            fix="nothing to fix; verify disclosures and key binding with an SD-JWT library",
        )


class SdJwtDisclosureMalformed(SdJwtRule):
    """## What it does
    Flags an SD-JWT disclosure that is not base64url of a JSON array of 3
    elements (salt, claim name, value) or 2 (salt, value), discloses a
    forbidden name (`_sd`, `...`), is empty, or appears twice.

    ## Why is this bad?
    RFC 9901 §4.2.1 and §4.2.2 fix the shape; §7.1 has the verifier reject the
    whole SD-JWT when a disclosure is malformed or repeated.

    ## Fix
    Build each disclosure as `base64url(JSON.stringify([salt, name, value]))`
    without padding (an SD-JWT library does it), and list each once.

    ## Example
    `~eyJnaXZlbl9uYW1lIjoiSm9obiJ9~` (an object, not an array).
    """

    code = "JWT982"
    name = "sd-jwt-disclosure-malformed"
    severity = Severity.ERROR
    summary = "An SD-JWT disclosure is not base64url of [salt, name, value] or [salt, value], or repeats."
    refs = (cite("RFC 9901", "4.2.1"), cite("RFC 9901", "4.2.2"), cite("RFC 9901", "7.1"))

    def check(self, t: TokenTarget, ctx: Context) -> Iterator[Finding]:
        sd = _sd(t)
        if sd is None:
            return
        seen: set[str] = set()
        for d in sd.disclosures:
            if d.problem:
                yield self.finding(
                    f"disclosure {d.index + 1} {d.problem}",
                    _span(t, d),
                    fix="encode each disclosure as base64url (no padding) of the JSON array [salt, claim name, value], "
                    "or [salt, value] for an array element",
                )
            elif d.text in seen:
                yield self.finding(
                    f"disclosure {d.index + 1} appears twice; verifiers reject the SD-JWT",
                    _span(t, d),
                    fix="send each disclosure once",
                )
            seen.add(d.text)


class SdJwtDisclosureUnreferenced(SdJwtRule):
    """## What it does
    Flags a well-formed disclosure whose digest (under the payload's `_sd_alg`,
    default `sha-256`) is in no `_sd` array and no `{"...": digest}` element of
    the payload or of another disclosure.

    ## Why is this bad?
    RFC 9901 §7.1: a verifier rejects an SD-JWT with a disclosure it cannot find
    a digest for. It happens when a disclosure from another credential is
    attached, when the digest was computed over the decoded JSON instead of the
    base64url text, or with another hash than `_sd_alg`.

    ## Fix
    The digest is `base64url(hash(ASCII of the disclosure as sent))`; put it in
    the `_sd` array of the object holding the claim before the issuer signs.

    ## Example
    A disclosure whose SHA-256 is not among the payload's `_sd` digests.
    """

    code = "JWT983"
    name = "sd-jwt-disclosure-unreferenced"
    severity = Severity.ERROR
    summary = "An SD-JWT disclosure's digest is in no _sd array of the payload."
    refs = (cite("RFC 9901", "4.2.3"), cite("RFC 9901", "7.1"))

    def check(self, t: TokenTarget, ctx: Context) -> Iterator[Finding]:
        sd = _sd(t)
        if sd is None or not isinstance(t.payload, dict) or sd.sd_alg not in HASHES:
            return
        for d in sd.disclosures:
            if d.problem or d.digests[sd.sd_alg] in sd.referenced:
                continue
            other = [a for a, h in d.digests.items() if h in sd.referenced]
            why = f"; it matches under {other[0]}, not {sd.sd_alg}" if other else ""
            label = f"({d.claim}) " if d.claim else ""
            yield self.finding(
                f"disclosure {d.index + 1} {label}has {sd.sd_alg} digest {d.digests[sd.sd_alg]}, which no _sd array lists{why}",
                _span(t, d),
                fix=f"list base64url({sd.sd_alg} of the disclosure text as sent) in the _sd array that holds the claim, "
                "then have the issuer sign again",
            )


RULES = [SdJwtRecognized, SdJwtDisclosureMalformed, SdJwtDisclosureUnreferenced]
