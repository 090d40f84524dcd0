"""The README's rule table, generated from the rules themselves.

``python -m jwtlint.report.catalogue README.md`` rewrites the table between the
``<!-- rules:start -->`` and ``<!-- rules:end -->`` markers; a test fails when
the README and the rules disagree.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from ..engine import registry

START, END = "<!-- rules:start -->", "<!-- rules:end -->"


def rule_table() -> str:
    rows = ["| code | name | severity | what it finds |", "|---|---|---|---|"]
    for r in registry().rules:
        summary = r.summary.replace("|", "\\|")  # a pipe would end the table cell
        rows.append(f"| {r.code} | `{r.name}` | {r.severity} | {summary} |")
    return "\n".join(rows)


def with_table(readme: str) -> str:
    block = f"{START}\n{rule_table()}\n{END}"
    return re.sub(re.escape(START) + ".*?" + re.escape(END), lambda _: block, readme, flags=re.S)


if __name__ == "__main__":
    path = Path(sys.argv[1] if len(sys.argv) > 1 else "README.md")
    path.write_text(with_table(path.read_text()))
