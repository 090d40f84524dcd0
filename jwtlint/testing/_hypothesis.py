"""Keeping jwtlint's own lines out of hypothesis' explanation of a failure (imports nothing heavy:
``jwtlint.testing.assertions`` calls it when an assertion fails, ``jwtlint.testing.strategies``
when it is imported)."""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any


def hide_from_hypothesis() -> None:
    """Keep jwtlint's own lines out of hypothesis' explanation of a failure.

    Hypothesis' explain phase lists the lines "always and only run by failing test cases";
    for a failed ``assert_valid_jwt`` those are jwtlint's report-building lines, which say
    nothing about the user's bug. Its filter honours neither ``__tracebackhide__`` nor
    ``__hypothesistracebackhide__`` (those trim tracebacks): it drops hypothesis' own files,
    the standard library, and the path patterns of ``hypothesis.internal.scrutineer.
    UNHELPFUL_LOCATIONS`` (pytest, pluggy, pygments, conftest.py...), a list read on every
    report. jwtlint's directories join that list, once, when hypothesis is loaded (from a
    failing assertion, and when ``jwtlint.testing.strategies`` is imported). The list is not a
    public API: if a hypothesis release drops or retypes it, this does nothing.
    """
    scrutineer = sys.modules.get("hypothesis.internal.scrutineer")
    current = getattr(scrutineer, "UNHELPFUL_LOCATIONS", None)
    if not isinstance(current, tuple):
        return
    files = [Path(m.__file__) for m in _own_packages() if getattr(m, "__file__", None)]
    dirs = {p.parent for p in files} | {p.resolve().parent for p in files}  # as imported, and real
    # The list holds globs turned into one regular expression ('.' escaped, '*' and '**'
    # wildcards): a directory whose path holds other special characters is left out.
    globs = [f"{d.as_posix()}/**" for d in sorted(dirs) if re.fullmatch(r"[A-Za-z0-9_./:-]+", d.as_posix())]
    new = tuple(g for g in globs if g not in current)
    if new:
        setattr(scrutineer, "UNHELPFUL_LOCATIONS", current + new)


def _own_packages() -> list[Any]:
    return [m for name in ("jwtlint", "jwtlint.rules") if (m := sys.modules.get(name)) is not None]
