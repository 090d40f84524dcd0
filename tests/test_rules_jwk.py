"""Unit tests for the JWK rules (rules/jwk.py) and the encoding rules applied to JWK members.

Keys are made and exported by jwcrypto (what a JOSE library writes), then
broken the way real code breaks them: Java's BigInteger sign byte, a plain
base64 encoder, a private export published as a set, a reused kid.
"""

import base64
import json

import pytest
from cryptography.hazmat.primitives.asymmetric import ec
from jwcrypto import jwk

from jwtlint import lint
from jwtlint.token.b64 import b64url_encode
from jwtlint.engine import Context, RuleSet, Severity, registry
from jwtlint.keys.jwkparse import parse_jwk_json
from jwtlint.report.report import Report, TargetReport
from jwtlint.report.text import to_text

NOW = 1_760_000_000


def lint_jwk(text, select=None, ctx=None):
    """Findings for a JWK/JWKS text (the whole default rule set unless ``select``)."""
    rules = RuleSet(registry().select([select] if isinstance(select, str) else select))
    ctx = ctx or Context(now=NOW)
    (target,) = parse_jwk_json(text if isinstance(text, str) else json.dumps(text))
    return target, rules.run(target, ctx)


def names(text, select=None):
    return sorted(f.name for f in lint_jwk(text, select)[1])


def b64u_int(n: int, length: int | None = None) -> str:
    return b64url_encode(n.to_bytes(length or max(1, (n.bit_length() + 7) // 8), "big"))


def unb64(s: str) -> bytes:
    return base64.urlsafe_b64decode(s + "=" * (-len(s) % 4))


@pytest.fixture(scope="module")
def rsa_key():
    return jwk.JWK.generate(kty="RSA", size=2048, kid="rsa-1")


@pytest.fixture(scope="module")
def ec_key():
    return jwk.JWK.generate(kty="EC", crv="P-256", kid="ec-1")


def public(key) -> dict:
    return json.loads(key.export_public())


# --- clean input -------------------------------------------------------------


@pytest.mark.parametrize(
    "params",
    [
        {"kty": "RSA", "size": 2048},
        {"kty": "EC", "crv": "P-256"},
        {"kty": "EC", "crv": "P-384"},
        {"kty": "EC", "crv": "P-521"},
        {"kty": "EC", "crv": "secp256k1"},
        {"kty": "OKP", "crv": "Ed25519"},
        {"kty": "OKP", "crv": "Ed448"},
    ],
)
def test_jwcrypto_public_and_private_jwks_draw_nothing(params):
    key = jwk.JWK.generate(**params, kid="k1", use="sig")
    assert names(key.export_public()) == []
    assert names(key.export_private()) == []  # a lone private JWK is a private key file, not a published set
    jwks = jwk.JWKSet()
    jwks.add(key)
    assert names(jwks.export(private_keys=False)) == []


def test_pyjwt_exported_public_jwk_draws_nothing():
    from jwt.algorithms import ECAlgorithm, RSAAlgorithm

    priv = ec.generate_private_key(ec.SECP384R1())
    assert names(ECAlgorithm.to_jwk(priv.public_key())) == []
    rsa_pub = jwk.JWK.generate(kty="RSA", size=2048).get_op_key("verify")
    assert names(RSAAlgorithm.to_jwk(rsa_pub)) == []


# --- jwk-invalid ---------------------------------------------------------------


def test_jwk_invalid_missing_member_and_wrong_type(rsa_key):
    pub = public(rsa_key)
    del pub["n"]
    t, fs = lint_jwk(pub, "jwk-invalid")
    assert [f.name for f in fs] == ["jwk-invalid"] and '"n"' in fs[0].message and "missing" in fs[0].message
    pub = public(rsa_key)
    pub["e"] = 65537
    t, fs = lint_jwk(pub, "jwk-invalid")
    assert any('"e" is a number' in f.message and '"AQAB"' in f.fix for f in fs)
    assert t.keys == ()  # no usable key comes out of it


def test_jwk_invalid_kty_case_is_named_with_the_right_spelling(rsa_key):
    pub = public(rsa_key) | {"kty": "rsa"}
    (f,) = lint_jwk(pub, "jwk-invalid")[1]
    assert "'RSA'" in f.message and f.severity == Severity.ERROR
    assert f.span is not None


def test_jwk_invalid_curve_of_the_other_key_type():
    key = jwk.JWK.generate(kty="OKP", crv="Ed25519")
    pub = public(key) | {"kty": "EC", "y": "AA"}
    msgs = [f.message for f in lint_jwk(pub, "jwk-invalid")[1]]
    assert any("'Ed25519' is an \"OKP\" curve" in m for m in msgs)


def test_jwk_invalid_curve_names_from_openssl_and_old_drafts():
    pub = json.loads(jwk.JWK.generate(kty="EC", crv="secp256k1").export_public())
    (f,) = lint_jwk(pub | {"crv": "P-256K"}, "jwk-invalid")[1]
    assert "'secp256k1'" in f.message and '"crv": "secp256k1"' in f.fix
    assert names(pub | {"crv": "brainpoolP256r1"}, "jwk-invalid") == ["jwk-invalid"]
    assert names({"kty": "AKP", "alg": "ML-DSA-44", "pub": "AAAA"}, "jwk-invalid") == []  # registered, not checked


def test_jwk_invalid_rsa_numbers_that_make_no_key(rsa_key):
    pub = public(rsa_key)
    n = int.from_bytes(unb64(pub["n"]), "big")
    even = pub | {"n": b64u_int(n + 1)}
    assert any("even" in f.message for f in lint_jwk(even, "jwk-invalid")[1])
    priv = json.loads(rsa_key.export_private())
    other = json.loads(jwk.JWK.generate(kty="RSA", size=2048).export_private())
    mixed = priv | {"d": other["d"]}
    t, fs = lint_jwk(mixed, "jwk-invalid")
    assert fs and t.keys == ()
    assert other["d"] not in " ".join(f.message for f in fs)


def test_jwk_invalid_ec_private_part_of_another_key(ec_key):
    priv = json.loads(ec_key.export_private())
    priv["d"] = json.loads(jwk.JWK.generate(kty="EC", crv="P-256").export_private())["d"]
    fs = lint_jwk(priv, "jwk-invalid")[1]
    assert any("d does not belong" in f.message for f in fs)


def test_jwk_invalid_partial_rsa_private_key(rsa_key):
    priv = json.loads(rsa_key.export_private())
    del priv["qi"], priv["dq"]
    fs = lint_jwk(priv, "jwk-invalid")[1]
    assert any("dq, qi missing" in f.message for f in fs)


def test_jwk_invalid_okp_key_of_wrong_length():
    pub = public(jwk.JWK.generate(kty="OKP", crv="Ed25519"))
    pub["x"] = b64url_encode(unb64(pub["x"]) + b"\0")
    fs = lint_jwk(pub, "jwk-invalid")[1]
    assert any("33 bytes" in f.message and "32 bytes" in f.message for f in fs)


def test_jwk_invalid_okp_private_key_of_wrong_length_is_reported_once():
    priv = json.loads(jwk.JWK.generate(kty="OKP", crv="Ed25519").export_private())
    priv["d"] = b64url_encode(unb64(priv["d"])[:31])
    (f,) = lint_jwk(priv, "jwk-invalid")[1]
    assert "31 bytes" in f.message and priv["d"] not in f.message


def test_jwk_alg_mismatch_hmac_alg_on_an_rsa_key(rsa_key):
    (f,) = lint_jwk(public(rsa_key) | {"alg": "HS256"}, "jwk-alg-mismatch")[1]
    assert "HS256 needs oct keys, and this is an RSA key" in f.message and f.fixed == "RS256"


def test_jwk_invalid_duplicate_member_points_at_the_one_parsers_keep():
    text = '{"kty":"oct","k":"c2VjcmV0LW9uZQ","k":"c2VjcmV0LXR3bw"}'
    (f,) = lint_jwk(text, "jwk-invalid")[1]
    assert '"k" appears more than once' in f.message
    assert (f.span.start, f.span.end) == (text.rindex("c2VjcmV0LXR3bw"), len(text) - 2)


def test_jwk_invalid_set_shapes_and_non_json():
    assert names({"keys": {"kty": "oct", "k": "AAAA"}}, "jwk-invalid") == ["jwk-invalid"]
    t, fs = lint_jwk({"keys": ["kid-1", {"kty": "oct", "k": "c2VjcmV0"}]}, "jwk-invalid")
    assert [f.message for f in fs] == ["keys[0] is a string, not a JWK object"]
    t, fs = lint_jwk('{"kty": "RSA", "n": "0vx7', "jwk-invalid")
    assert len(fs) == 1 and "is not JSON" in fs[0].message and "holds no JWK" in fs[0].message


# --- jwk-leading-zero -----------------------------------------------------------


def test_jwk_leading_zero_java_sign_byte_on_n(rsa_key):
    pub = public(rsa_key)
    raw_n = unb64(pub["n"])
    assert raw_n[0] >= 0x80  # every RSA modulus has its top bit set: BigInteger.toByteArray() adds 0x00
    java = pub | {"n": b64url_encode(b"\0" + raw_n)}
    text = json.dumps(java)
    t, fs = lint_jwk(text, "jwk-leading-zero")
    (f,) = fs
    assert "1 zero octet" in f.message and "BigInteger" in f.message
    assert f.fixed == pub["n"]
    assert text[f.span.start : f.span.end] == java["n"][:2]  # "AA" encodes the zero byte
    assert names(pub, "jwk-leading-zero") == []


def test_jwk_leading_zero_on_e():
    pub = public(jwk.JWK.generate(kty="RSA", size=2048)) | {"e": "AAEAAQ"}
    (f,) = lint_jwk(pub, "jwk-leading-zero")[1]
    assert f.fixed == "AQAB"


def test_jwk_leading_zero_ec_coordinate_stripped_and_full_length_kept():
    # Find a P-256 key whose x starts with a zero octet (about 1 in 256).
    for _ in range(5000):
        k = jwk.JWK.generate(kty="EC", crv="P-256")
        pub = public(k)
        if unb64(pub["x"])[0] == 0:
            break
    else:  # pragma: no cover - probability 2**-28
        pytest.skip("no key with a leading zero found")
    assert names(pub, "jwk-leading-zero") == []  # full length with its zero octet: correct, not flagged
    stripped = pub | {"x": b64url_encode(unb64(pub["x"]).lstrip(b"\0"))}
    t, fs = lint_jwk(stripped, "jwk-leading-zero")
    (f,) = fs
    assert "dropped" in f.message and f.fixed == pub["x"]
    assert t.keys  # the number is the same, so lenient libraries still get the key


def test_jwk_leading_zero_ec_sign_byte_and_private_d_hidden(ec_key):
    priv = json.loads(ec_key.export_private())
    padded = priv | {"d": b64url_encode(b"\0" + unb64(priv["d"]))}
    (f,) = lint_jwk(padded, "jwk-leading-zero")[1]
    assert f.sensitive and f.fixed == priv["d"]
    assert f.shown_fixed(False).startswith("<hidden")
    assert priv["d"] not in f.message


# --- jwks-contains-private --------------------------------------------------------


def test_jwks_contains_private_from_jwcrypto_private_export(ec_key, rsa_key):
    ks = jwk.JWKSet()
    ks.add(ec_key)
    ks.add(rsa_key)
    text = ks.export(private_keys=True)
    t, fs = lint_jwk(text, "jwks-contains-private")
    assert [f.name for f in fs] == ["jwks-contains-private"] * 2
    rsa_f = next(f for f in fs if "RSA" in f.message)
    ec_f = next(f for f in fs if "EC P-256" in f.message)
    assert "private members d, p, q, dp, dq, qi" in rsa_f.message and "private member d:" in ec_f.message
    fixed = json.loads(ec_f.fixed)
    assert "d" not in fixed and fixed["x"] == public(ec_key)["x"]
    report = to_text(Report((TargetReport(t, tuple(fs)),)), now=NOW)
    for name in ("d", "p", "q", "dp", "dq", "qi"):
        value = json.loads(rsa_key.export_private())[name]
        assert value[:16] not in report, name  # not even in the excerpt around the finding
    assert names(ks.export(private_keys=False), "jwks-contains-private") == []


def test_jwks_contains_private_oct_key_has_no_public_half():
    ks = jwk.JWKSet()
    ks.add(jwk.JWK.generate(kty="oct", size=256, kid="hmac"))
    (f,) = lint_jwk(ks.export(private_keys=True), "jwks-contains-private")[1]
    assert "secret" in f.message and f.fixed is None and "remove" in f.fix


# --- jwk-kid-duplicate --------------------------------------------------------------


def test_jwk_kid_duplicate_after_rotation():
    old, new = (jwk.JWK.generate(kty="RSA", size=2048, kid="signing") for _ in range(2))
    text = json.dumps({"keys": [public(old), public(new)]})
    (f,) = lint_jwk(text, "jwk-kid-duplicate")[1]
    assert f.severity == Severity.WARNING and "keys[1]" in f.message and "different keys" in f.message
    assert text[f.span.start : f.span.end] == "signing"
    twice = json.dumps({"keys": [public(old), public(old)]})
    assert "same key" in lint_jwk(twice, "jwk-kid-duplicate")[1][0].message


def test_jwk_kid_duplicate_allows_same_kid_on_different_key_types():
    rsa = public(jwk.JWK.generate(kty="RSA", size=2048, kid="k"))
    ecp = public(jwk.JWK.generate(kty="EC", crv="P-256", kid="k"))
    assert names({"keys": [rsa, ecp]}, "jwk-kid-duplicate") == []  # RFC 7517 §4.5 allows it


# --- jwk-alg-mismatch --------------------------------------------------------------


def test_jwk_alg_mismatch_rs256_on_ec_and_wrong_curve(ec_key):
    (f,) = lint_jwk(public(ec_key) | {"alg": "RS256"}, "jwk-alg-mismatch")[1]
    assert "RS256" in f.message and f.fixed == "ES256"
    p384 = public(jwk.JWK.generate(kty="EC", crv="P-384"))
    (f,) = lint_jwk(p384 | {"alg": "ES256"}, "jwk-alg-mismatch")[1]
    assert "P-256" in f.message and f.fixed == "ES384"
    assert names(p384 | {"alg": "ES384"}, "jwk-alg-mismatch") == []
    assert names(public(ec_key) | {"alg": "ECDH-ES", "use": "enc"}, "jwk-alg-mismatch") == []


def test_jwk_alg_mismatch_token_alg_against_the_jwk_it_is_verified_with(rsa_key):
    import jwt

    pem = rsa_key.export_to_pem(private_key=True, password=None)
    token = jwt.encode({"sub": "1", "exp": NOW + 60}, pem, algorithm="PS256", headers={"kid": "rsa-1"})
    (target,) = parse_jwk_json(json.dumps({"keys": [public(rsa_key) | {"alg": "RS256"}]}))
    report = lint(token, now=NOW, key=target.keys[0], select="jwk-alg-mismatch")
    (f,) = report.findings
    assert "'PS256'" in f.message and "'RS256'" in f.message and f.span.part == "header"
    (same,) = parse_jwk_json(json.dumps(public(rsa_key) | {"alg": "PS256"}))
    assert lint(token, now=NOW, key=same.keys[0], select="jwk-alg-mismatch").findings == []


# --- jwk-point-not-on-curve ----------------------------------------------------------


def test_jwk_point_not_on_curve(ec_key):
    pub = public(ec_key)
    y = int.from_bytes(unb64(pub["y"]), "big")
    bad = pub | {"y": b64u_int(y ^ 1, 32)}
    t, fs = lint_jwk(bad, "jwk-point-not-on-curve")
    (f,) = fs
    assert "not on P-256" in f.message and t.record.on_curve is False and t.keys == ()
    assert names(pub, "jwk-point-not-on-curve") == []


# --- key-use-mismatch ----------------------------------------------------------------


def test_key_use_mismatch_use_and_key_ops_contradict(ec_key):
    assert names(public(ec_key) | {"use": "enc", "key_ops": ["verify"]}, "key-use-mismatch") == ["key-use-mismatch"]
    assert names(public(ec_key) | {"use": "sig", "key_ops": ["encrypt"]}, "key-use-mismatch") == ["key-use-mismatch"]
    assert names(public(ec_key) | {"use": "sig", "key_ops": ["verify"]}, "key-use-mismatch") == []
    assert names(public(ec_key) | {"use": "enc"}, "key-use-mismatch") == []  # an encryption key is fine by itself


def test_key_use_mismatch_token_verified_with_an_encryption_key(ec_key):
    import jwt

    pem = ec_key.export_to_pem(private_key=True, password=None)
    token = jwt.encode({"sub": "1", "exp": NOW + 60}, pem, algorithm="ES256", headers={"kid": "ec-1"})
    (enc,) = parse_jwk_json(json.dumps(public(ec_key) | {"use": "enc"}))
    (f,) = lint(token, now=NOW, key=enc.keys[0], select="key-use-mismatch").findings
    assert "'enc'" in f.message and f.span.part == "header"
    (ops,) = parse_jwk_json(json.dumps(public(ec_key) | {"key_ops": ["encrypt"]}))
    assert lint(token, now=NOW, key=ops.keys[0], select="key-use-mismatch").findings
    (sig,) = parse_jwk_json(json.dumps(public(ec_key) | {"use": "sig"}))
    assert lint(token, now=NOW, key=sig.keys[0], select="key-use-mismatch").findings == []


# --- encoding rules on JWK members ------------------------------------------------------


def test_padded_and_standard_base64_members(rsa_key):
    pub = public(rsa_key)
    raw_n = unb64(pub["n"])
    std = base64.b64encode(raw_n).decode()  # what base64.b64encode / Java's Base64.getEncoder() give
    assert std.endswith("=") or "+" in std or "/" in std
    text = json.dumps(pub | {"n": std, "e": base64.b64encode(b"\x01\x00\x01").decode()})
    t, fs = lint_jwk(text, ["base64-padding", "std-base64-alphabet"])
    assert t.keys  # lenient reading still finds the key
    by_member = {(f.name, f.message.split('"')[1]) for f in fs}
    if "+" in std or "/" in std:
        assert ("std-base64-alphabet", "n") in by_member
    pad = [f for f in fs if f.name == "base64-padding" and '"n"' in f.message]
    if std.endswith("="):
        assert text[pad[0].span.start : pad[0].span.end] == "=" * (len(std) - len(std.rstrip("=")))
        assert pad[0].fixed == pub["n"] and not pad[0].sensitive
    assert ("base64-padding", "e") not in by_member  # "AQAB" needs no padding


def test_x5c_is_standard_base64_and_never_flagged(rsa_key):
    pub = public(rsa_key) | {"x5c": ["MIIC+/8AAA=="]}
    assert names(pub, "structure") == []


def test_padded_private_member_hides_its_fixed_value(ec_key):
    priv = json.loads(ec_key.export_private())
    raw_d = unb64(priv["d"])
    padded = base64.urlsafe_b64encode(raw_d).decode()
    assert padded.endswith("=")
    (f,) = lint_jwk(priv | {"d": padded}, "base64-padding")[1]
    assert f.sensitive and f.fixed == priv["d"] and "member \"d\"" in f.message


def test_invalid_char_in_member_points_at_it(rsa_key):
    pub = public(rsa_key)
    text = json.dumps(pub | {"n": pub["n"][:10] + "." + pub["n"][10:]})
    (f,) = lint_jwk(text, "invalid-base64-char")[1]
    assert text[f.span.start : f.span.end] == "."


def test_jwk_invalid_names_a_bare_array_of_jwks_and_still_reads_its_keys():
    key = jwk.JWK.generate(kty="EC", crv="P-256")
    text = json.dumps([json.loads(key.export_public())])
    (target,) = parse_jwk_json(text)
    assert target.kind == "jwks" and target.bare_array and len(target.keys) == 1
    findings = [f for f in lint_jwk(text)[1] if f.name == "jwk-invalid"]
    assert len(findings) == 1 and "bare JSON array" in findings[0].message
    assert (findings[0].span.start, findings[0].span.end) == (0, 1)
    assert "jwk-invalid" not in names(json.dumps({"keys": json.loads(text)}))


def test_a_json_array_without_jwks_is_not_taken_for_a_jwks():
    assert parse_jwk_json('[1, 2, {"a": "kty"}]') == []


# --- a JWK's own alg: registered names only (issue 13) ------------------------------------


def test_jwk_alg_unregistered_is_named_with_the_nearest_registered_one():
    p521 = public(jwk.JWK.generate(kty="EC", crv="P-521")) | {"alg": "ES521"}
    text = json.dumps(p521)
    target, found = lint_jwk(text)
    (f,) = found
    assert f.name == "jwk-alg-mismatch" and f.severity is Severity.ERROR
    assert "'ES521' is not a registered algorithm name" in f.message and f.fixed == "ES512"
    assert text[f.span.start : f.span.end] == "ES521"


def test_jwk_alg_unregistered_case_and_jwks_member(rsa_key):
    text = json.dumps({"keys": [public(rsa_key) | {"alg": "RS256"}, public(rsa_key) | {"alg": "rs256", "kid": "b"}]})
    (f,) = lint_jwk(text)[1]
    assert f.message.startswith("keys[1]: alg 'rs256'") and f.fixed == "RS256"
    assert text[f.span.start : f.span.end] == "rs256"


def test_jwk_alg_unregistered_nearest_name_for_another_key_type_is_not_offered(ec_key):
    (f,) = lint_jwk(public(ec_key) | {"alg": "rs256"})[1]
    assert f.fixed == "ES256" and "did you mean" not in f.message and "this key's algorithm is 'ES256'" in f.message


@pytest.mark.parametrize("alg", ["ES256", "RSA-OAEP-256", "ECDH-ES+A128KW", "A256GCM", "none"])
def test_jwk_alg_registered_names_are_not_unknown(ec_key, alg):
    assert "is not a registered" not in " ".join(f.message for f in lint_jwk(public(ec_key) | {"alg": alg})[1])


def test_jwk_alg_unregistered_gives_no_fix_it_cannot_back(rsa_key):
    key = public(jwk.JWK.generate(kty="OKP", crv="X25519")) | {"alg": "FOOBAR-9000"}
    (f,) = lint_jwk(key)[1]
    assert f.fixed is None and "is not a registered algorithm name" in f.message
