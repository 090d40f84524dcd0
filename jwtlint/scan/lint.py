"""Found targets to findings: which rules a scan runs, the context of each file, and linting
each target (parsed with the parsers ``check`` uses, the rules run, ``jwtlint: ignore``
comments and the example policy applied).

All of a scan's rule selection, context building and per-target linting lives here (the
worker pool, ``pool.py``, calls ``lint_one``), so that it can be replaced by the shared
pipeline in one place.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from .. import limits
from ..engine import Context, Finding, RuleSet, Severity
from ..model import Origin
from ..report.report import Report, TargetReport
from .extract import Comment, Found, find_comments, iter_found
from .job import FileJob, FileResult, ScanTarget, SuppressedName, SuppressionComment
from .policy import as_example, apply_example_policy, published_secret

#: [(kind, findings, parts)] of one found text (a PEM block may hold several keys).
Linted = list[tuple[str, tuple[Finding, ...], tuple[tuple[str, int, int], ...]]]


@lru_cache(maxsize=16)
def scan_rules(select: tuple[str, ...] | None, ignore: tuple[str, ...] | None, profile: str | None = None) -> RuleSet:
    """The rules a scan runs: the pipeline's rule set for the selection and profile, with the
    scan family (``RuleSet.chosen(..., scan=True)``), chosen as ``check`` chooses them."""
    return RuleSet.chosen(select, ignore, profile, scan=True)


def lint_text(data: bytes | str, path: str = "<input>", *, context: Context | None = None,
              select: tuple[str, ...] | None = None, ignore: tuple[str, ...] | None = None) -> FileResult:  # fmt: skip
    """Scan one file's content given in memory (the corpus and tests use this)."""
    import io

    raw = data.encode("utf-8", "surrogateescape") if isinstance(data, str) else data
    ctx = context or Context(now=time.time())
    job = FileJob(path, path, select, ignore, ctx)
    return lint_found(job, len(raw), list(iter_found(io.BytesIO(raw))), comments=find_comments(raw))


def lint_report(data: bytes | str, path: str = "<input>", *, now: float | None = None, select: Any = None,
                ignore: Any = None, fail_on: str = "error", show_secrets: bool = False, **context: Any) -> Report:  # fmt: skip
    """One file's content scanned as ``jwtlint scan`` would, as a ``Report`` (corpus cases in scan mode)."""
    from ..options import Options
    from ..pipeline import context as context_of

    options = Options.build(now=now, show_secrets=show_secrets, select=select, ignore=ignore, **context)
    result = lint_text(data, path, context=context_of(options), select=options.select, ignore=options.ignore)
    return Report(result.targets, Severity.parse(fail_on), show_secrets)


def lint_found(job: FileJob, size: int, found: Iterable[Found], done: dict[Any, list[Any]] | None = None,
               comments: list[Comment] | None = None) -> FileResult:  # fmt: skip
    """The file's result from its targets; ``done`` holds targets already linted (by ``memo_key``);
    ``comments``: every ``jwtlint: ignore`` comment of the file (``extract.CommentTap``), each
    checked for naming real rules and silencing something (the scan's suppression rules)."""
    rules = scan_rules(job.select, job.ignore, job.context.profile)
    targets: list[TargetReport] = []
    suppressed = 0
    more = 0
    used: dict[int, _Use] = {}  # comment offset -> what it silenced
    for f in found:
        if len(targets) >= limits.MAX_SCAN_TARGETS_PER_FILE:
            more += 1
            continue
        origin = Origin(job.shown, f.line, f.column)
        hit = done.get(memo_key(f, job)) if done else None
        for kind, found_findings, parts in hit if hit is not None else _linted(f, origin, rules, job):
            findings, silenced = _suppress(list(found_findings), f.suppressed)
            suppressed += len(silenced)
            if f.suppress_at >= 0:
                use = used.setdefault(f.suppress_at, _Use())
                use.targets += 1
                for x in silenced:
                    use.names[x.name] = use.names.get(x.name, 0) + 1
            findings, example = apply_example_policy(findings)
            scanned = ScanTarget(kind, origin, f.digest, example, f.how, parts)
            targets.append(TargetReport(scanned, tuple(findings)))
    if comments and targets and not more:
        targets.extend(_check_comments(job, comments, used, rules))
    return FileResult(job.shown, size, tuple(targets), suppressed=suppressed, more=more)


class _Use:
    """What one comment silenced: how many targets it applied to, findings per rule name."""

    __slots__ = ("targets", "names")

    def __init__(self) -> None:
        self.targets = 0
        self.names: dict[str, int] = {}


def _check_comments(job: FileJob, comments: list[Comment], used: dict[int, _Use], rules: RuleSet) -> list[TargetReport]:
    """The findings of the suppression rules (``unknown-rule-in-suppression``, ``unused-suppression``)
    on each comment of a file, as targets of kind ``suppression`` placed at the comment."""
    if not rules.for_kind("suppression"):
        return []
    out = []
    guesses = [_MAX_GUESSES]  # nearest-name searches left for this file (difflib: about a millisecond each)
    for c in comments:
        use = used.get(c.offset) or _Use()
        names = None
        if c.names is not None:
            names = tuple(_resolve(written, a, b, rules, use, guesses) for written, a, b in c.names[:_MAX_NAMES])
        evidence = SuppressionComment(c.text, names, sum(use.names.values()), use.targets, c.quoted)
        findings = tuple(rules.run(evidence, job.context))
        if findings:
            target = ScanTarget("suppression", Origin(job.shown, c.line, c.column), "", parts=(("comment", 0, len(c.text)),))
            out.append(TargetReport(target, findings))
    return out


#: Names of one comment judged (a longer list is no typo), and nearest-name searches per file: a file
#: of a thousand comments of made-up names costs milliseconds, not seconds.
_MAX_NAMES = 16
_MAX_GUESSES = 32


def _resolve(written: str, start: int, end: int, rules: RuleSet, use: _Use, guesses: list[int]) -> SuppressedName:
    rule = rule_names().get(written.lower())
    if rule is None:
        nearest = None
        if guesses[0] > 0:
            guesses[0] -= 1
            nearest = nearest_rule(written)
        return SuppressedName(written, start, end, None, nearest, False, 0)
    return SuppressedName(written, start, end, rule, None, rules.has(rule), use.names.get(rule, 0))


@lru_cache(maxsize=256)
def nearest_rule(written: str) -> str | None:
    """The rule a mistyped name most likely meant: one whose name starts with it (``live-token``:
    ``live-token-in-repo``; the shortest such), else the closest by ``difflib`` (``expird``)."""
    import difflib

    w = " ".join(written.lower().replace("_", "-").split()).replace(" ", "-")
    names = sorted({n for n in rule_names().values()})
    if w in rule_names():
        return rule_names()[w]
    starts = [n for n in names if n.startswith(w) and len(w) >= 3]
    if starts:
        return min(starts, key=len)
    close = difflib.get_close_matches(w, [*names, *(k for k in rule_names() if k.startswith("jwt"))], n=1, cutoff=0.6)
    return rule_names().get(close[0]) if close else None


@lru_cache(maxsize=1)
def rule_names() -> dict[str, str]:
    """Every installed rule's name and code, lower-cased, -> its name (what a comment may write)."""
    from ..engine import registry

    out: dict[str, str] = {}
    for r in registry().rules:
        out[r.name.lower()] = r.name
        out[r.code.lower()] = r.name
    return out


#: Findings of texts already linted in this process. The same fixture key or token is often
#: copied into many files; rules are pure functions of the text (spans are relative to it,
#: never to the file), so a copy costs a dictionary look-up instead of a parse and a lint.
MEMO: dict[tuple[Any, ...], list[tuple[str, tuple[Finding, ...], tuple[tuple[str, int, int], ...]]]] = {}
MEMO_SIZE = 4096


def memo_key(f: Found, job: FileJob) -> tuple[Any, ...]:
    return (f.kind, f.text, f.how, job.select, job.ignore, job.context)


def _linted(f: Found, origin: Origin, rules: RuleSet, job: FileJob) -> list[Any]:
    key: tuple[Any, ...] | None = memo_key(f, job)
    try:
        hit = MEMO.get(key) if key is not None else None
    except TypeError:  # a context that cannot be hashed: no memo
        key, hit = None, None
    if hit is not None:
        return hit
    out = lint_one(f, origin, rules, job.context)
    if key is not None:
        if len(MEMO) >= MEMO_SIZE:
            MEMO.clear()
        MEMO[key] = out
    return out


def lint_one(f: Found, origin: Origin, rules: RuleSet, context: Context) -> list[Any]:
    """[(kind, findings, parts)] of one found text: parsed (a PEM block may hold several keys) and linted."""
    out = []
    for parsed in _parse(f, origin):
        findings = tuple(rules.run(parsed, context))
        if any(x.name == "live-token-in-repo" for x in findings) and published_secret(parsed):
            findings = tuple(as_example(x, "made with a published sample secret") for x in findings)
        out.append((parsed.kind, findings, _parts(parsed, f)))
    return out


def _parse(f: Found, origin: Origin) -> list[Any]:
    if f.kind == "token":
        from ..token.parse import parse_token

        return [parse_token(f.text, origin=origin)]
    from ..keys.parse import parse_key_material

    return list(parse_key_material(f.text, origin))


def _parts(parsed: Any, f: Found) -> tuple[tuple[str, int, int], ...]:
    if parsed.kind != "token" or f.how or parsed.whitespace:
        return ()
    return (("token", 0, len(parsed.text)), *((seg.role, seg.start, seg.end) for seg in parsed.segments))


def _suppress(findings: list[Finding], names: frozenset[str] | None) -> tuple[list[Finding], list[Finding]]:
    """(findings kept, findings silenced) by a comment listing ``names`` (None: no comment; empty:
    every finding). Names and codes match without regard to case. Silencing ``live-token-in-repo``
    silences the findings it covers too (``LiveTokenInRepo.covers``: the token's lifetime)."""
    if names is None:
        return findings, []
    if not names:
        return [], findings
    wanted = {n.lower() for n in names}
    silenced = [f for f in findings if f.name.lower() in wanted or f.code.lower() in wanted]
    if not silenced:
        return findings, []
    from jwtlint.rules.scan import LiveTokenInRepo

    covered = {c for f in silenced if f.name == LiveTokenInRepo.name for c in LiveTokenInRepo.covers}
    gone = {id(f) for f in silenced}
    silenced += [f for f in findings if id(f) not in gone and f.name in covered]
    gone = {id(f) for f in silenced}
    return [f for f in findings if id(f) not in gone], silenced


def make_job(path: str, shown: str, cfg: Any, now: float, show_secrets: bool,
             contexts: dict[tuple[Any, ...], Context]) -> FileJob:  # fmt: skip
    """The job of one file: its rule selection and context, from the configuration that applies
    to it (``contexts``: one per distinct setting, shared by the files that have it)."""
    from ..options import Options
    from ..pipeline import context as context_of

    c = cfg.for_path(path)
    key = (_tuple(c["aud"]), c["iss"], c["leeway"], c["max-lifetime"], c["profile"])
    ctx = contexts.get(key)
    if ctx is None:
        ctx = contexts[key] = context_of(Options.build(
            audience=c["aud"], issuer=c["iss"], now=now, leeway=c["leeway"], max_lifetime=c["max-lifetime"],
            show_secrets=show_secrets, profile=c["profile"],
        ))  # fmt: skip
    return FileJob(path, shown, _tuple(c["select"]), _tuple(c["ignore"]), ctx)


def _tuple(v: list[str] | None) -> tuple[str, ...] | None:
    return tuple(v) if v else None

