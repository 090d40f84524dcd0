"""The stable library API: the names in ``jwtlint.__all__``, ``Report.raise_for_findings``
and ``JwtLintError``'s message (one line per finding with its fix, never a secret)."""

import jwt
import pytest
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec

import jwtlint
from jwtlint import JwtLintError, Severity, lint
from jwtlint.token.b64 import b64url_encode

NOW = 1_700_000_000
SECRET = "a-test-secret-that-is-long-enough-for-hs256!"


def ms_token():
    # Date.now() style: exp in milliseconds (the README's seed mistake).
    return jwt.encode({"sub": "u1", "iat": NOW - 10, "exp": (NOW + 600) * 1000}, SECRET, algorithm="HS256")


def test_all_names_are_importable_and_documented():
    for name in jwtlint.__all__:
        obj = getattr(jwtlint, name)
        if name != "__version__":
            assert obj.__doc__, name
    assert {"lint", "lint_key", "Report", "Finding", "Severity", "JwtLintError"} <= set(jwtlint.__all__)


def test_raise_for_findings_returns_the_report_when_clean():
    token = jwt.encode({"sub": "u1", "iat": NOW - 10, "exp": NOW + 600}, SECRET, algorithm="HS256")
    report = lint(token, now=NOW)
    assert report.raise_for_findings() is report


def test_raise_for_findings_lists_each_finding_with_its_fix_one_per_line():
    with pytest.raises(JwtLintError) as info:
        lint(ms_token(), now=NOW).raise_for_findings()
    err = info.value
    assert err.names() == {"time-in-milliseconds"}
    lines = str(err).splitlines()
    assert lines[0] == "1 finding at or above error:"
    assert len(lines) == 2
    assert lines[1].startswith("error JWT403 time-in-milliseconds payload[")
    assert " -- fix: use seconds: exp = 1700000600" in lines[1]
    assert lines[1].endswith("(fixed: 1700000600)")


def test_fail_on_lowers_the_bar():
    token = jwt.encode({"sub": "u1"}, SECRET, algorithm="HS256")  # no exp: a warning
    report = lint(token, now=NOW)
    assert report.raise_for_findings() is report
    with pytest.raises(JwtLintError) as info:
        report.raise_for_findings(fail_on="warning")
    assert info.value.names() == {"exp-missing"}
    assert info.value.fail_on is Severity.WARNING
    with pytest.raises(ValueError):
        report.raise_for_findings(fail_on="fatal")
    with pytest.raises(TypeError, match="not int"):
        report.raise_for_findings(fail_on=3)


def test_message_never_prints_a_whole_signature():
    # A DER ECDSA signature: the finding's corrected value is the raw signature (sensitive).
    key = ec.generate_private_key(ec.SECP256R1())
    header_payload = b64url_encode(b'{"alg":"ES256","typ":"JWT"}') + "." + b64url_encode(
        b'{"sub":"u1","iat":1699999990,"exp":1700000600}'
    )
    der = key.sign(header_payload.encode(), ec.ECDSA(hashes.SHA256()))
    token = header_payload + "." + b64url_encode(der)
    with pytest.raises(JwtLintError) as info:
        lint(token, now=NOW).raise_for_findings()
    text = str(info.value)
    assert "ecdsa-der-signature" in text
    assert b64url_encode(der) not in text
    for f in info.value.findings:
        if f.fixed:
            assert f.fixed not in text


def test_report_repr_is_short_and_names_the_findings():
    report = lint(ms_token(), now=NOW)
    text = repr(report)
    assert text == "<Report 1 target(s): error time-in-milliseconds>"
    assert repr(lint("", now=NOW)) == "<Report 0 target(s): no findings>"


def test_lint_key_is_exported_and_refuses_non_text():
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

    pem = ec.generate_private_key(ec.SECP256R1()).public_key().public_bytes(Encoding.PEM, PublicFormat.SubjectPublicKeyInfo)
    report = jwtlint.lint_key(pem)
    assert [t.kind for t in report.targets] == ["key"] and report.ok
    with pytest.raises(TypeError, match="not NoneType"):
        jwtlint.lint_key(None)


def test_the_pytest_plugin_import_does_not_load_the_engine():
    """Every pytest run where jwtlint is installed imports the plugin: it must stay cheap."""
    import subprocess
    import sys

    code = "import sys, jwtlint.testing.pytest_plugin; print(sorted(m for m in sys.modules if m.startswith('jwtlint')))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert "jwtlint.engine" not in out and "jwtlint.api" not in out and "jwtlint.testing.pytest_plugin" in out


def test_the_stable_names_load_on_first_use():
    import jwtlint

    assert {name: getattr(jwtlint, name).__name__ for name in ("lint", "Report")} == {"lint": "lint", "Report": "Report"}
    assert sorted(dir(jwtlint)) == sorted(jwtlint.__all__)
    with pytest.raises(AttributeError):
        jwtlint.no_such_name  # noqa: B018


def test_lint_with_the_same_key_object_reuses_its_preparation_and_another_key_is_read():
    import jwt
    from cryptography.hazmat.primitives.asymmetric import rsa

    from jwtlint import api

    k1, k2 = (rsa.generate_private_key(public_exponent=65537, key_size=2048) for _ in range(2))
    tok = jwt.encode({"sub": "1", "iat": 1_700_000_000, "exp": 1_700_000_600}, k1, algorithm="RS256")
    now = 1_700_000_100
    assert "signature-invalid" not in jwtlint.lint(tok, key=k1.public_key(), now=now).names()
    pub = k1.public_key()
    jwtlint.lint(tok, key=pub, now=now)
    first = api._last
    jwtlint.lint(tok, key=pub, now=now)
    assert api._last is first  # the same key object: prepared once
    assert "signature-invalid" in jwtlint.lint(tok, key=k2.public_key(), now=now).names()
    assert "signature-invalid" not in jwtlint.lint(tok, key=pub, now=now).names()
    # the clock moves on for a lint without now, though the preparation is reused
    assert "expired" in jwtlint.lint(tok, key=pub).names()


def test_a_list_argument_changed_in_place_between_two_lints_is_honoured():
    import jwt

    tok = jwt.encode({"sub": "1", "aud": "https://a.example", "exp": 1_700_000_600}, "k" * 32, algorithm="HS256")
    audience = ["https://a.example"]
    assert "aud-mismatch" not in jwtlint.lint(tok, audience=audience, now=1_700_000_000).names()
    audience[0] = "https://b.example"  # the same list object, another value
    assert "aud-mismatch" in jwtlint.lint(tok, audience=audience, now=1_700_000_000).names()
