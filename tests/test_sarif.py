"""--format sarif validates against the SARIF 2.1.0 schema; --format github escapes as the runner wants."""

import json
from pathlib import Path

import jsonschema
import jwt
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from jwtlint import lint
from jwtlint.engine import Context
from jwtlint.report.github import command, escape_data, escape_property, to_github
from jwtlint.report.report import Report
from jwtlint.report.sarif import to_sarif
from jwtlint.scan.run import lint_text

SCHEMA = json.loads((Path(__file__).parent / "data" / "sarif" / "sarif-schema-2.1.0.json").read_text())
NOW = 1_800_000_000
KEY = rsa.generate_private_key(public_exponent=65537, key_size=2048)
PKCS1 = KEY.private_bytes(
    serialization.Encoding.PEM, serialization.PrivateFormat.TraditionalOpenSSL, serialization.NoEncryption()
).decode()


def validate(doc):
    jsonschema.Draft4Validator(SCHEMA).validate(doc)
    github_required(doc)


def github_required(doc):
    """What GitHub code scanning needs beyond the schema (docs: "SARIF support for code scanning"):
    a tool name, each rule's id, help and a security-severity it can rank by (a number from 0 to 10
    as text), each result's rule, message and a physical location with a URI and a start line."""
    for run in doc["runs"]:
        driver = run["tool"]["driver"]
        assert driver["name"] == "jwtlint" and driver["version"]
        for rule in driver["rules"]:
            if "help" not in rule:  # a finding of a rule no longer loaded (described from the finding)
                continue
            assert rule["id"] and rule["help"]["markdown"].startswith("## What it does")
            assert 0.0 <= float(rule["properties"]["security-severity"]) <= 10.0
        for result in run["results"]:
            assert result["ruleId"] and result["message"]["text"]
            (loc,) = result["locations"]
            physical = loc["physicalLocation"]
            assert physical["artifactLocation"]["uri"] and physical["region"]["startLine"] >= 1


def scanned(text: str, path: str = "src/app.py") -> Report:
    r = lint_text(text, path, context=Context(now=NOW))
    return Report(r.targets)


def test_scan_sarif_is_valid_and_points_at_path_line_column():
    live = jwt.encode({"sub": "admin"}, KEY, algorithm="RS256")
    doc = to_sarif(scanned(f'import os\nTOKEN = "{live}"\n' + PKCS1))
    validate(doc)
    run = doc["runs"][0]
    rules = {r["id"]: r for r in run["tool"]["driver"]["rules"]}
    assert {"JWT801", "JWT802"} <= set(rules)
    assert rules["JWT801"]["name"] == "live-token-in-repo"
    assert "## Why is this bad?" in rules["JWT801"]["help"]["text"]
    assert rules["JWT801"]["helpUri"].startswith("https://")
    assert rules["JWT801"]["defaultConfiguration"]["level"] == "error"
    by_rule = {r["ruleId"]: r for r in run["results"]}
    loc = by_rule["JWT801"]["locations"][0]["physicalLocation"]
    assert loc["artifactLocation"] == {"uri": "src/app.py", "uriBaseId": "%SRCROOT%"}
    assert loc["region"]["startLine"] == 2 and loc["region"]["startColumn"] == 10
    assert by_rule["JWT802"]["locations"][0]["physicalLocation"]["region"]["startLine"] == 3
    assert all(r["ruleIndex"] == list(rules).index(r["ruleId"]) for r in run["results"])


def test_sarif_fix_replaces_the_segment_in_the_file():
    tok = jwt.encode({"sub": "x", "exp": NOW - 10}, "k" * 32, algorithm="HS256")
    h, p, s = tok.split(".")
    padded = f"{h}.{p}{'=' * (-len(p) % 4) or '=='}.{s}"
    doc = to_sarif(scanned(f"x = '{padded}'\n", "a b/t.txt"))
    validate(doc)
    results = [r for r in doc["runs"][0]["results"] if r["ruleId"] == "JWT204"]
    assert results, [r["ruleId"] for r in doc["runs"][0]["results"]]
    (change,) = results[0]["fixes"][0]["artifactChanges"]
    assert change["artifactLocation"]["uri"] == "a%20b/t.txt"
    (rep,) = change["replacements"]
    start = 6 + len(h) + 1
    assert rep["deletedRegion"] == {"startLine": 1, "startColumn": start, "endColumn": start + len(padded.split(".")[1])}
    assert rep["insertedContent"]["text"] == p


def test_sarif_never_carries_a_sensitive_fixed_value():
    from jwtlint.engine import Finding, Severity
    from jwtlint.model import Span
    from jwtlint.report.report import TargetReport

    tok = jwt.encode({"sub": "x"}, "k" * 32, algorithm="HS256")
    target = lint(tok, now=NOW).targets[0].target
    secret = "A" * 43
    f = Finding("JWT503", "ecdsa-der-signature", Severity.ERROR, "m", fix="f", fixed=secret,
                span=Span("signature", 0, 43), sensitive=True)  # fmt: skip
    doc = to_sarif(Report((TargetReport(target, (f,)),)))
    validate(doc)
    assert secret not in json.dumps(doc)


def test_check_sarif_without_a_file_is_valid():
    bad = jwt.encode({"sub": 1}, "k" * 32, algorithm="HS256") + "=="
    doc = to_sarif(lint(bad, now=NOW))
    validate(doc)
    results = doc["runs"][0]["results"]
    assert results and {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results} == {
        "jwtlint-input"
    }
    # the padding is marked where it is in the pasted text: the payload's end, not column 1
    padding = [r for r in results if r["ruleId"] == "JWT204"]
    assert padding and padding[0]["locations"][0]["physicalLocation"]["region"]["startColumn"] == len(bad) - 1


def test_security_severity_ranks_committed_credentials_first():
    live = jwt.encode({"sub": "admin"}, KEY, algorithm="RS256")
    doc = to_sarif(scanned(f'TOKEN = "{live}"\n' + PKCS1))
    ranks = {r["name"]: float(r["properties"]["security-severity"]) for r in doc["runs"][0]["tool"]["driver"]["rules"]}
    assert ranks["private-key-in-repo"] >= 9.0 and ranks["live-token-in-repo"] >= 9.0
    expired = jwt.encode({"exp": 1}, KEY, algorithm="RS256")
    doc = to_sarif(lint(expired, now=NOW))
    ranks = {r["name"]: float(r["properties"]["security-severity"]) for r in doc["runs"][0]["tool"]["driver"]["rules"]}
    assert 7.0 <= ranks["expired"] < 9.0


@pytest.mark.parametrize("fmt", ["sarif", "github", "json", "text"])
def test_cli_formats(tmp_path, monkeypatch, fmt):
    from typer.testing import CliRunner

    from jwtlint.cli.app import app

    monkeypatch.chdir(tmp_path)
    (tmp_path / "k.pem").write_text(PKCS1)
    res = CliRunner().invoke(app, ["scan", "k.pem", "--format", fmt, "--now", str(NOW)])
    assert res.exit_code == 1, res.output
    if fmt == "sarif":
        validate(json.loads(res.stdout))
    elif fmt == "json":
        doc = json.loads(res.stdout)
        (t,) = doc["targets"]
        assert t["kind"] == "key" and t["origin"] == {"path": "k.pem", "line": 1, "column": 1}
        assert doc["summary"]["error"] == 1 and doc["scan"]["files"] == 1
    elif fmt == "github":
        lines = res.stdout.splitlines()
        assert "::error file=k.pem,line=1,col=1,title=JWT802 private-key-in-repo::an RSA 2048-bit" in "\n".join(lines)
        assert all(line.startswith(("::error ", "::warning ", "::notice ")) for line in lines)
    else:
        first = res.stdout.splitlines()[0]  # errors first
        assert first.startswith("k.pem:1:1: error private-key-in-repo (JWT802): an RSA 2048-bit private key"), first
    body = "".join(PKCS1.splitlines()[1:3])
    assert body not in res.output


def test_github_escaping():
    assert escape_data("100%\r\nnext") == "100%25%0D%0Anext"
    assert escape_property("a:b,c%") == "a%3Ab%2Cc%25"
    from jwtlint.engine import Finding, Severity

    f = Finding("JWT404", "expired", Severity.INFO, "line1\nline2: 50%", fix="x, y")
    line = command(f, "dir/a,b:c.py", 3, 7)
    assert line == "::notice file=dir/a%2Cb%3Ac.py,line=3,col=7,title=JWT404 expired::line1%0Aline2: 50%25%0Afix: x, y"
    report = scanned(PKCS1)
    assert len(to_github(report).splitlines()) == len(report.findings)  # one line per finding


@pytest.mark.parametrize("fmt", ["sarif", "github"])
def test_check_command_formats(fmt):
    from typer.testing import CliRunner

    from jwtlint.cli.app import app

    bad = jwt.encode({"sub": "x", "exp": NOW + 60}, "k" * 32, algorithm="HS256") + "=="
    res = CliRunner().invoke(app, ["check", bad, "--format", fmt, "--now", str(NOW)])
    assert res.exit_code == 1, res.output
    if fmt == "sarif":
        doc = json.loads(res.stdout)
        validate(doc)
        assert "JWT204" in {r["ruleId"] for r in doc["runs"][0]["results"]}
    else:
        assert "::error title=JWT204 base64-padding::" in res.stdout


# --- partial fingerprints: stable, and made of nothing secret -----------------------------


def _fingerprints(text: str, path: str = "src/app.py") -> list[str]:
    from jwtlint.scan.baseline import fingerprints

    report = scanned(text, path)
    doc = to_sarif(report, fingerprints(report.targets))
    validate(doc)
    return [r["partialFingerprints"]["jwtlintFingerprint/v2"] for r in doc["runs"][0]["results"]]


def test_sarif_fingerprint_reveals_nothing_of_the_secret():
    """A weak HMAC secret cannot be found by hashing guesses against the fingerprint: the
    fingerprint is the same whatever the secret (and whatever the token), so it holds no bit of it."""
    import hashlib

    weak = jwt.encode({"sub": "admin"}, "secret", algorithm="HS256")
    other = jwt.encode({"sub": "admin"}, "another secret entirely, 32 bytes", algorithm="HS256")
    jwk = '{"kty": "oct", "k": "c2VjcmV0"}'
    jwk2 = '{"kty": "oct", "k": "Y2hhbmdlbWU"}'  # "changeme": weak too (the same findings), another secret
    first = _fingerprints(f'TOKEN = "{weak}"\nKEY = {jwk}\n')
    assert first and first == _fingerprints(f'TOKEN = "{other}"\nKEY = {jwk2}\n')
    # Nor is it any plain hash of what holds the secret (the text, its line, its normalised digest).
    line = f'TOKEN = "{weak}"'
    guesses = {hashlib.sha256(s.encode()).hexdigest() for s in (weak, line, jwk, "secret", "c2VjcmV0")}
    from jwtlint.scan.extract import find_all

    digests = {f.digest for f in find_all(f"{line}\nKEY = {jwk}\n".encode())}
    assert not (set(first) & (guesses | digests))
    assert all(d not in json.dumps(first) for d in digests)


def test_sarif_fingerprint_is_stable_across_runs_and_line_moves_and_tells_targets_apart():
    live = jwt.encode({"sub": "admin"}, KEY, algorithm="RS256")
    other = jwt.encode({"sub": "ops"}, KEY, algorithm="RS256")
    text = f'A = "{live}"\nB = "{other}"\n'
    one = _fingerprints(text)
    assert one == _fingerprints(text)  # another run
    assert one == _fingerprints("# a comment\n\n\n" + text.replace("\n", "\n\n"))  # lines moved
    assert len(set(one)) == len(one)  # two tokens, each finding its own fingerprint
    assert set(one).isdisjoint(_fingerprints(text, "src/other.py"))  # another file


def test_cli_sarif_carries_the_public_fingerprint(tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from jwtlint.cli.app import app

    monkeypatch.chdir(tmp_path)
    weak = jwt.encode({"sub": "admin"}, "secret", algorithm="HS256")
    (tmp_path / "app.py").write_text(f'TOKEN = "{weak}"\n')
    out = CliRunner().invoke(app, ["scan", "--now", str(NOW), "--format", "sarif", "."]).stdout
    doc = json.loads(out)
    validate(doc)
    (fp,) = {r["partialFingerprints"]["jwtlintFingerprint/v2"] for r in doc["runs"][0]["results"]
             if r["ruleId"] == "JWT801"}  # fmt: skip
    (tmp_path / "app.py").write_text(f'TOKEN = "{jwt.encode({"sub": "admin"}, "s3cr3t", algorithm="HS256")}"\n')
    again = json.loads(CliRunner().invoke(app, ["scan", "--now", str(NOW), "--format", "sarif", "."]).stdout)
    assert fp in {r["partialFingerprints"]["jwtlintFingerprint/v2"] for r in again["runs"][0]["results"]}


def test_housekeeping_findings_rank_low():
    live = jwt.encode({"sub": "admin"}, KEY, algorithm="RS256")
    doc = to_sarif(scanned(f'# jwtlint: ignore[live-token]\nTOKEN = "{live}"\n'))
    validate(doc)
    rules = {r["name"]: r["properties"]["security-severity"] for r in doc["runs"][0]["tool"]["driver"]["rules"]}
    assert float(rules["unknown-rule-in-suppression"]) < 4.0 <= 9.0 <= float(rules["live-token-in-repo"])
