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



# --- evidence of scan-level rules (rules/scan.py): what a scan knows of its suppressions --------


class SuppressedName(NamedTuple):
    """One name of a ``jwtlint: ignore[...]`` list, resolved against the rules installed."""

    written: str  # as in the comment
    start: int  # where it sits in the comment's text
    end: int
    rule: str | None  # the rule it names (its canonical name), matched without regard to case; None: none
    nearest: str | None  # for a name of no rule: the closest rule name (difflib), if any is close
    ran: bool  # that rule ran on the file (selected): only then can the comment be called unused
    silenced: int  # findings of that rule the comment silenced


class SuppressionComment(NamedTuple):
    """A ``jwtlint: ignore`` comment of a scanned file, and what it did (a rule target of kind
    ``suppression``)."""

    text: str  # the comment from "jwtlint:", as written
    names: tuple[SuppressedName, ...] | None  # None: bare (every finding of its line)
    silenced: int  # findings it silenced, all rules
    targets: int  # targets it applied to (on its line, or the next line)
    quoted: bool = False  # in backticks: a mention of the syntax in prose, not a directive
    kind: str = "suppression"


class BaselineEntry(NamedTuple):
    """An entry of a baseline file that matched no finding of a scan which read its file (a rule
    target of kind ``baseline``). Only the public facts the baseline records: its fingerprint is
    a salted HMAC and is not repeated."""

    number: int  # 0-based position in the baseline's "findings" list
    rule: str  # the rule it records
    path: str  # the file it records, which this scan read
    kind: str = "baseline"
