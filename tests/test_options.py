"""One set of options, the same effect through every door.

Each case sets one option to two values on either side of a boundary and asserts that a rule
fires on one side only, the same way in ``check`` (flags and .jwtlint.toml), ``scan``,
``decode --format json``, ``jwtlint.lint()`` and the pytest fixture's ``Checker``. A door that
does not apply an option yet is marked xfail (strict) with the reason, so wiring it turns
the mark into a failure that asks for its removal.
"""

from __future__ import annotations

import json
import math
import os

import jwt
import pytest
from typer.testing import CliRunner

import jwtlint
from jwtlint.cli.app import app
from jwtlint.options import FLAGS, OptionError, Options
from jwtlint.rules.claims import AudMismatch, Expired, IssMismatch, LifetimeTooLong
from jwtlint.rules.profile_github import GitHubAppAlg

NOW = 1_700_000_000
SECRET = "a-test-secret-that-is-long-enough-for-hs256!"
runner = CliRunner()


def token(**claims):
    base = {"sub": "u1", "iss": "https://issuer.example", "aud": "api", "iat": NOW - 100, "exp": NOW + 600}
    return jwt.encode({**base, **claims}, SECRET, algorithm="HS256")


#: option name -> (token, value that makes the rule fire, value that does not, the rule)
CASES = {
    "leeway": (token(exp=NOW - 10), 5, 20, Expired),
    "max_lifetime": (token(iat=NOW - 100, exp=NOW + 7100), 3600, 9000, LifetimeTooLong),
    "audience": (token(), "billing", "api", AudMismatch),
    "issuer": (token(), "https://other.example", "https://issuer.example", IssMismatch),
    "profile": (token(), "github-app", None, GitHubAppAlg),
    "ignore": (token(exp=NOW - 10), None, Expired.name, Expired),
}


def _flags(name, value):
    if value is None:
        return []
    return [FLAGS[name], str(value)]


def _toml(name, value):
    from jwtlint.options import CONFIG_KEYS

    if value is None:
        return ""
    key = CONFIG_KEYS[name]
    shown = json.dumps([value] if name in ("audience", "ignore") else value)
    return f"{key} = {shown}\n"


def via_check(tmp_path, tok, name, value):
    r = runner.invoke(app, ["check", tok, "--now", str(NOW), "--format", "json", *_flags(name, value)])
    assert r.exit_code in (0, 1), r.output
    return {f["name"] for t in json.loads(r.stdout)["targets"] for f in t["findings"]}


def via_config_file(tmp_path, tok, name, value):
    (tmp_path / ".jwtlint.toml").write_text(_toml(name, value))
    old = os.getcwd()
    os.chdir(tmp_path)
    try:
        r = runner.invoke(app, ["check", tok, "--now", str(NOW), "--format", "json"])
    finally:
        os.chdir(old)
    assert r.exit_code in (0, 1), r.output
    return {f["name"] for t in json.loads(r.stdout)["targets"] for f in t["findings"]}


def via_decode(tmp_path, tok, name, value):
    # decode notes reading problems by default; with every rule selected it lints like check
    select = ["--select", "claims,header,structure,transport"]
    r = runner.invoke(app, ["decode", tok, "--now", str(NOW), "--format", "json", *select, *_flags(name, value)])
    assert r.exit_code == 0, r.output
    return {f["name"] for t in json.loads(r.stdout)["targets"] for f in t["findings"]}


def via_scan(tmp_path, tok, name, value):
    tree = tmp_path / "tree"
    tree.mkdir()
    (tree / "token.txt").write_text(tok + "\n")
    r = runner.invoke(app, ["scan", str(tree), "--now", str(NOW), "--format", "json", *_flags(name, value)])
    assert r.exit_code in (0, 1), r.output
    return {f["name"] for t in json.loads(r.stdout)["targets"] for f in t["findings"]}


def via_lint(tmp_path, tok, name, value):
    given = {} if value is None else {name: value}
    return jwtlint.lint(tok, now=NOW, **given).names()


def via_fixture(tmp_path, tok, name, value):
    # What the jwtlint fixture builds: the configuration file, then its own flags.
    from jwtlint import config
    from jwtlint.testing import Checker
    from jwtlint.testing.pytest_plugin import fixture_options

    (tmp_path / ".jwtlint.toml").write_text(_toml(name, value))
    checker = Checker(options=fixture_options(config.load(tmp_path), now=NOW))
    return checker.lint(tok).names()


DOORS = {
    "check": via_check,
    "config-file": via_config_file,
    "decode": via_decode,
    "scan": via_scan,
    "lint": via_lint,
    "fixture": via_fixture,
}
NOT_WIRED: dict[tuple[str, str], str] = {}


@pytest.mark.parametrize("door", list(DOORS))
@pytest.mark.parametrize("name", list(CASES))
def test_each_option_has_the_same_effect_through_every_door(request, tmp_path, door, name):
    if (door, name) in NOT_WIRED:
        request.applymarker(pytest.mark.xfail(reason=NOT_WIRED[door, name], strict=True))
    tok, fires, quiet, rule = CASES[name]
    assert rule.name in DOORS[door](tmp_path, tok, name, fires)
    (tmp_path / "second").mkdir()
    assert rule.name not in DOORS[door](tmp_path / "second", tok, name, quiet)


def test_leeway_boundary_is_the_same_in_check_scan_and_lint(tmp_path):
    # exp = NOW - 10: expired with a leeway of 10 s (now must be before exp + leeway), not with 11 s
    tok = token(exp=NOW - 10)
    for leeway, expired in ((10, True), (11, False)):
        for door in ("check", "scan", "lint"):
            where = tmp_path / f"{door}-{leeway}"
            where.mkdir()
            assert (Expired.name in DOORS[door](where, tok, "leeway", leeway)) is expired, (door, leeway)


@pytest.mark.parametrize("value", ["nan", "inf", "-inf"])
@pytest.mark.parametrize("command", ["check", "decode", "scan"])
def test_non_finite_now_is_one_line_exit_2(tmp_path, command, value):
    arg = str(tmp_path) if command == "scan" else token()
    r = runner.invoke(app, [command, arg, f"--now={value}"])
    assert r.exit_code == 2, r.output
    assert r.stderr == f"jwtlint: error: --now must be a finite number of seconds, not {value}\n"


@pytest.mark.parametrize(
    "args, message",
    [
        (["check", "x", "--bogus"], "No such option: --bogus"),
        (["check", "x", "--leeway", "soon"], "Invalid value for '--leeway'"),
        (["scan", "--max-lifetime", "-5"], "--max-lifetime must not be negative"),
        (["check", "x", "--profile", "github-ap"], "did you mean 'github-app'"),
        (["decode", "x", "--format", "yaml"], "Invalid value for '--format'"),
        (["check", "x", "--key", "/no/such/key.pem"], "--key /no/such/key.pem: no such file"),
        (["scan", ".", "--key", __file__], "jwtlint scan does not verify signatures yet"),
    ],
)
def test_every_bad_option_is_one_line_in_one_style(args, message):
    r = runner.invoke(app, args)
    assert r.exit_code == 2, r.output
    assert r.stderr.startswith("jwtlint: error: ") and r.stderr.count("\n") == 1, r.stderr
    assert message in r.stderr
    assert "Traceback" not in r.output and "Usage:" not in r.stderr


@pytest.mark.parametrize(
    "toml, message",
    [
        ("leeway = nan\n", "'leeway' must be a finite number of seconds"),
        ("max-lifetime = inf\n", "'max-lifetime' must be a finite number of seconds"),
    ],
)
def test_non_finite_numbers_in_the_config_are_one_line(tmp_path, toml, message):
    (tmp_path / ".jwtlint.toml").write_text(toml)
    r = runner.invoke(app, ["check", token(), "--config", str(tmp_path / ".jwtlint.toml")])
    assert r.exit_code == 2 and message in r.stderr and r.stderr.count("\n") == 1, r.output


def test_tool_as_a_string_in_pyproject_is_not_a_crash(tmp_path):
    from jwtlint import config

    (tmp_path / "pyproject.toml").write_text('tool = "jwtlint"\n')
    assert config.find(tmp_path) is None  # no [tool.jwtlint] table: not jwtlint's file
    with pytest.raises(config.ConfigError, match="'tool' must be a table"):
        config.load(path=tmp_path / "pyproject.toml")


@pytest.mark.parametrize("special", ["/dev/zero", "fifo"])
def test_a_baseline_that_is_not_a_file_is_refused_without_blocking(tmp_path, special):
    if special == "fifo":
        os.mkfifo(tmp_path / "fifo")
        special = str(tmp_path / "fifo")
    (tmp_path / ".jwtlint.toml").write_text(f'baseline = "{special}"\n')
    r = runner.invoke(app, ["scan", str(tmp_path), "--config", str(tmp_path / ".jwtlint.toml")])
    assert r.exit_code == 2 and "is not a regular file" in r.stderr, r.output


def test_options_build_names_the_option_and_keeps_secrets_out_of_its_repr():
    with pytest.raises(OptionError, match="leeway must be a finite number"):
        Options.build(leeway=math.nan)
    shown = repr(Options.build(jwks='{"keys":[{"kty":"oct","k":"c2VjcmV0"}]}', access_token="at-value", audience="api"))
    assert "c2VjcmV0" not in shown and "at-value" not in shown and "audience=('api',)" in shown
