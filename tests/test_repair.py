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
runner = CliRunner()


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


# --- jwtlint fix KEYFILE (jwtlint/repair/key.py) ---


def _loads(text):
    """The key cryptography reads from ``text`` (PEM), private or public."""
    data = text.encode()
    try:
        return ser.load_pem_private_key(data, password=None)
    except ValueError:
        return ser.load_pem_public_key(data)


def _same_key(a, b):
    return a.public_key().public_numbers() == b.public_key().public_numbers()


def _mangled(key_pem):
    """Key material as people hand it over, each with what jwtlint fix must say it did."""
    text = key_pem.decode()
    lines = text.strip().split("\n")
    der = ser.load_pem_private_key(key_pem, None).private_bytes(ser.Encoding.DER, ser.PrivateFormat.TraditionalOpenSSL, ser.NoEncryption())  # fmt: skip
    return {
        "escaped newlines (an env var)": (text.replace("\n", "\\n"), "literal \\n escape"),
        "CRLF": (text.replace("\n", "\r\n"), "CRLF line endings normalised"),
        "one line": (" ".join(lines), "line breaks restored"),
        "base64 of the PEM file": (base64.b64encode(key_pem).decode(), "base64 of a whole PEM file"),
        "bare base64 DER": (base64.b64encode(der).decode(), "bare base64 DER given its armor"),
        "four dashes, END label wrong": (
            text.replace("-----BEGIN", "----BEGIN").replace("END RSA PRIVATE KEY", "END PRIVATE KEY"),
            "END label 'PRIVATE KEY' matched",
        ),
        "JSON string (service account)": (json.dumps({"private_key": text}), "literal \\n escape"),
    }


MANGLED = [
    "escaped newlines (an env var)", "CRLF", "one line", "base64 of the PEM file", "bare base64 DER",
    "four dashes, END label wrong", "JSON string (service account)",
]  # fmt: skip


@pytest.mark.parametrize("case", MANGLED)
def test_fix_key_material_gives_a_pem_that_loads_and_is_the_same_key(rsa_key, tmp_path, case):
    text, note = _mangled(pem(rsa_key))[case]
    path = tmp_path / "key.pem"
    path.write_text(text, newline="")
    r = runner.invoke(app, ["fix", str(path)])
    assert r.exit_code == 0, r.output
    out = r.stdout
    assert out.startswith("-----BEGIN RSA PRIVATE KEY-----\n") and out.endswith("-----END RSA PRIVATE KEY-----\n")
    assert all(len(line) <= 64 for line in out.splitlines()) and "\r" not in out
    assert _same_key(_loads(out), rsa_key)
    assert note in r.stderr


def test_fix_key_to_pkcs8_and_openssl_reads_it(rsa_key, tmp_path):
    import shutil
    import subprocess

    path = tmp_path / "key.pem"
    path.write_text(pem(rsa_key).decode().replace("\n", "\\n"))
    r = runner.invoke(app, ["fix", str(path), "--to-pkcs8"])
    assert r.exit_code == 0, r.output
    assert r.stdout.startswith("-----BEGIN PRIVATE KEY-----\n") and "converted to PKCS#8" in r.stderr
    assert _same_key(_loads(r.stdout), rsa_key)
    if shutil.which("openssl"):
        (tmp_path / "fixed.pem").write_text(r.stdout)
        checked = subprocess.run(["openssl", "pkey", "-in", str(tmp_path / "fixed.pem"), "-noout"], capture_output=True)
        assert checked.returncode == 0, checked.stderr


def test_fix_key_label_follows_the_bytes_and_public_keys_too(rsa_key, tmp_path):
    # A PKCS#8 body under the PKCS#1 label: the label is what the bytes need
    pkcs8 = rsa_key.private_bytes(ser.Encoding.PEM, ser.PrivateFormat.PKCS8, ser.NoEncryption()).decode()
    path = tmp_path / "k.pem"
    path.write_text(pkcs8.replace("PRIVATE KEY", "RSA PRIVATE KEY"))
    r = runner.invoke(app, ["fix", str(path)])
    assert r.exit_code == 0 and r.stdout.startswith("-----BEGIN PRIVATE KEY-----\n"), r.output
    assert "changed to 'PRIVATE KEY'" in r.stderr
    # A public key with CRLF comes back clean and public
    path.write_bytes(pem(rsa_key, private=False).replace(b"\n", b"\r\n"))
    r = runner.invoke(app, ["fix", str(path)])
    assert r.exit_code == 0 and r.stdout.startswith("-----BEGIN PUBLIC KEY-----\n")
    assert _loads(r.stdout).public_numbers() == rsa_key.public_key().public_numbers()


def test_fix_clean_key_says_so_and_damaged_key_is_one_line(rsa_key, tmp_path):
    path = tmp_path / "k.pem"
    path.write_bytes(pem(rsa_key))
    r = runner.invoke(app, ["fix", str(path)])
    assert r.exit_code == 0 and r.stdout == pem(rsa_key).decode() and "nothing to repair" in r.stderr
    text = pem(rsa_key).decode()
    lines = text.split("\n")
    path.write_text("\n".join(lines[:5] + lines[-3:]))  # the middle of the key is gone
    r = runner.invoke(app, ["fix", str(path)])
    assert r.exit_code == 2 and r.stderr.startswith("jwtlint: error: ") and r.stderr.count("\n") == 1, r.output
    assert "export the key again" in r.stderr and r.stdout == ""


def test_fix_key_never_signs_and_a_jwk_is_explained(rsa_key, tmp_path):
    path = tmp_path / "k.pem"
    path.write_bytes(pem(rsa_key))
    r = runner.invoke(app, ["fix", str(path), "--key", str(path)])
    assert r.exit_code == 2 and "the input is key material" in r.stderr
    jwk = tmp_path / "k.json"
    jwk.write_text(jwt.algorithms.RSAAlgorithm.to_jwk(rsa_key.public_key()))
    r = runner.invoke(app, ["fix", str(jwk)])
    assert r.exit_code == 2 and "jwtlint fix repairs PEM, DER and base64 key material" in r.stderr


def test_check_shows_the_repaired_key_whole_with_show_secrets_only(rsa_key, tmp_path):
    path = tmp_path / "k.pem"
    path.write_text(pem(rsa_key).decode().replace("\n", "\\n"))
    body = "".join(pem(rsa_key).decode().strip().split("\n")[1:-1])
    hidden = runner.invoke(app, ["check", str(path)]).stdout
    assert body[:40] not in hidden
    shown = runner.invoke(app, ["check", str(path), "--show-secrets"]).stdout
    assert body in shown.replace("\n", "")  # whole, never cut at 400 characters


# --- a JWS pasted as a JSON serialization: the same object back, repaired --------------------


def _flattened_std_base64(key, pretty: bool, unprotected: dict | None = None) -> str:
    """A flattened JWS JSON object whose protected header is standard base64 with padding,
    signed over that text (a hand-rolled producer), as the corpus case jws-json-std-base64-protected."""
    from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature

    protected = base64.b64encode(json.dumps({"alg": "ES256", "kid": "key?>~"}).encode()).decode()
    assert "+" in protected or "/" in protected
    payload = base64.urlsafe_b64encode(b'{"iss":"https://issuer.example.org","sub":"u-1"}').decode().rstrip("=")
    r, s = decode_dss_signature(key.sign(f"{protected}.{payload}".encode(), ec.ECDSA(hashes.SHA256())))
    sig = base64.urlsafe_b64encode(r.to_bytes(32, "big") + s.to_bytes(32, "big")).decode().rstrip("=")
    obj: dict = {"payload": payload, "protected": protected}
    if unprotected:
        obj["header"] = unprotected
    obj["signature"] = sig
    return json.dumps(obj, indent=2 if pretty else None)


@pytest.mark.parametrize("pretty", [False, True])
def test_fix_of_a_flattened_jws_json_gives_the_object_back_signed_again(tmp_path, pretty):
    from jwcrypto import jwk, jws

    key = ec.generate_private_key(ec.SECP256R1())
    text = _flattened_std_base64(key, pretty, {"x-trace": "abc"})
    (tmp_path / "k.pem").write_bytes(key.private_bytes(ser.Encoding.PEM, ser.PrivateFormat.PKCS8, ser.NoEncryption()))
    r = runner.invoke(app, ["fix", text, "--key", str(tmp_path / "k.pem")])
    assert r.exit_code == 0, r.stderr
    fixed = json.loads(r.stdout)
    assert fixed["header"] == {"x-trace": "abc"}  # the unprotected header stays where it was
    assert not set("+/=") & set(fixed["protected"])
    assert json.loads(base64.urlsafe_b64decode(fixed["protected"] + "==")) == {"alg": "ES256", "kid": "key?>~"}
    assert (r.stdout.count("\n") > 2) == pretty  # the layout pasted is kept
    verifier = jws.JWS()
    verifier.deserialize(r.stdout)
    verifier.verify(jwk.JWK.from_pyca(key.public_key()))  # raises when the signature does not verify
    assert lint(r.stdout, key=key.public_key()).to_dict()["summary"]["error"] == 0


def test_fix_of_a_padded_signature_in_a_jws_json_keeps_it_valid_without_a_key():
    from jwcrypto import jwk, jws

    key = ec.generate_private_key(ec.SECP256R1())
    token = jwt.encode({"sub": "1"}, key, algorithm="ES256")
    head, body, sig = token.split(".")
    text = json.dumps({"protected": head, "payload": body, "signature": sig + "=" * (-len(sig) % 4)})
    assert text.endswith('=="}')
    (fixed,) = repair(text)
    assert not fixed.breaks_signature and json.loads(fixed.token) == {"protected": head, "payload": body, "signature": sig}
    verifier = jws.JWS()
    verifier.deserialize(fixed.token)
    verifier.verify(jwk.JWK.from_pyca(key.public_key()))


def test_fix_will_not_sign_every_signature_of_a_general_jws_json_with_one_key(tmp_path):
    key = ec.generate_private_key(ec.SECP256R1())
    head, body, sig = jwt.encode({"sub": "1"}, key, algorithm="ES256").split(".")
    text = json.dumps({"payload": body, "signatures": [{"protected": head, "signature": sig}] * 2})
    with pytest.raises(RepairError, match="2 signatures"):
        repair(text, key=key)
    (fixed,) = repair(text)  # without a key: each repaired where it sits, nothing to change here
    assert json.loads(fixed.token) == json.loads(text)
