"""Every jwtlint entry point that takes untrusted input, as ``name -> function(bytes)``.

The hypothesis suite (tests/test_fuzz.py) and the atheris harnesses
(fuzz/fuzz_<name>.py) both drive these functions. Each one feeds the bytes to
one entry point and checks the properties every input must keep:

- no exception escapes (the documented usage errors are for wrong *types*
  and unknown selectors, which fuzzed text never is);
- a JSON report parses and has the contract's shape (tests/test_fuzz.py
  also validates it against jwtlint/data/report.schema.json);
- ``decode`` shows something for every input that holds a token.

A new entry point plugs in with one decorated function here. An entry point
whose module has not landed yet is skipped (``Unavailable``).
"""

from __future__ import annotations

import functools
import importlib
import json
from collections.abc import Callable

ENTRIES: dict[str, Callable[[bytes], None]] = {}
NOW = 1_700_000_000


class Unavailable(Exception):
    """The module behind an entry point is not in this tree (yet)."""


def entry(fn: Callable[[bytes], None]) -> Callable[[bytes], None]:
    ENTRIES[fn.__name__] = fn
    return fn


def need(module: str, attr: str):
    """``module.attr``, or ``Unavailable`` when that code has not landed."""
    try:
        return getattr(importlib.import_module(module), attr)
    except (ImportError, AttributeError) as exc:
        raise Unavailable(f"{module}.{attr}: {exc}") from None


def text(data: bytes) -> str:
    return data.decode("utf-8", "replace")


_schema_validator: list = []


@functools.lru_cache(maxsize=1)
def report_schema() -> dict:
    """jwtlint/data/report.schema.json, read once."""
    from importlib.resources import files

    return json.loads(files("jwtlint").joinpath("data/report.schema.json").read_text("utf-8"))


@functools.lru_cache(maxsize=1)
def report_kinds() -> frozenset[str]:
    """The target kinds the JSON report may hold, as its schema lists them (scan adds its own)."""
    return frozenset(report_schema()["$defs"]["target"]["properties"]["kind"]["enum"])


def schema_validator():
    """A validator for jwtlint/data/report.schema.json, or None where jsonschema is not installed."""
    if not _schema_validator:
        try:
            import jsonschema

            schema = report_schema()
            jsonschema.Draft202012Validator.check_schema(schema)
            _schema_validator.append(jsonschema.Draft202012Validator(schema))
        except ImportError:
            _schema_validator.append(None)
    return _schema_validator[0]


def check_report(doc: dict) -> None:
    """The JSON contract of DESIGN.md (and its schema, when jsonschema is there), and no rule crashed."""
    from jwtlint.engine import InternalError

    validator = schema_validator()
    if validator is not None:
        validator.validate(doc)
    assert set(doc) >= {"jwtlint", "targets", "summary"}, doc.keys()
    counted = {"error": 0, "warning": 0, "info": 0}
    kinds = report_kinds()
    for t in doc["targets"]:
        assert t["kind"] in kinds, t["kind"]
        for f in t["findings"]:
            assert f["severity"] in counted, f["severity"]
            counted[f["severity"]] += 1
            assert f["name"] != InternalError.name, f["message"]
            span = f["span"]
            assert span is None or (set(span) == {"part", "start", "end"} and 0 <= span["start"] <= span["end"]), span
    assert doc["summary"] == counted, (doc["summary"], counted)


# --- tokens --------------------------------------------------------------------


@entry
def intake(data: bytes) -> None:
    from jwtlint.token.intake import extract

    for t in extract(text(data)):
        assert t.kind in ("token", "key", "jwk", "jwks"), t.kind


@entry
def parse_token(data: bytes) -> None:
    from jwtlint.token.parse import parse_token as parse

    t = parse(text(data))
    assert t.raw is not None


@entry
def lint(data: bytes) -> None:
    import jwtlint

    report = jwtlint.lint(data, now=NOW, audience="https://api.example", issuer="https://issuer.example")
    check_report(json.loads(report.to_json()))


@entry
def reporters(data: bytes) -> None:
    """Every reporter on one lint result: text (plain and coloured) and JSON, with and without secrets."""
    import jwtlint
    from jwtlint.report.text import to_text

    for show in (False, True):
        report = jwtlint.lint(data, now=NOW, show_secrets=show)
        check_report(json.loads(report.to_json()))
        assert to_text(report, NOW, color=show, show_secrets=show)
        for fmt in _extra_formats():
            fmt(report)


def _extra_formats() -> list[Callable]:
    """SARIF and github reporters, once SCAN lands them."""
    found = []
    for module, attr in (("jwtlint.report.sarif", "dumps"), ("jwtlint.report.github", "to_github")):
        try:
            found.append(need(module, attr))
        except Unavailable:
            pass
    return found


@entry
def decode(data: bytes) -> None:
    """What ``jwtlint decode`` prints: something for every token found."""
    from jwtlint.token.intake import extract
    from jwtlint.report.tokenview import Style, render

    for t in extract(text(data)):
        if t.kind == "token":  # decode says in one line what a key holds (jwtlint/cli/app.py)
            assert render(t, NOW, Style(False), False), "decode showed nothing"


@entry
def cli(data: bytes) -> None:
    """``check`` (text and JSON) and ``decode`` through the real command line."""
    from typer.testing import CliRunner

    from jwtlint.cli.app import app

    runner = CliRunner()
    s = text(data)
    for fmt in ("text", "json"):
        r = runner.invoke(app, ["check", "-", "--now", str(NOW), "--format", fmt], input=s)
        _one_line_or_report(r)
        if fmt == "json" and r.exit_code in (0, 1):
            check_report(json.loads(r.stdout))
    r = runner.invoke(app, ["decode", "-", "--now", str(NOW)], input=s)
    _one_line_or_report(r)
    if r.exit_code == 0:
        assert r.stdout.strip(), "decode printed nothing"


def _one_line_or_report(r) -> None:
    """Exit 0/1 with a report, or exit 2 with one line on stderr; never a traceback."""
    assert r.exception is None or isinstance(r.exception, SystemExit), repr(r.exception)
    assert r.exit_code in (0, 1, 2), r.exit_code
    if r.exit_code == 2:
        err = r.stderr.strip()
        assert err.startswith("jwtlint: error: ") and "\n" not in err, err
        assert "Traceback" not in r.output


# --- keys ----------------------------------------------------------------------


def _lint_targets(targets) -> None:
    """Run every rule for each parsed key target and check the report."""
    from jwtlint.options import Options
    from jwtlint.pipeline import lint_targets, prepare

    reports = lint_targets(targets, prepare(Options.build(now=NOW)))
    from jwtlint.report.report import Report

    check_report(json.loads(Report(reports).to_json()))


@entry
def key_material(data: bytes) -> None:
    """PEM, DER, bare base64 DER, OpenSSH: bytes as a file holds them, and as text."""
    parse = need("jwtlint.keys.parse", "parse_key_material")
    _lint_targets(parse(data))
    _lint_targets(parse(text(data)))


@entry
def der(data: bytes) -> None:
    evidence = need("jwtlint.keys.der", "der_evidence")
    evidence(data)


@entry
def jwk(data: bytes) -> None:
    """JWK and JWK Set JSON (and what the JWK reader makes of any text)."""
    parse = need("jwtlint.keys.jwkparse", "parse_jwk_material")
    _lint_targets(parse(text(data)))


@entry
def verify(data: bytes) -> None:
    """Signature verification with a key, an HMAC secret and a JWKS, of whatever token the input holds."""
    import jwtlint

    need("jwtlint.token.verify", "examine")
    for key in _verification_keys():
        report = jwtlint.lint(data, now=NOW, **key)
        check_report(json.loads(report.to_json()))


_keys: list = []


def _verification_keys() -> list[dict]:
    """lint() keyword arguments for each kind of key, made once per process."""
    if not _keys:
        from cryptography.hazmat.primitives.asymmetric import ec, ed25519, rsa

        rsa_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        ec_key = ec.generate_private_key(ec.SECP256R1())
        jwks = {"keys": [{"kty": "oct", "kid": "k1", "k": "c2VjcmV0"}]}
        _keys.extend([
            {"key": rsa_key.public_key()},
            {"key": ec_key},
            {"key": ed25519.Ed25519PrivateKey.generate().public_key()},
            {"secret": b"secret"},
            {"jwks": json.dumps(jwks)},
        ])  # fmt: skip
    return _keys


# --- scan ----------------------------------------------------------------------


@entry
def scan_extract(data: bytes) -> None:
    """Finding tokens, PEM blocks and JWKs in a file's bytes, in small and default chunks."""
    import io

    iter_found = need("jwtlint.scan.extract", "iter_found")
    whole = list(iter_found(io.BytesIO(data)))
    list(iter_found(io.BytesIO(data), chunk_size=64))
    for f in whole:
        assert f.line >= 1 and f.column >= 1, f


@entry
def scan_file(data: bytes) -> None:
    """``jwtlint scan`` of one file's content, and every scan reporter on the result."""
    lint_text = need("jwtlint.scan.run", "lint_text")
    from jwtlint.engine import Context

    result = lint_text(data, "fuzzed.txt", context=Context(now=NOW))
    assert result.error is None or "\n" not in result.error
    from jwtlint.scan.baseline import fingerprints
    from jwtlint.scan.run import ScanResult
    from jwtlint.cli.scan import machine_output
    from jwtlint.report.scantext import to_text

    scanned = ScanResult([result], [])
    check_report(json.loads(json.dumps(scanned.to_dict())))
    to_text(scanned, color=False, verbose=True)
    for fmt in ("sarif", "github"):
        machine_output(scanned.report, fmt, fingerprints(scanned.report.targets))


# --- why -----------------------------------------------------------------------


@entry
def why(data: bytes) -> None:
    """``jwtlint why``: any pasted error message, explained in text and JSON."""
    explain = need("jwtlint.why.match", "explain")
    from jwtlint.why.match import to_text

    result = explain(text(data))
    json.dumps(result)
    to_text(result)


# --- configuration -------------------------------------------------------------


@entry
def config(data: bytes) -> None:
    """A repository's .jwtlint.toml (scan reads it from the tree it scans): only ConfigError may come out,
    in one line."""
    import os
    import tempfile

    from jwtlint.config import ConfigError, load

    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, ".jwtlint.toml")
        with open(path, "wb") as fh:
            fh.write(data)
        try:
            cfg = load(path=path)
        except ConfigError as exc:
            assert "\n" not in str(exc).strip(), str(exc)
            return
        cfg.describe()
        cfg.for_path("src/app.py")


@entry
def baseline(data: bytes) -> None:
    """A baseline file given with --baseline: only BaselineError may come out, in one line."""
    import os
    import tempfile

    load = need("jwtlint.scan.baseline", "load")
    from jwtlint.scan.baseline import BaselineError

    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "baseline.json")
        with open(path, "wb") as fh:
            fh.write(data)
        try:
            load(path)
        except BaselineError as exc:
            assert "\n" not in str(exc).strip(), str(exc)


# --- fix, and keys given as options ---------------------------------------------


@entry
def repair(data: bytes) -> None:
    """``jwtlint fix``: the corrected token of any input, unsigned and re-signed with an HMAC secret."""
    fix = need("jwtlint.repair.token", "repair")
    from jwtlint.keys.info import from_secret
    from jwtlint.repair.token import RepairError

    for key in (None, from_secret(b"secret")):
        try:
            results = fix(text(data), key=key)
        except RepairError as exc:  # the documented usage error ("no token found"): one line
            assert "\n" not in str(exc).strip(), str(exc)
            return
        for result in results:
            assert isinstance(result.token, str)


@entry
def key_option(data: bytes) -> None:
    """Any text given as the key (``--key``, ``--jwks``) to verify a real token with."""
    import jwtlint

    need("jwtlint.keys.resolve", "resolve")
    token = "eyJhbGciOiJSUzI1NiIsImtpZCI6IjEifQ.eyJzdWIiOiJ4In0." + "A" * 342
    for option in ("key", "jwks"):
        report = jwtlint.lint(token, now=NOW, **{option: text(data)})
        check_report(json.loads(report.to_json()))
