"""jwtlint.strategies checked by jwtlint itself, and by PyJWT and jwcrypto.

For every fault, ``broken_tokens(fault=X)`` must draw X and no other error
except those ``IMPLIED`` lists (with its reason); the key in each case must
verify the signature over exactly the text sent, for every fault that keeps
a signature. ``valid_tokens`` must draw no error and no warning, and verify
with two independent libraries.
"""

import base64
import hashlib
import hmac
import json

import jwcrypto.jwe
import jwcrypto.jwk
import jwcrypto.jwt
import jwt
import pytest
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature
from hypothesis import HealthCheck, given, settings, strategies as st

import jwtlint
from jwtlint.strategies import FAULTS, IMPLIED, TokenCase, broken_tokens, claims, valid_tokens

SETTINGS = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Faults after which nothing verifies the signature over the text as sent, and why.
NO_SIGNATURE_CHECK = {
    "alg-none": "there is no signature",
    "signature-missing": "the signature is empty",
    "signature-length": "the signature was hex-encoded, encoded twice or cut",
    "segment-count": "the signature segment was dropped or another added",
    "ecdsa-der-signature": "checked in DER form by its own test",
    "alg-unknown": "alg names no algorithm; the signature is made with the real one (checked below)",
    # The fault is that the signature does not verify as the header says; jwtlint's rules judge that.
    "signature-invalid": "a byte of the signature was changed",
    "signed-over-wrong-input": "signed over the padded text, sent without padding",
    "alg-key-mismatch": "signed with another hash than alg names",
    "ec-curve-alg-mismatch": "signed on another curve than alg names",
    "pss-pkcs1-confusion": "signed with the other RSA padding or salt",
    "alg-confusion": "MAC'd with the public key's PEM text",
    "kid-not-found": "the key is a JWKS whose one key has another kid (checked below)",
    "jwe-token": "a JWE is encrypted, not signed (decrypted below)",
}


def b64url_decode(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def lint_case(case: TokenCase):
    """Lint with everything the case carries: the key (so verification rules run), audience, issuer, now."""
    return case.lint()


def verify_signature(alg, key, signing_input: bytes, signature: bytes) -> None:
    """Raise unless ``signature`` is alg's signature of ``signing_input`` under ``key`` (RFC 7518 §3)."""
    family, bits = alg[:2], alg[2:]
    if family == "HS":
        expected = hmac.new(key, signing_input, getattr(hashlib, f"sha{bits}")).digest()
        assert hmac.compare_digest(expected, signature), "HMAC does not match"
        return
    if alg == "EdDSA":
        key.verify(signature, signing_input)
        return
    digest = getattr(hashes, f"SHA{bits}")()
    if family == "RS":
        key.verify(signature, signing_input, padding.PKCS1v15(), digest)
    elif family == "PS":
        key.verify(signature, signing_input, padding.PSS(padding.MGF1(digest), digest.digest_size), digest)
    else:
        size = len(signature) // 2
        r, s = int.from_bytes(signature[:size], "big"), int.from_bytes(signature[size:], "big")
        key.verify(encode_dss_signature(r, s), signing_input, ec.ECDSA(digest))


def bare_token(case: TokenCase) -> str:
    """The token without the transport wrappers a fault added (whitespace, Bearer, quotes)."""
    text = "".join(case.token.split()) if case.fault == "whitespace-in-token" else case.token
    if case.fault == "bearer-prefix":
        text = case.token.split()[-1]
    if case.fault == "surrounding-quotes":
        text = case.token[1:-1]
    if case.fault == "percent-encoded-token":
        text = case.token.replace("%3D", "=")
    if case.fault == "form-assertion-not-urlencoded":
        text = case.token.split("assertion=", 1)[1].split("&", 1)[0]
    return text


@pytest.mark.parametrize("fault", FAULTS)
@SETTINGS
@given(data=st.data())
def test_each_fault_draws_exactly_its_finding(fault, data):
    case = data.draw(broken_tokens(fault=fault))
    assert case.fault == fault
    report = lint_case(case)
    names = report.names()
    assert fault in names, f"{fault} not found in {case!r}: {report!r}"
    others = {f.name for f in report.errors} - {fault}
    assert others <= set(IMPLIED.get(fault, {})), f"{fault} also drew {others}: {case!r}"
    if fault not in NO_SIGNATURE_CHECK:
        signing_input, sig = bare_token(case).rsplit(".", 1)
        verify_signature(case.alg, case.key, signing_input.encode(), b64url_decode(sig.rstrip("=").translate(
            str.maketrans("+/", "-_"))))


def test_every_implied_error_is_a_fault_with_a_reason():
    for fault, implied in IMPLIED.items():
        assert fault in FAULTS
        for name, reason in implied.items():
            assert name in jwtlint.engine.registry().by_key and reason.strip(), (fault, name)


@SETTINGS
@given(broken_tokens(fault="ecdsa-der-signature"))
def test_der_signature_verifies_in_der_form(case):
    signing_input, sig = case.token.rsplit(".", 1)
    digest = {"ES256": hashes.SHA256, "ES384": hashes.SHA384, "ES512": hashes.SHA512}[case.alg]()
    case.key.verify(b64url_decode(sig), signing_input.encode(), ec.ECDSA(digest))


@SETTINGS
@given(broken_tokens(fault="alg-unknown"))
def test_unknown_alg_is_signed_with_the_real_one(case):
    signing_input, sig = case.token.rsplit(".", 1)
    verify_signature(case.alg, case.key, signing_input.encode(), b64url_decode(sig))


@SETTINGS
@given(broken_tokens(fault="kid-not-found"))
def test_kid_not_found_is_signed_by_the_jwks_key_under_another_kid(case):
    (published,) = case.key["keys"]
    assert published["kid"] != jwt.get_unverified_header(case.token)["kid"]
    key = jwt.PyJWK(published).key
    assert jwt.decode(case.token, key, algorithms=[case.alg], audience=case.audience, issuer=case.issuer)
    assert json.loads(case.lint_options()["jwks"]) == case.key


def test_lint_options_pass_the_key_the_right_way():
    hs = TokenCase("t", b"s" * 64, None, 5, "api", "iss", "HS256")
    assert hs.lint_options() == {"secret": b"s" * 64, "audience": "api", "issuer": "iss", "now": 5}
    assert TokenCase("t", None, "alg-none", 5, "api", "iss", "none").lint_options().keys() == {
        "audience", "issuer", "now"}
    assert "key" in TokenCase("t", RSA_KEY.public_key(), None, 5, "a", "i", "RS256").lint_options()


def to_jwcrypto(key) -> jwcrypto.jwk.JWK:
    if isinstance(key, bytes):
        return jwcrypto.jwk.JWK(kty="oct", k=jwtlint.token.b64.b64url_encode(key))
    return jwcrypto.jwk.JWK.from_pyca(key)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(valid_tokens())
def test_valid_tokens_draw_nothing_and_verify_with_pyjwt_and_jwcrypto(case):
    report = lint_case(case)
    assert not report.errors and not report.warnings, f"{case!r}: {report!r}"
    decoded = jwt.decode(case.token, case.key, algorithms=[case.alg], audience=case.audience, issuer=case.issuer)
    checked = jwcrypto.jwt.JWT(jwt=case.token, key=to_jwcrypto(case.key), algs=[case.alg])
    assert json.loads(checked.claims) == decoded


@SETTINGS
@given(valid_tokens(alg="ES384", claims={"sub": "fixed", "iat": 1_700_000_000, "exp": 1_700_000_600}))
def test_alg_and_fixed_claims(case):
    assert case.alg == "ES384"
    assert jwt.decode(case.token, case.key, algorithms=["ES384"], options={"verify_exp": False})["sub"] == "fixed"


RSA_KEY = rsa.generate_private_key(public_exponent=65537, key_size=2048)


# A random 64-byte secret (b"k" * 64, one byte repeated, is itself weak-hmac-secret).
OWN_SECRET = bytes.fromhex(
    "130e8a6a85051df5bc99b63e3bd4caf4544041ab0b93a4e9f7d4664171f4f0f2f0a35cd2b36118e1bc4399ed9bb9601486c108e3e446e3f3eaa445bf0bd9ba91"
)


@SETTINGS
@given(valid_tokens(key=RSA_KEY), broken_tokens("expired", key=OWN_SECRET, now=1_700_000_000))
def test_own_key_and_now(good, expired):
    assert good.alg[:2] in ("RS", "PS") and good.key.public_numbers() == RSA_KEY.public_key().public_numbers()
    assert expired.alg.startswith("HS") and expired.key == OWN_SECRET and expired.now == 1_700_000_000
    assert not lint_case(good).errors and lint_case(expired).names() == {"expired"}


@SETTINGS
@given(claims(now=1_700_000_000, audience="api", issuer="https://me.example"))
def test_claims_are_realistic_and_current(body):
    assert body["iss"] == "https://me.example"
    assert body["aud"] == "api" or "api" in body["aud"]
    assert body["iat"] <= 1_700_000_000 < body["exp"] - 60 and body["exp"] - body["iat"] <= 86400


@SETTINGS
@given(broken_tokens())
def test_any_fault_by_default(case):
    assert case.fault in FAULTS and case.fault in lint_case(case).names()


def test_case_repr_shows_no_key():
    case = TokenCase("a.b.c", b"super-secret-hmac-key", "expired", 0, "api", "iss", "HS256")
    assert "super-secret" not in repr(case)


@pytest.mark.parametrize(
    ("make", "error", "message"),
    [
        (lambda: broken_tokens(fault="padding"), ValueError, "unknown fault 'padding'; did you mean 'base64-padding'"),
        (lambda: broken_tokens(fault=[]), ValueError, "names no fault"),
        (lambda: broken_tokens(fault="ecdsa-der-signature", alg="HS256"), ValueError, "cannot carry this fault"),
        (lambda: valid_tokens(alg="RSA256"), ValueError, "unknown alg 'RSA256'"),
        (lambda: valid_tokens(key="my secret"), TypeError, "not str"),
        (lambda: valid_tokens(key={"kty": "oct"}), TypeError, "not dict"),
        (lambda: valid_tokens(alg="ES256", key=b"k" * 64), ValueError, "key cannot sign alg 'ES256'"),
    ],
)
def test_bad_arguments_fail_when_the_strategy_is_made(make, error, message):
    with pytest.raises(error, match=message):
        make()


@SETTINGS
@given(broken_tokens(fault="jwe-token"))
def test_jwe_fault_decrypts_with_jwcrypto_to_the_claims(case):
    from jwtlint.testing.signing import default_key

    jwe = jwcrypto.jwe.JWE()
    jwe.deserialize(case.token, key=jwcrypto.jwk.JWK.from_pyca(default_key("RS256")))
    claims = json.loads(jwe.payload)
    assert case.audience in (claims["aud"] if isinstance(claims["aud"], list) else [claims["aud"]])
    assert claims["iss"] == case.issuer


@SETTINGS
@given(broken_tokens(fault="form-assertion-not-urlencoded"))
def test_form_fault_is_a_form_a_server_would_mangle(case):
    from urllib.parse import parse_qs

    sent = bare_token(case)
    assert "+" in sent and parse_qs(case.token)["assertion"] == [sent.replace("+", " ")]
