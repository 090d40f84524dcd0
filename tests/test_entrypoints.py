"""jwtlint._entrypoints lists a group's entry points as importlib.metadata does, without importing it."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import zipfile
from importlib import metadata

import pytest

from jwtlint import _entrypoints, engine
from jwtlint._entrypoints import entry_points


def _listed(eps) -> list[tuple[str, str, str]]:
    return [(ep.name, ep.value, ep.group) for ep in eps]


def _dist(root, dirname: str, text: str | None) -> None:
    d = root / dirname
    d.mkdir(parents=True)
    (d / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {dirname.partition('-')[0]}\nVersion: 1.0\n")
    if text is not None:
        (d / "entry_points.txt").write_text(textwrap.dedent(text))


@pytest.mark.parametrize("group", ["jwtlint.rules", "pytest11", "console_scripts", "no.such.group"])
def test_the_installed_groups_match_importlib_metadata(group):
    assert _entrypoints._read(group, sys.path) is not None  # answered here, not handed over
    assert _listed(entry_points(group)) == _listed(metadata.entry_points(group=group))


def test_the_builtin_pack_is_found_through_the_group():
    assert ("builtin", "jwtlint.rules:RULES", "jwtlint.rules") in _listed(entry_points("jwtlint.rules"))


def test_directories_order_duplicates_and_parsing_match_importlib_metadata(tmp_path, monkeypatch):
    a, b = tmp_path / "a", tmp_path / "b"
    _dist(a, "First_Pack-1.0.dist-info", """
        # a comment, then an entry before any section (ignored)
        stray = nowhere:X
        [jwtlint.rules]
        one = pack_one:RULES
          two  =  pack_two.sub:make_rules [extra]

        [other.group]
        three = pack_three:X
    """)  # fmt: skip
    _dist(a, "legacy-0.1.egg-info", "[jwtlint.rules]\nlegacy = legacy_mod\n")
    (a / "filelike-1.0.egg-info").write_text("Metadata-Version: 1.0\nName: filelike\n")  # a file: no entry points
    _dist(a, "noentries-2.0.dist-info", None)
    # The same distribution name (normalised) later on the path: importlib.metadata keeps the first.
    _dist(b, "first.pack-2.0.dist-info", "[jwtlint.rules]\nshadowed = shadow:RULES\n")
    _dist(b, "second-3.0.dist-info", "[jwtlint.rules]\nzeta = z:RULES\nalpha = a:RULES\n[jwtlint.rules.more]\nx = y:Z\n")
    paths = [str(a), str(tmp_path / "missing"), str(b)]
    monkeypatch.setattr(sys, "path", paths)
    for group in ("jwtlint.rules", "other.group", "jwtlint.rules.more"):
        ours = _entrypoints._read(group, paths)
        assert ours is not None
        assert _listed(ours) == _listed(metadata.entry_points(group=group)), group
    assert ("shadowed", "shadow:RULES", "jwtlint.rules") not in _listed(entry_points("jwtlint.rules"))


def test_a_zip_on_the_path_is_left_to_importlib_metadata(tmp_path, monkeypatch):
    z = tmp_path / "packs.zip"
    with zipfile.ZipFile(z, "w") as zf:
        zf.writestr("zipped-1.0.dist-info/METADATA", "Metadata-Version: 2.1\nName: zipped\nVersion: 1.0\n")
        zf.writestr("zipped-1.0.dist-info/entry_points.txt", "[jwtlint.rules]\nzipped = zipped_mod:RULES\n")
    monkeypatch.setattr(sys, "path", [str(z)])
    assert _entrypoints._read("jwtlint.rules", [str(z)]) is None
    assert _listed(entry_points("jwtlint.rules")) == [("zipped", "zipped_mod:RULES", "jwtlint.rules")]


def test_a_finder_that_publishes_distributions_is_left_to_importlib_metadata(monkeypatch):
    class Publisher:
        @staticmethod
        def find_spec(*args, **kwargs):
            return None

        @staticmethod
        def find_distributions(context=None):
            return iter(())

    monkeypatch.setattr(sys, "meta_path", [*sys.meta_path, Publisher()])
    assert _entrypoints._read("jwtlint.rules", sys.path) is None
    assert _listed(entry_points("jwtlint.rules")) == _listed(metadata.entry_points(group="jwtlint.rules"))


def test_load_follows_the_attribute_path_and_fails_as_importlib_does():
    assert _entrypoints.EntryPoint("x", "jwtlint.engine:Registry.build", "g").load() == engine.Registry.build
    assert _entrypoints.EntryPoint("x", "jwtlint.engine", "g").load() is engine
    with pytest.raises(ModuleNotFoundError):
        _entrypoints.EntryPoint("x", "no_such_module_xyz:RULES", "g").load()
    with pytest.raises(AttributeError):
        _entrypoints.EntryPoint("x", "jwtlint.engine:NoSuchThing", "g").load()


def test_an_installed_third_party_pack_loads_and_a_broken_one_is_named(tmp_path):
    """End to end, in a fresh process: packs installed on sys.path as distributions (no monkeypatching
    of the lookup) load through the group, after the built-ins; a broken one is one line, exit 2."""
    site = tmp_path / "site"
    (site / "jwtlint_pack_ok.py").parent.mkdir(parents=True)
    (site / "jwtlint_pack_ok.py").write_text(textwrap.dedent('''
        from jwtlint.engine import Rule, Severity

        class Hello(Rule):
            code, name, severity, summary = "TPK001", "hello-pack", Severity.INFO, "A pack's rule."

            def check(self, target, ctx):
                yield self.finding("hello")

        RULES = [Hello]
    '''))  # fmt: skip
    _dist(site, "jwtlint_pack_ok-1.0.dist-info", "[jwtlint.rules]\nokpack = jwtlint_pack_ok:RULES\n")
    env_path = f"{site}"
    code = ("import json, sys; from jwtlint import engine; "
            "print(json.dumps([[p, c.__name__] for p, c in engine.load_rule_classes()]))")  # fmt: skip
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=_env(env_path), check=False)
    assert r.returncode == 0, r.stderr
    import json

    loaded = json.loads(r.stdout)
    packs = [p for p, _ in loaded]
    assert ["okpack", "Hello"] in loaded
    assert packs.index("builtin") < packs.index("okpack") and packs[0] == "engine"
    assert "importlib.metadata" not in _imported(env_path)

    _dist(site, "jwtlint_pack_bad-1.0.dist-info", "[jwtlint.rules]\nbadpack = jwtlint_pack_missing:RULES\n")
    r = subprocess.run([sys.executable, "-m", "jwtlint", "rules"], capture_output=True, text=True,
                       env=_env(env_path), check=False)  # fmt: skip
    assert r.returncode == 2
    assert r.stderr.startswith("jwtlint: error: rule pack 'badpack' (jwtlint_pack_missing:RULES) failed to load")
    assert r.stderr.count("\n") == 1 and "Traceback" not in r.stderr


def _env(extra_path: str) -> dict[str, str]:
    import os

    env = dict(os.environ)
    env["PYTHONPATH"] = extra_path + os.pathsep + env.get("PYTHONPATH", "") if env.get("PYTHONPATH") else extra_path
    return env


def _imported(extra_path: str) -> set[str]:
    code = "import sys; from jwtlint import engine; engine.registry(); print(' '.join(sys.modules))"
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=_env(extra_path), check=False)
    assert r.returncode == 0, r.stderr
    return set(r.stdout.split())
