"""Sharing the linting of a scan with worker processes.

Reading and extracting run in the scan's own process: with grep's list they cost little.
Linting is what grows with the number of targets, so the distinct targets of the whole tree
(each text once, whichever file and how many files hold it) are shared out. From
``MIN_POOL_TARGETS`` distinct targets on, workers take chunks as extraction finds them (so
extracting and linting overlap); at the end this process lints chunks from the back of the
queue that no worker has taken, so neither waits on a core that another job is using.
"""

from __future__ import annotations

import os
from typing import Any

from .. import limits
from ..engine import Context
from ..model import Origin
from .extract import Found
from .job import FileJob
from .lint import MEMO, Linted, lint_one, memo_key, scan_rules

#: Distinct targets from which linting is shared with worker processes. Below it a pool costs
#: more than it saves: forking, and pickling findings back, take tens of milliseconds.
MIN_POOL_TARGETS = 256
#: Targets per work item handed to a worker (about 20 ms of linting: small enough to share
#: the tail of the work evenly, large enough to amortise the round trip).
POOL_CHUNK = 64


def idle_cores() -> int:
    """Processes worth running: one per core that other jobs leave idle (by the 1-minute load
    average), at least one. A worker on a busy core saves no time and its share of the work
    still costs the pickling (about 0.1 s of CPU on 3,000 targets)."""
    cores = os.cpu_count() or 1
    try:
        busy = os.getloadavg()[0]
    except (AttributeError, OSError):  # no load average on this platform: trust the core count
        return cores
    return max(1, min(cores, int(cores - busy + 0.5)))



class Sharing:
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
                key = memo_key(f, job)
                if key in self.items or key in MEMO:
                    continue
            except TypeError:  # a context that cannot be hashed: linted as it comes
                continue
            self.items[key] = (f, Origin(job.shown, f.line, f.column), job)
            self.queue.append(key)
        if self.workers > 1 and len(self.items) >= MIN_POOL_TARGETS:
            self._hand_out(final=False)  # from then on, chunks go out as they fill

    def _hand_out(self, final: bool) -> None:
        if self.pool is None and not self._start():
            return
        while len(self.queue) >= POOL_CHUNK or (final and self.queue):
            keys = self.queue[:POOL_CHUNK]
            work = [(f, origin, job.select, job.ignore, job.context) for f, origin, job in (self.items[k] for k in keys)]
            try:
                fut = self.pool.submit(_lint_chunk, work)
            except (OSError, RuntimeError):  # no fork (process limit, memory) or a broken pool
                self.workers = 1  # this process lints the rest (finish)
                return
            self.sent.append((fut, keys))
            del self.queue[:POOL_CHUNK]

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
        first, self.queue = self.queue[:POOL_CHUNK], self.queue[POOL_CHUNK:]
        self._lint_here(first)
        self.pool = ProcessPoolExecutor(max_workers=max(1, self.workers - 1), mp_context=ctx)
        return True

    def _lint_here(self, keys: list[Any]) -> None:
        for key in keys:
            f, origin, job = self.items[key]
            self.done[key] = lint_one(f, origin, scan_rules(job.select, job.ignore, job.context.profile), job.context)

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
    """In a worker: each target of the chunk linted (``lint_one``)."""
    return [lint_one(f, origin, scan_rules(select, ignore, context.profile), context) for f, origin, select, ignore, context in chunk]
