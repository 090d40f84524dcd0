"""Text from the input, made safe to print on a terminal.

A pasted token can carry terminal control sequences (``ESC ]0;...BEL`` retitles
the window, ``ESC [2J`` clears it) or bidirectional overrides that reorder what
a reader sees (CVE-2021-42574, "Trojan Source"). Reports show excerpts of the
input, so every character that is not printable is shown as a visible stand-in
of the same width: C0 controls as their Unicode control pictures (``␛`` for
ESC), others as ``�``. One character stays one character, so the ``^^^``
markers under an excerpt still line up.

And what the terminal is: whether output gets colour (``use_color``: NO_COLOR,
FORCE_COLOR, TERM=dumb, a tty), how wide it is (``output_width``), and wrapping
prose to that width (``wrap``) without breaking a word.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Mapping
from typing import Any

_PICTURES = {i: 0x2400 + i for i in range(0x20)}  # U+2400..U+241F: ␀ ... ␟
_PICTURES.update({0x7F: 0x2421, ord("\n"): ord("⏎"), ord("\r"): ord("␍"), ord("\t"): ord("⇥")})


def visible(text: str) -> str:
    """``text`` with every non-printable character replaced by a visible one of the same length."""
    if text.isprintable():
        return text
    text = text.translate(_PICTURES)
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else "\ufffd" for c in text)


# --- the terminal: colour and width, decided in one place ---


def use_color(stream: Any = None, environ: Mapping[str, str] | None = None) -> bool:
    """Whether text written to ``stream`` (default ``sys.stdout``) gets ANSI colour.

    The conventions pytest and ruff follow, in this order: ``NO_COLOR`` set to any value
    disables colour (https://no-color.org); ``FORCE_COLOR`` set to a non-empty value enables it
    even through a pipe (https://force-color.org); otherwise colour only on a terminal, and not
    on ``TERM=dumb`` (no colour, no cursor tricks). Every command asks this function.
    """
    env = os.environ if environ is None else environ
    if "NO_COLOR" in env:
        return False
    if env.get("FORCE_COLOR"):
        return True
    if env.get("TERM") == "dumb":
        return False
    return _isatty(sys.stdout if stream is None else stream)


def output_width(stream: Any = None) -> int | None:
    """The width text for ``stream`` (default ``sys.stdout``) is wrapped to, or None: no wrapping.

    Only a terminal wraps: its width is ``COLUMNS`` when set, else the terminal's own
    (``shutil.get_terminal_size``); a width under 40 columns counts as 80, as pytest does.
    Through a pipe or into a file, lines stay whole (grep, CI logs, editors wrap for themselves).
    """
    if not _isatty(sys.stdout if stream is None else stream):
        return None
    import shutil

    width = shutil.get_terminal_size(fallback=(80, 24)).columns
    return width if width >= 40 else 80


def _isatty(stream: Any) -> bool:
    try:
        return stream is not None and bool(stream.isatty())
    except (AttributeError, ValueError, OSError):  # no isatty, or a closed file
        return False


_ANSI = re.compile(r"\x1b\[[0-9;]*m")


def wrap(prefix: str, text: str, width: int | None, indent: int) -> list[str]:
    """``prefix + text`` as lines no wider than ``width``, continued at ``indent`` spaces.

    Prose only: lines break at spaces, never inside a word (a URL, a command, a value stays
    whole even when it alone is wider). ``prefix`` may hold ANSI styling (its visible length
    counts). ``width`` None: one line per paragraph of ``text``, as given.
    """
    paragraphs = text.split("\n")
    if width is None:
        return [prefix + paragraphs[0], *(" " * indent + p for p in paragraphs[1:])]
    import textwrap

    lead = len(_ANSI.sub("", prefix))
    out: list[str] = []
    for i, para in enumerate(paragraphs):
        first = " " * (lead if i == 0 else indent)
        lines = textwrap.wrap(para, width=width, initial_indent=first, subsequent_indent=" " * indent,
                              break_long_words=False, break_on_hyphens=False) or [first]  # fmt: skip
        if i == 0:
            lines[0] = prefix + lines[0][lead:]
        out.extend(lines)
    return out
