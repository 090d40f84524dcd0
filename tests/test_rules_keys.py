"""Key rules (JWT6xx), each on the mistake it names and on the correct key it must leave alone."""

import base64
import datetime as dt

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, rsa

from jwtlint import lint
from jwtlint.engine import Severity

ENC = serialization.Encoding
PRIV = serialization.PrivateFormat
PUB = serialization.PublicFormat
NOENC = serialization.NoEncryption()
NOW = 1_750_000_000


@pytest.fixture(scope="module")
def key():
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


@pytest.fixture(scope="module")
def other():
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def pem(k, fmt=PRIV.PKCS8) -> str:
    return k.private_bytes(ENC.PEM, fmt, NOENC).decode()


def pub(k) -> str:
    return k.public_key().public_bytes(ENC.PEM, PUB.SubjectPublicKeyInfo).decode()


def cert(k, days_from, days_to) -> str:
    name = x509.Name([x509.NameAttribute(x509.NameOID.COMMON_NAME, "svc")])
    t = dt.datetime.fromtimestamp(NOW, dt.timezone.utc)
    c = (
        x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(k.public_key()).serial_number(9)
        .not_valid_before(t + dt.timedelta(days=days_from)).not_valid_after(t + dt.timedelta(days=days_to))
        .sign(k, hashes.SHA256())
    )  # fmt: skip
    return c.public_bytes(ENC.PEM).decode()


def findings(text, **kw):
    kw.setdefault("now", NOW)
    return lint(text, **kw).findings


def by_name(text, name, **kw):
    return [f for f in findings(text, **kw) if f.name == name]


def test_clean_keys_draw_nothing_at_all(key):
    for text in (pem(key), pem(ec.generate_private_key(ec.SECP256R1())), pem(ed25519.Ed25519PrivateKey.generate())):
        assert findings(text) == []
    # a private key with its own certificate, valid now: nothing either
    assert findings(cert(key, -1, 30) + pem(key)) == []


def test_pem_armor_in_base64_single_line_and_base64_of_pem(key):
    lines = pem(key).strip().splitlines()
    glued = "".join(lines)
    (f,) = by_name(glued, "pem-armor-in-base64")
    assert f.severity is Severity.WARNING and f.span.start == 0 and "Unrecognized base64 character: -" in f.message
    assert f.fixed == "".join(lines[1:-1]) and f.sensitive
    wrapped = base64.b64encode(pem(key).encode()).decode()
    (f,) = by_name(wrapped, "pem-armor-in-base64")
    assert f.severity is Severity.ERROR and f.fixed == "".join(lines[1:-1]) and f.sensitive
    assert by_name(pem(key), "pem-armor-in-base64") == []


def test_pem_single_line_gives_the_rewrapped_key(key):
    text = pem(key)
    (f,) = by_name(" ".join(text.strip().splitlines()), "pem-single-line")
    assert f.fixed == text and f.sensitive and "spaces where line breaks were" in f.message
    assert f.span.start == 0 and f.span.end == len(" ".join(text.strip().splitlines()))


def test_pem_malformed_missing_end_and_no_begin_and_stray_quotes(key):
    text = pem(key)
    (f,) = by_name(text[: text.index("-----END")], "pem-malformed")
    assert "no END line" in f.message and f.fixed == text
    (f,) = by_name(text[text.index("\n") + 1 :], "pem-malformed")
    assert "no BEGIN line" in f.message
    bad = text.replace("\n", '"\n', 2)
    (f,) = by_name(bad, "pem-malformed")
    assert "'\"'" in f.message and bad[f.span.start] == '"'


def test_pem_malformed_truncated_and_mismatched_end_label(key):
    text = pem(key)
    lines = text.splitlines()
    cut = "\n".join(lines[:8] + lines[-1:]) + "\n"
    names = [f.name for f in findings(cut)]
    assert names == ["pem-malformed"]
    (f,) = by_name(text.replace("END PRIVATE KEY", "END RSA PRIVATE KEY"), "pem-malformed")
    assert "ends 'RSA PRIVATE KEY'" in f.message


def test_pem_label_mismatch_reads_the_bytes(key):
    text = pem(key, PRIV.TraditionalOpenSSL).replace("RSA PRIVATE KEY", "PRIVATE KEY")
    (f,) = by_name(text, "pem-label-mismatch")
    assert "PKCS#1 RSAPrivateKey" in f.message and f.fixed.startswith("-----BEGIN RSA PRIVATE KEY-----\n") and f.sensitive
    public = pub(key).replace("PUBLIC KEY", "RSA PUBLIC KEY")
    (f,) = by_name(public, "pem-label-mismatch")
    assert not f.sensitive and f.fixed == pub(key)


def test_escaped_newlines_error_raw_info_inside_json_string(key):
    text = pem(key)
    raw = text.replace("\n", "\\n")
    (f,) = by_name(raw, "escaped-newlines")
    assert f.severity is Severity.ERROR and f.fixed == text and raw[f.span.start : f.span.end] == "\\n"
    (f,) = by_name('"' + raw + '"', "escaped-newlines")
    assert f.severity is Severity.INFO


def test_crlf_line_endings(key):
    text = pem(key).replace("\n", "\r\n")
    (f,) = by_name(text, "crlf-line-endings")
    assert f.severity is Severity.WARNING and text[f.span.start : f.span.end] == "\r\n" and f.fixed == pem(key)


def test_pkcs1_private_key_gives_the_command_and_the_pkcs8_key(key):
    (f,) = by_name(pem(key, PRIV.TraditionalOpenSSL), "pkcs1-private-key")
    assert "openssl pkcs8 -topk8 -nocrypt -in key.pem -out key.pk8.pem" in f.fix
    assert f.fixed == pem(key) and f.sensitive and f.severity is Severity.WARNING
    assert f.fixed not in repr(f) and f.fixed not in str(f.to_dict())
    (f,) = by_name(pem(key, PRIV.TraditionalOpenSSL), "pkcs1-private-key", profile="salesforce-jwt-bearer")
    assert f.severity is Severity.ERROR


def test_encrypted_private_key(key):
    enc = key.private_bytes(ENC.PEM, PRIV.PKCS8, serialization.BestAvailableEncryption(b"pw")).decode()
    (f,) = by_name(enc, "encrypted-private-key")
    assert "EncryptedPrivateKeyInfo" in f.message and "openssl pkey" in f.fix


def test_public_key_not_private_is_info_alone_error_under_a_signing_profile(key):
    (f,) = by_name(pub(key), "public-key-not-private")
    assert f.severity is Severity.INFO and "an RSA 2048-bit public key" in f.message
    (f,) = by_name(pub(key), "public-key-not-private", profile="github-app")
    assert f.severity is Severity.ERROR and "github-app" in f.message
    assert by_name(pub(key) + pem(key), "public-key-not-private") == []


def test_certificate_not_key_gives_the_public_key(key):
    (f,) = by_name(cert(key, -1, 30), "certificate-not-key")
    assert f.fixed == pub(key) and not f.sensitive and f.severity is Severity.WARNING
    assert by_name(cert(key, -1, 30) + pem(key), "certificate-not-key") == []


def test_certificate_expired_and_not_yet_valid_use_now(key):
    (f,) = by_name(cert(key, -400, -35), "certificate-expired")
    assert "expired on" in f.message and "svc" in f.message
    (f,) = by_name(cert(key, 2, 30), "certificate-expired")
    assert "not valid before" in f.message
    assert by_name(cert(key, -400, -35), "certificate-expired", now=NOW - 100 * 86400) == []


def test_rsa_key_too_small_and_weak_exponent():
    small = rsa.generate_private_key(public_exponent=65537, key_size=1024)
    (f,) = by_name(pem(small), "rsa-key-too-small")
    assert "1024-bit" in f.message and f.severity is Severity.ERROR
    e3 = rsa.generate_private_key(public_exponent=3, key_size=2048)
    (f,) = by_name(pem(e3), "rsa-weak-exponent")
    assert "exponent 3" in f.message and f.severity is Severity.WARNING


def test_rsa_weak_exponent_one_or_even_is_an_error_read_from_asn1():
    from pyasn1.codec.der import encoder
    from pyasn1.type import univ

    n = rsa.generate_private_key(public_exponent=65537, key_size=2048).public_key().public_numbers().n
    for e in (1, 4):
        der = encoder.encode(univ.Sequence().setComponentByPosition(0, univ.Integer(n)).setComponentByPosition(1, univ.Integer(e)))
        text = "-----BEGIN RSA PUBLIC KEY-----\n" + base64.encodebytes(der).decode() + "-----END RSA PUBLIC KEY-----\n"
        (f,) = by_name(text, "rsa-weak-exponent")
        assert f.severity is Severity.ERROR and f"exponent {e}" in f.message


def test_known_sample_key_on_pem_jwk_and_token_keys():
    from jwtlint.keys.parse import parse_key_material
    from jwtlint.rules.keys import sample_keys

    # RFC 7515 Appendix A.3's EC key, as a JWK (published in the RFC text)
    jwk = ('{"kty":"EC","crv":"P-256","x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU",'
           '"y":"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0"}')  # fmt: skip
    (f,) = by_name(jwk, "known-sample-key")
    assert "RFC 7515" in f.message and f.severity is Severity.ERROR
    (t,) = parse_key_material(jwk)
    as_pem = t.keys[0].public.public_bytes(ENC.PEM, PUB.SubjectPublicKeyInfo).decode()
    assert by_name(as_pem, "known-sample-key")
    token = "eyJhbGciOiJFUzI1NiJ9.eyJpc3MiOiJqb2UifQ.AAAA"
    assert by_name(token, "known-sample-key", key=t.keys[0].public)
    assert len(sample_keys()) > 30


def test_known_sample_key_leaves_fresh_keys_alone(key):
    assert by_name(pem(key), "known-sample-key") == []


def test_key_pair_mismatch(key, other):
    (f,) = by_name(cert(other, -1, 30) + pem(key), "key-pair-mismatch")
    assert "PEM block 2" in f.message and "certificate in PEM block 1" in f.message
    assert by_name(pub(key) + pem(key), "key-pair-mismatch") == []
    # a chain: leaf matches, the CA does not; only the key matters
    assert by_name(cert(key, -1, 30) + cert(other, -1, 30) + pem(key), "key-pair-mismatch") == []


def test_no_key_finding_prints_private_material(key):
    text = pem(key, PRIV.TraditionalOpenSSL).replace("\n", "\\n")
    body = "".join(pem(key, PRIV.TraditionalOpenSSL).strip().splitlines()[1:-1])
    report = lint(text, now=NOW)
    from jwtlint.report.text import to_text

    out = to_text(report, NOW) + report.to_json()
    assert report.names() >= {"escaped-newlines", "pkcs1-private-key"}
    for i in range(0, len(body) - 16, 16):
        assert body[i : i + 16] not in out


def test_lint_key_lints_key_material_only(key):
    import jwtlint
    from jwtlint.api import lint_key

    assert jwtlint.lint_key is lint_key
    report = lint_key(pem(key, PRIV.TraditionalOpenSSL), now=NOW)
    assert report.names() == {"pkcs1-private-key"} and report.targets[0].kind == "key"
    der = key.private_bytes(ENC.DER, PRIV.PKCS8, NOENC)
    assert lint_key(der, now=NOW).findings == [] and lint_key(bytearray(der), now=NOW).ok
    (f,) = lint_key("eyJhbGciOiJIUzI1NiJ9.e30.x", now=NOW).findings  # a token is not a key
    assert f.name == "pem-malformed" and "holds no key" in f.message
    (f,) = lint_key("", now=NOW).findings
    assert "empty" in f.message
    assert lint_key(pub(key), now=NOW, select="known-sample-key").findings == []
    assert lint_key(pub(key), now=NOW, profile="github-app").errors
    with pytest.raises(TypeError):
        lint_key(123)  # type: ignore[arg-type]


def test_public_key_not_private_is_quiet_for_the_key_given_to_verify_with(key):
    import jwt as pyjwt

    token = pyjwt.encode({"sub": "1"}, key, algorithm="RS256")
    report = lint(token, key=pub(key), now=0)
    assert "public-key-not-private" not in report.names()
    assert [t.kind for t in report.targets] == ["token", "key"]  # the key is still linted


# --- the same key facts in every key form (issue 13) -----------------------------------------


def _jwk(k, **extra) -> str:
    import json

    from jwt.algorithms import RSAAlgorithm

    return json.dumps(RSAAlgorithm.to_jwk(k.public_key(), as_dict=True) | extra)


def _der(k) -> bytes:
    return k.public_key().public_bytes(ENC.DER, PUB.SubjectPublicKeyInfo)


@pytest.fixture(scope="module")
def small():
    return rsa.generate_private_key(public_exponent=65537, key_size=1024)


def test_rsa_key_too_small_in_every_form(small, tmp_path):
    """PEM, DER, a certificate, a JWK, a JWKS member: one finding each, the same size."""
    import json

    jwk = _jwk(small)
    for given in (pem(small), pub(small), cert(small, -1, 30), _der(small), jwk, json.dumps({"keys": [json.loads(jwk)]})):
        (f,) = by_name(given, "rsa-key-too-small")
        assert "1024-bit RSA key" in f.message and f.severity is Severity.ERROR


def test_rsa_key_too_small_points_at_the_jwk_n_member(small, key):
    import json

    text = json.dumps({"keys": [json.loads(_jwk(key, kid="new")), json.loads(_jwk(small, kid="old"))]})
    (f,) = by_name(text, "rsa-key-too-small")
    assert f.message.startswith("keys[1] is a 1024-bit") and f.span.part == "input"
    n = json.loads(text)["keys"][1]["n"]
    assert text[f.span.start : f.span.end] == n  # the "n" value of the small key, not the first key's


def test_rsa_key_too_small_on_the_verification_key_as_jwk_and_jwks(small, tmp_path):
    import json

    import jwt

    token = jwt.encode({"sub": "1", "exp": NOW + 60}, small, algorithm="RS256")
    (tmp_path / "k.jwk").write_text(_jwk(small))
    (tmp_path / "set.json").write_text(json.dumps({"keys": [json.loads(_jwk(small))]}))
    for kw in ({"key": tmp_path / "k.jwk"}, {"jwks": tmp_path / "set.json"}):
        report = lint(token, now=NOW, **kw)
        names = [f.name for f in report.findings]
        assert names.count("rsa-key-too-small") == 1 and "signature-invalid" not in names


def test_rsa_weak_exponent_in_a_jwk_points_at_e():
    import json

    e3 = rsa.generate_private_key(public_exponent=3, key_size=2048)
    text = _jwk(e3)
    (f,) = by_name(text, "rsa-weak-exponent")
    assert "exponent 3" in f.message and f.severity is Severity.WARNING
    assert text[f.span.start : f.span.end] == json.loads(text)["e"] == "Aw"
    assert by_name(_jwk(rsa.generate_private_key(public_exponent=65537, key_size=2048)), "rsa-weak-exponent") == []


def test_known_sample_key_reads_the_fingerprint_recorded_on_the_keyinfo():
    from jwtlint.keys import parse as keyparse
    from jwtlint.keys.parse import parse_key_material

    assert not hasattr(keyparse, "_FINGERPRINTS")  # the id() cache is gone
    jwk = ('{"kty":"EC","crv":"P-256","x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU",'
           '"y":"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0"}')  # fmt: skip
    (t,) = parse_key_material(jwk)
    (info,) = t.keys
    as_pem = info.public.public_bytes(ENC.PEM, PUB.SubjectPublicKeyInfo).decode()
    (p,) = parse_key_material(as_pem)
    assert info.fingerprint and info.fingerprint == p.keys[0].fingerprint == p.blocks[0].spki_sha256
    # Findings as a JWKS member too.
    (f,) = by_name('{"keys":[' + jwk + "]}", "known-sample-key")
    assert f.message.startswith("keys[0]")


def test_correct_keys_of_every_tool_draw_no_error(tmp_path):
    """RSA 2048, P-256, Ed25519 from cryptography and jwcrypto, in PEM and JWK: no error."""
    from jwcrypto import jwk as jwcrypto_jwk

    made = [rsa.generate_private_key(65537, 2048), ec.generate_private_key(ec.SECP256R1()), ed25519.Ed25519PrivateKey.generate()]
    texts = [pem(k) for k in made] + [pub(k) for k in made]
    for kw in ({"kty": "RSA", "size": 2048}, {"kty": "EC", "crv": "P-256"}, {"kty": "OKP", "crv": "Ed25519"}):
        k = jwcrypto_jwk.JWK.generate(**kw)
        texts += [k.export_public(), k.export_private(), k.export_to_pem(private_key=True, password=None).decode()]
    for text in texts:
        errors = [f.name for f in findings(text) if f.severity is Severity.ERROR]
        assert errors == [], text[:40]


def test_rsa_rules_on_a_key_object_are_reported_on_the_token(small):
    import jwt

    token = jwt.encode({"sub": "1", "exp": NOW + 60}, small, algorithm="RS256")
    (f,) = [f for f in lint(token, key=small.public_key(), now=NOW).findings if f.name == "rsa-key-too-small"]
    assert f.message.startswith("the key given is a 1024-bit RSA key") and f.span.part == "signature"
    e3 = rsa.generate_private_key(public_exponent=3, key_size=2048)
    token = jwt.encode({"sub": "1", "exp": NOW + 60}, e3, algorithm="RS256")
    (f,) = lint(token, key=e3.public_key(), now=NOW).findings
    assert f.name == "rsa-weak-exponent" and "exponent 3" in f.message
    # Key text given is its own target: reported there, once, not again on the token.
    report = lint(token, key=pub(e3), now=NOW)
    assert [(t.target.kind, f.name) for t in report.targets for f in t.findings] == [("key", "rsa-weak-exponent")]
