"""The records a scan passes between its steps: a file to read (``FileJob``), what came of it
(``FileResult``) and each target as reported (``ScanTarget``). Plain, picklable data: worker
processes receive jobs and send results back."""

from __future__ import annotations

from typing import NamedTuple

from ..engine import Context
from ..model import Origin
from ..report.report import TargetReport


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

