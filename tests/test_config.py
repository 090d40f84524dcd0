"""Configuration: discovery, validation, precedence (defaults < file < command line), per-path overrides."""

import pytest

from jwtlint import config
from jwtlint.config import ConfigError


def write(path, text):
    path.write_text(text, encoding="utf-8")
    return path


def test_defaults_when_no_file(tmp_path):
    cfg = config.load(tmp_path)
    assert cfg["fail-on"] == "error" and cfg.sources["fail-on"] == "default" and cfg.path is None


def test_found_by_walking_up_from_a_subdirectory(tmp_path):
    write(tmp_path / "pyproject.toml", '[tool.jwtlint]\nfail-on = "warning"\naud = ["api"]\n')
    sub = tmp_path / "a" / "b"
    sub.mkdir(parents=True)
    cfg = config.load(sub)
    assert cfg["fail-on"] == "warning" and cfg["aud"] == ["api"]
    assert cfg.sources["aud"].endswith("pyproject.toml")


def test_pyproject_without_table_is_skipped_and_dotfile_wins(tmp_path):
    write(tmp_path / "pyproject.toml", "[project]\nname='x'\n")
    assert config.find(tmp_path) is None
    write(tmp_path / ".jwtlint.toml", "leeway = 30\n")
    assert config.load(tmp_path)["leeway"] == 30.0


def test_unknown_key_names_the_closest(tmp_path):
    write(tmp_path / ".jwtlint.toml", 'fail_on = "warning"\n')
    with pytest.raises(ConfigError, match="did you mean 'fail-on'"):
        config.load(tmp_path)


@pytest.mark.parametrize(
    "line, message",
    [('leeway = "30"', "number"), ('fail-on = "fatal"', "one of"), ("select = 3", "list of strings"), ("leeway = -1", "negative")],
)
def test_wrong_types_are_one_line_errors(tmp_path, line, message):
    write(tmp_path / ".jwtlint.toml", line + "\n")
    with pytest.raises(ConfigError, match=message):
        config.load(tmp_path)


def test_invalid_toml_is_a_config_error(tmp_path):
    write(tmp_path / ".jwtlint.toml", "select = [\n")
    with pytest.raises(ConfigError, match="not valid TOML"):
        config.load(tmp_path)


def test_command_line_beats_file_beats_default(tmp_path):
    write(tmp_path / ".jwtlint.toml", 'fail-on = "warning"\nleeway = 10\n')
    cfg = config.load(tmp_path).with_cli(fail_on="info", leeway=None, select=[])
    assert cfg["fail-on"] == "info" and cfg.sources["fail-on"] == "command line"
    assert cfg["leeway"] == 10.0 and cfg.sources["leeway"].endswith(".jwtlint.toml")
    assert cfg["select"] is None and cfg.sources["max-lifetime"] == "default"


def test_overrides_apply_to_matching_paths_only(tmp_path):
    write(tmp_path / ".jwtlint.toml", '[[overrides]]\npaths = ["docs/**"]\nignore = ["expired"]\n')
    cfg = config.load(tmp_path)
    assert cfg.for_path(tmp_path / "docs" / "guide.md")["ignore"] == ["expired"]
    assert cfg.for_path(tmp_path / "src" / "app.py")["ignore"] is None


def test_override_with_unknown_key_is_an_error(tmp_path):
    write(tmp_path / ".jwtlint.toml", '[[overrides]]\npaths = ["docs/**"]\nexclude = ["x"]\n')
    with pytest.raises(ConfigError, match="overrides"):
        config.load(tmp_path)


@pytest.mark.parametrize(
    "path, pattern, hit",
    [("a/b/c.py", "*.py", True), ("a/b/c.py", "a/**", True), ("c.py", "**/c.py", True),
     ("a/b/c.py", "b/*.py", False), ("docs/x.md", "docs/", True),
     # gitignore semantics: "*" stays within a directory, "**" spans them, "/" anchors
     ("docs/a.md", "docs/*.md", True), ("docs/sub/b.md", "docs/*.md", False), ("docs/sub/b.md", "docs/**/*.md", True),
     ("x/docs/a.md", "docs/", True), ("x/a.md", "/a.md", False), ("a.md", "/a.md", True)],
)  # fmt: skip
def test_glob_match(path, pattern, hit):
    assert config.glob_match(path, pattern) is hit


def test_exclude_uses_gitignore_globs_in_a_real_scan(tmp_path, monkeypatch):
    """exclude = ["docs/*.md"] skips docs/a.md, not docs/sub/b.md (fnmatch's "*" crossed "/")."""
    import subprocess
    import sys
    from pathlib import Path

    token = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJlLWJ5dGVz"
    write(tmp_path / ".jwtlint.toml", 'exclude = ["docs/*.md"]\n')
    for rel in ("docs/a.md", "docs/sub/b.md", "c.md"):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(f"token: {token}\n")
    jwtlint = Path(sys.executable).parent / "jwtlint"
    out = subprocess.run([str(jwtlint), "scan", "--format", "json", "."], cwd=tmp_path, capture_output=True, text=True)
    paths = {t["origin"]["path"] for t in __import__("json").loads(out.stdout)["targets"]}
    assert {p.removeprefix("./") for p in paths} == {"docs/sub/b.md", "c.md"}, out.stderr


def test_lint_options_feed_lint(tmp_path):
    import jwtlint

    write(tmp_path / ".jwtlint.toml", 'ignore = ["exp-missing"]\n')
    opts = config.load(tmp_path).lint_options()
    report = jwtlint.lint("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln", now=0, **opts)
    assert "exp-missing" not in report.names()


def test_the_toml_parser_is_imported_only_to_read_a_file(tmp_path):
    import subprocess
    import sys

    code = ("import sys; from jwtlint.config import load; c = load({!r}); "
            "print(c.path is not None, any(m in sys.modules for m in ('tomllib', 'tomli')))")  # fmt: skip
    empty = tmp_path / "empty"
    empty.mkdir()
    r = subprocess.run([sys.executable, "-c", code.format(str(empty))], capture_output=True, text=True, check=False)
    assert r.stdout.split() == ["False", "False"], r.stderr
    (tmp_path / "proj").mkdir()
    (tmp_path / "proj" / ".jwtlint.toml").write_text('select = ["claims"]\n')
    r = subprocess.run([sys.executable, "-c", code.format(str(tmp_path / "proj"))], capture_output=True, text=True,
                       check=False)  # fmt: skip
    assert r.stdout.split() == ["True", "True"], r.stderr


def test_a_pyproject_that_never_names_jwtlint_is_not_parsed(tmp_path):
    # Another tool's broken pyproject.toml does not stop jwtlint (it cannot hold [tool.jwtlint]);
    # the search goes on upwards.
    write(tmp_path / ".jwtlint.toml", 'fail-on = "info"\n')
    sub = tmp_path / "sub"
    sub.mkdir()
    write(sub / "pyproject.toml", "[project\nname = 'x'\n")
    assert config.find(sub) == tmp_path / ".jwtlint.toml" and config.load(sub)["fail-on"] == "info"
    # One that names jwtlint is read, and must be valid.
    write(sub / "pyproject.toml", '[project]\ndependencies = ["jwtlint"\n')
    with pytest.raises(ConfigError, match="not valid TOML"):
        config.load(sub)
    write(sub / "pyproject.toml", '[project]\ndependencies = ["jwtlint"]\n')
    assert config.find(sub) == tmp_path / ".jwtlint.toml"
    write(sub / "pyproject.toml", '[tool.jwtlint]\nleeway = 5\n')
    assert config.find(sub) == sub / "pyproject.toml" and config.load(sub)["leeway"] == 5.0
    (sub / "pyproject.toml").write_bytes(b"[tool.jwtlint]\nleeway = 5 # \xff\n")
    with pytest.raises(ConfigError, match="not UTF-8"):
        config.load(sub)
    write(sub / "pyproject.toml", "# jwtlint\n" + "x" * (2 << 20))
    with pytest.raises(ConfigError, match="over"):
        config.load(sub)
