"""The import graph of jwtlint is a tree: every module imports on its own, and no two import each other.

A cycle (``model`` importing ``b64`` importing ``model``) works only in the order the
package happens to load it; a plugin or a test that imports the other module first
gets a half-initialised module. Two checks: each module of ``jwtlint/`` (and every
rule family) imports in a fresh interpreter of its own, and the graph of every
``import`` statement between jwtlint modules, at any depth (a function-local import
is a cycle all the same), has no cycle.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

#: Import edges that still close a cycle, in files others own. Each is to be removed by
#: that work; the lead empties this after merging.
KNOWN_CYCLE_EDGES: set[tuple[str, str]] = set()  # none left; an edge listed here must exist


def _modules() -> dict[str, tuple[Path, list[str]]]:
    """Every module: dotted name -> (file, package parts for relative imports)."""
    out: dict[str, tuple[Path, list[str]]] = {}
    files = sorted((ROOT / "jwtlint").rglob("*.py")) + sorted((ROOT / "rules").glob("*.py"))
    for path in files:
        parts = list(path.relative_to(ROOT).with_suffix("").parts)
        if parts[0] == "rules":  # shipped as jwtlint.rules (package-dir mapping)
            parts = ["jwtlint", "rules", *parts[1:]]
        if parts[-1] == "__init__":
            parts = parts[:-1]
            package = parts
        else:
            package = parts[:-1]
        out[".".join(parts)] = (path, package)
    return out


MODULES = _modules()


def _graph() -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {}
    for name, (path, package) in MODULES.items():
        deps: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                deps.update(a.name for a in node.names)
            elif isinstance(node, ast.ImportFrom):
                if node.level:
                    base = package[: len(package) - node.level + 1]
                    target = ".".join(base + ([node.module] if node.module else []))
                else:
                    target = node.module or ""
                for a in node.names:  # ``from . import limits`` imports a module, not a name
                    sub = f"{target}.{a.name}"
                    deps.add(sub if sub in MODULES else target)
        deps = {d for d in deps if d in MODULES and d != name}
        # Importing a.b.c runs a/__init__ and a/b/__init__ first: an edge to each package above the
        # module imported, except the packages this module sits in (already importing when it runs).
        for d in list(deps):
            parts = d.split(".")
            deps.update(
                p for p in (".".join(parts[:k]) for k in range(1, len(parts)))
                if p in MODULES and not name.startswith(p + ".") and p != name
            )  # fmt: skip
        graph[name] = deps
    return graph


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    for root in graph:
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            v, it = work[-1]
            w = next(it, None)
            if w is not None:
                if w not in index:
                    index[w] = low[w] = len(index)
                    stack.append(w)
                    on_stack.add(w)
                    work.append((w, iter(sorted(graph[w]))))
                elif w in on_stack:
                    low[v] = min(low[v], index[w])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[v])
            if low[v] == index[v]:
                comp = []
                while True:
                    w = stack.pop()
                    on_stack.discard(w)
                    comp.append(w)
                    if w == v:
                        break
                if len(comp) > 1:
                    found.append(sorted(comp))
    return found


def test_the_cycle_finder_finds_a_cycle():
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert _cycles({"a": {"b"}, "b": set()}) == []


def test_no_two_jwtlint_modules_import_each_other():
    graph = _graph()
    assert graph["jwtlint.model"] >= {"jwtlint.records", "jwtlint.keys.model"}  # the walk sees imports
    for a, b in KNOWN_CYCLE_EDGES:
        assert b in graph[a], f"{a} no longer imports {b}: remove it from KNOWN_CYCLE_EDGES"
        graph[a].discard(b)
    assert _cycles(graph) == []


PARSERS = {
    "jwtlint.token.intake", "jwtlint.token.parse", "jwtlint.token.b64", "jwtlint.token.jsonparse", "jwtlint.token.sdjwt",
    "jwtlint.token.verify", "jwtlint.keys.parse", "jwtlint.keys.der", "jwtlint.keys.jwkparse", "jwtlint.keys.resolve",
}  # fmt: skip


def test_the_model_does_not_import_a_parser():
    """The records are plain data: they import no module that builds them (so no circle can form)."""
    graph = _graph()
    assert PARSERS <= set(graph)
    for name in ("jwtlint.records", "jwtlint.model", "jwtlint.keys.model", "jwtlint.keys.jwkmodel", "jwtlint.keys.info"):
        assert not graph[name] & PARSERS, (name, graph[name] & PARSERS)
    assert graph["jwtlint.records"] == set() and graph["jwtlint.keys.info"] == set()


def test_target_is_the_union_of_every_target_kind():
    from typing import get_args

    from jwtlint.keys.jwkmodel import JwksTarget, JwkTarget
    from jwtlint.keys.model import KeyTarget
    from jwtlint.model import Target, TokenTarget

    assert set(get_args(Target)) == {TokenTarget, KeyTarget, JwkTarget, JwksTarget}
    assert {t.kind.fget(None) for t in get_args(Target)} == {"token", "key", "jwk", "jwks"}  # type: ignore[attr-defined]


_EACH_FIRST = """
import importlib, sys, traceback
failed = []
for name in sys.argv[1:]:
    for loaded in [m for m in sys.modules if m == "jwtlint" or m.startswith("jwtlint.")]:
        del sys.modules[loaded]  # jwtlint as a fresh interpreter has it: nothing loaded
    try:
        importlib.import_module(name)
    except BaseException as exc:
        failed.append(f"{name}: {type(exc).__name__}: {exc}")
print("\\n".join(failed))
"""


def test_every_module_imports_first_on_its_own():
    """Each module imported before any other jwtlint module: a cycle that only works in one order fails here.

    One interpreter (not one per module: 80 start-ups), with every ``jwtlint`` module
    dropped from ``sys.modules`` before each import, which is what a fresh interpreter
    has of jwtlint; third-party modules stay loaded, they cannot hide a jwtlint cycle.
    """
    names = sorted(n for n in MODULES if not n.endswith("__main__"))  # __main__ runs the CLI
    assert len(names) > 60 and "jwtlint.rules.claims" in names
    out = subprocess.run(
        [sys.executable, "-c", _EACH_FIRST, *names], cwd=ROOT / "tests", capture_output=True, text=True, timeout=300
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == ""


def test_the_import_check_sees_a_module_that_fails_to_import(tmp_path):
    (tmp_path / "broken_mod.py").write_text("import jwtlint.model\nraise ImportError('half-initialised')\n")
    out = subprocess.run(
        [sys.executable, "-c", _EACH_FIRST, "jwtlint.records", "broken_mod"], cwd=tmp_path, capture_output=True, text=True
    )
    assert out.stdout.strip() == "broken_mod: ImportError: half-initialised"
