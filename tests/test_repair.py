"""jwtlint fix (jwtlint/repair/token.py): the corrected token, re-signed with a private key."""

import base64
import json

import jwt
import pytest
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives import serialization as ser
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from typer.testing import CliRunner

from jwtlint import lint
from jwtlint.cli.app import app
from jwtlint.repair.token import RepairError, repair

NOW = 1_700_000_000


@pytest.fixture(scope="module")
def rsa_key():
    return rsa.generate_private_key(65537, 2048)


def pem(key, private=True):
    if private:  # PKCS#1, as `openssl genrsa -traditional` writes it: the form Apex users hold
        return key.private_bytes(ser.Encoding.PEM, ser.PrivateFormat.TraditionalOpenSSL, ser.NoEncryption())
    return key.public_key().public_bytes(ser.Encoding.PEM, ser.PublicFormat.SubjectPublicKeyInfo)


def apex_token(key):
    """The seed's mistakes: standard base64 with padding, exp in milliseconds, signed over that text."""
    header = base64.b64encode(json.dumps({"alg": "RS256", "typ": "JWT"}).encode()).decode()
    claims = {"iss": "3MVG9?>x", "sub": "me@example.com", "aud": "https://login.salesforce.com",
              "exp": (NOW + 300) * 1000}  # fmt: skip
    payload = base64.b64encode(json.dumps(claims).encode()).decode()
    sig = key.sign(f"{header}.{payload}".encode(), padding.PKCS1v15(), hashes.SHA256())
    return f"{header}.{payload}.{base64.b64encode(sig).decode()}"


def test_fix_with_private_key_gives_a_token_that_verifies(rsa_key, tmp_path):
    token = apex_token(rsa_key)
    assert "=" in token and "time-in-milliseconds" in lint(token, now=NOW).names()
    (tmp_path / "key.pem").write_bytes(pem(rsa_key))
    (fixed,) = repair(token, key=tmp_path / "key.pem")
    assert fixed.resigned and not fixed.breaks_signature
    claims = jwt.decode(fixed.token, rsa_key.public_key(), algorithms=["RS256"], audience="https://login.salesforce.com",
                        options={"verify_exp": False})  # fmt: skip
    assert claims["exp"] == NOW + 300 and claims["iss"] == "3MVG9?>x"
    assert lint(fixed.token, key=rsa_key.public_key(), now=NOW).errors == []
    assert ("payload", "exp", str((NOW + 300) * 1000), str(NOW + 300)) in fixed.changes


def test_fix_without_key_says_the_signature_breaks(rsa_key):
    (fixed,) = repair(apex_token(rsa_key))
    assert fixed.breaks_signature and not fixed.resigned
    assert any("sign again" in n for n in fixed.notes)
    assert "=" not in fixed.token and "+" not in fixed.token and "/" not in fixed.token


def test_der_signature_fix_keeps_the_signature_valid():
    k = ec.generate_private_key(ec.SECP256R1())
    si = base64.urlsafe_b64encode(b'{"alg":"ES256"}').rstrip(b"=").decode() + "." + \
        base64.urlsafe_b64encode(json.dumps({"sub": "1", "exp": NOW + 60}).encode()).rstrip(b"=").decode()
    token = si + "." + base64.urlsafe_b64encode(k.sign(si.encode(), ec.ECDSA(hashes.SHA256()))).rstrip(b"=").decode()
    (fixed,) = repair(f"Bearer {token}")
    assert not fixed.breaks_signature and fixed.token.startswith(si + ".")
    assert jwt.decode(fixed.token, k.public_key(), algorithms=["ES256"], options={"verify_exp": False})["sub"] == "1"
    assert any("removed bearer" in n for n in fixed.notes)


def test_public_key_cannot_sign(rsa_key, tmp_path):
    (tmp_path / "pub.pem").write_bytes(pem(rsa_key, private=False))
    with pytest.raises(RepairError, match="no private key"):
        repair(apex_token(rsa_key), key=tmp_path / "pub.pem")


def test_key_of_another_type_cannot_sign_the_alg(rsa_key):
    other = ec.generate_private_key(ec.SECP256R1())
    with pytest.raises(RepairError, match="cannot sign RS256"):
        repair(apex_token(rsa_key), key=other)


def test_cli_fix_diff_and_exit_codes(rsa_key, tmp_path):
    runner = CliRunner()
    token = apex_token(rsa_key)
    (tmp_path / "t.txt").write_text(token)
    (tmp_path / "key.pem").write_bytes(pem(rsa_key))
    (tmp_path / "pub.pem").write_bytes(pem(rsa_key, private=False))
    broken = runner.invoke(app, ["fix", str(tmp_path / "t.txt"), "--diff"])
    assert broken.exit_code == 1
    assert f"+   {NOW + 300}" in broken.output and "no longer valid" in broken.output
    good = runner.invoke(app, ["fix", str(tmp_path / "t.txt"), "--key", str(tmp_path / "key.pem")])
    assert good.exit_code == 0
    new = good.stdout.strip().splitlines()[0] if hasattr(good, "stdout") else good.output.splitlines()[0]
    assert jwt.decode(new, rsa_key.public_key(), algorithms=["RS256"], options={"verify_exp": False, "verify_aud": False})
    bad = runner.invoke(app, ["fix", str(tmp_path / "t.txt"), "--key", str(tmp_path / "pub.pem")])
    assert bad.exit_code == 2 and "no private key" in bad.output and "Traceback" not in bad.output
    missing = runner.invoke(app, ["fix", str(tmp_path / "t.txt"), "--key", str(tmp_path / "nope.pem")])
    assert missing.exit_code == 2 and "no such file" in missing.output


def test_cli_fix_hs256_with_secret_file(tmp_path):
    secret = b"s" * 40
    token = jwt.encode({"sub": "1", "exp": (NOW + 60) * 1000}, secret, "HS256")
    (tmp_path / "secret").write_bytes(secret + b"\n")
    result = CliRunner().invoke(app, ["fix", token, "--secret-file", str(tmp_path / "secret")])
    assert result.exit_code == 0
    new = result.output.splitlines()[0]
    assert jwt.decode(new, secret, algorithms=["HS256"], options={"verify_exp": False})["exp"] == NOW + 60


def test_fix_spells_a_misspelled_alg_and_signs(rsa_key):
    si = base64.urlsafe_b64encode(b'{"alg":"rs256","typ":"JWT"}').rstrip(b"=").decode() + ".eyJzdWIiOiIxIn0"
    token = si + "." + base64.urlsafe_b64encode(rsa_key.sign(si.encode(), padding.PKCS1v15(), hashes.SHA256())).decode()
    (fixed,) = repair(token, key=rsa_key)
    assert jwt.get_unverified_header(fixed.token) == {"alg": "RS256", "typ": "JWT"}
    assert jwt.decode(fixed.token, rsa_key.public_key(), algorithms=["RS256"]) == {"sub": "1"}
    assert ("header", "alg", '"rs256"', '"RS256"') in fixed.changes
