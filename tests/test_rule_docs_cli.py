"""Rule docs offline: ``jwtlint rule --all``, ``rule NAME --format json``, ``rule --all --format json``
and ``rules --format markdown``, the page committed as docs/rules.md (checked to be current)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from jwtlint.cli.app import app
from jwtlint.engine import registry
from jwtlint.report.catalogue import PAGE_COMMAND, rules_page
from jwtlint.rules.claims import Expired

ROOT = Path(__file__).resolve().parent.parent
RULES = registry().rules
runner = CliRunner()


def run(*args: str):
    return runner.invoke(app, list(args))


def test_docs_rules_md_is_current():
    page = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert page == rules_page(), f"docs/rules.md is out of date: run `{PAGE_COMMAND}`"


def test_markdown_page_is_what_the_real_command_prints():
    out = subprocess.run([sys.executable, "-m", "jwtlint", "rules", "--format", "markdown"],
                         capture_output=True, text=True, encoding="utf-8", check=False)  # fmt: skip
    assert out.returncode == 0 and out.stderr == ""
    assert out.stdout == rules_page()


def test_markdown_page_holds_every_rule_with_a_working_link():
    page = rules_page()
    for r in RULES:
        heading = f"\n## {r.code} {r.name}\n"
        assert heading in page, r.name
        # the table links to the heading by GitHub's slug of it (lower case, spaces as '-')
        slug = f"{r.code} {r.name}".lower().replace(" ", "-")
        assert f"[`{r.name}`](#{slug})" in page, r.name
        section = page.split(heading, 1)[1].split("\n## ", 1)[0]
        for title in ("### What it does", "### Why is this bad?", "### Fix", "### Example"):
            assert title in section, (r.name, title)
        for ref in r.refs:
            assert str(ref) in section, (r.name, str(ref))
    assert "\n## What it does" not in page  # the docs' headings are one level down under the rule's


def test_rule_json_has_the_documented_shape():
    r = run("rule", Expired.name, "--format", "json")
    assert r.exit_code == 0, r.output
    doc = json.loads(r.stdout)
    assert doc["name"] == Expired.name and doc["code"] == Expired.code
    assert doc["severity"] == "error" and doc["family"] == "claims"
    assert doc["summary"] == Expired.summary
    assert doc["rationale"].startswith("A verifier MUST reject a JWT")
    assert doc["fix"].startswith("Get a fresh token")
    assert "exp" in doc["example"] and "exp" in doc["what"]
    assert {"text": "RFC 7519 §4.1.4", "url": "https://www.rfc-editor.org/rfc/rfc7519#section-4.1.4"} in doc["refs"]
    for section in ("what", "rationale", "fix", "example"):
        assert "##" not in doc[section], section  # a section's text, not the next heading


def test_rule_by_code_and_json_all_is_a_list_of_every_rule():
    assert json.loads(run("rule", Expired.code.lower(), "--format", "json").stdout)["name"] == Expired.name
    r = run("rule", "--all", "--format", "json")
    assert r.exit_code == 0
    docs = json.loads(r.stdout)
    assert isinstance(docs, list) and [d["name"] for d in docs] == [x.name for x in RULES]
    assert all(d["rationale"] and d["fix"] and d["example"] for d in docs)


def test_rule_all_prints_every_rules_docs():
    r = run("rule", "--all")
    assert r.exit_code == 0
    for x in RULES:
        assert f"{x.code} {x.name} ({x.severity}, {x.family})" in r.stdout, x.name
    assert r.stdout.count("## Why is this bad?") == len(RULES)


def test_rule_needs_a_name_or_all_not_both():
    r = run("rule")
    assert r.exit_code == 2 and "jwtlint: error: give a rule name or code, or --all" in r.output
    r = run("rule", Expired.name, "--all")
    assert r.exit_code == 2 and "not both" in r.output
    r = run("rule", "expird", "--format", "json")
    assert r.exit_code == 2 and "did you mean 'expired'" in r.output and r.stdout == ""
