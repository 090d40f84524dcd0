"""Reading and running corpus cases (used by the golden tests and the benchmark).

A case is a folder under ``corpus/``:

- ``input.txt``: the input exactly as the user had it;
- ``case.json``: ``title``, ``platform``, ``mistake``, ``source`` (a public
  address), ``made_with`` (the real tool that produced it), ``args`` (keyword
  arguments for ``jwtlint.lint``: ``now``, ``audience``, ``issuer``...; ``key``,
  ``jwks`` and ``secret_file`` name files in the case folder);
- ``expected.txt``: the exact findings of the whole default rule set, one per
  line: ``<target> <severity> <name> <part>[<start>:<end>]`` (``-`` when a
  finding has no span), sorted;
- optionally ``make.py``, the script that produced ``input.txt``;
- optionally ``"mode": "scan"`` in ``case.json``: ``input.txt`` is a file as
  ``jwtlint scan`` reads it (named ``"file"``), with the scan rules on.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..api import lint
from ..report.report import Report


@dataclass(frozen=True)
class Case:
    name: str
    path: Path
    meta: dict[str, Any]

    @property
    def input(self) -> str:
        return (self.path / "input.txt").read_bytes().decode("utf-8", "replace")

    @property
    def args(self) -> dict[str, Any]:
        args = dict(self.meta.get("args", {}))
        # Key arguments name files in the case folder (``secret_file`` is lint's ``secret``).
        for name, param in (("key", "key"), ("jwks", "jwks"), ("secret_file", "secret")):
            if name in args:
                args[param] = self.path / args.pop(name)
        return args

    def run(self) -> Report:
        if self.meta.get("mode") == "scan":  # input.txt read as a file by jwtlint scan (scan rules, example policy)
            from ..scan.run import lint_report

            return lint_report((self.path / "input.txt").read_bytes(), self.meta.get("file", "input.txt"), **self.args)
        return lint(self.input, **self.args)

    def expected(self) -> list[str]:
        f = self.path / "expected.txt"
        return sorted(line for line in f.read_text().splitlines() if line.strip()) if f.exists() else []


def load_cases(root: Path) -> list[Case]:
    return [
        Case(d.name, d, json.loads((d / "case.json").read_text()))
        for d in sorted(root.iterdir())
        if (d / "case.json").is_file()
    ]


def finding_lines(report: Report) -> list[str]:
    """The report in expected.txt form."""
    lines = []
    for i, t in enumerate(report.targets):
        for f in t.findings:
            where = f"{f.span.part}[{f.span.start}:{f.span.end}]" if f.span else "-"
            lines.append(f"{i} {f.severity} {f.name} {where}")
    return sorted(lines)
