"""For any text or bytes: lint, check and decode never raise, and the JSON
report always has the contract's shape."""

import json

from hypothesis import HealthCheck, given, settings, strategies as st
from typer.testing import CliRunner

import jwtlint
from jwtlint.cli.app import app

from tokens import token

runner = CliRunner()

# Text that looks like tokens often enough to reach deep into the parsers.
token_like = st.one_of(
    st.text(max_size=200),
    st.binary(max_size=200),
    st.lists(st.text(alphabet="eyJhbGciOi.-_+/=% \n\"'{}[]:,0123456789", max_size=40), max_size=6).map(".".join),
    st.builds(lambda t, i, c: t[:i] + c + t[i:], st.just(token()), st.integers(0, 120), st.text(max_size=3)),
)


def check_report_shape(doc):
    assert set(doc) >= {"jwtlint", "targets", "summary"}
    for t in doc["targets"]:
        assert t["kind"] in ("token", "key", "jwk", "jwks")
        for f in t["findings"]:
            assert f["severity"] in ("error", "warning", "info")
            assert isinstance(f["message"], str) and isinstance(f["refs"], list)
            assert f["span"] is None or set(f["span"]) == {"part", "start", "end"}
            assert f["name"] != "internal-error", f["message"]


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(token_like)
def test_lint_never_raises_and_reports_valid_json(data):
    report = jwtlint.lint(data, now=1700000000, audience="api")
    check_report_shape(json.loads(report.to_json()))


@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(token_like)
def test_cli_check_and_decode_never_crash(data):
    text = data.decode("utf-8", "replace") if isinstance(data, bytes) else data
    r = runner.invoke(app, ["check", "-", "--now", "0", "--format", "json"], input=text)
    assert r.exit_code in (0, 1, 2), r.output
    if r.exit_code != 2:
        check_report_shape(json.loads(r.stdout))
    r = runner.invoke(app, ["decode", "-", "--now", "0"], input=text)
    assert r.exit_code in (0, 2) and r.exception is None or isinstance(r.exception, SystemExit)
    if r.exit_code == 0:
        assert r.stdout.strip()


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=10),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=5), inner, max_size=4),
    max_leaves=20,
)
members = st.dictionaries(
    st.sampled_from(["exp", "nbf", "iat", "aud", "iss", "sub", "jti", "alg", "typ", "kid", "crit", "b64", "zip",
                     "jku", "x5u", "jwk", "enc"]) | st.text(max_size=4),
    json_values,
    max_size=8,
)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(members, members, st.binary(max_size=140), st.sampled_from(["", "=", "==", "+", " ", "\n", "%2B"]), st.booleans())
def test_structured_tokens_never_crash_a_rule_or_a_reporter(header, payload, sig, junk, expectations):
    """Well-formed encodings of arbitrary JSON reach every rule: none may crash, and the text
    report renders."""
    from jwtlint.token.b64 import b64url_encode
    from jwtlint.report.text import to_text

    token = f"{b64url_encode(json.dumps(header).encode())}.{b64url_encode(json.dumps(payload).encode())}{junk}" \
            f".{b64url_encode(sig)}"
    report = jwtlint.lint(token, now=1700000000, audience="api" if expectations else None,
                          issuer="https://issuer" if expectations else None)
    check_report_shape(json.loads(report.to_json()))
    assert to_text(report, 1700000000, color=True)
