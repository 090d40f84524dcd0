"""Hypothesis over every entry point in fuzz/entrypoints.py (the atheris harnesses drive the same ones).

For any input: no exception escapes, every JSON report validates against
jwtlint/data/report.schema.json, no rule crashes, and ``decode`` shows
something for every token. Examples are bounded so the suite stays fast;
fuzz/README.md says how to fuzz for hours.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from jwtlint.token.b64 import b64url_encode

from tokens import token

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "fuzz"))

import entrypoints  # noqa: E402

SEEDS = sorted(
    open(os.path.join(ROOT, "corpus", c, "input.txt"), "rb").read()
    for c in os.listdir(os.path.join(ROOT, "corpus"))
    if os.path.isfile(os.path.join(ROOT, "corpus", c, "input.txt"))
    and os.path.getsize(os.path.join(ROOT, "corpus", c, "input.txt")) < 20_000
)


def _mutate(seed: bytes, at: int, cut: int, insert: bytes) -> bytes:
    at %= len(seed) + 1
    return seed[:at] + insert + seed[at + cut :]


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=12),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=6), inner, max_size=4),
    max_leaves=16,
)
structured = st.builds(
    lambda h, p, sig: f"{b64url_encode(json.dumps(h).encode())}.{b64url_encode(json.dumps(p).encode())}"
    f".{b64url_encode(sig)}".encode(),
    st.dictionaries(st.sampled_from(["alg", "typ", "kid", "crit", "jku", "jwk", "b64", "zip", "enc"]), json_values),
    st.dictionaries(st.sampled_from(["exp", "nbf", "iat", "aud", "iss", "sub", "jti"]), json_values),
    st.binary(max_size=140),
)
def _key_seeds() -> tuple[list[bytes], list[bytes]]:
    """(DER, text) forms of real keys: PKCS#8, PKCS#1, SPKI, OpenSSH, certificate-free JWK and JWKS."""
    from cryptography.hazmat.primitives import serialization as ser
    from cryptography.hazmat.primitives.asymmetric import ec, ed25519, rsa
    from jwcrypto import jwk

    ders, texts = [], []
    for key in (rsa.generate_private_key(65537, 1024), ec.generate_private_key(ec.SECP256R1()),
                ed25519.Ed25519PrivateKey.generate()):  # fmt: skip
        pub = key.public_key()
        ders += [key.private_bytes(ser.Encoding.DER, ser.PrivateFormat.PKCS8, ser.NoEncryption()),
                 pub.public_bytes(ser.Encoding.DER, ser.PublicFormat.SubjectPublicKeyInfo)]  # fmt: skip
        texts += [key.private_bytes(ser.Encoding.PEM, ser.PrivateFormat.PKCS8, ser.NoEncryption()),
                  pub.public_bytes(ser.Encoding.PEM, ser.PublicFormat.SubjectPublicKeyInfo),
                  pub.public_bytes(ser.Encoding.OpenSSH, ser.PublicFormat.OpenSSH)]  # fmt: skip
        if isinstance(key, rsa.RSAPrivateKey):
            texts.append(key.private_bytes(ser.Encoding.PEM, ser.PrivateFormat.TraditionalOpenSSL, ser.NoEncryption()))
        j = jwk.JWK.from_pyca(key)
        texts += [j.export(private_key=True).encode(), j.export_public().encode(),
                  json.dumps({"keys": [j.export(as_dict=True), j.export_public(as_dict=True)]}).encode()]
    texts += [open(os.path.join(ROOT, "corpus", c, "key.pub.pem"), "rb").read()
              for c in os.listdir(os.path.join(ROOT, "corpus"))
              if os.path.isfile(os.path.join(ROOT, "corpus", c, "key.pub.pem"))]  # fmt: skip
    return ders, sorted(texts)


KEY_DERS, KEY_TEXTS = _key_seeds()


def _pem(der: bytes, label: str) -> bytes:
    import base64

    return f"-----BEGIN {label}-----\n".encode() + base64.encodebytes(der) + f"-----END {label}-----\n".encode()


def _flip(der: bytes, at: int, value: int) -> bytes:
    at %= len(der)
    return der[:at] + bytes([value]) + der[at + 1 :]


broken_der = st.builds(_flip, st.sampled_from(KEY_DERS), st.integers(0, 2000), st.integers(0, 255))
key_inputs = st.one_of(
    broken_der,
    st.builds(_pem, broken_der, st.sampled_from(["PRIVATE KEY", "PUBLIC KEY", "RSA PRIVATE KEY", "CERTIFICATE", "X"])),
    st.builds(_mutate, st.sampled_from(KEY_TEXTS), st.integers(0, 4000), st.integers(0, 8), st.binary(max_size=6)),
    st.builds(lambda d: json.dumps(d).encode(),
              st.dictionaries(st.sampled_from(["kty", "n", "e", "d", "p", "q", "dp", "dq", "qi", "k", "crv", "x", "y",
                                               "kid", "alg", "use", "key_ops", "keys", "x5c"]), json_values)),
)  # fmt: skip

toml_inputs = st.builds(
    lambda key, value: f"{key} = {value}\n".encode(),
    st.sampled_from(["select", "ignore", "fail-on", "include", "exclude", "aud", "iss", "now", "max-lifetime",
                     "baseline", "profile", "[per-path]", "leeway", "x"]),
    st.one_of(st.integers().map(str), st.text(max_size=20).map(json.dumps),
              st.lists(st.text(max_size=8), max_size=4).map(json.dumps), st.just("[" * 3000 + "]" * 3000)),
)  # fmt: skip

inputs = st.one_of(
    toml_inputs,
    key_inputs,
    st.binary(max_size=300),
    st.text(max_size=300).map(lambda s: s.encode("utf-8", "surrogatepass")),
    st.lists(st.text(alphabet="eyJhbGciOi.-_+/=% \n\r\t\"'{}[]:,0123456789&?#", max_size=40), max_size=6)
    .map(".".join)
    .map(str.encode),
    structured,
    st.builds(_mutate, st.sampled_from(SEEDS), st.integers(0, 4000), st.integers(0, 8), st.binary(max_size=6)),
    st.builds(_mutate, st.just(token().encode()), st.integers(0, 200), st.integers(0, 3), st.binary(max_size=4)),
)

# Inputs that once broke something, or are known to be hard (kept as regression cases).
REGRESSIONS = [
    b"",
    b"\xff\xfe\x00",
    b"." * 10_000,
    b"eyJ" + b"W" * 5000 + b".e30.",
    b"{" * 5000,
    b'{"access_token": ' * 3000,
    *KEY_TEXTS,  # `jwtlint decode key.pem` once crashed: render() read a key target as a token
    b"select = " + b"[" * 50_000 + b"]" * 50_000,  # a deep TOML config once raised RecursionError (tomllib)
    b"[" * 100_000 + b"]" * 100_000,  # so did a deep JSON baseline
    # scan's target for a `jwtlint: ignore` comment that names no rule was once missing from the
    # JSON report's contract (kind "suppression"): found by hypothesis in CI
    b'# jwtlint: ignore[live-token]\nA = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl"\n',
    # atheris (fuzz_parse_token, after 1.1 million inputs): a DER signature whose INTEGER claims
    # 0xb910... bytes made pyasn1 raise OverflowError out of parse_token, lint and check.
    b"eyJhbGciOiJFUzI1NiJ9.e30.MA0CAQECiLkQAAAAAAAAAA",
    b"NOVAXfQ.\x01\x00\x00\x00\x00\x00\x00\xe66N6\x08\x00\x00\x00\x00\x00\x00\x000.MEUCIFMWaFPl47jZUP_6ru3kI0jEtIDZLM2Dk7"
    b"\x99FgTyukmTBvAoi5EAsEDRr8uEjwTpLx6f-mRfKtc-NLkX9Vx6J6oEKliPc",
    # atheris (fuzz_key_option): BEGIN and END lines sharing their dashes gave a PEM body span
    # that ended before it started (input[18:13]).
    b"-----BEGIN PR-----END PRIVATE KEY-----\n",
]

EXAMPLES = {"cli": 30, "why": 60, "verify": 80, "reporters": 80}  # slower per example; the rest get the default
DEFAULT_EXAMPLES = 120
SCALE = float(os.environ.get("JWTLINT_FUZZ_SCALE", "1"))  # JWTLINT_FUZZ_SCALE=20 for a longer run


def _available(name):
    try:
        entrypoints.ENTRIES[name](b"")
    except entrypoints.Unavailable as exc:
        return pytest.param(name, marks=pytest.mark.skip(reason=str(exc)))
    return name


@pytest.mark.parametrize("name", [_available(n) for n in entrypoints.ENTRIES])
def test_entry_point_survives_any_input(name):
    fn = entrypoints.ENTRIES[name]

    @settings(
        max_examples=max(1, int(EXAMPLES.get(name, DEFAULT_EXAMPLES) * SCALE)),
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
        database=None,
    )
    @given(inputs)
    def run(data):
        fn(data)

    for data in REGRESSIONS:
        fn(data)
    run()


def test_schema_is_enforced():
    """The schema check really runs in this suite, and rejects a report off the contract."""
    import jsonschema

    assert entrypoints.schema_validator() is not None
    good = {"jwtlint": "0", "targets": [], "summary": {"error": 0, "warning": 0, "info": 0}}
    entrypoints.check_report(good)
    bad = dict(good, targets=[{"kind": "token", "origin": {"path": None, "line": 0, "column": 1}, "findings": []}])
    with pytest.raises(jsonschema.ValidationError):
        entrypoints.check_report(bad)
    finding = {"code": "JWT204", "name": "base64-padding", "severity": "fatal", "message": "m", "fix": None,
               "fixed": None, "span": None, "refs": []}  # fmt: skip
    bad = dict(good, targets=[{"kind": "token", "origin": {"path": None, "line": 1, "column": 1},
                               "findings": [finding]}])  # fmt: skip
    with pytest.raises(jsonschema.ValidationError):
        entrypoints.check_report(bad)


def test_every_corpus_report_validates_against_the_schema():
    from jwtlint.testing.corpus import load_cases

    import jwtlint

    cases = load_cases(Path(ROOT) / "corpus")
    assert len(cases) > 20
    for case in cases:
        entrypoints.check_report(json.loads(jwtlint.lint(case.input, **case.args).to_json()))
