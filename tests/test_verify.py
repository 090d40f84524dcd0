"""jwtlint.token.verify: the verification evidence, the secret list, the PyJWT advisory tokens."""

import json
import time
from pathlib import Path

import jwt
import pytest

from jwtlint.engine import registry
from cryptography.hazmat.primitives.asymmetric import rsa

from jwtlint import limits, lint
from jwtlint.token import verify as verify
from jwtlint.token.intake import extract
from jwtlint.keys.info import from_crypto, from_secret

NOW = 1_700_000_000
DATA = Path(__file__).parent / "data"
# tests/data/pyjwt_advisory_*.json: jpadilla/pyjwt tests/test_advisory.py (MIT, tests/data/pyjwt-LICENSE-MIT.txt)
ADVISORY = json.loads((DATA / "pyjwt_advisory_ghsa-ffqj-6fqr-9h24.json").read_text())


def token_target(text):
    (t,) = extract(text)
    return t


@pytest.mark.parametrize("case", ADVISORY["cases"], ids=[c["name"] for c in ADVISORY["cases"]])
def test_pyjwt_advisory_tokens(case):
    """CVE-2022-29217: the HS256 forgeries draw alg-confusion; the genuine tokens verify."""
    key = ADVISORY["keys"][case["verify_key"]]
    report = lint(case["token"], key=key, now=NOW)
    token_findings = {f.name for t in report.targets if t.target.kind == "token" for f in t.findings}
    if case["result"] == "invalid":
        assert "alg-confusion" in token_findings
        assert "signature-invalid" not in token_findings
    else:
        readers = {r.name for r in registry().rules if r.evidence or "verification" in r.needs}
        assert "signature-invalid" in readers and not token_findings & readers
        assert report.targets[0].target.verification.verified


def test_evidence_records_the_verifying_key():
    k = rsa.generate_private_key(65537, 2048)
    info = from_crypto(k.public_key(), kid="a", source="object")
    ev = verify.examine(token_target(jwt.encode({"x": 1}, k, "RS256", headers={"kid": "a"})), (info,))
    assert ev.verified and ev.verified_by is info and ev.kid_found is True and not ev.diagnosed


def test_nothing_to_verify_without_key_for_asymmetric_or_unsigned_tokens():
    k = rsa.generate_private_key(65537, 2048)
    assert verify.examine(token_target(jwt.encode({"x": 1}, k, "RS256")), ()) is None
    assert verify.examine(token_target(jwt.encode({"x": 1}, None, "none")), ()) is None


def test_evidence_repr_hides_the_found_secret():
    ev = verify.examine(token_target(jwt.encode({"x": 1}, "your-256-bit-secret", "HS256")), ())
    assert ev.listed_secret == b"your-256-bit-secret"
    assert "your-256-bit-secret" not in repr(ev) and "found" in repr(ev)


def test_secret_list_puts_jwt_io_first_and_is_large():
    secrets = verify.secret_list()
    assert secrets[:2] == [b"secret", b"your-256-bit-secret"]
    assert b"a-string-secret-at-least-256-bits-long" in secrets[:10]
    assert len(secrets) > 100_000 and b"" not in secrets and not any(s.endswith(b"\r") for s in secrets[:5000])


def test_guessing_stays_within_its_budget():
    token = jwt.encode({"x": 1}, b"q" * 48, "HS256")  # not in the list: the whole budget is spent
    t = token_target(token)
    data = t.text.rsplit(".", 1)[0].encode()
    verify._guessed.clear()
    start = time.perf_counter()
    found, tried, total = verify.guess_secret("HS256", data, t.signature.raw)
    elapsed = time.perf_counter() - start
    assert found is None and 0 < tried <= total
    assert elapsed < limits.SECRET_GUESS_SECONDS + 0.03
    again = time.perf_counter()
    assert verify.guess_secret("HS256", data, t.signature.raw) == (None, tried, total)  # remembered
    assert time.perf_counter() - again < 0.005


def test_a_mac_of_the_wrong_length_is_not_guessed():
    t = token_target("eyJhbGciOiJIUzI1NiJ9.eyJ4IjoxfQ.AAAA")
    assert verify.guess_secret("HS256", b"x", t.signature.raw)[1] == 0


def test_wrong_key_failure_is_fast():
    k, other = rsa.generate_private_key(65537, 2048), rsa.generate_private_key(65537, 2048)
    token = jwt.encode({"x": 1}, k, "RS256")
    lint(token, key=other.public_key(), now=NOW)  # warm up
    start = time.perf_counter()
    assert "signature-invalid" in [f.name for f in lint(token, key=other.public_key(), now=NOW).findings]
    assert time.perf_counter() - start < 0.05


def test_key_text_of_any_form_is_parsed_and_linted(tmp_path):
    from cryptography.hazmat.primitives import serialization as ser

    k = rsa.generate_private_key(65537, 2048)
    token = jwt.encode({"x": 1, "exp": NOW + 60}, k, "RS256")
    pem = k.public_key().public_bytes(ser.Encoding.PEM, ser.PublicFormat.SubjectPublicKeyInfo)
    der = k.public_key().public_bytes(ser.Encoding.DER, ser.PublicFormat.SubjectPublicKeyInfo)
    jwk = jwt.algorithms.RSAAlgorithm.to_jwk(k.public_key())
    ssh = k.public_key().public_bytes(ser.Encoding.OpenSSH, ser.PublicFormat.OpenSSH)
    (tmp_path / "k.pem").write_bytes(pem)
    for key in (pem, pem.decode(), der, jwk, ssh, tmp_path / "k.pem", json.dumps({"keys": [json.loads(jwk)]})):
        report = lint(token, key=key, now=NOW)
        kinds = [t.target.kind for t in report.targets]
        assert kinds[0] == "token" and len(kinds) == 2, (key, kinds)  # the key is linted too
        assert report.targets[0].target.verification.verified, key


def test_jwks_argument_selects_by_kid(tmp_path):
    a, b = rsa.generate_private_key(65537, 2048), rsa.generate_private_key(65537, 2048)
    keys = []
    for kid, k in (("a", a), ("b", b)):
        jwk = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(k.public_key()))
        jwk["kid"] = kid
        keys.append(jwk)
    (tmp_path / "jwks.json").write_text(json.dumps({"keys": keys}))
    token = jwt.encode({"x": 1}, b, "RS256", headers={"kid": "b"})
    ev = lint(token, jwks=tmp_path / "jwks.json", now=NOW).targets[0].target.verification
    assert ev.verified and ev.verified_by.kid == "b"


def test_secret_file_drops_one_final_newline(tmp_path):
    from jwtlint.keys.resolve import read_secret

    (tmp_path / "s").write_bytes(b"abc\n")
    (tmp_path / "t").write_bytes(b"abc\n\n")
    assert read_secret(tmp_path / "s") == b"abc" and read_secret(tmp_path / "t") == b"abc\n"
    assert from_secret(read_secret(tmp_path / "s")).secret == b"abc"


CORPUS = Path(__file__).resolve().parent.parent / "corpus"
RFC_KEYS = json.loads((DATA / "rfc_jws_keys.json").read_text())["keys"]


@pytest.mark.parametrize("case", sorted(RFC_KEYS))
def test_rfc_examples_verify_with_their_keys(case):
    """RFC 7515 Appendix A and RFC 7520 §4 tokens, with the RFCs' own JWKs: they verify, no false alarm.
    The keys are published (known-sample-key) and A.1 expired in 2011: those are expected."""
    jwk = json.dumps(RFC_KEYS[case]["jwk"])
    report = lint((CORPUS / case / "input.txt").read_text(), key=jwk, now=NOW)
    token = report.targets[0]
    assert token.target.verification.verified, case
    errors = {f.name for t in report.targets for f in t.findings if str(f.severity) == "error"}
    assert errors <= {"known-sample-key", "expired"}, (case, errors)


@pytest.mark.parametrize("case", sorted(d.name for d in CORPUS.glob("clean-*") if (d / "key.pub.pem").exists()))
def test_clean_corpus_tokens_verify_with_their_keys(case):
    """Tokens made correctly by PyJWT and jwcrypto verify with the key kept beside them, and draw no error."""
    meta = json.loads((CORPUS / case / "case.json").read_text())
    now = meta.get("args", {}).get("now", NOW)
    report = lint((CORPUS / case / "input.txt").read_text(), key=CORPUS / case / "key.pub.pem", now=now)
    assert report.targets[0].target.verification.verified, case
    assert report.errors == [], [f.name for f in report.errors]


def test_cli_check_with_key_jwks_and_secret_file(tmp_path):
    from cryptography.hazmat.primitives import serialization as ser
    from typer.testing import CliRunner

    from jwtlint.cli.app import app

    runner = CliRunner()
    k = rsa.generate_private_key(65537, 2048)
    token = jwt.encode({"x": 1, "exp": NOW + 60}, k, "RS256", headers={"kid": "k1"})
    (tmp_path / "t.txt").write_text(token)
    (tmp_path / "pub.pem").write_bytes(k.public_key().public_bytes(ser.Encoding.PEM, ser.PublicFormat.SubjectPublicKeyInfo))
    jwk = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(k.public_key()))
    (tmp_path / "jwks.json").write_text(json.dumps({"keys": [dict(jwk, kid="k2")]}))
    (tmp_path / "secret").write_text("s" * 40 + "\n")
    t = str(tmp_path / "t.txt")

    good = runner.invoke(app, ["check", t, t, "--key", str(tmp_path / "pub.pem"), "--now", str(NOW), "--format", "json"])
    assert good.exit_code == 0, good.output
    kinds = [x["kind"] for x in json.loads(good.output)["targets"]]
    assert kinds == ["token", "key", "token"]  # the key is linted once, after the first input's tokens
    stale = runner.invoke(app, ["check", t, "--jwks", str(tmp_path / "jwks.json"), "--now", str(NOW)])
    assert stale.exit_code == 1 and "kid-not-found" in stale.output and "'k2'" in stale.output
    hs = runner.invoke(app, ["check", t, "--secret-file", str(tmp_path / "secret"), "--now", str(NOW)])
    assert hs.exit_code == 1 and "alg-key-mismatch" in hs.output and "s" * 40 not in hs.output
    missing = runner.invoke(app, ["check", t, "--key", str(tmp_path / "nope.pem")])
    assert missing.exit_code == 2 and "no such file" in missing.output and "Traceback" not in missing.output


def test_guessing_a_long_token_stays_within_its_budget():
    """A 240 KB HS256 token costs ~100 us per MAC: the clock is read often enough not to overrun."""
    big = jwt.encode({"blob": "x" * 180_000}, b"q" * 48, "HS256")
    t = token_target(big)
    verify._guessed.clear()
    start = time.perf_counter()
    found, tried, _ = verify.guess_secret("HS256", t.text.rsplit(".", 1)[0].encode(), t.signature.raw)
    assert found is None and tried > 0
    assert time.perf_counter() - start < limits.SECRET_GUESS_SECONDS + 0.06


def test_text_report_says_the_signature_verifies(tmp_path):
    from cryptography.hazmat.primitives import serialization as ser
    from typer.testing import CliRunner

    from jwtlint.cli.app import app

    k = rsa.generate_private_key(65537, 2048)
    (tmp_path / "pub.pem").write_bytes(k.public_key().public_bytes(ser.Encoding.PEM, ser.PublicFormat.SubjectPublicKeyInfo))
    token = jwt.encode({"x": 1, "exp": NOW + 60}, k, "RS256")
    out = CliRunner().invoke(app, ["check", token, "--key", str(tmp_path / "pub.pem"), "--now", str(NOW)]).output
    assert "signature  256 bytes; verifies with the RSA 2048-bit public key" in out
    other = rsa.generate_private_key(65537, 2048)
    (tmp_path / "other.pem").write_bytes(other.public_key().public_bytes(ser.Encoding.PEM, ser.PublicFormat.SubjectPublicKeyInfo))
    out = CliRunner().invoke(app, ["check", token, "--key", str(tmp_path / "other.pem"), "--now", str(NOW)]).output
    assert "verifies with" not in out and "signature-invalid" in out
