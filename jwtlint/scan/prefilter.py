"""A fast first pass over many bytes: which files can hold a target at all, and where.

Reading every byte in Python costs a few milliseconds per MiB; most files of
a repository hold no token, key or JWK. When a scan reads many bytes and a
``grep`` is on PATH, grep prints every occurrence of extraction's needles with
its byte offset (``-F -o -b --null``, a few processes at once) and jwtlint
reads only the files that hold one. The needles are the very ones extraction
starts from, so the results are the same; without grep, or when grep fails on
a batch (exit 2: a file it could not read), every file of that batch is read
and searched, and unreadable files are still reported by the scan.
``JWTLINT_NO_GREP=1`` turns the pass off.

``start`` returns at once (a thread starts the greps and reads what they
print), so the scan goes on loading and waits only when it needs the list.
``Pending.needles(path)`` tells which needles a file holds and
``Pending.occurrences(path)`` where: extraction starts at each offset
(``extract.found_at``) instead of searching the file again (``-n`` would count
every line of every file, more than Python counting up to the hits). grep's
output is bounded (``_MAX_OUTPUT``): a batch past it is searched in Python.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import threading
from collections.abc import Iterator


#: Paths per grep call: well under any argv limit (Linux allows 2 MiB of arguments).
_BATCH_FILES = 2048
_BATCH_BYTES = 256 * 1024
#: Greps running at once. The scan starts them before it loads typer and the rules (scan.prefetch),
#: so they have that long to finish; more of them at once would take the core Python loads on.
_RUNNING = 2
#: Needles grep looks for together. "eyJ" alone: a single short string is found at memory speed
#: (with another needle grep's multi-string matcher ran ten times slower); "-----BEGIN" and '"kty"'
#: together cost less than two passes over the bytes (47 ms against 23 + 34 ms on 60 MiB).
GROUPS = ((b"eyJ",), (b"-----BEGIN ", b'"kty"'))
#: Bytes of output read from one grep (about 60 bytes per occurrence): past it, its batch is
#: read in Python. A hostile file of "eyJeyJeyJ..." must not cost more than reading it.
_MAX_OUTPUT = 16 * 1024 * 1024


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

    def __init__(self, jobs: list[tuple[tuple[bytes, ...], list[str], list[str]]]) -> None:
        self._todo = jobs  # (needles, command, batch) not started yet
        self._running: list[tuple[tuple[bytes, ...], subprocess.Popen[bytes], list[str]]] = []
        self._failed = False
        self._cancelled = False
        self._lock = threading.Lock()
        #: For each needle, the paths that may hold it (filled by the thread; read after ``result``).
        self.by_needle: dict[bytes, set[str]] = {n: set() for group, _, _ in jobs for n in group}
        self._found: set[str] = set()
        self._at: dict[str, list[tuple[int, bytes]]] = {}  # path -> (offset, needle)
        self._unknown: set[str] = set()  # paths of a batch grep failed on: no offsets
        self._thread = threading.Thread(target=self._run, name="jwtlint-grep", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            self._fill()
            while True:
                with self._lock:
                    if not self._running:
                        return
                    group, proc, batch = self._running[0]  # listed until read, so cancel() can kill it
                got = _collect(proc, group)
                with self._lock:
                    self._running.pop(0)
                if got is None:  # an error in this batch, or too much output: read all of it in Python
                    for needle in group:
                        self.by_needle[needle].update(batch)
                    self._found.update(batch)
                    self._unknown.update(batch)
                else:
                    for path, at in got.items():
                        for _, needle in at:
                            self.by_needle[needle].add(path)
                        self._at.setdefault(path, []).extend(at)
                    self._found.update(got)
                self._fill()
        except BaseException:  # anything unexpected: the scan reads every file instead
            self._failed = True

    def _fill(self) -> None:
        with self._lock:
            while self._todo and len(self._running) < _RUNNING and not self._failed and not self._cancelled:
                group, cmd, batch = self._todo.pop(0)
                try:
                    proc = subprocess.Popen([*cmd, *batch], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                                            env=_GREP_ENV)  # fmt: skip
                except OSError:
                    self._failed = True
                    return
                self._running.append((group, proc, batch))

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

    def occurrences(self, path: str) -> list[tuple[int, bytes]] | None:
        """Every (byte offset, needle) of the needles in ``path``, in file order (after
        ``result``); None when grep could not say (a failed batch): then search the file."""
        if path in self._unknown:
            return None
        return sorted(self._at.get(path, ()))


def start(paths: list[str]) -> Pending | None:
    """Start the greps for ``paths`` and return at once; None when there is no grep to run."""
    grep = shutil.which("grep")
    if grep is None or os.environ.get("JWTLINT_NO_GREP"):
        return None
    # -o -b: every occurrence with its byte offset; -a: also in files grep would call binary
    # (it would print no offsets there), which the scan reads as text; -H: the path, also for
    # a batch of one file; -D skip: a file swapped for a FIFO or a device after the scan checked
    # it is not read (grep is only handed regular files within the size limit: walk.py).
    cmds = [(group, [grep, "-F", "-o", "-b", "-a", "-H", "-D", "skip", "--null", *(x for n in group for x in ("-e", grep_needle(n))), "--"])
            for group in GROUPS]  # fmt: skip
    return Pending([(group, cmd, batch) for batch in _batches(paths) for group, cmd in cmds])


#: Bytes, not characters: offsets and matching must not depend on the user's locale.
_GREP_ENV = {**os.environ, "LC_ALL": "C"}


def _collect(proc: subprocess.Popen[bytes], needles: tuple[bytes, ...]) -> dict[str, list[tuple[int, bytes]]] | None:
    """{path: [(offset, needle)]} from grep's output; None when grep failed or said too much."""
    chunks = []
    size = 0
    assert proc.stdout is not None
    while True:
        data = proc.stdout.read1(1 << 16)  # type: ignore[attr-defined]  # a BufferedReader
        if not data:
            break
        size += len(data)
        if size > _MAX_OUTPUT:
            proc.kill()
            proc.communicate()
            return None
        chunks.append(data)
    proc.wait()
    if proc.returncode not in (0, 1):
        return None
    return parse_output(b"".join(chunks), needles)


def parse_output(out: bytes, needles: tuple[bytes, ...]) -> dict[str, list[tuple[int, bytes]]] | None:
    """Records ``PATH\\0OFFSET:MATCH\\n`` (paths may hold newlines, never NUL) read in order,
    MATCH being what grep looked for (``grep_needle``); None when the output is anything else."""
    by_match = {n.rstrip(): n for n in needles}
    record = re.compile(rb"([^\0]*)\0(\d+):(" + b"|".join(map(re.escape, by_match)) + rb")\n")
    found: dict[str, list[tuple[int, bytes]]] = {}
    pos = 0
    last_path = b""
    path = ""
    for m in record.finditer(out):
        if m.start() != pos:
            return None
        pos = m.end()
        if m.group(1) != last_path:
            last_path = m.group(1)
            path = os.fsdecode(last_path)
        found.setdefault(path, []).append((int(m.group(2)), by_match[m.group(3)]))
    return found if pos == len(out) else None


def _batches(paths: list[str]) -> Iterator[list[str]]:
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
