"""Unit tests for the keyless signature rules (rules/signature.py).

Broken signatures are made the way real code makes them: DER from
``cryptography``'s ECDSA (as OpenSSL, Java, KMS return it), hex HMACs as
Node's ``digest('hex')`` gives them, base64 text encoded a second time.
"""

import base64
import hashlib
import hmac
import json

import jwt
import pytest
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, ed448, ed25519, rsa
from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature

from jwtlint import lint
from jwtlint.token.b64 import b64url_encode
from jwtlint.token.parse import parse_token

NOW = 1_760_000_000
CLAIMS = {"iss": "https://issuer.example", "sub": "user-42", "iat": NOW - 60, "exp": NOW + 600}
SECRET = b"k3y-for-tests-only-0123456789abcdef-0123456789abcdef-0123456789ab"
CURVES = {"ES256": ec.SECP256R1, "ES384": ec.SECP384R1, "ES512": ec.SECP521R1, "ES256K": ec.SECP256K1}
HASHES = {"ES256": hashes.SHA256, "ES384": hashes.SHA384, "ES512": hashes.SHA512, "ES256K": hashes.SHA256}


def sig_findings(token):
    """Findings of the signature family only: other families are tested elsewhere."""
    return lint(token, now=NOW, select="signature").findings


def signing_input(alg, **extra):
    header = b64url_encode(json.dumps({"alg": alg, "typ": "JWT"}, separators=(",", ":")).encode())
    return header + "." + b64url_encode(json.dumps({**CLAIMS, **extra}, separators=(",", ":")).encode())


def verified_sub(token, key, alg):
    """PyJWT's verdict; NOW is fixed and in the past, so exp is not checked."""
    return jwt.decode(token, key, algorithms=[alg], options={"verify_exp": False})["sub"]


def der_token(alg, key=None, payload_input=None):
    key = key or ec.generate_private_key(CURVES[alg]())
    data = payload_input or signing_input(alg)
    der = key.sign(data.encode(), ec.ECDSA(HASHES[alg]()))  # cryptography returns DER, like OpenSSL
    return key, der, data + "." + b64url_encode(der)


# --- correct tokens draw nothing -------------------------------------------------


def _keys():
    yield "HS256", SECRET
    yield "HS384", SECRET
    yield "HS512", SECRET
    rsa2048 = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    yield "RS256", rsa2048
    yield "RS512", rsa2048
    yield "PS256", rsa2048
    yield "RS256", rsa.generate_private_key(public_exponent=65537, key_size=3072)
    yield "PS384", rsa.generate_private_key(public_exponent=65537, key_size=1024)
    for alg, curve in CURVES.items():
        yield alg, ec.generate_private_key(curve())
    yield "EdDSA", ed25519.Ed25519PrivateKey.generate()
    yield "EdDSA", ed448.Ed448PrivateKey.generate()


@pytest.mark.filterwarnings("ignore::jwt.warnings.InsecureKeyLengthWarning")  # the 1024-bit key is on purpose
@pytest.mark.parametrize("alg,key", list(_keys()), ids=lambda v: v if isinstance(v, str) else type(v).__name__)
def test_pyjwt_tokens_are_clean(alg, key):
    for i in range(8):  # several signatures: lengths and leading bytes vary
        token = jwt.encode({**CLAIMS, "jti": str(i)}, key, algorithm=alg)
        assert sig_findings(token) == [], token


# --- signature-missing --------------------------------------------------------------


def test_empty_signature_with_rs256():
    (f,) = sig_findings(signing_input("RS256") + ".")
    assert f.name == "signature-missing" and f.code == "JWT501" and "'RS256'" in f.message
    assert (f.span.part, f.span.start, f.span.end) == ("signature", 0, 0)


@pytest.mark.parametrize("alg", ["none", "NONE"])
def test_unsecured_token_is_not_missing_a_signature(alg):
    assert sig_findings(signing_input(alg) + ".") == []


def test_two_segments_are_segment_counts_job():
    assert sig_findings(signing_input("RS256")) == []


@pytest.mark.parametrize("alg", [["ES256"], {"name": "ES256"}, 256, None])
def test_odd_alg_values_never_crash(alg):
    header = b64url_encode(json.dumps({"alg": alg}).encode())
    _, der, _ = der_token("ES256")
    for sig in ("", b64url_encode(der)):
        assert not [f for f in sig_findings(header + ".e30." + sig) if f.name == "internal-error"]


def test_unreadable_header_says_nothing():
    assert sig_findings("bm90IGpzb24." + b64url_encode(b'{"sub":"1"}') + ".") == []


# --- signature-length ---------------------------------------------------------------


@pytest.mark.parametrize(
    "alg,digest", [("HS256", hashlib.sha256), ("HS384", hashlib.sha384), ("HS512", hashlib.sha512)]
)
def test_hex_hmac_is_found_and_fixed(alg, digest):
    data = signing_input(alg)
    # Node: crypto.createHmac('sha256', key).update(data).digest('hex'), then base64url of that text.
    hexsig = hmac.new(SECRET, data.encode(), digest).hexdigest()
    token = data + "." + b64url_encode(hexsig.encode())
    (f,) = sig_findings(token)
    assert f.name == "signature-length" and "hex-encoded" in f.message
    assert f.sensitive and f.applicability.value == "safe"
    assert f.fixed == b64url_encode(bytes.fromhex(hexsig))
    assert verified_sub(data + "." + f.fixed, SECRET, alg) == "user-42"


@pytest.mark.parametrize("encode", [base64.b64encode, base64.urlsafe_b64encode])
def test_base64_twice_is_found_and_fixed(encode):
    data = signing_input("HS256")
    mac = hmac.new(SECRET, data.encode(), hashlib.sha256).digest()
    token = data + "." + b64url_encode(encode(mac))  # encoded once too often
    (f,) = sig_findings(token)
    assert f.name == "signature-length" and "twice" in f.message
    assert verified_sub(data + "." + f.fixed, SECRET, "HS256") == "user-42"


def test_hex_rsa_signature_of_plausible_length_is_still_found():
    # 256 bytes as hex are 512 bytes: a valid length for a 4096-bit key, but all hex text.
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    good = jwt.encode(CLAIMS, key, algorithm="RS256")
    data, sig = good.rsplit(".", 1)
    raw = base64.urlsafe_b64decode(sig + "==")
    (f,) = sig_findings(data + "." + b64url_encode(raw.hex().encode()))
    assert f.name == "signature-length" and "hex" in f.message
    assert f.fixed == sig


@pytest.mark.parametrize(
    "alg,raw,words",
    [
        ("HS256", b"\x99" * 64, "HS512"),
        ("ES384", b"\x99" * 64, "ES256"),  # the jwt.io 2018 ES384 sample: a P-256-sized signature
        ("EdDSA", b"\x99" * 63, "too short"),
        ("RS256", b"\x99" * 255, "leading zero byte was dropped"),
        ("RS256", b"\x00" + b"\x99" * 256, "leading zero byte was added"),
        ("RS256", b"\x99" * 257, "cut, padded or joined"),  # Wycheproof "SignatureIsnotReduced": no zero byte
        ("PS256", b"\x99" * 100, "too short"),
        ("RS256", b"\x99" * 64, "HS512"),
    ],
)
def test_impossible_lengths(alg, raw, words):
    (f,) = sig_findings(signing_input(alg) + "." + b64url_encode(raw))
    assert f.name == "signature-length" and words in f.message and f.fixed is None


def test_ecdsa_der_with_rsa_alg_is_explained():
    _, der, _ = der_token("ES256")
    (f,) = sig_findings(signing_input("RS256") + "." + b64url_encode(der))
    assert f.name == "signature-length" and "DER ECDSA" in f.message


def test_message_never_holds_the_signature():
    data = signing_input("HS256")
    seg = b64url_encode(hmac.new(SECRET, data.encode(), hashlib.sha256).hexdigest().encode())
    report = lint(data + "." + seg, now=NOW, select="signature")
    (f,) = report.findings
    assert seg not in f.message and f.fixed not in f.message
    assert f.fixed not in report.to_json() and "hidden" in report.to_json()


# --- ecdsa-der-signature ------------------------------------------------------------


@pytest.mark.parametrize("alg", list(CURVES))
def test_der_signature_is_converted_to_r_s(alg):
    key, der, token = der_token(alg)
    (f,) = sig_findings(token)
    assert f.name == "ecdsa-der-signature" and f.code == "JWT503"
    assert f.sensitive and f.applicability.value == "safe"
    r, s = decode_dss_signature(der)
    n = {"ES256": 32, "ES384": 48, "ES512": 66, "ES256K": 32}[alg]
    assert f.fixed == b64url_encode(r.to_bytes(n, "big") + s.to_bytes(n, "big"))
    fixed_token = token.rsplit(".", 1)[0] + "." + f.fixed
    assert verified_sub(fixed_token, key.public_key(), alg) == "user-42"
    assert sig_findings(fixed_token) == []


@pytest.mark.parametrize("alg,curve,words", [("ES256", ec.SECP384R1, "P-384"), ("ES384", ec.SECP256R1, "P-256")])
def test_der_signature_from_another_curve(alg, curve, words):
    key = ec.generate_private_key(curve())
    der = key.sign(b"x", ec.ECDSA(hashes.SHA256()))
    (f,) = sig_findings(signing_input(alg) + "." + b64url_encode(der))
    assert f.name == "ecdsa-der-signature" and words in f.message and f.fixed is None


def test_raw_es256_starting_with_0x30_is_not_der():
    key = ec.derive_private_key(0x1234567890ABCDEF, ec.SECP256R1())
    for i in range(5000):  # deterministic signatures: one R starts with 0x30 within a few hundred tries
        data = signing_input("ES256", jti=str(i))
        r, s = decode_dss_signature(key.sign(data.encode(), ec.ECDSA(hashes.SHA256(), deterministic_signing=True)))
        raw = r.to_bytes(32, "big") + s.to_bytes(32, "big")
        if raw[0] == 0x30:
            break
    else:
        pytest.fail("no R starting with 0x30")
    token = data + "." + b64url_encode(raw)
    assert parse_token(token).signature.der_ecdsa is None
    assert sig_findings(token) == []
    assert verified_sub(token, key.public_key(), "ES256") == "user-42"


def test_64_bytes_that_are_also_exact_der_read_as_r_s():
    # 30 3e 02 1d <29 bytes> 02 1d <29 bytes>: valid DER *and* the right raw size.
    # Odds are ~2^-40 for a real signature; the right-sized reading wins.
    part = b"\x02\x1d" + b"\x11" * 29
    raw = b"\x30\x3e" + part + part
    token = signing_input("ES256") + "." + b64url_encode(raw)
    assert len(raw) == 64 and parse_token(token).signature.der_ecdsa is not None
    assert sig_findings(token) == []


def test_corpus_openssl_der_token_verifies_once_fixed():
    """The openssl-made corpus token: jwtlint's R||S verifies with the case's public key."""
    from pathlib import Path

    from cryptography.hazmat.primitives.serialization import load_pem_public_key

    case = Path(__file__).resolve().parent.parent / "corpus" / "signature-ecdsa-der-openssl-appstoreconnect"
    token = (case / "input.txt").read_text()
    (f,) = lint(token, now=1763384700, select="ecdsa-der-signature").findings
    key = load_pem_public_key((case / "key.pub.pem").read_bytes())
    fixed = token.rsplit(".", 1)[0] + "." + f.fixed
    claims = jwt.decode(fixed, key, algorithms=["ES256"], audience="appstoreconnect-v1", options={"verify_exp": False})
    assert claims["aud"] == "appstoreconnect-v1"


def test_unusual_rsa_modulus_size_is_not_a_false_alarm():
    """A real 3000-bit key signs 375-byte signatures: unusual, but right."""
    import jwt as pyjwt
    from cryptography.hazmat.primitives.asymmetric import rsa

    key = rsa.generate_private_key(public_exponent=65537, key_size=3000)
    token = pyjwt.encode({"sub": "1", "iat": 1700000000, "exp": 1700000600}, key, algorithm="RS256")
    assert lint(token, now=1700000100).findings == []
