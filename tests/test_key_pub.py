"""`jwtlint key pub` and RFC 7638 thumbprints: the public half, verifiable, never private material."""

import json

import jwt
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, rsa
from typer.testing import CliRunner

from jwtlint.cli.app import app
from jwtlint.keys.public import KeyPubError, public_output
from jwtlint.keys.thumbprint import public_jwk, thumbprint

ENC = serialization.Encoding
NOENC = serialization.NoEncryption()
runner = CliRunner()  # click 8.2+: stdout and stderr are kept apart

# RFC 7638 §3.1: the example RSA key and its published thumbprint.
RFC7638_JWK = {
    "kty": "RSA",
    "n": "0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw",
    "e": "AQAB",
    "alg": "RS256",
    "kid": "2011-04-29",
}


def test_rfc7638_published_thumbprint():
    assert thumbprint(RFC7638_JWK) == "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs"


def test_thumbprint_is_the_same_for_the_key_object_its_jwk_and_its_private_half():
    key = ec.generate_private_key(ec.SECP256R1())
    assert thumbprint(key) == thumbprint(key.public_key()) == thumbprint(public_jwk(key))
    jwk = public_jwk(key)
    assert set(jwk) == {"kty", "crv", "x", "y"} and len(jwk["x"]) == 43  # 32 bytes, leading zeros kept


@pytest.mark.parametrize("alg", ["RS256", "ES256", "EdDSA"])
def test_key_pub_output_verifies_a_token_signed_with_the_private_key(tmp_path, alg):
    key = {"RS256": lambda: rsa.generate_private_key(65537, 2048), "ES256": lambda: ec.generate_private_key(ec.SECP256R1()),
           "EdDSA": ed25519.Ed25519PrivateKey.generate}[alg]()  # fmt: skip
    private_pem = key.private_bytes(ENC.PEM, serialization.PrivateFormat.TraditionalOpenSSL if alg != "EdDSA" else serialization.PrivateFormat.PKCS8, NOENC)
    f = tmp_path / "key.pem"
    f.write_bytes(private_pem)
    token = jwt.encode({"sub": "x"}, private_pem, algorithm=alg, headers={"kid": thumbprint(key)})
    out = runner.invoke(app, ["key", "pub", str(f)])
    assert out.exit_code == 0
    assert jwt.decode(token, out.stdout.encode(), algorithms=[alg]) == {"sub": "x"}
    assert "PRIVATE" not in out.stdout
    jwks = json.loads(runner.invoke(app, ["key", "pub", str(f), "--format", "jwks"]).stdout)
    (jwk,) = jwks["keys"]
    assert jwk["kid"] == jwt.get_unverified_header(token)["kid"] and "d" not in jwk
    client_key = jwt.PyJWKSet.from_dict(jwks)[jwk["kid"]]
    assert jwt.decode(token, client_key.key, algorithms=[alg]) == {"sub": "x"}


def test_private_key_and_its_certificate_give_one_key_chain_of_two_keys_needs_jwks():
    import datetime as dt

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes

    key = rsa.generate_private_key(65537, 2048)
    name = x509.Name([x509.NameAttribute(x509.NameOID.COMMON_NAME, "a")])
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key()).serial_number(1)
            .not_valid_before(dt.datetime(2020, 1, 1)).not_valid_after(dt.datetime(2040, 1, 1)).sign(key, hashes.SHA256()))  # fmt: skip
    both = cert.public_bytes(ENC.PEM) + key.private_bytes(ENC.PEM, serialization.PrivateFormat.PKCS8, NOENC)
    assert json.loads(public_output(both, "jwk"))["kid"] == thumbprint(key)
    other = ec.generate_private_key(ec.SECP384R1()).private_bytes(ENC.PEM, serialization.PrivateFormat.PKCS8, NOENC)
    with pytest.raises(KeyPubError, match="2 keys"):
        public_output(both + other, "jwk")
    keys = json.loads(public_output(both + other, "jwks"))["keys"]
    assert [k["kty"] for k in keys] == ["RSA", "EC"] and keys[1]["alg"] == "ES384"


def test_no_key_is_a_one_line_error_exit_2(tmp_path):
    f = tmp_path / "x.txt"
    f.write_text("not a key at all")
    out = runner.invoke(app, ["key", "pub", str(f)])
    assert out.exit_code == 2 and "Traceback" not in out.output
    assert runner.invoke(app, ["key", "pub", str(tmp_path / "missing.pem")]).exit_code == 2
    with pytest.raises(KeyPubError):
        public_output(b"", "pem")
    with pytest.raises(KeyPubError):
        public_output(RSA_PEM(), "xml")


def RSA_PEM():
    return rsa.generate_private_key(65537, 2048).private_bytes(ENC.PEM, serialization.PrivateFormat.PKCS8, NOENC)
