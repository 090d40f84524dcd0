"""Scan rules: credentials committed to a repository (run by ``jwtlint scan`` only).

These rules are ``default_enabled = False``: a token pasted into ``check``
is meant to be there; the same token in a file under version control is a
leak. ``jwtlint scan`` adds this family to the default selection.

Examples are not leaks: ``jwtlint.scan.run.apply_example_policy`` reports the
findings of an expired token, an ``alg: none`` token or a published sample
key at lower severity (see ``jwtlint/scan/run.py``), so these rules fire only
on what could still be used.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, Union

from jwtlint.algs import JWE_KEY_ALGS, JWS_ALGS
from jwtlint.engine import Context, Finding, Rule, Severity, cite
from jwtlint.model import JwksTarget, JwkTarget, KeyTarget, Span, TokenTarget
from jwtlint.rules._helpers import with_article
from jwtlint.timefmt import iso, relative

_LEAK_FIX = (
    "remove it from the file and from the history (git filter-repo or BFG), then revoke it: {revoke}; "
    "in tests and docs use an expired token or one made with a published sample key, or mark an intended "
    "one with `# jwtlint: ignore[{name}]`"
)


class LiveTokenInRepo(Rule[TokenTarget]):
    """## What it does
    Flags a token in a scanned file that is still usable: signed with a real
    algorithm, with a signature, and not expired (or with no `exp` at all).

    ## Why is this bad?
    A bearer token is a credential: whoever holds it is who it names, until
    it expires. A token committed to a repository is readable by everyone
    who can clone it, forever (history keeps it after the line is deleted),
    and a token without `exp` never stops working (RFC 8725 §3.10 wants
    tokens short-lived; RFC 6750 §5.3 says not to store bearer tokens in
    cleartext). Secret scanners flag every JWT, examples included;
    this rule flags only the ones that still work.

    ## Fix
    Delete the token from the file and from git history, and revoke it (or
    rotate the key that signed it). For fixtures, generate tokens in the
    test with the library, or commit an expired one: jwtlint reports
    expired, `alg: none` and sample-key tokens as examples, at info level.

    ## Example
    `AUTH = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhZG1pbiJ9.Qm9i..."` in
    `settings.py`: RS256, no `exp`.
    """

    code = "JWT801"
    name = "live-token-in-repo"
    severity = Severity.ERROR
    summary = "A token that still works (not expired, really signed) is committed in a file."
    refs = (
        cite("RFC 6750", "5.3"),
        cite("RFC 8725", "3.10"),
        cite("CWE-798", url="https://cwe.mitre.org/data/definitions/798.html"),
    )
    default_enabled = False

    def check(self, t: TokenTarget, ctx: Context) -> Iterator[Finding]:
        alg = t.alg
        if t.form == "jws":
            sig = t.segment("signature")
            if not isinstance(alg, str) or alg not in JWS_ALGS or alg == "none" or sig is None or not sig.text:
                return
            what = f"{with_article(alg)} token"
        elif t.form == "jwe":
            if not isinstance(alg, str) or alg not in JWE_KEY_ALGS:
                return
            what = f"an encrypted token ({alg})"
        else:
            return
        exp = t.times.get("exp")
        seconds = exp.seconds if exp is not None and exp.problem is None else None
        unit = exp.unit if exp is not None else None
        if seconds is not None and unit != "s":
            # exp in milliseconds (or smaller units): verifiers read the number as seconds,
            # thousands of years away, so the token works whatever time it meant.
            seconds = float("inf")
        if seconds is not None and seconds <= ctx.now - ctx.leeway:
            return  # expired: an example (the expired rule says so)
        if t.form == "jwe":
            life = "its claims are encrypted, so its expiry cannot be read"
        elif seconds is None:
            life = "it has no exp, so it never expires"
        elif seconds == float("inf"):
            life = f"its exp is in {unit}, which verifiers read as seconds: it never expires"
        else:
            life = f"it expires {relative(seconds - ctx.now)} ({iso(seconds)})"
        sub = t.payload.get("sub") if isinstance(t.payload, dict) else None
        who = f" for sub {sub!r}" if isinstance(sub, (str, int)) and len(str(sub)) <= 64 else ""
        yield self.finding(
            f"{what}{who} is committed here and still works: {life}",
            Span("token", 0, len(t.text)),
            fix=_LEAK_FIX.format(revoke="revoke the token or rotate the signing key", name=self.name),
        )


class PrivateKeyInRepo(Rule[Union[KeyTarget, JwkTarget, JwksTarget]]):
    """## What it does
    Flags a private key (PEM, OpenSSH, or a JWK with private members) or a
    JWK HMAC secret (`kty: oct`) in a scanned file, naming its type.

    ## Why is this bad?
    Whoever reads the private key can sign tokens the verifier accepts, or
    read what was encrypted to it. Keys in repositories are found by
    scrapers within minutes of a push (CWE-321, CWE-798), and deleting the
    file leaves the key in history. An encrypted key is less urgent, but
    its passphrase tends to live next to it.

    ## Fix
    Remove the key from the file and from history, then rotate it: make a
    new key pair and revoke the old one where it is trusted. Load keys at
    run time from a secret manager or an environment variable. Test
    fixtures can generate a key in the test, or use a published sample key
    (reported as an example).

    ## Example
    `-----BEGIN RSA PRIVATE KEY-----` in `config/jwt.pem`, or
    `{"kty": "EC", "d": "..."}` in `keys.json`.
    """

    code = "JWT802"
    name = "private-key-in-repo"
    severity = Severity.ERROR
    summary = "A private key or HMAC secret is committed in a file (the finding names the key type)."
    targets = frozenset({"key", "jwk", "jwks"})
    refs = (
        cite("CWE-321", url="https://cwe.mitre.org/data/definitions/321.html"),
        cite("RFC 8725", "3.5"),
    )
    default_enabled = False

    def check(self, t: KeyTarget | JwkTarget | JwksTarget, ctx: Context) -> Iterator[Finding]:
        text = t.input_text
        whole = Span("input", 0, len(text))
        fix = _LEAK_FIX.format(revoke="make a new key and stop trusting this one", name=self.name)
        for key in t.keys:
            if not key.private:
                continue
            where = f" (keys[{key.index}]" + (f", kid {key.kid!r})" if key.kid else ")") if t.kind == "jwks" else ""
            desc = key.describe()
            yield self.finding(f"{with_article(desc)}{where} is committed here", _key_span(t, key, whole), fix=fix)
        for block in t.blocks if isinstance(t, KeyTarget) else ():
            if block.encrypted and block.key is None:
                yield self.finding(
                    "an encrypted private key is committed here (safe only while its passphrase is not)",
                    block.span, fix=fix, severity=Severity.WARNING,
                )  # fmt: skip


def _key_span(t: KeyTarget | JwkTarget | JwksTarget, key: Any, whole: Span) -> Span:
    for block in t.blocks if isinstance(t, KeyTarget) else ():
        if block.key is key or block.index == key.index:
            return block.span
    return whole


RULES = [LiveTokenInRepo, PrivateKeyInRepo]
