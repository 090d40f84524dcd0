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
them only when it needs the list; them only when it needs the list; ``Pending.needles(path)`` then tells which
needles a file holds, and extraction searches that file for those alone.

grep also says where: ``-o -b`` prints the byte offset of every occurrence
(``Pending.occurrences(path)``), so extraction starts at each one
(``extract.found_at``) instead of searching the file again in Python (``-n``
would count every line of every file: more than Python counting up to the hits). Its output is bounded (``_MAX_OUTPUT``): a batch past it, like
a batch grep failed on, is read and searched in Python.
"""

from __future__ import annotations

import os
import re
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

    def __init__(self, jobs: list[tuple[bytes, list[str], list[str]]]) -> None:
        self._todo = jobs  # (needle, command, batch) not started yet
        self._running: list[tuple[bytes, subprocess.Popen, list[str]]] = []
        self._failed = False
        self._cancelled = False
        self._lock = threading.Lock()
        #: For each needle, the paths that may hold it (filled by the thread; read after ``result``).
        self.by_needle: dict[bytes, set[str]] = {n: set() for n, _, _ in jobs}
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
                    needle, proc, batch = self._running[0]  # listed until read, so cancel() can kill it
                got = _collect(proc, needle)
                with self._lock:
                    self._running.pop(0)
                if got is None:  # an error in this batch, or too much output: read all of it in Python
                    self.by_needle[needle].update(batch)
                    self._found.update(batch)
                    self._unknown.update(batch)
                else:
                    self.by_needle[needle].update(got)
                    self._found.update(got)
                    for path, at in got.items():
                        self._at.setdefault(path, []).extend(at)
                self._fill()
        except BaseException:  # anything unexpected: the scan reads every file instead
            self._failed = True

    def _fill(self) -> None:
        with self._lock:
            while self._todo and len(self._running) < _RUNNING and not self._failed and not self._cancelled:
                needle, cmd, batch = self._todo.pop(0)
                try:
                    proc = subprocess.Popen([*cmd, *batch], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                                            env=_GREP_ENV)  # fmt: skip
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
    # One grep per needle: with a single fixed string grep runs at memory speed; given
    # several it switches to a multi-string matcher about ten times slower. -o -b: every
    # occurrence with its byte offset; -a: also in files grep would call binary (it would
    # print no offsets there), which the scan reads as text; -H: the path, also for one file.
    cmds = [(n, [grep, "-F", "-o", "-b", "-a", "-H", "--null", "-e", grep_needle(n), "--"]) for n in NEEDLES]
    return Pending([(n, cmd, batch) for batch in _batches(paths) for n, cmd in cmds])


#: Bytes, not characters: offsets and matching must not depend on the user's locale.
_GREP_ENV = {**os.environ, "LC_ALL": "C"}


def _collect(proc: subprocess.Popen, needle: bytes) -> dict[str, list[tuple[int, bytes]]] | None:
    """{path: [(offset, needle)]} from grep's output; None when grep failed or said too much."""
    chunks = []
    size = 0
    assert proc.stdout is not None
    while True:
        data = proc.stdout.read1(1 << 16)
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
    return parse_output(b"".join(chunks), needle)


def parse_output(out: bytes, needle: bytes) -> dict[str, list[tuple[int, bytes]]] | None:
    """Records ``PATH\\0OFFSET:MATCH\\n`` (paths may hold newlines, never NUL) read in order;
    None when the output is anything else."""
    record = re.compile(rb"([^\0]*)\0(\d+):" + re.escape(needle.rstrip()) + rb"\n")
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
        found.setdefault(path, []).append((int(m.group(2)), needle))
    return found if pos == len(out) else None


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
