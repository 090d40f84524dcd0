"""Starting a scan early, before the command line library loads.

``jwtlint scan`` spends ~60 ms importing typer, the command and the rules before it can use
grep's list of candidate files, and grep needs 30-50 ms to read a few tens of MiB three times.
So the console entry point (``jwtlint.cli.main``) calls ``prefetch`` before it imports typer:
the paths are read from argv (``argv_paths``), gathered (``walk.gather``: the same checks the
scan makes, so grep is handed only files the scan would read) and the greps started, in a
thread. ``scan`` then takes what was prepared for the same paths and working directory
(``take``), or drops it.

``argv_paths`` is a second, deliberately tiny reader of the scan's command line: typer is not
loaded yet. It knows which options take a value (``SCAN_VALUE_OPTIONS``; a test holds it equal
to the command's) and gives up (nothing started early) on anything it does not understand.
"""

from __future__ import annotations

import os
from typing import NamedTuple

from . import prefilter
from .walk import Collected, gather

#: A scan this big asks grep first which files can hold a target (``prefilter.py``).
MIN_PREFILTER_BYTES = 4 * 1024 * 1024
MIN_PREFILTER_FILES = 8


class Early(NamedTuple):
    key: tuple[str, tuple[str, ...]]  # (working directory, paths) it was made for
    collected: Collected  # the files gathered for those paths
    files: frozenset[str]  # the files the greps read
    pending: prefilter.Pending | None  # None: too little to grep, or no grep


_early: Early | None = None

#: ``jwtlint scan`` options that take a value (the rest are flags); tests hold this equal to the command's.
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


def worth_grepping(files: list[tuple[str, int]]) -> bool:
    """True for enough files and bytes that grep's list pays for itself."""
    return len(files) >= MIN_PREFILTER_FILES and sum(size for _, size in files) >= MIN_PREFILTER_BYTES


def prefetch(argv: list[str]) -> None:
    """For ``jwtlint scan ARGV``, before typer is imported: gather the paths and start grep.
    Never raises: anything unexpected leaves the scan to do it all as usual."""
    global _early
    try:
        paths = argv_paths(argv)
        if paths is None or not all(os.path.lexists(p) for p in paths):
            return
        collected = gather(paths)
        files = [(c.path, c.size) for c in collected.files if c.size > 0]
        pending = None
        if worth_grepping(files):
            pending = prefilter.start([p for p, _ in files])
            if pending is not None:
                import atexit

                atexit.register(drop)  # the command never scanned (a usage error): stop the greps
        _early = Early((os.getcwd(), tuple(paths)), collected, frozenset(p for p, _ in files), pending)
    except Exception:  # pragma: no cover - defensive: the scan proper reports real problems
        _early = None


def drop() -> None:
    """Stop what ``prefetch`` started and no scan took."""
    global _early
    early, _early = _early, None
    if early is not None and early.pending is not None:
        early.pending.cancel()


def take(paths: list[str]) -> Early | None:
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
