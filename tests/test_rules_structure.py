import base64
import json

import jwt
import pytest

import jwtlint
from jwtlint.token.b64 import b64url_encode
from jwtlint.engine import Applicability, Severity

from tokens import NOW, seg

TOK = jwt.encode({"sub": "1", "iat": NOW, "exp": NOW + 600}, "k" * 32, algorithm="HS256")


def names(text, **kw):
    return sorted(f.name for f in jwtlint.lint(text, now=NOW, **kw).findings)


def only(text, name, **kw):
    found = [f for f in jwtlint.lint(text, now=NOW, **kw).findings if f.name == name]
    assert len(found) == 1, found
    return found[0]


def test_segment_count():
    h, p, s = TOK.split(".")
    f = only(f"{h}.{p}", "segment-count")
    assert "signature" in f.message and f.span.part == "payload"
    assert "segments" in only(TOK + ".abc", "segment-count").message
    assert names("opaque-access-token-123") == ["segment-count"]


def test_empty_header_and_detached_payload():
    h, p, s = TOK.split(".")
    assert only(f".{p}.{s}", "empty-segment").severity == Severity.ERROR
    detached = seg({"alg": "HS256"}) + ".." + s
    assert only(detached, "empty-segment").severity == Severity.INFO


def test_std_alphabet_fixed_value_and_positions():
    payload = json.dumps({"sub": "zoé?>", "exp": NOW + 60}, separators=(",", ":")).encode()
    std = base64.b64encode(payload).decode().rstrip("=")
    assert "+" in std or "/" in std
    text = f"{seg({'alg': 'HS256'})}.{std}.{b64url_encode(b'x' * 32)}"
    f = only(text, "std-base64-alphabet")
    assert f.fixed == b64url_encode(payload)
    assert std[f.span.start] in "+/" and f.span.part == "payload"
    assert f.applicability == Applicability.UNSAFE and "sign" in f.fix


def test_padding_on_signature_is_safe_and_hidden():
    h, p, s = TOK.split(".")
    padded = f"{h}.{p}.{s}="  # HS256: 32 bytes -> 43 chars; one '=' completes it
    f = only(padded, "base64-padding")
    assert f.span.part == "signature" and (f.span.start, f.span.end) == (43, 44)
    assert f.applicability == Applicability.SAFE and f.fixed == s
    assert s not in jwtlint.lint(padded, now=NOW).to_json()


def test_invalid_character_dangling_and_inner_padding():
    h, p, s = TOK.split(".")
    f = only(f"{h}.{p[:10]}?{p[10:]}.{s}", "invalid-base64-char")
    assert "'?'" in f.message and f.span.start == 10
    msgs = [x.message for x in jwtlint.lint(f"{h}.{p}.{s}AA", now=NOW).findings if x.name == "invalid-base64-char"]
    assert any("leaves one over" in m for m in msgs)
    glued = f"{h}.{p[:8]}={p[8:]}.{s}"
    f = only(glued, "invalid-base64-char")
    assert "'=' inside" in f.message and f.span.start == 8


def test_non_canonical_last_character():
    h, p, s = TOK.split(".")
    assert len(s) % 4 == 3  # 32 bytes: the last character carries 2 unused bits
    from jwtlint.token.b64 import analyse

    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
    bad = s[:-1] + alphabet[alphabet.index(s[-1]) | 1]
    assert analyse(bad).decoded == analyse(s).decoded
    f = only(f"{h}.{p}.{bad}", "non-canonical-base64")
    assert f.fixed == s and f.span.start == len(s) - 1


@pytest.mark.parametrize(
    "payload,cause",
    [
        (b'{"sub":"1"', "ends before"),
        (b"[1,2]", "array"),
        (seg({"sub": "1"}).encode(), "encoded twice"),
        (b'\xef\xbb\xbf{"sub":"1"}', "byte-order mark"),
        (b'{"sub":"\xff"}', "UTF-8"),
        (b'{"exp":NaN}', "NaN"),
    ],
)
def test_payload_not_json_with_cause(payload, cause):
    text = f"{seg({'alg': 'HS256', 'typ': 'JWT'})}.{b64url_encode(payload)}.{b64url_encode(b'x' * 32)}"
    f = only(text, "segment-not-json")
    assert cause in f.message and f.severity == Severity.ERROR and f.fix


def test_plain_jws_payload_not_json_is_info():
    text = f"{seg({'alg': 'HS256'})}.{b64url_encode(b'hello world')}.{b64url_encode(b'x' * 32)}"
    assert only(text, "segment-not-json").severity == Severity.INFO
    # ... but an error once claim checks are asked for
    assert only(text, "segment-not-json", audience="api").severity == Severity.ERROR


def test_duplicate_member():
    header = b'{"alg":"HS256","alg":"none"}'
    text = f"{b64url_encode(header)}.{seg({'sub': '1'})}.{b64url_encode(b'x' * 32)}"
    f = only(text, "duplicate-json-member")
    assert "'alg'" in f.message and f.span.part == "header"


def test_jwe_is_info_only():
    text = seg({"alg": "RSA-OAEP", "enc": "A256GCM"}) + ".a2V5.aXY.Y2lwaGVy.dGFn"
    report = jwtlint.lint(text, now=NOW)
    assert [f.name for f in report.findings] == ["jwe-token"] and report.ok


def test_clean_pyjwt_tokens_draw_nothing():
    assert names(TOK) == []


# --- what a JWT's payload must be (RFC 7519 §7.2 steps 9-10, RFC 8259 §8.1) -------------------------------------


def _plain(payload, header=None):
    return f"{seg(header or {'alg': 'HS256'})}.{b64url_encode(payload)}.{b64url_encode(b'x' * 32)}"


@pytest.mark.parametrize("payload", [b"[]", b'["sub"]', b"{", b'{"sub":"1"', b' [1, 2'])
def test_json_payload_that_is_not_an_object_is_an_error_without_typ(payload):
    f = only(_plain(payload), "segment-not-json")
    assert f.severity == Severity.ERROR and "so this is a JWT" in f.message


@pytest.mark.parametrize("payload", [b"null", b"true", b"0", b'""'])
def test_json_scalar_payload_is_an_error_for_a_jwt(payload):
    assert only(_plain(payload, {"alg": "HS256", "typ": "JWT"}), "segment-not-json").severity == Severity.ERROR
    assert only(_plain(payload, {"alg": "HS256", "typ": "at+jwt"}), "segment-not-json").severity == Severity.ERROR
    assert only(_plain(payload), "segment-not-json", issuer="https://i").severity == Severity.ERROR
    # ... and only noted in a plain JWS: Wycheproof signs the payload "123400" as a valid JWS
    assert only(_plain(payload), "segment-not-json").severity == Severity.INFO


@pytest.mark.parametrize(
    "raw,shown,kind",
    [
        (b'{"sub":"\xc0\xaf"}', "C0 AF at byte 8", "overlong encoding"),
        (b'{"sub":"\xed\xa0\x80"}', "ED A0 80 at byte 8", "UTF-16 surrogate"),
        (b'{"sub":"caf\xe9"}', "E9 at byte 11", "lead byte not followed"),
        (b'{"sub":"\x80"}', "80 at byte 8", "continuation byte with no lead"),
    ],
)
def test_claims_set_not_utf8_is_an_error_with_the_precise_cause(raw, shown, kind):
    f = only(_plain(raw), "segment-not-json")
    assert f.severity == Severity.ERROR and f"bytes {shown}" in f.message and kind in f.message
    assert "U+FFFD" in f.message and "RFC 8259" in f.fix
    # the span is the base64 characters that encode the bad bytes
    text = _plain(raw).split(".")[1][f.span.start : f.span.end]
    assert f.span.part == "payload" and bytes.fromhex(shown.split(" at ")[0]) in base64.urlsafe_b64decode(text + "==")


def test_binary_payload_of_a_plain_jws_stays_info():
    f = only(_plain(b"\x89PNG\r\n\x1a\n\xff\xfe"), "segment-not-json")
    assert f.severity == Severity.INFO


def test_rfc7515_a4_plain_payload_is_only_noted():
    # RFC 7515 A.4 signs the payload "Payload" (copied in test_rules_header): a plain JWS.
    text = "eyJhbGciOiJFUzUxMiJ9.UGF5bG9hZA." + b64url_encode(b"x" * 132)
    assert only(text, "segment-not-json").severity == Severity.INFO


# --- an empty token with a key: the key given to verify with is not what is checked ------------------------------


def _ec_pem():
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import ec

    key = ec.generate_private_key(ec.SECP256R1()).public_key()
    return key.public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo).decode()


@pytest.mark.parametrize("text", ["", "   \n", "\t"])
def test_lint_without_a_token_has_no_targets_with_or_without_a_key(text):
    pem = _ec_pem()
    assert jwtlint.lint(text, now=NOW).targets == ()
    assert jwtlint.lint(text, key=pem, now=NOW).targets == ()
    # the key is still linted next to a token, and on its own when it is the input
    assert [t.kind for t in jwtlint.lint(TOK, key=pem, now=NOW).targets] == ["token", "key"]
    assert [t.kind for t in jwtlint.lint(pem, now=NOW).targets] == ["key"]


def test_check_an_empty_token_with_a_key_fails(tmp_path):
    from typer.testing import CliRunner

    from jwtlint.cli.app import app

    key = tmp_path / "pub.pem"
    key.write_text(_ec_pem())
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    runner = CliRunner()
    for args in (["check", str(empty), "--key", str(key)], ["check", "", "--key", str(key)]):
        result = runner.invoke(app, args)
        assert result.exit_code == 2 and "no token found" in result.output, args
    result = runner.invoke(app, ["check", str(key)])  # key material as the input is linted
    assert result.exit_code == 0 and "PUBLIC KEY" in result.output
    result = runner.invoke(app, ["check", TOK, "--key", str(key), "--now", str(NOW)])
    assert result.exit_code == 1 and "PUBLIC KEY" in result.output  # the ES key cannot verify HS256
