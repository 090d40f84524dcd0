"""Baselines: adopt ``jwtlint scan`` on an old repository and fail only on new findings.

``--write-baseline FILE`` records every finding of today's scan by a
fingerprint; ``--baseline FILE`` then drops the findings it records. A
fingerprint is a keyed hash (HMAC-SHA-256) of the rule name, the file's path
and the SHA-256 of the target's normalised text (``Found.digest``), keyed with
a random salt that each baseline file draws when written and records: it
survives lines moving and the file being reformatted, changes when the token
or key changes, and cannot be reversed with a dictionary of weak secrets (an
unsalted hash of a JWK's ``k`` could be, by hashing candidate secrets the same
way). Identical findings are counted, so a second copy of a recorded token in
the same file is still new. Baselines of the first format (unsalted) are still
read; writing one again upgrades it.

A baseline is read once, bounded: a regular file of at most
``limits.MAX_BASELINE_BYTES`` (``/dev/zero``, a FIFO or a huge file are one-line errors).
"""

from __future__ import annotations

import errno
import hashlib
import hmac
import json
import os
import stat
from collections import Counter
from pathlib import Path
from typing import Any, NamedTuple

from .. import limits
from ..engine import Finding
from ..report.report import TargetReport

FORMAT = "jwtlint-baseline/2"
_FORMAT_UNSALTED = "jwtlint-baseline/1"


class BaselineError(ValueError):
    """A baseline file that cannot be read or is not one: one line, exit 2."""


class Entry(NamedTuple):
    """One entry of a baseline file: what it records in the clear, and where it is written."""

    number: int  # position in the "findings" list (0-based)
    fingerprint: str
    rule: str
    path: str  # the file it records ("" when the entry names none)
    line: int | None = None  # where the entry starts in the baseline file
    column: int | None = None


class Known(NamedTuple):
    """The fingerprints a baseline records, counted, and the salt they were made with (b"": unsalted);
    its entries and the file it was read from (to report entries that match nothing)."""

    counts: Counter[str]
    salt: bytes = b""
    entries: tuple[Entry, ...] = ()
    source: str = ""


def fingerprint(f: Finding, tr: TargetReport, salt: bytes = b"") -> str:
    """The finding's fingerprint in a baseline: keyed with ``salt`` (a baseline's); without one,
    the plain SHA-256 of baselines of the first format (read, never written)."""
    path = normal_path(tr.target.origin.path)
    digest = getattr(tr.target, "digest", "")
    message = f"{f.name}\0{path}\0{digest}".encode("utf-8", "surrogateescape")
    if salt:
        return hmac.new(salt, message, hashlib.sha256).hexdigest()
    return hashlib.sha256(message).hexdigest()


#: The version of SARIF's partial fingerprint (``partialFingerprints`` key ``jwtlintFingerprint/v2``).
SARIF_FINGERPRINT = "jwtlintFingerprint/v2"


def fingerprints(targets: tuple[TargetReport, ...]) -> dict[int, str]:
    """id(finding) -> its SARIF partial fingerprint, for every finding of ``targets``.

    Made of public facts only, the ones the SARIF result shows anyway: the rule, the file, the kind
    of target and the finding's rank among the findings of that rule on that kind of target in
    that file (in line order). Nothing of the token, key or line text goes in: SARIF files are
    uploaded to code scanning and kept as artifacts, and an unsalted hash of anything holding a
    secret (the target's text, its line) can be reversed for a weak one by hashing guesses.
    Stable across runs and when lines move (the rank changes only when a finding of the same
    rule is added or removed above it in the same file); a token replaced by another in place
    keeps its alert, which is the same problem at the same place.
    """
    rank: dict[tuple[str, str, str], int] = {}
    out: dict[int, str] = {}
    ordered = sorted(targets, key=lambda tr: (normal_path(tr.target.origin.path), tr.target.origin.line or 0,
                                              tr.target.origin.column or 0))  # fmt: skip
    for tr in ordered:
        path = normal_path(tr.target.origin.path)
        for f in tr.findings:
            key = (f.name, path, tr.kind)
            n = rank.get(key, 0)
            rank[key] = n + 1
            message = f"{SARIF_FINGERPRINT}\0{f.name}\0{path}\0{tr.kind}\0{n}".encode("utf-8", "surrogateescape")
            out[id(f)] = hashlib.sha256(message).hexdigest()
    return out


def write(path: str | Path, targets: tuple[TargetReport, ...]) -> int:
    """Record every finding of ``targets`` in ``path`` (with a fresh salt); return how many."""
    salt = os.urandom(16)
    entries = sorted(
        ({"fingerprint": fingerprint(f, tr, salt), "rule": f.name, "path": tr.target.origin.path} for tr in targets
         for f in tr.findings),
        key=lambda e: (e["path"] or "", e["rule"], e["fingerprint"]),
    )  # fmt: skip
    data = {"format": FORMAT, "salt": salt.hex(), "findings": entries}
    Path(path).write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    return len(entries)


def _read(path: str | Path) -> bytes:
    """The bytes of a baseline file: opened once without blocking, a regular file within the limit."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise BaselineError(f"baseline {path} not found (write one with --write-baseline {path})") from None
    except OSError as exc:
        raise BaselineError(f"cannot read baseline {path}: {exc.strerror or exc}") from None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise BaselineError(f"baseline {path} is not a regular file")
        if st.st_size > limits.MAX_BASELINE_BYTES:
            raise BaselineError(f"baseline {path} is larger than {limits.MAX_BASELINE_BYTES >> 20} MiB")
        chunks: list[bytes] = []
        left = st.st_size
        while left > 0:
            data = os.read(fd, left)
            if not data:
                break
            chunks.append(data)
            left -= len(data)
        return b"".join(chunks)
    except OSError as exc:
        if exc.errno == errno.EAGAIN:  # pragma: no cover - a regular file does not block
            raise BaselineError(f"cannot read baseline {path}: it would block") from None
        raise BaselineError(f"cannot read baseline {path}: {exc.strerror or exc}") from None
    finally:
        os.close(fd)


def load(path: str | Path) -> Known:
    """The fingerprints recorded in ``path``, counted, with the baseline's salt."""
    raw = _read(path)
    try:
        data: Any = json.loads(raw.decode("utf-8"))
    except ValueError as exc:
        raise BaselineError(f"baseline {path} is not JSON: {exc}") from None
    except RecursionError:  # json recurses once per nested array or object
        raise BaselineError(f"baseline {path} is not a jwtlint baseline: JSON nested too deeply") from None
    if (not isinstance(data, dict) or data.get("format") not in (FORMAT, _FORMAT_UNSALTED)
            or not isinstance(data.get("findings"), list)):  # fmt: skip
        raise BaselineError(f"{path} is not a jwtlint baseline (expected \"format\": \"{FORMAT}\")")
    salt = b""
    if data["format"] == FORMAT:
        try:
            salt = bytes.fromhex(data["salt"]) if isinstance(data.get("salt"), str) else b""
        except ValueError:
            salt = b""
        if len(salt) < 16:
            raise BaselineError(f"{path} is not a jwtlint baseline (no salt of 16 bytes or more)")
    entries = _entries(data["findings"], raw)
    return Known(Counter(e.fingerprint for e in entries), salt, entries, str(path))


def _entries(items: list[Any], raw: bytes) -> tuple[Entry, ...]:
    """The entries with a fingerprint, each placed at its ``{`` in the file. Each fingerprint is
    looked for after the previous one and lines are counted incrementally: one pass over the
    bytes (once a fingerprint is not found as written, the rest are not placed)."""
    out = []
    pos = 0  # searched up to here
    counted, line, line_start = 0, 1, 0  # lines counted up to ``counted``
    placing = True
    for i, e in enumerate(items):
        if not isinstance(e, dict) or not isinstance(e.get("fingerprint"), str):
            continue
        fp = e["fingerprint"]
        rule: str = e["rule"] if isinstance(e.get("rule"), str) else ""
        path = normal_path(e.get("path")) if isinstance(e.get("path"), str) else ""
        where: tuple[int | None, int | None] = (None, None)
        at = raw.find(json.dumps(fp).encode("utf-8", "surrogateescape"), pos) if placing and fp else -1
        if at < 0:
            placing = False
        else:
            brace = raw.rfind(b"{", pos, at)
            pos, at = at + 1, brace if brace >= 0 else at
            if at >= counted:
                n = raw.count(b"\n", counted, at)
                if n:
                    line += n
                    line_start = raw.rfind(b"\n", counted, at) + 1
                counted = at
            where = (line, at - line_start + 1)
        out.append(Entry(i, fp, rule, path, *where))
    return tuple(out)


def normal_path(path: str | None) -> str:
    """A path as fingerprints and entries compare it: forward slashes, no leading ``./``."""
    path = (path or "").replace("\\", "/")
    while path.startswith("./"):
        path = path[2:]
    return path


def apply(targets: tuple[TargetReport, ...], known: Known) -> tuple[tuple[TargetReport, ...], int]:
    """``targets`` without the findings ``known`` records; and how many were dropped."""
    out, dropped, _ = match(targets, known)
    return out, dropped


def match(targets: tuple[TargetReport, ...], known: Known) -> tuple[tuple[TargetReport, ...], int, list[Entry]]:
    """``targets`` without the findings ``known`` records, how many were dropped, and the entries
    that matched no finding (of identical entries, the last ones are the unmatched)."""
    left = Counter(known.counts)
    out = []
    dropped = 0
    for tr in targets:
        kept = []
        for f in tr.findings:
            fp = fingerprint(f, tr, known.salt)
            if left[fp] > 0:
                left[fp] -= 1
                dropped += 1
            else:
                kept.append(f)
        out.append(TargetReport(tr.target, tuple(kept)) if len(kept) != len(tr.findings) else tr)
    unmatched: list[Entry] = []
    for e in reversed(known.entries):
        if left[e.fingerprint] > 0:
            left[e.fingerprint] -= 1
            unmatched.append(e)
    return tuple(out), dropped, unmatched[::-1]
