"""``jwtlint scan``: find tokens, keys and JWKs in files, lint each, report where.

The steps, one module each:

- ``walk.py``: which files (git's listing or a walk; vendored, non-regular, oversized files
  and links out of the tree skipped with a reason; unreadable directories reported);
- ``early.py``: the same gathering and the grep prefilter (``prefilter.py``) started from
  argv before the command line library loads;
- ``read.py``: each file opened once, checked, read up to its size and extracted
  (``extract.py``);
- ``lint.py``: the rules, each file's context, each target parsed and linted, with the
  example policy (``policy.py``); ``pool.py`` shares the linting with worker processes;
- this module: the orchestration and the ``ScanResult`` the reporters take; ``baseline.py``
  drops findings recorded earlier.

Many bytes: ``grep`` first lists the files that can hold a target at all (while the rules
load); this process reads and extracts those, then lints each distinct target text once,
sharing the linting with worker processes (every core) when there are enough targets to pay
for them.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from ..engine import Context, Severity
from ..model import Origin
from ..report.report import Report, TargetReport
from . import early as early_start
from . import pool
from .early import Early, argv_paths, prefetch
from .extract import Comment, Found
from .job import BaselineEntry, FileJob, FileResult, ScanTarget
from .lint import lint_found, lint_report, lint_text, make_job, scan_rules
from .policy import EXAMPLE_MARKERS, apply_example_policy, published_secret
from .read import read_found, sniff
from .walk import VENDORED, collect, filter_by_config, gather

__all__ = [
    "EXAMPLE_MARKERS", "VENDORED", "FileJob", "FileResult", "ScanResult", "ScanTarget", "apply_example_policy",
    "argv_paths", "collect", "lint_report", "lint_text", "prefetch", "published_secret", "scan", "scan_file",
    "scan_rules",
]  # fmt: skip


#: Kinds of what a scan reports findings on that are not tokens, keys or JWKs: a ``jwtlint: ignore``
#: comment and a baseline entry (rules/scan.py).
NOT_TARGETS = frozenset({"suppression", "baseline"})


@dataclass
class ScanResult:
    """Everything a scan found; ``report`` is the ``Report`` the reporters take."""

    files: list[FileResult]
    skipped: list[tuple[str, str]]  # (path, reason), from walking
    fail_on: Severity = Severity.ERROR
    show_secrets: bool = False
    seconds: float = 0.0
    baselined: int = 0
    #: The rules chosen for the scan as a whole (select, ignore, profile) and per file (by the
    #: path shown): a baseline entry is judged only where its rule ran.
    selection: tuple[Any, ...] = (None, None, None)
    selections: dict[str, tuple[Any, ...]] = field(default_factory=dict)
    report: Report = field(init=False)

    def __post_init__(self) -> None:
        self.report = Report(tuple(t for f in self.files for t in f.targets), self.fail_on, self.show_secrets)

    @property
    def scanned(self) -> list[FileResult]:
        return [f for f in self.files if f.skipped is None and f.error is None]

    @property
    def errors(self) -> list[FileResult]:
        return [f for f in self.files if f.error]

    @property
    def all_skipped(self) -> list[tuple[str, str]]:
        return self.skipped + [(f.shown, f.skipped) for f in self.files if f.skipped]

    @property
    def bytes(self) -> int:
        return sum(f.size for f in self.scanned)

    def summary_line(self) -> str:
        s = self.report.summary()
        n = sum(s.values())
        # A comment or a baseline entry with a finding is reported like a target, but is none.
        found = sum(1 for t in self.report.targets if t.kind not in NOT_TARGETS)
        parts = [
            f"{len(self.scanned)} file{'s' * (len(self.scanned) != 1)}",
            f"{found} target{'s' * (found != 1)}",
            (
                f"{n} finding{'s' * (n != 1)} ({s['error']} error{'s' * (s['error'] != 1)}, "
                f"{s['warning']} warning{'s' * (s['warning'] != 1)}, {s['info']} info)"
            ),
        ]
        extra = []
        if self.all_skipped:
            extra.append(f"{len(self.all_skipped)} skipped")
        suppressed = sum(f.suppressed for f in self.files)
        if suppressed:
            extra.append(f"{suppressed} suppressed")
        if self.baselined:
            extra.append(f"{self.baselined} in baseline")
        if self.errors:
            extra.append(f"{len(self.errors)} unreadable")
        tail = f"; {', '.join(extra)}" if extra else ""
        return f"scanned {', '.join(parts)}{tail} in {self.seconds:.2f} s"

    def apply_baseline(self, known: Any) -> None:
        """Drop the findings a baseline records (``jwtlint.scan.baseline.load``), and report the
        entries that matched nothing in a file this scan read (``unused-baseline-entry``)."""
        from .baseline import match, normal_path

        targets, self.baselined, unmatched = match(self.report.targets, known)
        rules = scan_rules(*self.selection)
        if unmatched and rules.for_kind("baseline"):
            # Only a file read whole can tell that an entry is gone: one this scan did not read
            # (a pre-commit run passes the changed files), skipped or cut short says nothing.
            read = {normal_path(f.shown): f.shown for f in self.scanned if not f.more}
            ctx = Context(now=time.time())
            extra = []
            for e in unmatched:
                shown = read.get(e.path)
                if shown is None or not scan_rules(*self.selections.get(shown, self.selection)).has(e.rule):
                    continue
                findings = tuple(rules.run(BaselineEntry(e.number, e.rule, e.path), ctx))
                if findings:
                    where = Origin(known.source or None, e.line, e.column)
                    extra.append(TargetReport(ScanTarget("baseline", where, ""), findings))
            targets = (*targets, *extra)
        self.report = Report(targets, self.fail_on, self.show_secrets)

    def to_dict(self) -> dict[str, Any]:
        d = self.report.to_dict()
        for td, tr in zip(d["targets"], self.report.targets):
            td["example"] = tr.target.example
            td["fingerprint"] = tr.target.digest[:16]
        d["scan"] = {
            "files": len(self.scanned),
            "bytes": self.bytes,
            "skipped": [{"path": p, "reason": r} for p, r in self.all_skipped],
            "unreadable": [{"path": f.shown, "reason": f.error} for f in self.errors],
            "suppressed": sum(f.suppressed for f in self.files),
            "baselined": self.baselined,
            "seconds": round(self.seconds, 3),
        }
        return d



def scan_file(job: FileJob) -> FileResult:
    """Read one file and lint what it holds. Never raises: problems become ``skipped`` or ``error``."""
    got = read_found(job)
    if isinstance(got, FileResult):
        return got
    size, found, comments = got
    return lint_found(job, size, found, comments=comments)


def scan(
    paths: Iterable[str] | None = None,
    *,
    config: Any = None,
    now: float | None = None,
    jobs: int | None = None,
    show_secrets: bool = False,
) -> ScanResult:
    """Scan ``paths`` (default: the current directory) with ``config`` (a ``jwtlint.config.Config``)."""
    from ..config import Config

    started = time.perf_counter()
    cfg = config or Config()
    paths = list(paths or ["."])
    early = early_start.take(paths)
    try:
        gathered = early.collected if early is not None else gather(paths)
        collected = filter_by_config(gathered, cfg["include"], cfg["exclude"], cfg.root)
    except BaseException:
        if early is not None and early.pending is not None:
            early.pending.cancel()
        raise
    when = time.time() if now is None else now
    contexts: dict[tuple[Any, ...], Context] = {}  # one per distinct setting, not one per file
    work = [(make_job(c.path, c.shown, cfg, when, show_secrets, contexts), c.size) for c in collected.files]
    results = _run_all(work, jobs, early)
    results += [FileResult(shown, 0, error=why) for shown, why in collected.unreadable]
    result = ScanResult(results, collected.skipped, Severity.parse(cfg["fail-on"]), show_secrets)
    result.selection = (tuple(cfg["select"] or ()) or None, tuple(cfg["ignore"] or ()) or None, cfg["profile"])
    result.selections = {j.shown: (j.select, j.ignore, j.context.profile) for j, _ in work}
    result.seconds = time.perf_counter() - started
    return result


def _run_all(work: list[tuple[FileJob, int]], jobs: int | None, early: Early | None = None) -> list[FileResult]:
    workers = jobs if jobs is not None else pool.idle_cores()
    # Files of size 0 hold nothing to read (a /proc file says 0 and never ends): grep never sees them.
    greppable = [(j.path, size) for j, size in work if size > 0]
    big = early_start.worth_grepping(greppable)
    pending = None
    if early is not None and early.pending is not None:
        if big and early.files.issuperset(p for p, _ in greppable):
            pending = early.pending  # started before typer loaded (prefetch): it has had time to finish
        else:
            early.pending.cancel()
    if big and pending is None:
        from .prefilter import start

        # The greps run while this process loads the rules (importing them and reading the
        # entry points takes about as long as the greps: each hides the other).
        pending = start([p for p, _ in greppable])
    try:
        # Check every selector once, here, so a bad one is one error and not one per worker.
        for sel in {(j.select, j.ignore, j.context.profile) for j, _ in work}:
            scan_rules(*sel)
    except BaseException:
        if pending is not None:
            pending.cancel()
        raise
    if not big:
        return [scan_file(j) for j, _ in work]
    maybe = pending.result() if pending is not None else None
    results: dict[int, FileResult] = {}
    read: list[tuple[int, FileJob, int, list[Found], list[Comment]]] = []
    sharing = pool.Sharing(workers)
    try:
        for i, (j, size) in enumerate(work):
            if pending is not None and maybe is not None and (size == 0 or j.path not in maybe):
                results[i] = sniff(j)  # no needle: only checked for being skipped (binary, size)
                continue
            got = (read_found(j, pending.needles(j.path), pending.occurrences(j.path))
                   if pending is not None and maybe is not None else read_found(j))  # fmt: skip
            if isinstance(got, FileResult):
                results[i] = got
            else:
                read.append((i, j, *got))
                sharing.add(j, got[1])
        done = sharing.finish()
    finally:
        sharing.close()
    for i, j, size, found, comments in read:
        results[i] = lint_found(j, size, found, done, comments)
    return [results[i] for i in range(len(work))]

