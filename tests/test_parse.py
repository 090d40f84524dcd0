import json

import pytest
from hypothesis import given, settings, strategies as st

from jwtlint import limits
from jwtlint.token.b64 import b64url_encode
from jwtlint.token.jsonparse import LargeNumber, analyse_json
from jwtlint.token.parse import parse_token, time_claim

from tokens import seg, token


def test_jws_roles_and_offsets():
    t = parse_token(token())
    assert t.form == "jws" and [s.role for s in t.segments] == ["header", "payload", "signature"]
    h, p, s = t.segments
    assert p.start == len(h.text) + 1 and s.start == p.end + 1
    assert t.header == {"alg": "HS256", "typ": "JWT"} and t.payload["sub"] == "1234"


def test_jwe_and_unsecured_forms():
    jwe = seg({"alg": "RSA-OAEP", "enc": "A256GCM"}) + ".a.b.c.d"
    assert parse_token(jwe).form == "jwe"
    assert [s.role for s in parse_token(jwe).segments][1] == "encrypted_key"
    unsecured = seg({"alg": "none"}) + "." + seg({"sub": "x"}) + "."
    assert parse_token(unsecured).form == "unsecured"


def test_unencoded_payload_is_not_judged_as_base64():
    t = parse_token(seg({"alg": "HS256", "b64": False, "crit": ["b64"]}) + ".$02 raw text.c2ln")
    assert t.payload_unencoded and t.payload is None and t.whitespace == ()
    assert t.segment("payload").text == "$02 raw text"


@pytest.mark.parametrize(
    "value,unit,seconds,problem",
    [
        (1700000000, "s", 1700000000, None),
        (1700000000123, "ms", 1700000000.123, None),
        (1700000000123456, "us", 1700000000.123456, None),
        (1700000000123456789, "ns", 1700000000.123456789, None),
        (638000000000000000, "ticks", 1664403200, None),  # .NET DateTime.Ticks for 2022-09-28T22:13:20Z
        ("1700000000", "s", 1700000000, "string"),
        (True, None, None, "not-numeric"),
        (float("inf"), None, None, "not-finite"),
        (LargeNumber("9" * 5000), None, None, "too-large"),
        (10**25, None, None, "too-large"),
    ],
)
def test_time_claims(value, unit, seconds, problem):
    tc = time_claim("exp", value)
    assert (tc.unit, tc.problem) == (unit, problem)
    if seconds is None:
        assert tc.seconds is None
    else:
        assert tc.seconds == pytest.approx(seconds)


def test_whole_seconds_are_exact_for_integers():
    assert time_claim("exp", 1700000000999999999).whole_seconds == 1700000000  # a float would round up
    assert time_claim("exp", "1603472160417").whole_seconds == 1603472160
    assert time_claim("exp", 1700000000.9).whole_seconds == 1700000000


def test_json_duplicates_bom_and_utf8():
    ev = analyse_json(b'{"alg":"HS256","alg":"none"}')
    assert ev.duplicates == ("alg",) and ev.value == {"alg": "none"}
    ev = analyse_json(b'\xef\xbb\xbf{"a":1}')
    assert ev.bom and ev.value == {"a": 1} and ev.problem is None
    ev = analyse_json(b'{"a":"\xff"}')
    assert ev.utf8_error_at == 6 and ev.is_object


def test_json_causes():
    assert analyse_json(b'{"a":1').problem == "truncated"
    assert analyse_json(b"[1,2]").problem == "not-object"
    assert analyse_json(json.dumps(json.dumps({"a": 1})).encode()).problem == "double-encoded"
    assert analyse_json(seg({"alg": "HS256"}).encode()).problem == "double-encoded"
    assert analyse_json(b"{nope}").problem == "syntax"
    assert analyse_json(b"").problem == "empty"


def test_deep_json_is_bounded():
    ev = analyse_json(b"[" * 100_000 + b"]" * 100_000)
    assert ev.problem == "too-deep"


def test_giant_integer_is_kept_as_text():
    ev = analyse_json(b'{"exp":' + b"1" * 5000 + b"}")
    assert isinstance(ev.value["exp"], LargeNumber) and len(ev.value["exp"]) == 5000


def test_every_kind_of_fact_is_recorded_in_its_own_field():
    big = "9" * 50  # past MAX_INT_DIGITS, under Python's 4300-digit limit: read, then kept as text
    ev = analyse_json(f'{{"a":1,"a":2,"n":NaN,"x":{big},"c":{{"b":1,"b":2}},"i":-Infinity}}'.encode())
    assert sorted(ev.duplicates) == ["a", "b"] and ev.constants == ("NaN", "-Infinity")  # inner objects close first
    assert isinstance(ev.value["x"], LargeNumber) and ev.value["x"] == big
    clean = analyse_json(b'{"exp":1700000000,"sub":"x"}')
    assert (clean.duplicates, clean.constants, clean.problem) == ((), (), None)


def test_member_ranges_are_byte_ranges_of_key_and_value():
    data = '\ufeff{ "a" : {"b":1,"b":2}, "é":"ü", "a":[1, 2] ,"n":NaN}'.encode()
    ev = analyse_json(data, members=True)
    assert ev.bom and set(ev.members) == {"a", "é", "n"}
    for name, value in (("a", b"[1, 2]"), ("\u00e9", '"ü"'.encode()), ("n", b"NaN")):
        (ks, ke), (vs, ve) = ev.members[name]
        assert data[ks:ke] == f'"{name}"'.encode() and data[vs:ve] == value  # the last "a", in bytes after the BOM
    assert analyse_json(b'{"a":1}').members == {}  # only asked for by the token parser


def test_member_ranges_stop_at_broken_json_and_never_raise():
    assert dict(analyse_json(b'{"a":1,"b":2', members=True).members) == {}  # not an object: no members
    from jwtlint.token.jsonparse import MemberRanges

    assert dict(MemberRanges(b'{"a":1, "b" 2}', False)) == {"a": ((1, 4), (5, 6))}
    assert dict(MemberRanges(b'{"a":\xff}', False)) == {} and dict(MemberRanges(b"[1]", False)) == {}


def test_member_ranges_of_a_long_non_ascii_object_take_linear_time():
    import time

    members = 20_000  # a 600 KB payload of non-ASCII names: quadratic offset arithmetic would take minutes
    data = ("{" + ",".join(f'"ключ{i}":"значение"' for i in range(members)) + "}").encode()
    ev = analyse_json(data, members=True)
    started = time.process_time()
    ranges = dict(ev.members)
    assert time.process_time() - started < 2.0
    (ks, ke), (vs, ve) = ranges[f"ключ{members - 1}"]
    assert len(ranges) == members and data[ks:ke] == f'"ключ{members - 1}"'.encode() and data[vs:ve] == '"значение"'.encode()


def test_a_decode_outside_analyse_json_does_not_break_the_hooks():
    ev = analyse_json(b'{"a":{"b":1,"b":2},"c":NaN}', members=True)
    assert ev.members["c"] == ((19, 22), (23, 26))  # the walk re-reads nested objects with the hooks
    assert analyse_json(b'{"x":1}').duplicates == ()


def test_der_ecdsa_signature_is_recognised():
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature

    from jwtlint.token.b64 import b64url_encode

    key = ec.generate_private_key(ec.SECP256R1())
    der = key.sign(b"x", ec.ECDSA(hashes.SHA256()))
    t = parse_token(token({"alg": "ES256"}, signature=der))
    assert t.signature.der_ecdsa == decode_dss_signature(der)
    raw = parse_token(token({"alg": "ES256"}, signature=b"\x30" + b"\x44" * 63))
    assert raw.signature.der_ecdsa is None
    assert b64url_encode(der) == t.segments[2].text


def test_hex_signature_is_recognised():
    t = parse_token(token(signature=b"ab" * 32))
    assert t.signature.ascii_kind == "hex" and t.signature.ascii_decoded_length == 32


def test_oversized_token_is_not_parsed():
    t = parse_token("a" * (limits.MAX_TOKEN_CHARS + 1))
    assert t.too_large == limits.MAX_TOKEN_CHARS + 1 and t.segments == ()


@settings(max_examples=300)
@given(st.text(alphabet=st.sampled_from("eyJ.-_+/=% \nA0{}\"\\\x00\ud800"), max_size=120))
def test_parse_never_raises(text):
    parse_token(text)


@given(
    st.dictionaries(st.text(max_size=6), st.one_of(st.integers(), st.text(max_size=8), st.booleans()), max_size=6),
    st.sampled_from([(",", ":"), (", ", ": ")]),
)
def test_member_span_covers_exactly_the_encoded_member(claims, separators):
    import base64

    text = json.dumps(claims, separators=separators, ensure_ascii=False)
    t = parse_token(seg({"alg": "HS256"}) + "." + seg(text.encode()) + ".c2ln")
    payload = t.segment("payload")
    for name, value in claims.items():
        span = payload.member_span(name)
        chunk = payload.text[span.start : span.end]
        decoded = base64.urlsafe_b64decode(chunk + "=" * (-len(chunk) % 4))
        member = json.dumps(name, ensure_ascii=False) + separators[1] + json.dumps(value, ensure_ascii=False)
        assert member.encode() in decoded
        assert span.end - span.start <= len(member.encode()) * 4 // 3 + 8  # no more than the member and its edges


def test_member_span_falls_back_to_the_segment():
    t = parse_token(seg({"alg": "HS256"}) + "." + seg({"sub": "1"}) + ".c2ln")
    p = t.segment("payload")
    assert p.member_span("exp") == p.span()


@pytest.mark.parametrize(
    "data,at,problem",
    [
        (b'{"a":"\xc0\xaf"}', 6, "overlong"),  # '/' in two bytes
        (b'{"a":"\xe0\x80\xaf"}', 6, "overlong"),  # '/' in three bytes
        (b'{"a":"\xf0\x80\x80\xaf"}', 6, "overlong"),
        (b'{"a":"\xed\xa0\x80"}', 6, "surrogate"),  # U+D800 encoded as if a character (CESU-8 / WTF-8)
        (b'{"a":"\xf4\x90\x80\x80"}', 6, "too-large"),  # U+110000
        (b'{"a":"\x80"}', 6, "stray-continuation"),
        (b'{"a":"caf\xe9"}', 9, "bad-continuation"),  # Latin-1 'e acute'
        (b'{"a":"\xff"}', 6, "invalid-byte"),
        (b'{"a":1}\xe2\x82', 7, "cut-short"),
        (b'\xef\xbb\xbf{"a":"\xc0\xaf"}', 9, "overlong"),  # offsets count the BOM
    ],
)
def test_invalid_utf8_is_recorded_with_its_offset_and_kind(data, at, problem):
    ev = analyse_json(data)
    assert (ev.utf8_error_at, ev.utf8_problem) == (at, problem)


def test_valid_utf8_records_no_problem():
    ev = analyse_json('{"a":"caf\u00e9 \U0001f600"}'.encode())
    assert ev.utf8_error_at is None and ev.utf8_problem == "" and ev.problem is None


def test_invalid_utf8_in_a_token_payload_is_on_its_segment():
    payload = b64url_encode(b'{"sub":"\xed\xa0\x80"}')
    t = parse_token(seg({"alg": "HS256"}) + "." + payload + ".c2ln")
    js = t.segment("payload").json
    assert js.utf8_error_at == 8 and js.utf8_problem == "surrogate" and t.payload == {"sub": "\ufffd\ufffd\ufffd"}
