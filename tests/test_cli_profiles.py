"""The CLI for profiles and configuration: --profile/--nonce/--access-token, jwtlint profiles,
jwtlint config, and defaults < configuration file < command line, end to end."""

import json

import pytest
from typer.testing import CliRunner

from jwtlint.cli.app import app
from tokens import token

runner = CliRunner()
NOW = 1700000000
# Lives two hours: over a 3600 s max-lifetime, under the default 86400.
TWO_HOURS = token({"alg": "RS256"}, {"iss": "123", "iat": NOW, "exp": NOW + 7200}, b"\x01" * 256)


def run(*args):
    r = runner.invoke(app, [*args], catch_exceptions=False)
    return r.exit_code, r.output


def names(output):
    return sorted(f["name"] for t in json.loads(output)["targets"] for f in t["findings"])


@pytest.fixture
def project(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_defaults_then_file_then_command_line(project):
    code, out = run("check", TWO_HOURS, "--now", str(NOW), "--format", "json")
    assert code == 0 and "lifetime-too-long" not in names(out)  # default max-lifetime 86400
    (project / ".jwtlint.toml").write_text('max-lifetime = 3600\nfail-on = "warning"\n')
    code, out = run("check", TWO_HOURS, "--now", str(NOW), "--format", "json")
    assert code == 1 and "lifetime-too-long" in names(out)  # the file's 3600, and its fail-on warning
    code, out = run("check", TWO_HOURS, "--now", str(NOW), "--format", "json", "--max-lifetime", "10000")
    assert code == 0 and "lifetime-too-long" not in names(out)  # the command line wins
    code, _ = run("check", TWO_HOURS, "--now", str(NOW), "--fail-on", "error")
    assert code == 0  # the warning is still there, but --fail-on error beats the file's warning


def test_pyproject_table_and_config_option(project):
    (project / "pyproject.toml").write_text('[tool.jwtlint]\nprofile = "github-app"\n')
    code, out = run("check", TWO_HOURS, "--now", str(NOW), "--format", "json")
    assert code == 1 and "github-app-lifetime" in names(out)
    other = project / "other.toml"
    other.write_text('profile = "google-service-account"\n')
    code, out = run("check", TWO_HOURS, "--now", str(NOW), "--format", "json", "--config", str(other))
    assert "google-sa-claims" in names(out) and "github-app-lifetime" not in names(out)
    code, out = run("check", TWO_HOURS, "--now", str(NOW), "--format", "json", "--profile", "auto")
    assert "profile-auto" in names(out) and "github-app-lifetime" in names(out)


def test_bad_configuration_is_one_line_exit_2(project):
    (project / ".jwtlint.toml").write_text("max-lifetim = 60\n")
    r = runner.invoke(app, ["check", TWO_HOURS])
    assert r.exit_code == 2
    assert "did you mean 'max-lifetime'" in r.output and len(r.output.strip().splitlines()) == 1
    (project / ".jwtlint.toml").write_text('profile = "githb-app"\n')
    r = runner.invoke(app, ["check", TWO_HOURS])
    assert r.exit_code == 2 and "did you mean 'github-app'" in r.output
    r = runner.invoke(app, ["check", TWO_HOURS, "--config", "missing.toml"])
    assert r.exit_code == 2 and "missing.toml: no such file" in r.output


def test_config_command_says_where_each_value_came_from(project):
    code, out = run("config")
    assert code == 0 and "defaults" in out and "leeway" in out and "# default" in out
    (project / ".jwtlint.toml").write_text('leeway = 30\naud = ["https://api.example.com"]\n')
    code, out = run("config")
    line = next(x for x in out.splitlines() if x.startswith("leeway"))
    assert "30.0" in line and ".jwtlint.toml" in line
    assert "# default" in next(x for x in out.splitlines() if x.startswith("max-lifetime"))
    (project / ".jwtlint.toml").write_text("select = 3\n")
    r = runner.invoke(app, ["config"])
    assert r.exit_code == 2 and "must be a list of strings" in r.output


def test_profiles_command_lists_every_profile_with_its_rules():
    code, out = run("profiles")
    for name in ("salesforce-jwt-bearer", "google-service-account", "apple-client-secret", "github-app",
                 "rfc7523-client-assertion", "oidc-id-token", "rfc9068-access-token", "dpop-proof", "auto"):
        assert name in out
    assert "JWT933 github-app-lifetime" in out and "https://docs.github.com/" in out
    code, out = run("profiles", "--format", "json")
    data = {p["name"]: p for p in json.loads(out)}
    assert [r["name"] for r in data["dpop-proof"]["rules"]][:2] == ["dpop-header", "dpop-jwk-private"]


def test_nonce_and_access_token_reach_the_rules(project):
    id_token = token({"alg": "RS256"}, {"iss": "https://i", "sub": "1", "aud": "c", "iat": NOW, "exp": NOW + 60,
                                        "nonce": "abc"}, b"\x01" * 256)  # fmt: skip
    code, out = run("check", id_token, "--now", str(NOW), "--profile", "oidc-id-token", "--nonce", "xyz", "--format", "json")
    assert names(out) == ["id-token-nonce"]
    proof = token({"typ": "dpop+jwt", "alg": "ES256", "jwk": {"kty": "EC", "crv": "P-256", "x": "a", "y": "b"}},
                  {"jti": "j", "htm": "GET", "htu": "https://r/x", "iat": NOW}, b"\x01" * 64)  # fmt: skip
    code, out = run("check", proof, "--now", str(NOW), "--profile", "dpop-proof", "--access-token", "tok", "--format", "json")
    assert "dpop-ath" in names(out)


def test_a_github_app_jwt_of_15_minutes_is_caught(project):
    jwt15 = token({"alg": "RS256"}, {"iat": NOW, "exp": NOW + 900, "iss": "123456"}, b"\x01" * 256)
    code, out = run("check", jwt15, "--now", str(NOW), "--profile", "github-app")
    assert code == 1 and "github-app-lifetime" in out and "too far in the future" in out
