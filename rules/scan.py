"""Scan rules: credentials committed to a repository, and suppressions or baseline entries that
do nothing (run by ``jwtlint scan`` only).

These rules are ``default_enabled = False``: a token pasted into ``check``
is meant to be there; the same token in a file under version control is a
leak. ``jwtlint scan`` adds this family to the default selection.

Examples are not leaks: ``jwtlint.scan.run.apply_example_policy`` reports the
findings of an expired token, an ``alg: none`` token or a published sample
key at lower severity (see ``jwtlint/scan/run.py``), so these rules fire only
on what could still be used.

The suppression rules read what the scan recorded of each ``jwtlint: ignore`` comment of a file
that holds a target (``jwtlint.scan.job.SuppressionComment``, targets of kind ``suppression``);
``unused-baseline-entry`` reads a baseline entry that matched nothing in a file the scan read
(``BaselineEntry``, kind ``baseline``).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, ClassVar, Union

from jwtlint.algs import JWE_KEY_ALGS, JWS_ALGS
from jwtlint.engine import Context, Finding, Rule, Severity, cite
from jwtlint.model import JwksTarget, JwkTarget, KeyTarget, Span, TokenTarget
from jwtlint.rules._helpers import with_article
from jwtlint.rules.claims import ExpMissing, LifetimeTooLong
from jwtlint.scan.job import BaselineEntry, SuppressionComment
from jwtlint.timefmt import iso, relative

_TOKEN_FIX = (
    "remove it from the file and from the history (git filter-repo or BFG), then revoke the token or rotate "
    "the key it was issued with; in tests and docs use an expired token or one made with a published sample key, "
    "or mark an intended one with `# jwtlint: ignore[{name}]`"
)
#: A key is not a token: it does not expire, and history keeps it after the file is cleaned, so the
#: committed key itself must be replaced.
_KEY_FIX = (
    "rotate it: {rotate}, because git history keeps the committed one even after the file is cleaned "
    "(remove it from the file and from the history with git filter-repo or BFG all the same); load real keys "
    "at run time from a secret store or an environment variable; in tests, generate a key when the test runs "
    "(cryptography's generate_private_key, or a fixture) or use a published sample key; mark an intended one "
    "with `# jwtlint: ignore[{name}]`"
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
    #: Findings of the same token that say what this one says (it lives too long as a
    #: credential): a comment that silences this finding (an intended fixture, a key public by
    #: design) silences them too, or every suppressed fixture would still warn of its lifetime.
    covers: ClassVar[frozenset[str]] = frozenset({ExpMissing.name, LifetimeTooLong.name})

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
        works = "may still work" if t.form == "jwe" else "still works"  # a JWE's expiry cannot be read
        yield self.finding(
            f"{what}{who} is committed here and {works}: {life}",
            Span("token", 0, len(t.text)),
            fix=_TOKEN_FIX.format(name=self.name),
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
        for key in t.keys:
            if not key.private:
                continue
            where = f" (keys[{key.index}]" + (f", kid {key.kid!r})" if key.kid else ")") if t.kind == "jwks" else ""
            desc = key.describe()
            rotate = (_SECRET_ROTATE if getattr(key, "kty", None) == "oct" else _PAIR_ROTATE)
            yield self.finding(f"{with_article(desc)}{where} is committed here", _key_span(t, key, whole),
                               fix=_KEY_FIX.format(rotate=rotate, name=self.name))  # fmt: skip
        fix = _KEY_FIX.format(rotate=_PAIR_ROTATE, name=self.name)
        for block in t.blocks if isinstance(t, KeyTarget) else ():
            if block.encrypted and block.key is None:
                yield self.finding(
                    "an encrypted private key is committed here (safe only while its passphrase is not)",
                    block.span, fix=fix, severity=Severity.WARNING,
                )  # fmt: skip


_PAIR_ROTATE = "make a new key pair, publish its public key, and stop trusting this one wherever it is trusted"
_SECRET_ROTATE = "make a new random secret and stop accepting tokens MAC'd with this one"


def _key_span(t: KeyTarget | JwkTarget | JwksTarget, key: Any, whole: Span) -> Span:
    for block in t.blocks if isinstance(t, KeyTarget) else ():
        if block.key is key or block.index == key.index:
            return block.span
    return whole


_RUFF_UNUSED_NOQA = cite("ruff: unused-noqa (RUF100)", url="https://docs.astral.sh/ruff/rules/unused-noqa/")
_ESLINT_UNUSED = cite(
    "ESLint: --report-unused-disable-directives",
    url="https://eslint.org/docs/latest/use/command-line-interface#--report-unused-disable-directives",
)


class UnknownRuleInSuppression(Rule[SuppressionComment]):
    """## What it does
    Flags a name in a `jwtlint: ignore[...]` comment that is no rule name
    or code jwtlint knows, and names the closest rule.

    ## Why is this bad?
    A suppression with a mistyped name silences nothing, and says nothing:
    `# jwtlint: ignore[live-token]` leaves `live-token-in-repo` firing on
    the next line, and whoever wrote it believes the finding is handled.
    Linters report the same mistake in their own comments (ruff's RUF100
    lists unknown codes; ESLint reports directives that disable nothing).
    Names are matched without regard to case and blanks around them
    (`ignore[Live-Token-In-Repo ]` works), so only a name of no rule at all
    is reported. A warning, not an error: the comment hides nothing (the
    finding it meant to silence is still reported at its own severity).

    ## Fix
    Write the rule's name or code as `jwtlint rules` lists it (the nearest
    one is in the message), or remove the name.

    ## Example
    `# jwtlint: ignore[live-token]` above a committed token: the rule is
    `live-token-in-repo`.
    """

    code = "JWT803"
    name = "unknown-rule-in-suppression"
    severity = Severity.WARNING
    summary = "A jwtlint: ignore comment names a rule that does not exist, so it silences nothing."
    targets = frozenset({"suppression"})
    refs = (_RUFF_UNUSED_NOQA, _ESLINT_UNUSED)
    default_enabled = False

    def check(self, t: SuppressionComment, ctx: Context) -> Iterator[Finding]:
        if t.quoted:  # `jwtlint: ignore[name]` in backticks: prose about the syntax
            return
        for n in t.names or ():
            if n.rule is not None:
                continue
            hint = f"; did you mean {n.nearest}?" if n.nearest else ""
            yield self.finding(
                f"{n.written!r} in `{_short(t.text)}` is no jwtlint rule, so it silences nothing{hint}",
                Span("comment", n.start, n.end),
                fix=(f"write `{n.nearest}`" if n.nearest else "write a rule name or code as `jwtlint rules` lists it")
                + " or remove the name",
            )


class UnusedSuppression(Rule[SuppressionComment]):
    """## What it does
    Flags a `jwtlint: ignore` comment that silenced nothing in this scan:
    a bare `jwtlint: ignore` whose line (or the line after) drew no finding,
    or a name in `jwtlint: ignore[...]` whose rule ran and did not fire
    there. A name of a rule not run in this scan (left out by `--select`
    or `--ignore`) is not judged.

    ## Why is this bad?
    A stale suppression hides the next real finding on that line: when the
    expired fixture is replaced by a live token, the old comment silences
    it. A comment on the wrong line (two lines above the token, or after a
    token on the line below) silences nothing while looking like it does.
    ruff (RUF100) and ESLint (`--report-unused-disable-directives`) report
    unused suppressions for the same reasons.

    ## Fix
    Remove the comment (or the names that silenced nothing), or move it to
    the line of the target or the line just before it. Only files that
    hold a target are checked; a mention of the syntax in backticks
    (Markdown, docstrings) is not a comment and is not judged.

    ## Example
    `# jwtlint: ignore[live-token-in-repo]` above a token that has since
    expired: nothing is left to silence.
    """

    code = "JWT804"
    name = "unused-suppression"
    severity = Severity.WARNING
    summary = "A jwtlint: ignore comment silenced nothing on its line: remove it or move it."
    targets = frozenset({"suppression"})
    refs = (_RUFF_UNUSED_NOQA, _ESLINT_UNUSED)
    default_enabled = False

    def check(self, t: SuppressionComment, ctx: Context) -> Iterator[Finding]:
        if t.quoted:
            return
        where = "its line or the next" if t.targets else "its line or the next (no token, key or JWK there)"
        if t.names is None:
            if t.silenced == 0:
                yield self.finding(
                    f"`{_short(t.text)}` silenced no finding on {where}",
                    Span("comment", 0, len(t.text)),
                    fix="remove the comment, or put it on the line of the finding (or the line just before it)",
                )
            return
        unused = [n for n in t.names if n.rule is not None and n.ran and n.silenced == 0]
        if not unused:
            return
        if len(unused) == len(t.names):
            fix = "remove the comment, or put it on the line of the finding (or the line just before it)"
        else:
            fix = "remove " + ", ".join(n.written for n in unused) + " from the list"
        for n in unused:
            yield self.finding(
                f"{n.written} in `{_short(t.text)}` silenced nothing: {n.rule} did not fire on {where}",
                Span("comment", n.start, n.end), fix=fix,
            )  # fmt: skip


class UnusedBaselineEntry(Rule[BaselineEntry]):
    """## What it does
    Flags an entry of the baseline file (`--baseline`) that matched no
    finding of this scan although the scan read the file the entry names
    and ran its rule. Entries of files the scan did not read (a pre-commit
    run passes only the changed files) are not judged.

    ## Why is this bad?
    A baseline entry that matches nothing is a finding that was fixed (the
    token removed, the key rotated) or changed (a new token in its place:
    the new one is reported). Left in, it makes the baseline a list of
    stale secrets' fingerprints, and a later finding with the same
    fingerprint (the same token committed again to the same file) would be
    silenced. PHPStan reports unmatched baseline entries the same way.

    ## Fix
    Write the baseline again (`jwtlint scan --write-baseline FILE`) to drop
    the stale entries, or remove the entry by hand (`findings[N]` in the
    message).

    ## Example
    `.jwtlint-baseline.json` entry `findings[3]` records `live-token-in-repo` in
    `tests/fixtures.py`, and that token was deleted last week.
    """

    code = "JWT805"
    name = "unused-baseline-entry"
    severity = Severity.WARNING
    summary = "A baseline entry matches no finding of a file this scan read: the finding is gone."
    targets = frozenset({"baseline"})
    refs = (
        cite("PHPStan: reporting unused ignores", url="https://phpstan.org/user-guide/ignoring-errors#reporting-unused-ignores"),
        _RUFF_UNUSED_NOQA,
    )
    default_enabled = False

    def check(self, t: BaselineEntry, ctx: Context) -> Iterator[Finding]:
        yield self.finding(
            f"baseline entry findings[{t.number}] ({t.rule} in {t.path}) matches no finding: {t.path} was scanned and the "
            "finding it records is gone (fixed, or the target changed)",
            fix="write the baseline again (jwtlint scan --write-baseline FILE) or delete this entry",
        )


def _short(text: str) -> str:
    return text if len(text) <= 80 else text[:80] + "…"


RULES = [LiveTokenInRepo, PrivateKeyInRepo, UnknownRuleInSuppression, UnusedSuppression, UnusedBaselineEntry]
