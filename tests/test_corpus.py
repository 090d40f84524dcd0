"""Golden tests: every corpus case, the whole default rule set, the exact findings.

A missing finding and an unexpected one both fail. ``pytest --update-golden``
rewrites the expected files; review the diff before committing it.
"""

from pathlib import Path

import pytest

from jwtlint.testing.corpus import finding_lines, load_cases

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
CASES = load_cases(CORPUS)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_case(case, request):
    got = finding_lines(case.run())
    if request.config.getoption("--update-golden"):
        (case.path / "expected.txt").write_text("".join(line + "\n" for line in got))
        return
    assert got == case.expected()


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_case_is_documented(case):
    for key in ("title", "platform", "mistake", "source", "made_with"):
        assert case.meta.get(key), f"{case.name}/case.json lacks {key!r}"
    assert (case.path / "input.txt").exists()


def test_clean_cases_draw_no_error():
    """Cases marked clean are correct tokens: they must never draw an error."""
    for case in CASES:
        if case.meta.get("clean"):
            allowed = set(case.meta.get("allowed_errors", []))
            errors = {f.name for f in case.run().errors} - allowed
            assert not errors, f"{case.name}: {errors}"


def test_every_finding_says_where_and_how_to_fix():
    """Every finding in the corpus points somewhere and gives a concrete fix."""
    for case in CASES:
        for f in case.run().findings:
            assert f.fix, f"{case.name}: {f.name} has no fix"
            assert f.span is not None or f.name == "input-too-large", f"{case.name}: {f.name} has no span"
