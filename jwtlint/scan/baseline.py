"""Baselines: adopt ``jwtlint scan`` on an old repository and fail only on new findings.

``--write-baseline FILE`` records every finding of today's scan by a
fingerprint; ``--baseline FILE`` then drops the findings it records. A
fingerprint is the SHA-256 of the rule name, the file's path and the SHA-256
of the target's normalised text (``Found.digest``): it survives lines moving
and the file being reformatted, changes when the token or key changes, and
never holds the secret itself. Identical findings are counted, so a second
copy of a recorded token in the same file is still new.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from pathlib import Path
from typing import Any

from ..engine import Finding
from ..report.report import TargetReport

FORMAT = "jwtlint-baseline/1"


class BaselineError(ValueError):
    """A baseline file that cannot be read or is not one: one line, exit 2."""


def fingerprint(f: Finding, tr: TargetReport) -> str:
    path = (tr.target.origin.path or "").replace("\\", "/")
    while path.startswith("./"):
        path = path[2:]
    digest = getattr(tr.target, "digest", "")
    return hashlib.sha256(f"{f.name}\0{path}\0{digest}".encode("utf-8", "surrogateescape")).hexdigest()


def fingerprints(targets: tuple[TargetReport, ...]) -> dict[int, str]:
    """id(finding) -> fingerprint, for every finding of ``targets``."""
    return {id(f): fingerprint(f, tr) for tr in targets for f in tr.findings}


def write(path: str | Path, targets: tuple[TargetReport, ...]) -> int:
    """Record every finding of ``targets`` in ``path``; return how many."""
    entries = sorted(
        ({"fingerprint": fingerprint(f, tr), "rule": f.name, "path": tr.target.origin.path} for tr in targets
         for f in tr.findings),
        key=lambda e: (e["path"] or "", e["rule"], e["fingerprint"]),
    )  # fmt: skip
    data = {"format": FORMAT, "findings": entries}
    Path(path).write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    return len(entries)


def load(path: str | Path) -> Counter[str]:
    """The fingerprints recorded in ``path``, counted."""
    try:
        data: Any = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise BaselineError(f"baseline {path} not found (write one with --write-baseline {path})") from None
    except OSError as exc:
        raise BaselineError(f"cannot read baseline {path}: {exc.strerror or exc}") from None
    except ValueError as exc:
        raise BaselineError(f"baseline {path} is not JSON: {exc}") from None
    except RecursionError:  # json recurses once per nested array or object
        raise BaselineError(f"baseline {path} is not a jwtlint baseline: JSON nested too deeply") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT or not isinstance(data.get("findings"), list):
        raise BaselineError(f"{path} is not a jwtlint baseline (expected \"format\": \"{FORMAT}\")")
    return Counter(e["fingerprint"] for e in data["findings"] if isinstance(e, dict) and isinstance(e.get("fingerprint"), str))


def apply(targets: tuple[TargetReport, ...], known: Counter[str]) -> tuple[tuple[TargetReport, ...], int]:
    """``targets`` without the findings ``known`` records; and how many were dropped."""
    left = Counter(known)
    out = []
    dropped = 0
    for tr in targets:
        kept = []
        for f in tr.findings:
            fp = fingerprint(f, tr)
            if left[fp] > 0:
                left[fp] -= 1
                dropped += 1
            else:
                kept.append(f)
        out.append(TargetReport(tr.target, tuple(kept)) if len(kept) != len(tr.findings) else tr)
    return tuple(out), dropped
