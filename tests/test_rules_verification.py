"""Unit tests for the verification rules (rules/verification.py), each named:
signature-invalid, signed-over-wrong-input, alg-key-mismatch, ec-curve-alg-mismatch,
pss-pkcs1-confusion, alg-confusion, weak-hmac-secret, kid-not-found, and
ecdsa-der-signature with a key."""

import base64
import hmac
import json

import jwt
import pytest
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives import serialization as ser
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, padding, rsa

from jwtlint import lint
from jwtlint.keys.info import from_crypto, from_secret

NOW = 1_700_000_000
CLAIMS = {"sub": "1", "iat": NOW - 10, "exp": NOW + 600}
# Not in the list, long enough, and random (b"k" * 40 is one byte repeated: weak-hmac-secret).
STRONG = bytes.fromhex("d079e62ca2298a527b39f8a0a6180ed536639ffd4ea8912621ddfe6471aaa7d5a8e2ea34b32db2a1")


def b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def signing_input(header: dict, claims: dict = CLAIMS) -> str:
    return b64(json.dumps(header).encode()) + "." + b64(json.dumps(claims).encode())


@pytest.fixture(scope="module")
def rsa_key():
    return rsa.generate_private_key(65537, 2048)


@pytest.fixture(scope="module")
def p256():
    return ec.generate_private_key(ec.SECP256R1())


def names(report, kind="token"):
    return [f.name for t in report.targets if t.target.kind == kind for f in t.findings]


def errors(report):
    return sorted({f.name for f in report.errors})


# --- no false alarms --------------------------------------------------------------------


@pytest.mark.parametrize("alg", ["RS256", "RS384", "RS512", "PS256", "PS384", "PS512"])
def test_good_rsa_tokens_verify(rsa_key, alg):
    token = jwt.encode(CLAIMS, rsa_key, alg)
    assert errors(lint(token, key=rsa_key.public_key(), now=NOW)) == []


@pytest.mark.parametrize("curve,alg", [(ec.SECP256R1(), "ES256"), (ec.SECP384R1(), "ES384"), (ec.SECP521R1(), "ES512")])
def test_good_ec_tokens_verify(curve, alg):
    k = ec.generate_private_key(curve)
    assert errors(lint(jwt.encode(CLAIMS, k, alg), key=k.public_key(), now=NOW)) == []


def test_good_eddsa_and_hs256_verify():
    k = ed25519.Ed25519PrivateKey.generate()
    assert errors(lint(jwt.encode(CLAIMS, k, "EdDSA"), key=k.public_key(), now=NOW)) == []
    assert errors(lint(jwt.encode(CLAIMS, STRONG, "HS256"), secret=STRONG, now=NOW)) == []


def test_private_key_verifies_through_its_public_half(rsa_key):
    assert errors(lint(jwt.encode(CLAIMS, rsa_key, "RS256"), key=rsa_key, now=NOW)) == []


# --- signature-invalid ------------------------------------------------------------------


def test_signature_invalid_says_what_was_tried(rsa_key):
    other = rsa.generate_private_key(65537, 2048)
    report = lint(jwt.encode(CLAIMS, rsa_key, "RS256"), key=other.public_key(), now=NOW)
    (f,) = report.findings
    assert f.name == "signature-invalid" and f.span.part == "signature"
    assert "RS256 with the RSA 2048-bit public key" in f.message and "other signing inputs" in f.message
    assert "PS256" in f.message  # the other RSA algorithms were tried too
    assert "thumbprint" in f.fix


def test_no_key_no_verification_for_asymmetric_tokens(rsa_key):
    assert names(lint(jwt.encode(CLAIMS, rsa_key, "RS256"), now=NOW)) == []


def test_signature_invalid_refuses_huge_rsa_keys(rsa_key, monkeypatch):
    from jwtlint import limits

    monkeypatch.setattr(limits, "MAX_VERIFY_RSA_BITS", 1024)
    report = lint(jwt.encode(CLAIMS, rsa_key, "RS256"), key=rsa_key.public_key(), now=NOW)
    (f,) = report.findings
    assert f.name == "signature-invalid" and "2048-bit RSA key" in f.message and "up to 1024 bits" in f.message


# --- signed-over-wrong-input ------------------------------------------------------------


def test_signed_over_padded_standard_base64(rsa_key):
    """The Apex seed style: signed over the padded standard-base64 text, sent as base64url."""
    header, claims = {"alg": "RS256", "typ": "JWT"}, {"iss": "x?>", "sub": "a", "exp": NOW + 60}
    h, p = json.dumps(header).encode(), json.dumps(claims).encode()
    signed = (base64.b64encode(h) + b"." + base64.b64encode(p))
    sig = rsa_key.sign(signed, padding.PKCS1v15(), hashes.SHA256())
    token = b64(h) + "." + b64(p) + "." + b64(sig)
    (f,) = lint(token, key=rsa_key.public_key(), now=NOW).findings
    assert f.name == "signed-over-wrong-input"
    assert "standard-base64 text with '=' padding" in f.message and "base64url without '='" in f.fix


def test_signed_with_trailing_newline(p256):
    si = signing_input({"alg": "ES256"})
    from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature

    r, s = decode_dss_signature(p256.sign((si + "\n").encode(), ec.ECDSA(hashes.SHA256())))
    token = si + "." + b64(r.to_bytes(32, "big") + s.to_bytes(32, "big"))
    (f,) = lint(token, key=p256.public_key(), now=NOW).findings
    assert f.name == "signed-over-wrong-input" and "newline" in f.message and "printf" in f.fix


def test_signed_over_swapped_segments():
    si = signing_input({"alg": "HS256"})
    h, p = si.split(".")
    token = si + "." + b64(hmac.digest(STRONG, (p + "." + h).encode(), "sha256"))
    (f,) = lint(token, secret=STRONG, now=NOW).findings
    assert f.name == "signed-over-wrong-input" and "wrong order" in f.message


# --- alg-key-mismatch -------------------------------------------------------------------


def test_rsa_key_for_es256_token_names_the_alg_that_verifies(rsa_key):
    si = signing_input({"alg": "ES256"})
    token = si + "." + b64(rsa_key.sign(si.encode(), padding.PKCS1v15(), hashes.SHA256()))
    found = {f.name: f for f in lint(token, key=rsa_key.public_key(), now=NOW).findings}
    f = found["alg-key-mismatch"]
    assert "RSA 2048-bit public key" in f.message and f.fixed == "RS256" and f.span.part == "header"
    assert "signature-invalid" not in found


def test_rs256_header_over_rs512_signature(rsa_key):
    si = signing_input({"alg": "RS256"})
    token = si + "." + b64(rsa_key.sign(si.encode(), padding.PKCS1v15(), hashes.SHA512()))
    (f,) = lint(token, key=rsa_key.public_key(), now=NOW).findings
    assert f.name == "alg-key-mismatch" and f.fixed == "RS512"


def test_secret_for_rs256_token(rsa_key):
    token = jwt.encode(CLAIMS, rsa_key, "RS256")
    (f,) = lint(token, secret=STRONG, now=NOW).findings
    assert f.name == "alg-key-mismatch" and "HMAC secret" in f.message and f.fixed is None


# --- ec-curve-alg-mismatch --------------------------------------------------------------


def test_es256_token_checked_with_p384_key():
    p384 = ec.generate_private_key(ec.SECP384R1())
    token = jwt.encode(CLAIMS, ec.generate_private_key(ec.SECP256R1()), "ES256")
    (f,) = lint(token, key=p384.public_key(), now=NOW).findings
    assert f.name == "ec-curve-alg-mismatch" and "P-256" in f.message and "P-384" in f.message


def test_es256_header_signed_with_p384_key_names_es384():
    p384 = ec.generate_private_key(ec.SECP384R1())
    si = signing_input({"alg": "ES256"})
    from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature

    r, s_ = decode_dss_signature(p384.sign(si.encode(), ec.ECDSA(hashes.SHA384())))
    token = si + "." + b64(r.to_bytes(48, "big") + s_.to_bytes(48, "big"))
    found = {f.name: f for f in lint(token, key=p384.public_key(), now=NOW).findings}
    assert found["ec-curve-alg-mismatch"].fixed == "ES384"
    assert "alg-key-mismatch" not in found  # one finding for one mistake


# --- pss-pkcs1-confusion ----------------------------------------------------------------


def test_ps256_header_over_pkcs1_signature(rsa_key):
    si = signing_input({"alg": "PS256"})
    token = si + "." + b64(rsa_key.sign(si.encode(), padding.PKCS1v15(), hashes.SHA256()))
    (f,) = lint(token, key=rsa_key.public_key(), now=NOW).findings
    assert f.name == "pss-pkcs1-confusion" and f.fixed == "RS256" and "RSASSA-PKCS1-v1_5" in f.message


def test_rs256_header_over_pss_signature(rsa_key):
    si = signing_input({"alg": "RS256"})
    pss = padding.PSS(padding.MGF1(hashes.SHA256()), 32)
    token = si + "." + b64(rsa_key.sign(si.encode(), pss, hashes.SHA256()))
    (f,) = lint(token, key=rsa_key.public_key(), now=NOW).findings
    assert f.name == "pss-pkcs1-confusion" and f.fixed == "PS256"


def test_pss_with_max_salt_length(rsa_key):
    si = signing_input({"alg": "PS256"})
    pss = padding.PSS(padding.MGF1(hashes.SHA256()), padding.PSS.MAX_LENGTH)
    token = si + "." + b64(rsa_key.sign(si.encode(), pss, hashes.SHA256()))
    (f,) = lint(token, key=rsa_key.public_key(), now=NOW).findings
    assert f.name == "pss-pkcs1-confusion" and "salt" in f.message and "32" in f.fix


# --- alg-confusion ----------------------------------------------------------------------


@pytest.mark.parametrize("form", ["pem", "pem-no-newline", "der", "ssh"])
def test_hs256_signed_with_public_key_text(rsa_key, form):
    pub = rsa_key.public_key()
    pem = pub.public_bytes(ser.Encoding.PEM, ser.PublicFormat.SubjectPublicKeyInfo)
    secret = {
        "pem": pem,
        "pem-no-newline": pem.rstrip(),
        "der": pub.public_bytes(ser.Encoding.DER, ser.PublicFormat.SubjectPublicKeyInfo),
        "ssh": pub.public_bytes(ser.Encoding.OpenSSH, ser.PublicFormat.OpenSSH),
    }[form]
    si = signing_input({"alg": "HS256"})
    token = si + "." + b64(hmac.digest(secret, si.encode(), "sha256"))
    found = {f.name: f for f in lint(token, key=pem, now=NOW).findings}
    assert "alg-confusion" in found and "algorithm confusion" in found["alg-confusion"].message
    assert "signature-invalid" not in found and "alg-key-mismatch" not in found


def test_hs256_with_public_key_but_other_secret_is_a_mismatch(rsa_key):
    token = jwt.encode(CLAIMS, STRONG, "HS256")
    (f,) = lint(token, key=rsa_key.public_key(), now=NOW).findings
    assert f.name == "alg-key-mismatch"


# --- weak-hmac-secret -------------------------------------------------------------------


def test_jwt_io_default_token_without_key():
    token = jwt.encode(CLAIMS, "your-256-bit-secret", "HS256")
    (f,) = lint(token, now=NOW).findings
    assert f.name == "weak-hmac-secret" and "found in list, 19 characters" in f.message
    assert "your-256-bit-secret" not in f.message and "your-256-bit-secret" not in lint(token, now=NOW).to_json()
    shown = lint(token, now=NOW, show_secrets=True).findings[0]
    assert "'your-256-bit-secret'" in shown.message


def test_short_secret_given():
    secret = b"0123456789abcdef-Zq"  # 19 bytes, not in the list
    token = jwt.encode(CLAIMS, secret, "HS256")
    (f,) = lint(token, secret=secret, now=NOW).findings
    assert f.name == "weak-hmac-secret" and "19 bytes; HS256 needs at least 32" in f.message


def test_strong_unlisted_secret_draws_nothing():
    token = jwt.encode(CLAIMS, STRONG, "HS256")
    assert names(lint(token, now=NOW)) == [] and names(lint(token, secret=STRONG, now=NOW)) == []


def test_wrong_secret_but_listed_one_verifies():
    token = jwt.encode(CLAIMS, "secret", "HS256")
    found = {f.name: f for f in lint(token, secret=STRONG, now=NOW).findings}
    assert "weak-hmac-secret" in found and "signature-invalid" in found
    assert "not with the one given" in found["signature-invalid"].message


def test_ignoring_weak_hmac_secret_skips_the_guessing():
    token = jwt.encode(CLAIMS, "secret", "HS256")
    assert names(lint(token, now=NOW, ignore="weak-hmac-secret")) == []


# --- kid-not-found ----------------------------------------------------------------------


def _jwks(*pairs):
    return [from_crypto(k.public_key(), kid=kid, source="jwks") for kid, k in pairs]


def test_kid_not_found_after_rotation(rsa_key):
    old = rsa.generate_private_key(65537, 2048)
    token = jwt.encode(CLAIMS, old, "RS256", headers={"kid": "2024"})
    (f,) = lint(token, key=_jwks(("2025", rsa_key)), now=NOW).findings
    assert f.name == "kid-not-found" and "'2024'" in f.message and "'2025'" in f.message
    assert f.span.part == "header"


def test_kid_not_found_but_another_key_verifies(rsa_key):
    token = jwt.encode(CLAIMS, rsa_key, "RS256", headers={"kid": "stale"})
    (f,) = lint(token, key=_jwks(("fresh", rsa_key)), now=NOW).findings
    assert f.name == "kid-not-found" and f.fixed == "fresh"


def test_kid_selects_the_key(rsa_key):
    other = rsa.generate_private_key(65537, 2048)
    token = jwt.encode(CLAIMS, rsa_key, "RS256", headers={"kid": "b"})
    assert names(lint(token, key=_jwks(("a", other), ("b", rsa_key)), now=NOW)) == []
    # the key named by kid is the one used: the other key's signature would not pass
    token = jwt.encode(CLAIMS, other, "RS256", headers={"kid": "b"})
    assert names(lint(token, key=_jwks(("a", other), ("b", rsa_key)), now=NOW)) == ["signature-invalid"]


# --- ecdsa-der-signature with a key ------------------------------------------------------


def test_der_signature_confirmed_with_key(p256):
    si = signing_input({"alg": "ES256"})
    der = p256.sign(si.encode(), ec.ECDSA(hashes.SHA256()))
    token = si + "." + b64(der)
    (f,) = lint(token, key=p256.public_key(), now=NOW).findings
    assert f.name == "ecdsa-der-signature" and "converted to R||S it verifies" in f.message
    fixed = si + "." + f.fixed
    assert names(lint(fixed, key=p256.public_key(), now=NOW)) == []


def test_der_signature_with_the_wrong_key(p256):
    si = signing_input({"alg": "ES256"})
    token = si + "." + b64(p256.sign(si.encode(), ec.ECDSA(hashes.SHA256())))
    other = ec.generate_private_key(ec.SECP256R1()).public_key()
    assert sorted(names(lint(token, key=other, now=NOW))) == ["ecdsa-der-signature", "signature-invalid"]


def test_oct_keyinfo_is_accepted_as_key():
    token = jwt.encode(CLAIMS, STRONG, "HS256")
    assert names(lint(token, key=from_secret(STRONG), now=NOW)) == []


def test_misspelled_alg_is_verified_as_the_registered_name(rsa_key):
    """alg-unknown names the spelling; verification still answers, reading 'rs256' as RS256."""
    si = signing_input({"alg": "rs256"})
    token = si + "." + b64(rsa_key.sign(si.encode(), padding.PKCS1v15(), hashes.SHA256()))
    assert names(lint(token, key=rsa_key.public_key(), now=NOW)) == ["alg-unknown"]
    other = rsa.generate_private_key(65537, 2048).public_key()
    found = {f.name: f for f in lint(token, key=other, now=NOW).findings}
    assert "read as RS256" in found["signature-invalid"].message


def test_signature_invalid_when_no_key_is_usable(rsa_key):
    from jwtlint.keys.info import KeyInfo

    token = jwt.encode(CLAIMS, rsa_key, "RS256")
    (f,) = lint(token, key=KeyInfo("unknown", False, object()), now=NOW).findings
    assert f.name == "signature-invalid" and "could not be checked" in f.message and "cannot verify with" in f.message


@pytest.mark.parametrize("separators", [(",", ":"), (", ", ": ")])
def test_alg_confusion_with_the_public_jwk_json_as_the_secret(rsa_key, separators):
    nums = rsa_key.public_key().public_numbers()

    def b64int(n):
        return b64(n.to_bytes((n.bit_length() + 7) // 8, "big"))

    # kty first, then e before n: the JSON text an attacker derives from a published JWK.
    secret = json.dumps({"kty": "RSA", "e": b64int(nums.e), "n": b64int(nums.n)}, separators=separators).encode()
    data = signing_input({"alg": "HS256", "typ": "JWT"})
    token = data + "." + b64(hmac.digest(secret, data.encode(), "sha256"))
    report = lint(token, key=rsa_key.public_key(), now=NOW)
    (f,) = [f for f in report.findings if f.name == "alg-confusion"]
    assert "JWK JSON" in f.message


# --- degenerate HMAC secrets, whatever their length (issue 13) -----------------------------


@pytest.mark.parametrize(
    "secret, says",
    [
        (bytes(32), "all one byte (32 times)"),
        (b"\x01" * 64, "all one byte (64 times)"),
        (b"abc" * 16, "a 3-byte pattern repeated"),
        (b"changeme", "a placeholder word"),
        (b"your-256-bit-secret", "a placeholder word"),
        (b"[object Object]", "a placeholder word"),
        (b"undefined", "a placeholder word"),
        (b"${JWT_SECRET}", "an unexpanded placeholder"),
        (b"<secret>", "an unexpanded placeholder"),
        (b"z" * 40 + b"Q!", "low in entropy (about"),
    ],
)
def test_weak_hmac_secret_names_why_a_degenerate_secret_is_weak(secret, says):
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # PyJWT's InsecureKeyLengthWarning for the short ones
        token = jwt.encode(CLAIMS, secret, "HS256")
    report = lint(token, secret=secret, now=NOW)
    (f,) = [f for f in report.findings if f.name == "weak-hmac-secret"]
    assert f"the secret given is {says}" in f.message and f.span.part == "signature"
    assert "signature-invalid" not in names(report)
    text = secret.decode("latin-1")
    if len(set(text)) > 1:  # the secret itself never appears, not even in the JSON report
        assert text not in f.message and text not in report.to_json()


def test_zero_secret_of_the_right_length_alone_is_weak():
    """32 zero bytes: long enough, not in the list; only the degenerate-secret check sees it."""
    token = jwt.encode(CLAIMS, bytes(32), "HS256")
    (f,) = lint(token, secret=bytes(32), now=NOW).findings
    assert f.name == "weak-hmac-secret" and "bytes; HS256 needs" not in f.message and "list" not in f.message


@pytest.mark.parametrize("make", [
    lambda: __import__("secrets").token_bytes(32),
    lambda: __import__("secrets").token_urlsafe(32).encode(),
    lambda: __import__("secrets").token_hex(32).encode(),
])  # fmt: skip
def test_random_secrets_draw_no_weak_hmac_secret(make):
    for _ in range(50):
        secret = make()
        token = jwt.encode(CLAIMS, secret, "HS256")
        assert names(lint(token, secret=secret, now=NOW)) == []


# --- key type against alg, naming both (issue 13) ---------------------------------------------


def test_rs256_with_a_dsa_key_is_alg_key_mismatch_not_signature_invalid(rsa_key):
    from cryptography.hazmat.primitives.asymmetric import dsa

    token = jwt.encode(CLAIMS, rsa_key, "RS256")
    dsa_pub = dsa.generate_private_key(2048).public_key()
    for key in (dsa_pub, dsa_pub.public_bytes(ser.Encoding.PEM, ser.PublicFormat.SubjectPublicKeyInfo).decode()):
        report = lint(token, key=key, now=NOW)
        (f,) = [f for f in report.findings if f.name == "alg-key-mismatch"]
        assert "DSA 2048-bit public key" in f.message and "RS256 needs an RSA key" in f.message
        assert "no JOSE algorithm signs with DSA keys" in f.message and f.span.part == "header"
        assert "signature-invalid" not in names(report)


@pytest.mark.parametrize(
    "alg, key, says",
    [
        ("RS256", lambda: ed25519.Ed25519PrivateKey.generate().public_key(), "an OKP Ed25519 public key (RS256 needs an RSA key"),
        ("RS256", lambda: __import__("cryptography.hazmat.primitives.asymmetric.x25519", fromlist=["x"]).X25519PrivateKey.generate().public_key(),
         "X25519 is a key-agreement curve"),
        ("RS256", lambda: ec.generate_private_key(ec.SECP256R1()).public_key(), "an EC P-256 public key (RS256 needs an RSA key"),
        ("ES256", lambda: rsa.generate_private_key(65537, 2048).public_key(), "an RSA 2048-bit public key (ES256 needs an EC P-256 key)"),
        ("EdDSA", lambda: rsa.generate_private_key(65537, 2048).public_key(), "(EdDSA needs an OKP Ed25519 or Ed448 key)"),
    ],
)
def test_alg_key_mismatch_names_the_key_and_what_alg_needs(rsa_key, alg, key, says):
    signer = {"RS256": rsa_key, "ES256": ec.generate_private_key(ec.SECP256R1()), "EdDSA": ed25519.Ed25519PrivateKey.generate()}[alg]
    token = jwt.encode(CLAIMS, signer, alg)
    (f,) = [f for f in lint(token, key=key(), now=NOW).findings if f.name == "alg-key-mismatch"]
    assert says in f.message, f.message


def test_p256_key_for_es384_stays_ec_curve_alg_mismatch():
    """A curve mismatch has its own, more precise rule (both the curves are named)."""
    token = jwt.encode(CLAIMS, ec.generate_private_key(ec.SECP384R1()), "ES384")
    (f,) = lint(token, key=ec.generate_private_key(ec.SECP256R1()).public_key(), now=NOW).findings
    assert f.name == "ec-curve-alg-mismatch" and "P-384" in f.message and "P-256" in f.message


# --- an oct JWK's own secret, judged like the secret given ------------------------------------


def _oct(secret: bytes, **extra) -> str:
    return json.dumps({"kty": "oct", "k": b64(secret)} | extra)


def test_weak_hmac_secret_on_an_oct_jwk_points_at_k():
    text = _oct(bytes(32), kid="hmac-1", alg="HS256")
    (f,) = [f for f in lint(text, now=NOW).findings if f.name == "weak-hmac-secret"]
    assert f.message == 'the JWK: the secret ("k") is all one byte (32 times): guessable whatever its length'
    assert text[f.span.start : f.span.end] == b64(bytes(32))
    jwks = json.dumps({"keys": [json.loads(_oct(STRONG)), json.loads(_oct(b"changeme"))]})
    (f,) = [f for f in lint(jwks, now=NOW).findings if f.name == "weak-hmac-secret"]
    assert f.message.startswith('keys[1]: the secret ("k") is in jwtlint\'s list') and "placeholder word" in f.message


def test_oct_jwk_short_for_its_alg_and_random_ones_draw_nothing():
    (f,) = [f for f in lint(_oct(STRONG[:40], alg="HS512"), now=NOW).findings if f.name == "weak-hmac-secret"]
    assert "is 40 bytes; its alg HS512 needs at least 64" in f.message
    import secrets

    for _ in range(30):
        assert names(lint(_oct(secrets.token_bytes(32), alg="HS256"), now=NOW), kind="jwk") == []


def test_token_verified_with_a_zero_oct_jwk(tmp_path):
    (tmp_path / "k.jwk").write_text(_oct(bytes(32)))
    token = jwt.encode(CLAIMS, bytes(32), "HS256")
    report = lint(token, key=tmp_path / "k.jwk", now=NOW)
    assert names(report) == ["weak-hmac-secret"] and names(report, kind="jwk") == ["weak-hmac-secret"]
