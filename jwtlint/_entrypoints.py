"""The entry points of one group, read straight from the installed metadata.

``importlib.metadata.entry_points(group=...)`` imports ``email``, ``zipfile``,
``tempfile``, ``pathlib``, ``csv`` and more (12-40 ms on every run of jwtlint)
to answer a question that takes a directory listing and a few small text
files: which ``*.dist-info`` and ``*.egg-info`` directories lie on ``sys.path``,
and what their ``entry_points.txt`` say. This module answers it the same way
importlib.metadata does (same directories, same order, the first distribution
of a name wins, same parsing of ``entry_points.txt``, same ``load``), in about
a millisecond. Where the installation is anything else -- a meta-path finder
that publishes its own distributions, a zip file or an ``.egg`` on
``sys.path`` -- it hands over to importlib.metadata itself.
"""

from __future__ import annotations

import os
import re
import sys
from typing import Any, NamedTuple

#: importlib.metadata's EntryPoint.pattern (unchanged from Python 3.10 to 3.13).
_PATTERN = re.compile(r"(?P<module>[\w.]+)\s*(:\s*(?P<attr>[\w.]+)\s*)?((?P<extras>\[.*\])\s*)?$")


class EntryPoint(NamedTuple):
    """What jwtlint uses of ``importlib.metadata.EntryPoint``: name, value, group and ``load``."""

    name: str
    value: str
    group: str

    def load(self) -> Any:
        """The object the entry point names (as ``importlib.metadata.EntryPoint.load``)."""
        from importlib import import_module

        match = _PATTERN.match(self.value)
        module = import_module(match.group("module"))  # type: ignore[union-attr]  # None: AttributeError, as importlib's
        obj: Any = module
        for attr in filter(None, (match.group("attr") or "").split(".")):  # type: ignore[union-attr]
            obj = getattr(obj, attr)
        return obj


def entry_points(group: str) -> list[Any]:
    """The entry points of ``group`` in every installed distribution, as
    ``importlib.metadata.entry_points(group=group)`` lists them."""
    found = _read(group, sys.path)
    if found is None:
        from importlib.metadata import entry_points as slow

        return list(slow(group=group))
    return found


def _read(group: str, paths: list[Any]) -> list[EntryPoint] | None:
    """The entry points of ``group`` found under ``paths``; None when importlib.metadata must answer."""
    import importlib.machinery

    path_finder = importlib.machinery.PathFinder
    if any(f is not path_finder and getattr(f, "find_distributions", None) for f in sys.meta_path):
        return None  # another finder publishes distributions: only importlib.metadata knows them
    seen: set[str] = set()
    out: list[EntryPoint] = []
    needle = "[" + group + "]"
    for root in paths:
        if not isinstance(root, str):
            return None
        try:
            children = os.listdir(root or ".")
        except OSError:
            if root and os.path.exists(root):
                return None  # a zip file or an egg on sys.path
            continue
        if os.path.basename(root).lower().endswith(".egg") and any(c.lower() == "egg-info" for c in children):
            return None  # an unpacked egg: metadata in EGG-INFO, named by the folder
        for child in children:
            low = child.lower()
            if not low.endswith((".dist-info", ".egg-info")):
                continue
            # The first distribution of a (normalised) name wins, as in importlib.metadata's _unique.
            name = re.sub(r"[-_.]+", "-", low.rpartition(".")[0].partition("-")[0]).replace("-", "_")
            if name in seen:
                continue
            seen.add(name)
            try:
                with open(os.path.join(root, child, "entry_points.txt"), "rb") as fh:
                    text = fh.read().decode("utf-8", "replace")
            except OSError:  # none (most distributions), or a file (an old .egg-info): no entry points
                continue
            if needle in text:
                out += _parse(text, group)
    return out


def _parse(text: str, group: str) -> list[EntryPoint]:
    """The entry points of ``group`` in an ``entry_points.txt`` (importlib.metadata's Sectioned reader)."""
    out = []
    section = None
    for line in map(str.strip, text.splitlines()):
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            section = line.strip("[]")
            continue
        if section == group:
            name, _, value = line.partition("=")
            out.append(EntryPoint(name.strip(), value.strip(), group))
    return out
