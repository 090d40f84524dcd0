"""Reading one file: opened once, checked after opening, read no further than its size.

A file is opened with ``O_NOFOLLOW`` (a file swapped for a link after it was listed is not
followed) and ``O_NONBLOCK`` (a file swapped for a FIFO does not hang the open), then checked
with ``fstat`` on the open descriptor: a regular file no larger than
``limits.MAX_SCAN_FILE_BYTES``. It is read at most up to the size ``fstat`` gave, so a file of a
pseudo file system (``/proc``: size 0, endless content) yields nothing, and a file that grows
while read costs no more than it did when checked. Binary files (a NUL byte in the first
``limits.BINARY_SNIFF_BYTES``) are skipped.
"""

from __future__ import annotations

import errno
import os
import stat
from typing import Any

from .. import limits
from .extract import NEEDLES, Comment, CommentTap, Found, found_at, iter_found
from .job import FileJob, FileResult
from .walk import too_large

_FLAGS = (os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
          | getattr(os, "O_NOCTTY", 0))  # fmt: skip


class _Capped:
    """The raw reads of an open file, ending after ``left`` bytes."""

    def __init__(self, fd: int, left: int) -> None:
        self.fd = fd
        self.left = left

    def read(self, n: int = -1) -> bytes:
        n = self.left if n is None or n < 0 else min(n, self.left)
        if n <= 0:
            return b""
        data = os.read(self.fd, n)
        self.left -= len(data)
        return data

    def read_all(self) -> bytes:
        chunks: list[bytes] = []
        while True:
            data = self.read(self.left)
            if not data:
                return b"".join(chunks)
            chunks.append(data)


def _open(job: FileJob) -> tuple[int, int] | FileResult:
    """(descriptor, size) of a regular file open for reading; or its ``FileResult`` (skipped, error)."""
    try:
        fd = os.open(job.path, _FLAGS)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return FileResult(job.shown, 0, skipped="became a symbolic link while scanned (not followed)")
        return FileResult(job.shown, 0, error=f"cannot read {job.shown}: {exc.strerror or exc}")
    try:
        st = os.fstat(fd)
    except OSError as exc:  # pragma: no cover - fstat of an open descriptor does not fail
        os.close(fd)
        return FileResult(job.shown, 0, error=f"cannot read {job.shown}: {exc.strerror or exc}")
    if not stat.S_ISREG(st.st_mode):
        os.close(fd)
        return FileResult(job.shown, 0, skipped="not a regular file")
    if st.st_size > limits.MAX_SCAN_FILE_BYTES:
        os.close(fd)
        return FileResult(job.shown, st.st_size, skipped=too_large(st.st_size))
    return fd, st.st_size


def sniff(job: FileJob) -> FileResult:
    """What ``read_found`` says of a file that holds no target: scanned, or skipped and why."""
    got = _open(job)
    if isinstance(got, FileResult):
        return got
    fd, size = got
    try:
        if b"\0" in _Capped(fd, min(size, limits.BINARY_SNIFF_BYTES)).read_all():
            return FileResult(job.shown, size, skipped="binary")
        return FileResult(job.shown, size)
    except OSError as exc:
        return FileResult(job.shown, 0, error=f"cannot read {job.shown}: {exc.strerror or exc}")
    finally:
        os.close(fd)


def read_found(job: FileJob, needles: tuple[bytes, ...] = NEEDLES,
               occurrences: list[tuple[int, bytes]] | None = None) -> FileResult | tuple[int, list[Found], list[Comment]]:  # fmt: skip
    """(size, targets found, its ``jwtlint: ignore`` comments) of one file; or its ``FileResult``
    when it is skipped or unreadable. The comments are collected from the same reads
    (``CommentTap``), only from a file that holds a target (they are checked only there).

    ``needles``: the ones grep saw in the file (extraction looks for no other); ``occurrences``:
    where grep saw them (then a file read in one chunk is not searched again)."""
    got = _open(job)
    if isinstance(got, FileResult):
        return got
    fd, size = got
    try:
        # Raw reads: each chunk is one read() straight into its bytes object (a buffered
        # reader copies every byte twice, which costs as much as searching them).
        head = _Capped(fd, min(size, limits.BINARY_SNIFF_BYTES)).read_all()
        if b"\0" in head:
            return FileResult(job.shown, size, skipped="binary")
        os.lseek(fd, 0, os.SEEK_SET)
        if occurrences is not None and size <= limits.SCAN_CHUNK_BYTES:
            data = _Capped(fd, size).read_all()  # one piece: iter_found reads a file of this size in one chunk too
            found = found_at(data, occurrences)
            if found is not None:
                tap = CommentTap()
                if found:
                    offsets = getattr(found, "comment_offsets", None)
                    if offsets is not None:
                        tap.at(data, offsets)  # found while placing the targets: no second search
                    else:
                        tap.feed(data, eof=True)
                return size, list(found), tap.comments
            os.lseek(fd, 0, os.SEEK_SET)
        stream: Any = CommentTap(_Capped(fd, size))
        targets = list(iter_found(stream, needles=needles))
        return size, targets, stream.comments if targets else []
    except OSError as exc:
        return FileResult(job.shown, 0, error=f"cannot read {job.shown}: {exc.strerror or exc}")
    finally:
        os.close(fd)
