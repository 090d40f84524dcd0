"""Text from the input, made safe to print on a terminal.

A pasted token can carry terminal control sequences (``ESC ]0;...BEL`` retitles
the window, ``ESC [2J`` clears it) or bidirectional overrides that reorder what
a reader sees (CVE-2021-42574, "Trojan Source"). Reports show excerpts of the
input, so every character that is not printable is shown as a visible stand-in
of the same width: C0 controls as their Unicode control pictures (``␛`` for
ESC), others as ``�``. One character stays one character, so the ``^^^``
markers under an excerpt still line up.
"""

from __future__ import annotations

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
