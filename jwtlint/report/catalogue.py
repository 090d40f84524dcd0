"""Rule documentation, rendered from the rules themselves: the README's rule table,
``jwtlint rule`` (one rule, or ``--all``; text or JSON), ``jwtlint rules --format json``
and the one browsable page ``docs/rules.md`` (``jwtlint rules --format markdown``).

A rule's documentation is its class docstring, four markdown sections (``## What it does``,
``## Why is this bad?``, ``## Fix``, ``## Example``) plus its class attributes (code, name,
severity, family, summary, refs). Every view of it is made here, from ``record``.

``python -m jwtlint.report.catalogue README.md`` rewrites the table between the
``<!-- rules:start -->`` and ``<!-- rules:end -->`` markers; a test fails when
the README and the rules disagree. ``jwtlint rules --format markdown > docs/rules.md``
rewrites the page; a test fails when it is not current.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

from ..engine import registry

START, END = "<!-- rules:start -->", "<!-- rules:end -->"

#: The docstring's section headings and the keys they have in a rule's record.
SECTIONS = {"What it does": "what", "Why is this bad?": "rationale", "Fix": "fix", "Example": "example"}
PAGE_COMMAND = "jwtlint rules --format markdown > docs/rules.md"


def anchor(rule: Any) -> str:
    """The page's anchor of a rule (GitHub's slug of its heading ``JWT404 expired``)."""
    return f"{rule.code}-{rule.name}".lower()


def rule_table(links: bool = False) -> str:
    rows = ["| code | name | severity | what it finds |", "|---|---|---|---|"]
    for r in registry().rules:
        summary = r.summary.replace("|", "\\|")  # a pipe would end the table cell
        name = f"[`{r.name}`](#{anchor(r)})" if links else f"`{r.name}`"
        rows.append(f"| {r.code} | {name} | {r.severity} | {summary} |")
    return "\n".join(rows)


def with_table(readme: str) -> str:
    block = f"{START}\n{rule_table()}\n{END}"
    return re.sub(re.escape(START) + ".*?" + re.escape(END), lambda _: block, readme, flags=re.S)


def sections(rule: Any) -> dict[str, str]:
    """The rule's docstring split at its ``## `` headings: ``{"what": ..., "rationale": ...,
    "fix": ..., "example": ...}`` (a heading outside ``SECTIONS`` keeps its own title)."""
    out: dict[str, str] = {}
    parts = re.split(r"^## +(.+?) *$", rule.docs(), flags=re.M)
    if parts[0].strip():
        out["text"] = parts[0].strip()
    for title, body in zip(parts[1::2], parts[2::2]):
        out[SECTIONS.get(title, title)] = body.strip()
    return out


def record(rule: Any) -> dict[str, Any]:
    """One rule's documentation as data (``jwtlint rule NAME --format json``)."""
    doc = sections(rule)
    return {
        "name": rule.name,
        "code": rule.code,
        "severity": str(rule.severity),
        "family": rule.family,
        "summary": rule.summary,
        **{key: doc.get(key, "") for key in SECTIONS.values()},
        "refs": [{"text": str(x), "url": x.url or None} for x in rule.refs],
        "default_enabled": bool(rule.default_enabled),
        "targets": sorted(rule.targets),
        "docs": rule.docs(),
    }


def _refs_markdown(rule: Any) -> list[str]:
    return [f"- {ref}" + (f" <{ref.url}>" if ref.url else "") for ref in rule.refs]


def rule_text(rule: Any) -> str:
    """What ``jwtlint rule NAME`` prints: the heading line, the summary, the docs, the references."""
    lines = [f"{rule.code} {rule.name} ({rule.severity}, {rule.family})", rule.summary, "", rule.docs()]
    if rule.refs:
        lines += ["", "## References", *_refs_markdown(rule)]
    return "\n".join(lines)


def rule_markdown(rule: Any) -> str:
    """One rule's section of ``docs/rules.md``: its docs one heading level down."""
    lines = [f"## {rule.code} {rule.name}", "", f"*{rule.severity}*, family `{rule.family}`"]
    if not rule.default_enabled:
        lines[-1] += " (off unless selected)"
    lines += ["", rule.summary, "", re.sub(r"^## ", "### ", rule.docs(), flags=re.M)]
    if rule.refs:
        lines += ["", "### References", "", *_refs_markdown(rule)]
    return "\n".join(lines)


def rules_page() -> str:
    """The whole page ``docs/rules.md``: a linked table, then every rule's documentation."""
    rules = registry().rules
    head = [
        "# jwtlint rules",
        "",
        f"<!-- generated from the rules' own documentation: run `{PAGE_COMMAND}`; do not edit -->",
        "",
        f"{len(rules)} rules. `jwtlint rule NAME` prints one of them, `jwtlint rule --all` all of them,",
        "`--format json` as data.",
        "",
        rule_table(links=True),
    ]
    return "\n\n".join(["\n".join(head), *(rule_markdown(r) for r in rules)]) + "\n"


if __name__ == "__main__":
    path = Path(sys.argv[1] if len(sys.argv) > 1 else "README.md")
    path.write_text(with_table(path.read_text()))
