"""rules/_helpers.py: what the families share, and that it is not a family itself."""

import base64
import inspect
import json

from jwtlint.engine import Rule, registry
from jwtlint.keys.parse import parse_key_material
from jwtlint.rules import _helpers
from jwtlint.rules._helpers import (
    claim_span, cut, header_span, json_shown, member_span, pem_anchor, quoted, seconds, shown, with_article,
)  # fmt: skip
from jwtlint.token.jsonparse import LargeNumber
from jwtlint.token.parse import parse_token

from tokens import seg, token


def _decoded(t, span):
    text = t.segment(span.part).text[span.start : span.end]
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def test_the_helper_module_is_no_family():
    assert not any(inspect.isclass(v) and issubclass(v, Rule) and v is not Rule for v in vars(_helpers).values())
    assert not hasattr(_helpers, "RULES")
    assert "_helpers" not in {r.family for r in registry().rules}


def test_member_spans_point_at_the_member_and_fall_back_to_the_segment():
    t = parse_token(token({"alg": "HS256", "kid": "k1"}, {"sub": "1", "exp": 1700000600, "aud": ["a", "b"]}))
    assert b'"kid":"k1"' in _decoded(t, header_span(t, "kid"))
    assert b'"aud":["a","b"]' in _decoded(t, claim_span(t, "aud"))
    whole = t.segment("payload").span()
    assert claim_span(t, "nbf") == claim_span(t) == member_span(t, "payload") == whole  # absent: the payload
    assert member_span(t, "signature") == t.segment("signature").span()
    two = parse_token(seg({"alg": "none"}) + "." + seg({"sub": "1"}))  # no signature segment at all
    assert member_span(two, "signature") is None and header_span(parse_token(""), "alg") is not None


def test_seconds_reads_what_the_parser_understood():
    t = parse_token(token(payload={"exp": 1700000600000, "iat": "soon"}))
    assert seconds(t, "exp") == 1700000600 and seconds(t, "iat") is None and seconds(t, "nbf") is None


def test_pem_anchor_is_the_begin_line_of_a_pem_block_else_the_block():
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import ec

    key = ec.generate_private_key(ec.SECP256R1())
    pem = key.public_key().public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
    text = "x\n" + pem.decode()
    (t,) = parse_key_material(text)
    (block,) = t.blocks
    anchor = pem_anchor(block)
    assert text[anchor.start : anchor.end] == "-----BEGIN PUBLIC KEY-----"
    der = pem.decode().splitlines()[1:-1]
    (b64,) = parse_key_material("".join(der))[0].blocks  # bare base64 DER: no armor to point at
    assert b64.form != "pem" and pem_anchor(b64) == b64.span
    assert pem_anchor(block, forms=("openssh",)) == block.span


def test_values_are_cut_short_and_quoted_as_each_message_needs():
    assert cut("x" * 80) == "x" * 80 and cut("x" * 81) == "x" * 77 + "..." and len(cut("y" * 10**6)) == 80
    assert shown("iss") == "'iss'" and shown("iss", quoted=False) == "iss" and shown(5, quoted=False) == "5"
    assert quoted("a" * 101) == repr("a" * 100 + "...") and quoted("ab", 1) == "'a...'"
    assert json_shown({"a": [1, "é"]}) == json.dumps({"a": [1, "é"]}, ensure_ascii=False)
    assert json_shown(LargeNumber("-" + "9" * 50)) == "a 50-digit number"


def test_the_article_goes_by_the_sound():
    phrases = ("RSA 2048-bit public key", "HS256", "hs256", "PS256", "8-byte HMAC secret", "EC P-256 key", "32-byte HMAC secret")
    said = [with_article(p) for p in phrases]
    assert said == ["an RSA 2048-bit public key", "an HS256", "an hs256", "a PS256", "an 8-byte HMAC secret",
                    "an EC P-256 key", "a 32-byte HMAC secret"]  # fmt: skip
