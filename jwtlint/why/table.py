"""The messages ``jwtlint why`` knows, read from ``messages.json`` beside this module.

The table is data: each entry is a message as its source prints it (``{}`` where the
source fills in a value, ``{name}`` where jwtlint reads the value: ``offset``,
``segment``, ``char``, ``hexchar``, ``deccode``, ``aud_expected``, ``aud_got``,
``iss_expected``, ``iss_got``), the source, the file or page that prints it, the
versions that print it, the exception classes that carry it, an optional code
(``AADSTS700027``, ``IDX10503``, OpenSSL's ``1E08010C``) and its likely causes in
order. Causes are shared: each names the rules whose findings confirm it and the
command to run (``TOKEN``, ``KEYFILE`` stand for the user's own). A ``generic``
entry (an OAuth error code that every platform sends) lists platform-specific
causes as ``possible``, never as a diagnosis.

Only ``jwtlint why`` reads the file (``load`` is called by the matcher, never at import).
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any, NamedTuple

PATH = Path(__file__).with_name("messages.json")


class Cause(NamedTuple):
    key: str
    text: str
    rules: tuple[str, ...]  # rules whose findings confirm this cause
    command: str
    facts: tuple[str, ...] = ()  # facts about the key or token text that confirm it (jwtlint.why.match.FACTS)


class Possible(NamedTuple):
    """A platform-specific cause of a generic error: listed, never diagnosed."""

    platform: str
    evidence: tuple[str, ...]  # words in the message that name the platform
    text: str
    rules: tuple[str, ...]
    command: str


class Entry(NamedTuple):
    id: str
    source: str
    message: str  # '{}' and '{name}' mark a part the source fills in
    cite: str
    versions: str
    causes: tuple[Cause, ...]
    exceptions: tuple[str, ...] = ()
    code: str | None = None
    by_char: bool = False  # the causes depend on the character the message names
    generic: bool = False
    possible: tuple[Possible, ...] = ()
    example: str | None = None


class Table(NamedTuple):
    causes: dict[str, Cause]
    entries: tuple[Entry, ...]
    char_causes: dict[str, tuple[str, ...]]


def _cause(key: str, d: dict[str, Any]) -> Cause:
    return Cause(key, d["text"], tuple(d["rules"]), d["command"], tuple(d.get("facts", ())))


def _entry(d: dict[str, Any], causes: dict[str, Cause]) -> Entry:
    return Entry(
        d["id"], d["source"], d["message"], d["cite"], d["versions"],
        tuple(causes[c] for c in d["causes"]), tuple(d.get("exceptions", ())), d.get("code"),
        bool(d.get("by_char")), d.get("kind") == "generic",
        tuple(Possible(p["platform"], tuple(p["evidence"]), p["text"], tuple(p["rules"]), p["command"])
              for p in d.get("possible", ())),
        d.get("example"),
    )  # fmt: skip


def parse(data: dict[str, Any]) -> Table:
    causes = {k: _cause(k, v) for k, v in data["causes"].items()}
    entries = tuple(_entry(d, causes) for d in data["entries"])
    chars = {k: tuple(v) for k, v in data.get("char_causes", {}).items()}
    return Table(causes, entries, chars)


@lru_cache(maxsize=1)
def load() -> Table:
    """The table, read once per process."""
    with open(PATH, encoding="utf-8") as fh:
        return parse(json.load(fh))
