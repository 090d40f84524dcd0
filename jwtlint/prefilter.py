"""A fast first pass over many bytes: which files can hold a target at all.

Reading every byte in Python costs a few milliseconds per MiB; most files of
a repository hold no token, key or JWK. When a scan reads many bytes and a
``grep`` is on PATH, grep lists the files that contain one of extraction's
needles (``-F -l --null``, one needle per grep, a few processes at once) and
jwtlint reads only those. The needles are the very ones extraction starts
from, so the results are the same; without grep, or when grep fails on a
batch (exit 2: a file it could not read), every file of that batch is read,
and unreadable files are still reported by the scan. ``JWTLINT_NO_GREP=1``
turns the pass off.
"""

from __future__ import annotations

import os
import shutil
import subprocess

from .extract import NEEDLES

#: Paths per grep call: well under any argv limit.
_BATCH_FILES = 512
_BATCH_BYTES = 64 * 1024


def candidates(paths: list[str], workers: int) -> set[str] | None:
    """The paths that contain a needle (a superset of the files with targets), or None when unknown."""
    grep = shutil.which("grep")
    if grep is None or os.environ.get("JWTLINT_NO_GREP"):
        return None
    # One grep per needle: with a single fixed string grep runs at memory speed; given
    # several it switches to a multi-string matcher about ten times slower.
    cmds = [[grep, "-F", "-l", "--null", "-e", n.decode(), "--"] for n in NEEDLES]
    batches = list(_batches(paths))
    found: set[str] = set()
    running: list[tuple[subprocess.Popen, list[str]]] = []
    try:
        for batch in batches:
            for cmd in cmds:
                proc = subprocess.Popen([*cmd, *batch], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
                running.append((proc, batch))
                if len(running) >= max(1, workers):
                    found |= _collect(*running.pop(0))
        while running:
            found |= _collect(*running.pop(0))
    except OSError:
        return None
    return found


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
