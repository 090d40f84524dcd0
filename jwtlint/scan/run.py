"""``jwtlint scan``: find tokens, keys and JWKs in files, lint each, report where.

Pipeline per file: read bytes (skipping binary, oversized and vendored
files), ``extract`` targets with their line and column, parse each with the
same parsers ``check`` uses, run the default rules plus the scan family
(``rules/scan.py``), then apply the file's ``jwtlint: ignore`` comments,
the example policy and the baseline.

Example policy (so documentation is not a wall of red): a target that is
plainly an example -- an expired token, an ``alg: none`` token, a published
sample key (``known-sample-key``), or an HS* token MAC'd with one of the
best-known published secrets (jwt.io's defaults, ``published_secret``) --
is no credential worth protecting. Its marker finding is reported as
``info`` and every other finding of that target is capped at ``warning``,
so with the default ``--fail-on error`` examples never block a commit, yet
``--fail-on warning`` still shows a broken example. A token whose ``exp``
is in milliseconds is no example: verifiers read it as far in the future.

Many bytes: ``grep`` first lists the files that can hold a target at all
(``jwtlint/scan/prefilter.py``, while the rules load); this process reads and
extracts those, then lints each distinct target text once, sharing the
linting with worker processes (every core) when there are enough targets
to pay for them (see "both cores" below).
"""

from __future__ import annotations

import os
import stat
import subprocess
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, NamedTuple

from .. import limits
from ..engine import Context, Finding, Rule, Severity, by_kind, registry, run
from .extract import NEEDLES, Found, found_at, iter_found
from ..model import Origin
from ..report.report import Report, TargetReport

#: Folders of other people's code: never scanned (also when committed).
VENDORED = frozenset(
    {".git", "node_modules", "vendor", ".venv", "venv", "dist", "build", "__pycache__", ".tox", "site-packages",
     ".hg", ".svn", ".mypy_cache", ".pytest_cache", ".ruff_cache", "bower_components"}
)  # fmt: skip

#: Findings that mark a target as an example (see the module docstring).
EXAMPLE_MARKERS = frozenset({"expired", "alg-none", "known-sample-key"})

#: A scan this big asks grep first which files can hold a target (``jwtlint/scan/prefilter.py``).
_MIN_PREFILTER_BYTES = 4 * 1024 * 1024
_MIN_PREFILTER_FILES = 8
#: Distinct targets from which linting is shared with worker processes. Below it a pool costs
#: more than it saves: forking, and pickling findings back, take tens of milliseconds.
_MIN_POOL_TARGETS = 256
#: Targets per work item handed to a worker (about 20 ms of linting: small enough to share
#: the tail of the work evenly, large enough to amortise the round trip).
_POOL_CHUNK = 64


class ScanTarget(NamedTuple):
    """A linted target as a scan reports it: picklable, secret-free (no key objects, no token text)."""

    kind: str  # token, key, jwk, jwks
    origin: Origin
    digest: str  # SHA-256 of the normalised target text (baseline fingerprints)
    example: bool = False
    how: str = ""  # how it was written: concatenated, wrapped, escaped-newlines, string-lines
    #: (part, start, end) of each segment of a token written on one line, in characters from
    #: its first one (for SARIF regions and fixes); empty when the file text does not map.
    parts: tuple[tuple[str, int, int], ...] = ()

    @property
    def input_text(self) -> str:  # reporters look for it; a scan keeps no text
        return ""


class FileJob(NamedTuple):
    path: str  # as opened
    shown: str  # as reported (relative to the working directory when under it)
    select: tuple[str, ...] | None
    ignore: tuple[str, ...] | None
    context: Context


class FileResult(NamedTuple):
    shown: str
    size: int
    targets: tuple[TargetReport, ...] = ()
    skipped: str | None = None  # why the file was not read (binary, too large, ...)
    error: str | None = None  # could not be read: one line
    suppressed: int = 0  # findings silenced by `jwtlint: ignore`
    more: int = 0  # targets beyond limits.MAX_SCAN_TARGETS_PER_FILE, not linted


@dataclass
class ScanResult:
    """Everything a scan found; ``report`` is the ``Report`` the reporters take."""

    files: list[FileResult]
    skipped: list[tuple[str, str]]  # (path, reason), from walking
    fail_on: Severity = Severity.ERROR
    show_secrets: bool = False
    seconds: float = 0.0
    baselined: int = 0
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
        parts = [
            f"{len(self.scanned)} file{'s' * (len(self.scanned) != 1)}",
            f"{len(self.report.targets)} target{'s' * (len(self.report.targets) != 1)}",
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
        """Drop the findings a baseline records (``jwtlint.scan.baseline.load``)."""
        from .baseline import apply

        targets, self.baselined = apply(self.report.targets, known)
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


# --- choosing files ---------------------------------------------------------


def collect(paths: Iterable[str], include: list[str] | None = None, exclude: list[str] | None = None,
            root: Path | None = None, walked: dict[str, list[tuple[str, str | None]]] | None = None,
            ) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:  # fmt: skip
    """(files, skipped): files as (path, shown), each real file once; skipped as (path, reason).

    Directories are walked with git's view of the tree when inside a work
    tree (``.gitignore`` respected), else by a walk that skips vendored
    folders and follows no symlink loop. Raises ``FileNotFoundError`` for
    a path that does not exist. ``walked``: directories already walked
    (``prefetch``), each listing used once.
    """
    from ..config import glob_match

    root = (root or Path.cwd()).resolve()
    files: list[tuple[str, str]] = []
    skipped: list[tuple[str, str]] = []
    seen: set[tuple[int, int]] = set()
    for arg in paths:
        if not os.path.lexists(arg):
            raise FileNotFoundError(arg)
        listed = walked.pop(arg, None) if walked else None
        candidates = listed if listed is not None else _walk(arg) if os.path.isdir(arg) else iter([(arg, None)])
        for path, why in candidates:
            shown = _shown(path)
            if why:
                skipped.append((shown, why))
                continue
            rel = _relative(path, root) if include or exclude else ""
            if exclude and any(glob_match(rel, g) for g in exclude):
                skipped.append((shown, "excluded by configuration"))
                continue
            if include and not any(glob_match(rel, g) for g in include):
                skipped.append((shown, "not included by configuration"))
                continue
            try:
                st = os.stat(path)
            except OSError:
                files.append((path, shown))  # scan_file reports it in one line
                continue
            if not stat.S_ISREG(st.st_mode):
                skipped.append((shown, "not a regular file"))
                continue
            if (st.st_dev, st.st_ino) in seen:
                continue  # the same file through a symlink or twice on the command line
            seen.add((st.st_dev, st.st_ino))
            files.append((path, shown))
    return files, skipped


def _walk(top: str) -> Iterator[tuple[str, str | None]]:
    listed = _git_files(top)
    if listed is not None:
        for rel in listed:
            parts = rel.split("/")
            vendored = next((p for p in parts[:-1] if p in VENDORED), None)
            path = os.path.join(top, rel)
            if vendored:
                yield path, f"in a vendored folder ({vendored}/)"
            elif os.path.isdir(path):
                continue  # a submodule or a symlink to a directory: git lists it, we do not descend
            else:
                yield path, None
        return
    visited: set[tuple[int, int]] = set()
    for dirpath, dirnames, filenames in os.walk(top, followlinks=True):
        try:
            st = os.stat(dirpath)
        except OSError:
            dirnames[:] = []
            continue
        if (st.st_dev, st.st_ino) in visited:  # a symlink loop: been here already
            dirnames[:] = []
            continue
        visited.add((st.st_dev, st.st_ino))
        keep = []
        for d in sorted(dirnames):
            if d in VENDORED:
                yield os.path.join(dirpath, d), f"vendored folder ({d}/)"
            else:
                keep.append(d)
        dirnames[:] = keep
        for name in sorted(filenames):
            yield os.path.join(dirpath, name), None


def _git_files(top: str) -> list[str] | None:
    """Tracked and untracked-not-ignored files under ``top``, or None outside a git work tree."""
    try:
        out = subprocess.run(
            ["git", "-C", top, "ls-files", "-co", "--exclude-standard", "-z"],
            capture_output=True, timeout=60, check=False,
        )  # fmt: skip
    except (OSError, subprocess.SubprocessError):
        return None
    if out.returncode != 0:
        return None
    listed = sorted({p for p in out.stdout.decode("utf-8", "surrogateescape").split("\0") if p})
    if not listed and _ignored_by_git(top):
        return None  # a directory git ignores, named on purpose (build output, a cache): walk it
    return listed


def _ignored_by_git(top: str) -> bool:
    try:
        done = subprocess.run(["git", "-C", top, "check-ignore", "-q", "."], capture_output=True, timeout=60, check=False)
        return done.returncode == 0
    except (OSError, subprocess.SubprocessError):
        return False


def _shown(path: str) -> str:
    rel = os.path.relpath(path) if not os.path.isabs(path) or path.startswith(os.getcwd() + os.sep) else path
    return rel.replace(os.sep, "/") if not rel.startswith("..") else path


def _relative(path: str, root: Path) -> str:
    try:
        return Path(path).resolve().relative_to(root).as_posix()
    except ValueError:
        return Path(path).as_posix()


# --- starting early -----------------------------------------------------------
#
# ``jwtlint scan`` spends ~60 ms importing typer, the command and the rules before it can use
# grep's list of candidate files, and grep needs 30-50 ms to read a few tens of MiB three times.
# So the CLI calls ``prefetch`` before it imports typer: the paths are read from argv, the
# directories walked (the listing is kept for ``collect``) and the greps started, in a thread.
# ``scan`` then takes what was prepared for the same paths and working directory, or drops it.


class _Early(NamedTuple):
    key: tuple[str, tuple[str, ...]]  # (working directory, paths) it was made for
    walked: dict[str, list[tuple[str, str | None]]]  # directory -> _walk listing
    files: frozenset[str]  # the files the greps read
    pending: Any  # prefilter.Pending, or None (too little to grep, or no grep)


_early: _Early | None = None

#: ``jwtlint scan`` options that take a value (the rest are flags); tests hold this equal to scancli.
SCAN_VALUE_OPTIONS = frozenset(
    {"--select", "--ignore", "--fail-on", "--format", "--baseline", "--write-baseline", "--now", "--aud", "--iss",
     "--config", "--jobs", "-j", "--leeway", "--max-lifetime", "--profile", "--key", "--jwks", "--secret-file"}
)  # fmt: skip
SCAN_FLAGS = frozenset({"--verbose", "-v", "--show-secrets"})


def argv_paths(argv: list[str]) -> list[str] | None:
    """The PATH arguments of ``jwtlint scan ARGV`` (default ``["."]``); None when argv holds
    anything else (``--help``, an unknown or combined option): then nothing is started early."""
    paths: list[str] = []
    i = 0
    while i < len(argv):
        a = argv[i]
        if a == "--":
            paths += argv[i + 1 :]
            break
        if a in SCAN_VALUE_OPTIONS:
            i += 2
            continue
        if a.startswith("--") and a.split("=", 1)[0] in SCAN_VALUE_OPTIONS and "=" in a:
            i += 1
            continue
        if a in SCAN_FLAGS:
            i += 1
            continue
        if a.startswith("-") and a != "-":
            return None
        paths.append(a)
        i += 1
    return paths or ["."]


def prefetch(argv: list[str]) -> None:
    """For ``jwtlint scan ARGV``, before typer is imported: walk the paths and start grep.
    Never raises: anything unexpected leaves the scan to do it all as usual."""
    global _early
    try:
        paths = argv_paths(argv)
        if paths is None or not all(os.path.lexists(p) for p in paths):
            return
        walked: dict[str, list[tuple[str, str | None]]] = {}
        files: list[str] = []
        total = 0
        seen: set[tuple[int, int]] = set()
        for arg in paths:
            listing = list(_walk(arg)) if os.path.isdir(arg) else [(arg, None)]
            if os.path.isdir(arg):
                walked[arg] = listing
            for path, why in listing:
                if why:
                    continue
                try:
                    st = os.stat(path)
                except OSError:
                    continue
                if stat.S_ISREG(st.st_mode) and (st.st_dev, st.st_ino) not in seen:
                    seen.add((st.st_dev, st.st_ino))
                    files.append(path)
                    total += st.st_size
        pending = None
        if len(files) >= _MIN_PREFILTER_FILES and total >= _MIN_PREFILTER_BYTES:
            from .prefilter import start

            pending = start(files)
            if pending is not None:
                import atexit

                atexit.register(_drop_early)  # the command never scanned (a usage error): stop the greps
        _early = _Early((os.getcwd(), tuple(paths)), walked, frozenset(files), pending)
    except Exception:  # pragma: no cover - defensive: the scan proper reports real problems
        _early = None


def _drop_early() -> None:
    """Stop what ``prefetch`` started and no scan took."""
    global _early
    early, _early = _early, None
    if early is not None and early.pending is not None:
        early.pending.cancel()


def _take_early(paths: list[str]) -> _Early | None:
    """What ``prefetch`` prepared for these paths in this directory (once), else None."""
    global _early
    early, _early = _early, None
    if early is None:
        return None
    try:
        same = early.key == (os.getcwd(), tuple(paths))
    except OSError:
        same = False
    if not same:
        if early.pending is not None:
            early.pending.cancel()
        return None
    return early


# --- one file ---------------------------------------------------------------


@lru_cache(maxsize=16)
def scan_rules(select: tuple[str, ...] | None, ignore: tuple[str, ...] | None) -> dict[str, list[Rule]]:
    """The rules a scan runs: the selection (default: the default rules and the scan family)."""
    reg = registry()
    chosen = reg.select(select, ignore)
    if not select:
        dropped = {id(r) for r in reg._match_all(ignore)} if ignore else set()
        chosen += [r for r in reg.rules if r.family == "scan" and not r.default_enabled and id(r) not in dropped]
    return by_kind(chosen)


def scan_file(job: FileJob) -> FileResult:
    """Read one file and lint what it holds. Never raises: problems become ``skipped`` or ``error``."""
    got = _read_found(job)
    return got if isinstance(got, FileResult) else _lint_found(job, *got)


def _read_found(job: FileJob, needles: tuple[bytes, ...] = NEEDLES,
                occurrences: list[tuple[int, bytes]] | None = None) -> FileResult | tuple[int, list[Found]]:  # fmt: skip
    """(size, targets found) of one file; or its ``FileResult`` when it is skipped or unreadable.

    ``needles``: the ones grep saw in the file (extraction looks for no other); ``occurrences``:
    where grep saw them (then a file read in one chunk is not searched again)."""
    try:
        # Unbuffered: each chunk is one read() straight into its bytes object (a buffered
        # reader copies every byte twice, which costs as much as searching them).
        with open(job.path, "rb", buffering=0) as fh:
            size = os.fstat(fh.fileno()).st_size
            if size > limits.MAX_SCAN_FILE_BYTES:
                return FileResult(job.shown, size, skipped=f"larger than {limits.MAX_SCAN_FILE_BYTES >> 20} MiB")
            head = fh.read(limits.BINARY_SNIFF_BYTES)
            if b"\0" in head:
                return FileResult(job.shown, size, skipped="binary")
            fh.seek(0)
            if occurrences is not None and size <= limits.SCAN_CHUNK_BYTES:
                data = fh.read()  # one piece: iter_found reads a file of this size in one chunk too
                found = found_at(data, occurrences)
                if found is not None:
                    return size, found
                fh.seek(0)
            return size, list(iter_found(fh, needles=needles))
    except OSError as exc:
        return FileResult(job.shown, 0, error=f"cannot read {job.shown}: {exc.strerror or exc}")


def lint_text(data: bytes | str, path: str = "<input>", *, context: Context | None = None,
              select: tuple[str, ...] | None = None, ignore: tuple[str, ...] | None = None) -> FileResult:  # fmt: skip
    """Scan one file's content given in memory (the corpus and tests use this)."""
    import io

    raw = data.encode("utf-8", "surrogateescape") if isinstance(data, str) else data
    ctx = context or Context(now=time.time())
    job = FileJob(path, path, select, ignore, ctx)
    return _lint_found(job, len(raw), iter_found(io.BytesIO(raw)))


def lint_report(data: bytes | str, path: str = "<input>", *, now: float | None = None, select: Any = None,
                ignore: Any = None, fail_on: str = "error", show_secrets: bool = False, **context: Any) -> Report:  # fmt: skip
    """One file's content scanned as ``jwtlint scan`` would, as a ``Report`` (corpus cases in scan mode)."""
    from ..api import _tuple, make_context

    ctx = make_context(now=now, show_secrets=show_secrets, **context)
    result = lint_text(data, path, context=ctx, select=_tuple(select), ignore=_tuple(ignore))
    return Report(result.targets, Severity.parse(fail_on), show_secrets)


def _lint_found(job: FileJob, size: int, found: Iterable[Found], done: dict[Any, list[Any]] | None = None) -> FileResult:
    """The file's result from its targets; ``done`` holds targets already linted (by ``_memo_key``)."""
    rules = scan_rules(job.select, job.ignore)
    targets: list[TargetReport] = []
    suppressed = 0
    more = 0
    for f in found:
        if len(targets) >= limits.MAX_SCAN_TARGETS_PER_FILE:
            more += 1
            continue
        origin = Origin(job.shown, f.line, f.column)
        hit = done.get(_memo_key(f, job)) if done else None
        for kind, found_findings, parts in hit if hit is not None else _linted(f, origin, rules, job):
            findings, silenced = _suppress(list(found_findings), f.suppressed)
            suppressed += silenced
            findings, example = apply_example_policy(findings)
            scanned = ScanTarget(kind, origin, f.digest, example, f.how, parts)
            targets.append(TargetReport(scanned, tuple(findings)))
    return FileResult(job.shown, size, tuple(targets), suppressed=suppressed, more=more)


#: Findings of texts already linted in this process. The same fixture key or token is often
#: copied into many files; rules are pure functions of the text (spans are relative to it,
#: never to the file), so a copy costs a dictionary look-up instead of a parse and a lint.
_MEMO: dict[tuple[Any, ...], list[tuple[str, tuple[Finding, ...], tuple[tuple[str, int, int], ...]]]] = {}
_MEMO_SIZE = 4096


def _memo_key(f: Found, job: FileJob) -> tuple[Any, ...]:
    return (f.kind, f.text, f.how, job.select, job.ignore, job.context)


def _linted(f: Found, origin: Origin, rules: dict[str, list[Rule]], job: FileJob) -> list[Any]:
    key = _memo_key(f, job)
    try:
        hit = _MEMO.get(key)
    except TypeError:  # a context that cannot be hashed: no memo
        key, hit = None, None
    if hit is not None:
        return hit
    out = _lint_one(f, origin, rules, job.context)
    if key is not None:
        if len(_MEMO) >= _MEMO_SIZE:
            _MEMO.clear()
        _MEMO[key] = out
    return out


def _lint_one(f: Found, origin: Origin, rules: dict[str, list[Rule]], context: Context) -> list[Any]:
    """[(kind, findings, parts)] of one found text: parsed (a PEM block may hold several keys) and linted."""
    out = []
    for parsed in _parse(f, origin):
        findings = tuple(run(rules.get(parsed.kind, []), parsed, context))
        if any(x.name == "live-token-in-repo" for x in findings) and published_secret(parsed):
            findings = tuple(_as_example(x, "made with a published sample secret") for x in findings)
        out.append((parsed.kind, findings, _parts(parsed, f)))
    return out


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


def _as_example(f: Finding, why: str) -> Finding:
    import dataclasses

    cap = Severity.INFO if f.name == "live-token-in-repo" else Severity.WARNING
    if f.name == "live-token-in-repo":
        return dataclasses.replace(f, severity=cap, message=f"{f.message}; but it is {why}, so anyone can mint it "
                                   "[example: was error]")  # fmt: skip
    return f if f.severity <= cap else _with_severity(f, cap)


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


def _suppress(findings: list[Finding], names: frozenset[str] | None) -> tuple[list[Finding], int]:
    if names is None:
        return findings, 0
    kept = [f for f in findings if names and f.name not in names and f.code not in names]
    return kept, len(findings) - len(kept)


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


# --- the whole scan -----------------------------------------------------------


def scan(
    paths: Iterable[str] | None = None,
    *,
    config: Any = None,
    now: float | None = None,
    jobs: int | None = None,
    show_secrets: bool = False,
) -> ScanResult:
    """Scan ``paths`` (default: the current directory) with ``config`` (a ``jwtlint.config.Config``)."""
    from ..api import make_context
    from ..config import Config

    started = time.perf_counter()
    cfg = config or Config()
    paths = list(paths or ["."])
    early = _take_early(paths)
    try:
        files, skipped = collect(paths, cfg["include"], cfg["exclude"], cfg.root, early.walked if early else None)
    except BaseException:
        if early is not None and early.pending is not None:
            early.pending.cancel()
        raise
    when = time.time() if now is None else now
    contexts: dict[tuple[Any, ...], Context] = {}  # one per distinct setting, not one per file
    work = [_job(path, shown, cfg, when, show_secrets, make_context, contexts) for path, shown in files]
    results = _run_all(work, jobs, early)
    result = ScanResult(results, skipped, Severity.parse(cfg["fail-on"]), show_secrets)
    result.seconds = time.perf_counter() - started
    return result


def _job(path: str, shown: str, cfg: Any, now: float, show_secrets: bool, make_context: Any,
         contexts: dict[tuple[Any, ...], Context]) -> FileJob:  # fmt: skip
    c = cfg.for_path(path)
    key = (_tuple(c["aud"]), c["iss"], c["leeway"], c["max-lifetime"])
    ctx = contexts.get(key)
    if ctx is None:
        ctx = contexts[key] = make_context(
            audience=c["aud"], issuer=c["iss"], now=now, leeway=c["leeway"], max_lifetime=c["max-lifetime"],
            show_secrets=show_secrets,
        )  # fmt: skip
    return FileJob(path, shown, _tuple(c["select"]), _tuple(c["ignore"]), ctx)


def _tuple(v: list[str] | None) -> tuple[str, ...] | None:
    return tuple(v) if v else None


def _size(path: str) -> int:
    try:
        return os.path.getsize(path)
    except OSError:
        return 0


def _run_all(work: list[FileJob], jobs: int | None, early: _Early | None = None) -> list[FileResult]:
    workers = jobs if jobs is not None else _idle_cores()
    total = sum(_size(j.path) for j in work)
    big = len(work) >= _MIN_PREFILTER_FILES and total >= _MIN_PREFILTER_BYTES
    pending = None
    if early is not None and early.pending is not None:
        if big and early.files.issuperset(j.path for j in work):
            pending = early.pending  # started before typer loaded (prefetch): it has had time to finish
        else:
            early.pending.cancel()
    if big and pending is None:
        from .prefilter import start

        # The greps run while this process loads the rules (importing them and reading the
        # entry points takes about as long as the greps: each hides the other).
        pending = start([j.path for j in work])
    try:
        # Check every selector once, here, so a bad one is one error and not one per worker.
        for sel in {(j.select, j.ignore) for j in work}:
            scan_rules(*sel)
    except BaseException:
        if pending is not None:
            pending.cancel()
        raise
    if not big:
        return [scan_file(j) for j in work]
    maybe = pending.result() if pending is not None else None
    results: dict[int, FileResult] = {}
    read: list[tuple[int, FileJob, int, list[Found]]] = []
    sharing = _Sharing(workers)
    try:
        for i, j in enumerate(work):
            if maybe is not None and j.path not in maybe:
                results[i] = _sniff(j)  # no needle: only checked for being skipped (binary, size)
                continue
            got = (_read_found(j, pending.needles(j.path), pending.occurrences(j.path)) if maybe is not None
                   else _read_found(j))  # fmt: skip
            if isinstance(got, FileResult):
                results[i] = got
            else:
                read.append((i, j, *got))
                sharing.add(j, got[1])
        done = sharing.finish()
    finally:
        sharing.close()
    for i, j, size, found in read:
        results[i] = _lint_found(j, size, found, done)
    return [results[i] for i in range(len(work))]


def _idle_cores() -> int:
    """Processes worth running: one per core that other jobs leave idle (by the 1-minute load
    average), at least one. A worker on a busy core saves no time and its share of the work
    still costs the pickling (about 0.1 s of CPU on 3,000 targets)."""
    cores = os.cpu_count() or 1
    try:
        busy = os.getloadavg()[0]
    except (AttributeError, OSError):  # no load average on this platform: trust the core count
        return cores
    return max(1, min(cores, int(cores - busy + 0.5)))


def _sniff(job: FileJob) -> FileResult:
    """What ``scan_file`` says of a file that holds no target: scanned, or skipped and why."""
    try:
        with open(job.path, "rb", buffering=0) as fh:
            size = os.fstat(fh.fileno()).st_size
            if size > limits.MAX_SCAN_FILE_BYTES:
                return FileResult(job.shown, size, skipped=f"larger than {limits.MAX_SCAN_FILE_BYTES >> 20} MiB")
            if b"\0" in fh.read(limits.BINARY_SNIFF_BYTES):
                return FileResult(job.shown, size, skipped="binary")
            return FileResult(job.shown, size)
    except OSError as exc:
        return FileResult(job.shown, 0, error=f"cannot read {job.shown}: {exc.strerror or exc}")


# --- both cores ----------------------------------------------------------------
#
# Reading and extracting run in this process: with grep's list they cost little. Linting is
# what grows with the number of targets, so the distinct targets of the whole tree (each text
# once, whichever file and how many files hold it) are shared out. From _MIN_POOL_TARGETS
# distinct targets on, workers take chunks as extraction finds them (so extracting and
# linting overlap); at the end this process lints chunks from the back of the queue that no
# worker has taken, so neither waits on a core that another job is using.


class _Sharing:
    """The distinct targets of a scan, linted once each; shared with workers when there are many."""

    def __init__(self, workers: int) -> None:
        self.workers = workers
        self.items: dict[Any, tuple[Found, Origin, FileJob]] = {}
        self.queue: list[Any] = []  # keys not handed out yet
        self.done: dict[Any, list[Any]] = {}
        self.pool: Any = None
        self.sent: list[tuple[Any, list[Any]]] = []  # (future, keys)

    def add(self, job: FileJob, found: list[Found]) -> None:
        for f in found[: limits.MAX_SCAN_TARGETS_PER_FILE]:
            try:
                key = _memo_key(f, job)
                if key in self.items or key in _MEMO:
                    continue
            except TypeError:  # a context that cannot be hashed: linted as it comes
                continue
            self.items[key] = (f, Origin(job.shown, f.line, f.column), job)
            self.queue.append(key)
        if self.workers > 1 and len(self.items) >= _MIN_POOL_TARGETS:
            self._hand_out(final=False)  # from then on, chunks go out as they fill

    def _hand_out(self, final: bool) -> None:
        if self.pool is None and not self._start():
            return
        while len(self.queue) >= _POOL_CHUNK or (final and self.queue):
            keys = self.queue[:_POOL_CHUNK]
            work = [(f, origin, job.select, job.ignore, job.context) for f, origin, job in map(self.items.get, keys)]
            try:
                fut = self.pool.submit(_lint_chunk, work)
            except (OSError, RuntimeError):  # no fork (process limit, memory) or a broken pool
                self.workers = 1  # this process lints the rest (finish)
                return
            self.sent.append((fut, keys))
            del self.queue[:_POOL_CHUNK]

    def _start(self) -> bool:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        try:
            ctx = multiprocessing.get_context("fork")
        except ValueError:  # pragma: no cover - platforms without fork: this process lints everything
            self.workers = 1
            return False
        # A first chunk here, before forking: the workers then start with the parsers, the rules'
        # lazy imports (and cryptography, when a key was among them) loaded, instead of each
        # importing them again.
        self.queue = _warm_first(self.queue, self.items)
        first, self.queue = self.queue[:_POOL_CHUNK], self.queue[_POOL_CHUNK:]
        self._lint_here(first)
        self.pool = ProcessPoolExecutor(max_workers=max(1, self.workers - 1), mp_context=ctx)
        return True

    def _lint_here(self, keys: list[Any]) -> None:
        for key in keys:
            f, origin, job = self.items[key]
            self.done[key] = _lint_one(f, origin, scan_rules(job.select, job.ignore), job.context)

    def finish(self) -> dict[Any, list[Any]]:
        """{memo key: [(kind, findings, parts)]}; empty when no worker was needed (the targets
        are then linted as the files' results are put together, through the memo)."""
        if self.pool is None:
            return {}
        from concurrent.futures.process import BrokenProcessPool

        if self.workers > 1:
            self._hand_out(final=True)
        self._lint_here(self.queue)  # what no worker could be given
        self.queue = []
        for fut, keys in reversed(self.sent):
            if fut.cancel():  # no worker took it yet
                self._lint_here(keys)
        for fut, keys in self.sent:
            if fut.cancelled():
                continue
            try:
                out = fut.result()
            except BrokenProcessPool:  # a worker died (killed, out of memory): lint its share here
                self._lint_here(keys)
                continue
            self.done.update(zip(keys, out))
        return self.done

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)
            self.pool = None


def _warm_first(keys: list[Any], items: dict[Any, tuple[Found, Origin, FileJob]]) -> list[Any]:
    """The keys with one target of each kind first (a PEM key pulls in cryptography and pyasn1)."""
    firsts: dict[str, int] = {}
    for n, key in enumerate(keys):
        firsts.setdefault(items[key][0].kind, n)
    head = set(firsts.values())
    return [keys[n] for n in sorted(head)] + [k for n, k in enumerate(keys) if n not in head]


def _lint_chunk(chunk: list[tuple[Found, Origin, Any, Any, Context]]) -> list[list[Any]]:
    """In a worker: each target of the chunk linted (``_lint_one``)."""
    return [_lint_one(f, origin, scan_rules(select, ignore), context) for f, origin, select, ignore, context in chunk]
