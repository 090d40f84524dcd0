"""A fast first pass over many bytes: which files can hold a target at all.

Reading every byte in Python costs a few milliseconds per MiB; most files of
a repository hold no token, key or JWK. When a scan reads many bytes and a
``grep`` is on PATH, grep lists the files that contain one of extraction's
needles (``-F -l --null``, one needle per grep, a few processes at once) and
jwtlint reads only those. The needles are the very ones extraction starts
from, so the results are the same; without grep, or when grep fails on a
batch (exit 2: a file it could not read), every file of that batch is read,
and unreadable files are still reported by the scan. ``JWTLINT_NO_GREP=1``
turns the pass off. ``start`` returns at once (a thread starts the greps and
collects what they print), so the scan loads its rules meanwhile and waits for
them only when it needs the list; ``Pending.needles(path)`` then tells which
needles a file holds, and extraction searches that file for those alone.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import threading

from .extract import NEEDLES

#: Paths per grep call: well under any argv limit (Linux allows 2 MiB of arguments).
_BATCH_FILES = 2048
_BATCH_BYTES = 256 * 1024
#: Greps running at once. They read from the page cache and mostly wait on memory, so a few
#: more than the cores keeps both busy while Python loads the rules in the meantime.
_RUNNING = 4


def grep_needle(needle: bytes) -> str:
    """The string grep looks for: the needle without trailing blanks. GNU grep's skip loop keys
    on the last byte, and a space is everywhere in source (``-----BEGIN `` ran 3-5x slower than
    ``-----BEGIN``); the shorter needle matches a superset of the files, so nothing is lost."""
    return needle.rstrip().decode()


class Pending:
    """Greps started, not yet waited for: ``result()`` gives the candidate paths (or None).

    A thread starts the greps and reads what they print, so this process goes on at once:
    starting a process waits until it has exec'd grep (1-2 ms of CPU, but up to 20 ms of
    waiting when the other cores are busy), and that waiting no longer holds the scan up."""

    def __init__(self, jobs: list[tuple[bytes, list[str], list[str]]]) -> None:
        self._todo = jobs  # (needle, command, batch) not started yet
        self._running: list[tuple[bytes, subprocess.Popen, list[str]]] = []
        self._failed = False
        self._cancelled = False
        self._lock = threading.Lock()
        #: For each needle, the paths that may hold it (filled by the thread; read after ``result``).
        self.by_needle: dict[bytes, set[str]] = {n: set() for n, _, _ in jobs}
        self._found: set[str] = set()
        self._thread = threading.Thread(target=self._run, name="jwtlint-grep", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            self._fill()
            while True:
                with self._lock:
                    if not self._running:
                        return
                    needle, proc, batch = self._running[0]  # listed until read, so cancel() can kill it
                got = _collect(proc, batch)
                with self._lock:
                    self._running.pop(0)
                self.by_needle[needle] |= got
                self._found |= got
                self._fill()
        except BaseException:  # anything unexpected: the scan reads every file instead
            self._failed = True

    def _fill(self) -> None:
        with self._lock:
            while self._todo and len(self._running) < _RUNNING and not self._failed and not self._cancelled:
                needle, cmd, batch = self._todo.pop(0)
                try:
                    proc = subprocess.Popen([*cmd, *batch], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
                except OSError:
                    self._failed = True
                    return
                self._running.append((needle, proc, batch))

    def cancel(self) -> None:
        """Stop the greps (the scan failed before it needed them)."""
        with self._lock:
            self._cancelled = True
            self._todo = []
            for _, proc, _ in self._running:
                proc.kill()
        self._thread.join()

    def result(self) -> set[str] | None:
        self._thread.join()
        return None if self._failed or self._cancelled else self._found

    def needles(self, path: str) -> tuple[bytes, ...]:
        """The needles grep saw in ``path`` (after ``result``): the only ones extraction needs."""
        return tuple(n for n, paths in self.by_needle.items() if path in paths)


def start(paths: list[str]) -> Pending | None:
    """Start the greps for ``paths`` and return at once; None when there is no grep to run."""
    grep = shutil.which("grep")
    if grep is None or os.environ.get("JWTLINT_NO_GREP"):
        return None
    # One grep per needle: with a single fixed string grep runs at memory speed; given
    # several it switches to a multi-string matcher about ten times slower.
    cmds = [(n, [grep, "-F", "-l", "--null", "-e", grep_needle(n), "--"]) for n in NEEDLES]
    return Pending([(n, cmd, batch) for batch in _batches(paths) for n, cmd in cmds])


def _collect(proc: subprocess.Popen, batch: list[str]) -> set[str]:
    out, _ = proc.communicate()
    if proc.returncode not in (0, 1):  # an error in this batch: read all of it in Python
        return set(batch)
    return {os.fsdecode(p) for p in out.split(b"\0") if p}


def _batches(paths: list[str]):
    batch: list[str] = []
    size = 0
    for p in paths:
        if batch and (len(batch) >= _BATCH_FILES or size + len(p) > _BATCH_BYTES):
            yield batch
            batch, size = [], 0
        batch.append(p)
        size += len(p) + 1
    if batch:
        yield batch
