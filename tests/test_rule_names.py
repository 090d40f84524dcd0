"""Rule names are written in rules/ only; everywhere else, code names a rule through its class.

Rule names are the public interface (``--select``, suppressions, JSON output), so a
rename must break only what a test points at. Any string constant in jwtlint/,
fuzz/ or bench/ that equals a rule's name or code is a rule named by hand: code
refers to the class instead (``from jwtlint.rules.claims import Expired;
Expired.name``). Exempt are the definitions themselves (``name = ...`` and
``code = ...`` in a class body: the engine's own rules) and the why message table,
data that names rules on purpose (its own test checks that each exists).

Strings that name rules in data (the allow-list below, ``rules``/``select``/``ignore``
members of shipped JSON and TOML files, the README's examples) must name rules that exist.
"""

from __future__ import annotations

import ast
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from jwtlint.engine import registry

ROOT = Path(__file__).resolve().parent.parent
SCANNED = ("jwtlint", "fuzz", "bench")

#: Modules that name rules on purpose: data, not code.
EXEMPT = {
    "jwtlint/why/table.py": "the why message table: data naming the rules that confirm each cause",
}

#: Rule names still written by hand outside rules/, in files others own: (path or folder, name).
#: Each is to be removed by that work; the lead empties this after merging.
ALLOWED = {
    # Not a rule: the why matcher skips words of a message that end in "expired" ("TokenExpired").
    ("jwtlint/why/match.py", "expired"),
    # The scan's example policy and its live-token verdict: removed by the scan work.
    ("jwtlint/scan/", "expired"),
    ("jwtlint/scan/", "alg-none"),
    ("jwtlint/scan/", "known-sample-key"),
    ("jwtlint/scan/", "live-token-in-repo"),
    # extract's label for how a PEM was unwrapped, equal to the rule's name: removed by the scan work.
    ("jwtlint/scan/", "escaped-newlines"),
}

_RULE_NAME = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")  # "expired" has no dash
_RULE_CODE = re.compile(r"JWT\d{3}")


def known() -> set[str]:
    return set(registry().by_key)


def _definitions(tree: ast.AST) -> set[int]:
    """ids of the string constants that define a rule: ``name = "..."``/``code = "..."`` in a class body."""
    out = set()
    for cls in ast.walk(tree):
        if isinstance(cls, ast.ClassDef):
            for stmt in cls.body:
                if (
                    isinstance(stmt, ast.Assign)
                    and [getattr(t, "id", None) for t in stmt.targets] in (["name"], ["code"])
                    and isinstance(stmt.value, ast.Constant)
                ):
                    out.add(id(stmt.value))
    return out


def named_by_hand(source: str, names: set[str]) -> Iterator[tuple[int, str]]:
    """(line, string) for each string constant in ``source`` that equals one of ``names``."""
    tree = ast.parse(source)
    defined = _definitions(tree)
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and node.value in names
            and id(node) not in defined
        ):
            yield node.lineno, node.value


def _sources() -> Iterator[tuple[str, str]]:
    for folder in SCANNED:
        for path in sorted((ROOT / folder).rglob("*.py")):
            rel = path.relative_to(ROOT).as_posix()
            if ".cache" not in path.parts:
                yield rel, path.read_text(encoding="utf-8")


def _allowed(rel: str, name: str) -> bool:
    return any(rel.startswith(where) and name == allowed for where, allowed in ALLOWED)


def test_the_finder_sees_a_name_a_code_and_not_a_definition():
    source = (
        'from x import Rule\n'
        'class Mine(Rule):\n    name = "expired"\n    code = "JWT401"\n'
        'SKIP = {"alg-none"}\n'
        'def f(x):\n    return x == "JWT401" or f"{x}-expired" or "not-a-rule"\n'
    )
    assert list(named_by_hand(source, {"expired", "alg-none", "JWT401"})) == [(5, "alg-none"), (7, "JWT401")]


def test_the_names_looked_for_are_the_rules():
    names = known()
    assert {"expired", "alg-none", "JWT001"} <= names and len(names) > 150
    assert all(_RULE_NAME.fullmatch(n) or _RULE_CODE.fullmatch(n) for n in names)


def test_no_rule_is_named_by_a_string_outside_rules():
    names = known()
    found = [
        f"{rel}:{line}: {value!r}"
        for rel, source in _sources()
        if rel not in EXEMPT
        for line, value in named_by_hand(source, names)
        if not _allowed(rel, value)
    ]
    assert not found, "name rules through their classes (Cls.name), not strings:\n" + "\n".join(found)


def test_every_allowed_name_exists_and_is_still_written_there():
    names = known()
    sources = dict(_sources())
    for where, name in sorted(ALLOWED):
        assert name in names, f"{name!r} (allowed in {where}) is no rule"
        still = any(rel.startswith(where) and any(v == name for _, v in named_by_hand(s, {name})) for rel, s in sources.items())
        assert still, f"{where} no longer names {name!r}: remove it from ALLOWED"
    assert all((ROOT / f).exists() for f in EXEMPT)


# --- data that names rules ---------------------------------------------------------------------

_DATA_KEYS = ("rule", "rules", "select", "ignore")


def names_in_data(value: Any) -> Iterator[str]:
    """Every string under a ``rule``/``rules``/``select``/``ignore`` member, at any depth."""
    if isinstance(value, dict):
        for k, v in value.items():
            if k in _DATA_KEYS:
                yield from (v,) if isinstance(v, str) else (x for x in v if isinstance(x, str)) if isinstance(v, list) else ()
            yield from names_in_data(v)
    elif isinstance(value, list):
        for v in value:
            yield from names_in_data(v)


def _data_files() -> Iterator[Path]:
    for pattern in ("*.json", "*.toml"):
        yield from sorted((ROOT / "jwtlint").rglob(pattern))
    yield from sorted((ROOT / "corpus").glob("*/case.json"))


def _load(path: Path) -> Any:
    if path.suffix == ".toml":
        try:
            import tomllib
        except ImportError:  # Python 3.10
            import tomli as tomllib

        return tomllib.loads(path.read_text(encoding="utf-8"))
    return json.loads(path.read_text(encoding="utf-8"))


def test_data_files_name_only_existing_rules():
    names = known()
    files = list(_data_files())
    assert any(f.name == "case.json" for f in files)
    unknown = [f"{p.relative_to(ROOT)}: {n!r}" for p in files for n in names_in_data(_load(p)) if n not in names]
    assert not unknown, "\n".join(unknown)


def test_names_in_data_are_found_at_any_depth():
    doc = {"causes": {"a": {"rules": ["expired", "no-such-rule"], "text": "alg-none"}}, "select": "JWT1", "x": [{"rule": "r"}]}
    assert list(names_in_data(doc)) == ["expired", "no-such-rule", "JWT1", "r"]


_DOC_NAMES = re.compile(r"--(?:select|ignore)[ =]([A-Za-z0-9,-]+)|jwtlint rule ([a-z0-9][a-z0-9-]*)|ignore\[([^\]]*)\]")


@pytest.mark.parametrize("doc", ["README.md", "ARCHITECTURE.md"])
def test_documented_examples_name_existing_rules(doc):
    path = ROOT / doc
    if not path.exists():
        pytest.skip(f"no {doc}")
    names = known()
    reg = registry()
    mentioned = []
    for m in _DOC_NAMES.finditer(path.read_text(encoding="utf-8")):
        mentioned += [n.strip() for n in ",".join(g for g in m.groups() if g).split(",") if n.strip()]
    for n in mentioned:  # a selector may also be a code prefix or a family
        assert n in names or reg.select([n]), f"{doc} names {n!r}, which selects no rule"
