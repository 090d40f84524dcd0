"""The example policy: a target that is plainly an example is no credential worth protecting.

An expired token, an ``alg: none`` token, a published sample key (``known-sample-key``), or an
HS* token MAC'd with one of the best-known published secrets (jwt.io's defaults,
``published_secret``) is an example. Its marker finding is reported as ``info`` and every other
finding of that target is capped at ``warning``, so with the default ``--fail-on error``
examples never block a commit, yet ``--fail-on warning`` still shows a broken example. A token
whose ``exp`` is in milliseconds is no example: verifiers read it as far in the future.
"""

from __future__ import annotations

import dataclasses
import hashlib
import hmac
from typing import Any

from ..engine import Finding, Severity

#: Findings that mark a target as an example (see the module docstring).
EXAMPLE_MARKERS = frozenset({"expired", "alg-none", "known-sample-key"})


#: How many secrets from the top of the built-in list (jwt.io's defaults come first, then
#: the commonest typed ones) a live-looking HS* token is tried against: microseconds each.
_PUBLISHED_SECRETS = 16


def published_secret(t: Any) -> bool:
    """True when an HS* token's MAC is made with one of the best-known published secrets
    (jwt.io's defaults: the token in countless READMEs). Such a token is an example:
    anyone can mint it, so committing it leaks nothing."""
    import hashlib
    import hmac

    alg = t.alg if t.kind == "token" else None
    sig = t.segment("signature") if t.kind == "token" else None
    if alg not in ("HS256", "HS384", "HS512") or sig is None or t.whitespace:
        return False
    data = t.text[: t.text.rindex(".")].encode("ascii", "replace")
    bases = _HMACS.get(alg)
    if bases is None:
        # Keyed once per process: a copy costs less than keying again (23 -> 16.5 us a token).
        from ..token.verify import top_secrets

        digest = getattr(hashlib, "sha" + alg[2:])
        bases = _HMACS[alg] = [hmac.new(s, digestmod=digest) for s in top_secrets(_PUBLISHED_SECRETS)]
    for base in bases:
        h = base.copy()
        h.update(data)
        if h.digest() == sig.b64.decoded:
            return True
    return False


_HMACS: dict[str, list[Any]] = {}


def as_example(f: Finding, why: str) -> Finding:
    import dataclasses

    cap = Severity.INFO if f.name == "live-token-in-repo" else Severity.WARNING
    if f.name == "live-token-in-repo":
        return dataclasses.replace(f, severity=cap, message=f"{f.message}; but it is {why}, so anyone can mint it "
                                   "[example: was error]")  # fmt: skip
    return f if f.severity <= cap else _with_severity(f, cap)

def apply_example_policy(findings: list[Finding]) -> tuple[list[Finding], bool]:
    """(findings, is_example): an example's markers become info, its other findings at most warning."""
    if any(f.name == "live-token-in-repo" and f.severity == Severity.ERROR for f in findings) or not any(
        _marks_example(f) for f in findings
    ):
        return findings, False
    out = []
    for f in findings:
        cap = Severity.INFO if _marks_example(f) else Severity.WARNING
        out.append(f if f.severity <= cap else _with_severity(f, cap))
    return out, True


def _marks_example(f: Finding) -> bool:
    # A live-token finding already demoted: made with a published secret (see published_secret).
    return f.name in EXAMPLE_MARKERS or (f.name == "live-token-in-repo" and f.severity == Severity.INFO)


def _with_severity(f: Finding, severity: Severity) -> Finding:
    import dataclasses

    return dataclasses.replace(f, severity=severity, message=f"{f.message} [example: was {f.severity}]")


