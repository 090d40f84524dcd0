"""Every rule is complete: docs (what, why, fix, example), references, a unique
code and name, and at least one corpus case that draws it."""

import re
from pathlib import Path

import pytest

from jwtlint.testing.corpus import load_cases
from jwtlint.engine import Severity, registry
from jwtlint.rules.scan import UnusedBaselineEntry

RULES = registry().rules
SECTIONS = ("## What it does", "## Why is this bad?", "## Fix", "## Example")
CORPUS = Path(__file__).resolve().parent.parent / "corpus"
# internal-error reports a bug in a rule: no honest input produces it. unused-baseline-entry is about
# a baseline file, which a corpus case (one input file) has not: tests/test_scan.py runs it.
NO_CORPUS_NEEDED = {"internal-error", UnusedBaselineEntry.name}


@pytest.mark.parametrize("rule", RULES, ids=[r.name for r in RULES])
def test_rule_is_documented(rule):
    docs = rule.docs()
    for section in SECTIONS:
        assert section in docs, f"{rule.name}: docs lack {section!r}"
        body = docs.split(section, 1)[1].split("##", 1)[0].strip()
        assert len(body) > 10, f"{rule.name}: {section!r} is empty"
    assert rule.summary and rule.summary.endswith("."), rule.name
    assert rule.refs or rule.family == "engine", f"{rule.name}: no references"
    assert isinstance(rule.severity, Severity)
    assert re.fullmatch(r"JWT\d{3}", rule.code)


def test_codes_and_names_are_unique_and_codes_follow_families():
    assert len({r.code for r in RULES}) == len(RULES)
    assert len({r.name for r in RULES}) == len(RULES)
    prefix = {"engine": "JWT0", "transport": "JWT1", "structure": "JWT2", "header": "JWT3", "claims": "JWT4", "signature": "JWT5", "jwk": "JWT7", "keys": "JWT6", "verification": "JWT51"}
    prefix["scan"] = "JWT8"  # jwtlint scan only (rules/scan.py)
    for r in RULES:
        if r.family in prefix:
            assert r.code.startswith(prefix[r.family]), (r.code, r.family)
        if r.family.startswith("profile_") or r.family == "sdjwt":  # platform profiles and SD-JWT: JWT9xx
            assert r.code.startswith("JWT9"), (r.code, r.family)


def test_every_rule_has_a_corpus_case():
    drawn = set()
    for case in load_cases(CORPUS):
        drawn |= {line.split()[2] for line in case.expected()}
    missing = {r.name for r in RULES} - drawn - NO_CORPUS_NEEDED
    assert not missing, f"rules without a corpus case: {sorted(missing)}"


def test_every_rule_has_unit_tests():
    """Each rule's name appears in the unit tests of its family (beyond the corpus)."""
    tests = Path(__file__).resolve().parent
    for r in RULES:
        family_tests = tests / f"test_rules_{r.family}.py"
        source = family_tests.read_text() if family_tests.exists() else (tests / "test_engine.py").read_text()
        assert r.name in source, f"{r.name}: no unit test in {family_tests.name}"
