"""The JWK parser (jwtlint/keys/jwkparse.py): the facts it records, and hostile input it must survive."""

import json
import time

import pytest
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from jwcrypto import jwk

from jwtlint import limits
from jwtlint.token.b64 import b64url_encode
from jwtlint.keys.jwkparse import parse_jwk_json, parse_jwk_material


def one(text):
    (t,) = parse_jwk_json(text)
    return t


def test_member_spans_point_at_the_values_in_the_text():
    key = jwk.JWK.generate(kty="EC", crv="P-256", kid="k 1")
    text = json.dumps(json.loads(key.export_public()), indent=2)  # whitespace and newlines between members
    t = one(text)
    for name, m in t.record.members.items():
        assert text[m.span.start : m.span.end] == m.value, name
        assert m.literal
    assert text[t.record.span.start : t.record.span.end] == text.strip()


def test_jwks_entries_have_their_own_spans_and_indexes():
    keys = [json.loads(jwk.JWK.generate(kty="EC", crv="P-256", kid=f"k{i}").export_public()) for i in range(3)]
    text = json.dumps({"keys": keys})
    t = one(text)
    assert t.kind == "jwks" and [r.index for r in t.records] == [0, 1, 2]
    for r, k in zip(t.records, keys):
        assert json.loads(text[r.span.start : r.span.end]) == k
        assert text[r.member_span("kid").start : r.member_span("kid").end] == k["kid"]
    assert len(t.keys) == 3 and [k.index for k in t.keys] == [0, 1, 2] and t.keys[0].source == "jwks"


def test_keyinfo_fields_come_from_the_jwk():
    priv = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    key = jwk.JWK.from_pyca(priv.public_key())
    doc = json.loads(key.export_public()) | {"kid": "a", "alg": "RS256", "use": "sig", "key_ops": ["verify"]}
    (k,) = one(json.dumps(doc)).keys
    assert (k.kty, k.private, k.bits, k.kid, k.alg, k.use, k.key_ops, k.source) == (
        "RSA", False, 2048, "a", "RS256", "sig", ("verify",), "jwk")
    assert k.public.public_numbers() == priv.public_key().public_numbers()
    assert json.loads(k.raw) == doc  # the exact text, for alg-confusion checks


def test_private_keys_of_every_type_are_built_and_masked():
    for params in ({"kty": "RSA", "size": 2048}, {"kty": "EC", "crv": "P-521"}, {"kty": "OKP", "crv": "Ed448"},
                   {"kty": "oct", "size": 256}):
        text = jwk.JWK.generate(**params).export(private_key=True)
        t = one(text)
        (k,) = t.keys
        assert k.private, params
        for name in t.record.private_members:
            value = t.record.members[name].value
            assert value not in t.input_text and value not in repr(t) and value not in repr(t.record.members[name])
        assert len(t.input_text) == len(text)  # masked in place: offsets still hold


def test_base64_evidence_and_leading_zeros_are_recorded():
    t = one('{"kty":"RSA","n":"AMu5+w==","e":"AQAB","x5c":["MIIB+/=="]}')
    n = t.record.members["n"]
    assert n.b64.padding == 2 and n.b64.std_chars == (4,) and n.leading_zeros == 1 and n.decoded == b"\x00\xcb\xb9\xfb"
    assert t.record.members["x5c"].b64 is None  # standard base64 by definition: not judged as base64url
    assert [f.label for f in t.encoded_fields()] == ['JWK member "n"', 'JWK member "e"']


def test_duplicates_per_object_and_escaped_strings():
    t = one('{"kty":"oct","k":"AAAA","k":"QUJD","kid":"\\u0041"}')
    assert t.record.duplicates == ("k",)
    assert t.record.get("k") == "QUJD"  # the last one, as JSON parsers keep
    kid = t.record.members["kid"]
    assert kid.value == "A" and not kid.literal


def test_ec_point_off_the_curve_is_recorded_not_raised():
    pub = ec.generate_private_key(ec.SECP256R1()).public_key().public_numbers()
    doc = json.loads(jwk.JWK.from_pyca(ec.generate_private_key(ec.SECP256R1()).public_key()).export_public())
    doc["y"] = jwk.base64url_encode((pub.y ^ 2).to_bytes(32, "big"))
    t = one(json.dumps(doc))
    assert t.record.on_curve is False and t.keys == ()


def test_not_a_jwk_gives_no_target_and_material_always_one():
    assert parse_jwk_json('{"access_token": "x"}') == []
    assert parse_jwk_json("[1, 2]") == []
    (t,) = parse_jwk_material("[1, 2]")
    assert t.kind == "jwk" and t.record is None and t.json.problem


HOSTILE = {
    "100,000-digit n": '{"kty":"RSA","n":' + "9" * 100_000 + ',"e":"AQAB"}',
    "100 KB n": '{"kty":"RSA","n":"' + "z" * 100_000 + '","e":"AQAB"}',
    "65,537-bit n": '{"kty":"RSA","n":"' + b64url_encode(((1 << 65536) | 1).to_bytes(8193, "big")) + '","e":"AQAB"}',
    "deep nesting": '{"kty":"RSA","n":' + "[" * 100_000 + "]" * 100_000 + "}",
    "5000 keys": json.dumps({"keys": [{"kty": "oct", "k": "AAAA"}] * 5000}),
    "truncated": '{"kty":"RSA","d":"c2VjcmV0LWtleS1tYXRlcmlhbA","n":',
    "lone surrogate": '{"kty":"oct","k":"\ud800"}',
    "keys not a list": '{"keys": 5}',
    "huge e": '{"kty":"RSA","n":"' + "_" * 342 + '","e":"' + "_" * 5000 + '"}',
    "ec junk": '{"kty":"EC","crv":"P-256","x":"' + "A" * 43 + '","y":"' + "_" * 43 + '","d":"' + "_" * 43 + '"}',
    "okp junk": '{"kty":"OKP","crv":"Ed25519","x":"AA","d":"' + "A" * 43 + '"}',
    "rsa d without factors": '{"kty":"RSA","n":"' + "_" * 342 + '","e":"AQAB","d":"' + "A" * 300 + 'B"}',
}


@pytest.mark.parametrize("text", HOSTILE.values(), ids=HOSTILE.keys())
def test_hostile_input_is_recorded_in_bounded_time(text):
    from jwtlint import lint

    start = time.perf_counter()
    targets = parse_jwk_json(text)
    report = lint(text, now=0)
    elapsed = time.perf_counter() - start
    assert elapsed < 2.0
    assert len(targets) == 1
    assert "internal-error" not in report.names()
    assert report.errors  # every one of them is broken, and says so


def test_limits_bound_the_key_count_and_rsa_size():
    t = one(HOSTILE["5000 keys"])
    assert len(t.records) == limits.MAX_JWKS_KEYS and t.skipped == 5000 - limits.MAX_JWKS_KEYS
    big = one(HOSTILE["65,537-bit n"])
    member, message = big.record.key_problem
    assert member == "n" and "65,537 bits" in message and big.keys == ()


def test_a_key_without_kty_is_still_read_as_a_jwk():
    # confidential-containers/guest-components#184: a "JWK" with standard-base64 n and e and no kty
    text = '{"alg": "RSA1_5", "n": "psU/ai+q1f8weia3ziqqYCkqtS1iqputjsd0zOJMQGNad56WblR3qZu3iFxtDl2g6OeBBWlDFFaZT7R3xbae7w==", "e": "AQAB"}'
    t = one(text)
    assert t.kind == "jwk" and t.record.kty is None and t.keys == ()
    assert parse_jwk_json('{"access_token": "eyJ.e30.x", "expires_in": 3600}') == []


def test_byte_order_mark_and_surrounding_whitespace_keep_offsets():
    key = json.loads(jwk.JWK.generate(kty="EC", crv="P-256").export_public())
    text = "\ufeff\n  " + json.dumps(key) + "\n"
    t = one(text)
    assert t.keys and t.json.bom
    x = t.record.members["x"]
    assert text[x.span.start : x.span.end] == key["x"]


_B64ISH = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_+/=.~ "


def _jwk_like():
    from hypothesis import strategies as st

    value = st.one_of(
        st.text(alphabet=_B64ISH, max_size=90), st.integers(), st.none(), st.booleans(),
        st.lists(st.text(alphabet=_B64ISH, max_size=8), max_size=3),
    )  # fmt: skip
    members = st.sampled_from(["kty", "crv", "n", "e", "d", "p", "q", "dp", "dq", "qi", "x", "y", "k", "alg", "use",
                               "key_ops", "kid", "x5c", "oth"])  # fmt: skip
    kty = st.one_of(st.sampled_from(["RSA", "EC", "OKP", "oct", "AKP", "rsa", ""]), value)
    crv = st.one_of(st.sampled_from(["P-256", "P-384", "P-521", "secp256k1", "Ed25519", "Ed448", "X25519", "X448", "P-256K"]), value)
    one_key = st.fixed_dictionaries({"kty": kty, "crv": crv}, optional={}).flatmap(
        lambda base: st.dictionaries(members, value, max_size=8).map(lambda extra: {**base, **extra}))
    return st.one_of(one_key, st.lists(one_key, max_size=4).map(lambda ks: {"keys": ks}))


def test_any_jwk_shaped_json_is_parsed_and_linted_without_a_crash():
    from hypothesis import given, settings

    from jwtlint import lint

    @settings(max_examples=60, deadline=None)
    @given(_jwk_like())
    def check(doc):
        text = json.dumps(doc)
        (t,) = parse_jwk_json(text)
        assert t.kind in ("jwk", "jwks")
        assert "internal-error" not in lint(text, now=0).names()

    check()
