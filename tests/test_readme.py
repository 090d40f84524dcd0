"""The README tells the truth: its rule table is the registry's, and its two
opening commands are the ones CI and users run."""

import re
from pathlib import Path

from jwtlint.report.catalogue import END, START, with_table

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text()


def test_rule_table_is_current():
    assert START in README and END in README
    assert with_table(README) == README, "run: python -m jwtlint.report.catalogue README.md"


def test_readme_opens_with_the_two_commands():
    blocks = re.findall(r"```(?:sh|bash|console)?\n(.*?)```", README, re.S)
    run, test = blocks[0].strip(), blocks[1].strip()
    assert "\n" not in run and "\n" not in test, "each command is one line"
    assert "pip install" in run and "jwtlint check corpus/salesforce-apex-seed-token/input.txt" in run
    assert (ROOT / "corpus/salesforce-apex-seed-token/input.txt").exists()
    assert "pip install" in test and "pytest" in test
    ci = (ROOT / ".ci" / "run").read_text()
    assert "<!-- test-command -->" in ci and "<!-- test-command -->" in README
