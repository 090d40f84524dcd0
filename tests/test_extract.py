"""Extraction: tokens, PEM blocks and JWKs found in files as people really commit them, with line:col."""

import io
import json

import jwt
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa

from jwtlint.scan.extract import find_all, iter_found

RSA_KEY = rsa.generate_private_key(public_exponent=65537, key_size=2048)
EC_KEY = ec.generate_private_key(ec.SECP256R1())
TOKEN = jwt.encode({"sub": "1234567890", "name": "Jane", "iat": 1516239022}, "k" * 32, algorithm="HS256")
H, P, S = TOKEN.split(".")
PKCS1 = RSA_KEY.private_bytes(
    serialization.Encoding.PEM, serialization.PrivateFormat.TraditionalOpenSSL, serialization.NoEncryption()
).decode()
PKCS8_EC = EC_KEY.private_bytes(
    serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
).decode()
PEM_LINES = PKCS1.strip().splitlines()


def where(text: str, sub: str) -> tuple[int, int]:
    """1-based line and column of the first ``sub`` in ``text`` (characters)."""
    before = text[: text.index(sub)]
    return before.count("\n") + 1, len(before) - (before.rfind("\n") + 1) + 1


def found(text: str):
    data = text.encode()
    result = find_all(data)
    assert found_with_grep(data) == result  # the scan's way: from grep's offsets (extract.found_at)
    return result


def found_with_grep(data: bytes):
    """The targets of ``data`` as a scan finds them in a file grep listed: from grep's offsets and lines."""
    import os
    import tempfile

    from jwtlint.scan import prefilter as prefilter
    from jwtlint.scan.extract import found_at

    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, "file")
        with open(path, "wb") as fh:
            fh.write(data)
        pending = prefilter.start([path])
        assert pending is not None and pending.result() is not None
        occurrences = pending.occurrences(path)
    assert occurrences is not None
    return found_at(data, occurrences)


def tokens(text: str):
    return [f for f in found(text) if f.kind == "token"]


# --- tokens in source files ----------------------------------------------------


def test_python_string_and_implicit_concatenation():
    src = f'''import requests

AUTH = "{TOKEN}"
SPLIT = ("{H}."
         "{P}."
         "{S}")
'''
    a, b = tokens(src)
    assert a.text == TOKEN and (a.line, a.column) == where(src, TOKEN) and a.how == ""
    assert b.text == TOKEN and b.how == "concatenated" and (b.line, b.column) == (4, 11)


def test_javascript_plus_concatenation_over_lines():
    src = f"""const token =
  '{H}.' +
  '{P}.' +
  '{S}';
fetch(url, {{ headers: {{ Authorization: `Bearer {TOKEN}` }} }});
"""
    a, b = tokens(src)
    assert a.text == TOKEN and a.how == "concatenated" and (a.line, a.column) == (2, 4)
    assert b.text == TOKEN and (b.line, b.column) == where(src, TOKEN)


def test_java_concatenation_with_dot_literals():
    src = f'String jwt = "{H}" + "." + "{P}" + ".{S}";\n'
    (t,) = tokens(src)
    assert t.text == TOKEN and t.how == "concatenated"


def test_go_raw_string_and_plus_at_line_start():
    src = f"""package main

const tok = `{TOKEN}`
var tok2 = "{H}." +
	"{P}." +
	"{S}"
"""
    a, b = tokens(src)
    assert a.text == TOKEN and (a.line, a.column) == (3, 14)
    assert b.text == TOKEN and b.how == "concatenated"


def test_yaml_env_and_json_values():
    yaml = f"auth:\n  token: {TOKEN}\n  other: eyJub3QiOiJhIHRva2VuIn0\n"
    env = f"API_TOKEN={TOKEN}\nQUOTED='{TOKEN}'\n"
    js = json.dumps({"access_token": TOKEN, "token_type": "Bearer"})
    (y,) = tokens(yaml)
    assert (y.line, y.column) == (2, 10)  # base64 JSON without a dot is no token
    assert [(t.line, t.column) for t in tokens(env)] == [(1, 11), (2, 9)]
    (j,) = tokens(js)
    assert j.text == TOKEN and j.column == js.index(TOKEN) + 1


def test_markdown_prose_wrapped_and_full_stop():
    wrapped = "\n".join(TOKEN[i : i + 76] for i in range(0, len(TOKEN), 76))
    md = f"Send it as a bearer token: `{TOKEN}`.\n\nOr this one: {TOKEN}.\n\n```\n{wrapped}\n```\n"
    a, b, c = tokens(md)
    assert a.text == b.text == TOKEN  # the sentence's full stop is not a segment
    assert c.text == TOKEN and c.how == "wrapped" and c.line == 6


def test_broken_tokens_are_kept_as_committed():
    std = TOKEN.replace("-", "+").replace("_", "/") + "=="
    (t,) = tokens(f'x = "{std}"')
    assert t.text == std  # standard alphabet and padding: the rules report them


def test_eyj_inside_a_longer_base64_run_is_not_a_token():
    assert tokens("data:image/png;base64,iVBORw0KGgoeyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.abc\n") == []


def test_two_tokens_in_an_array_are_two_targets():
    src = json.dumps([TOKEN, TOKEN], indent=1)
    assert len(tokens(src)) == 2


# --- PEM blocks ----------------------------------------------------------------


def test_pem_block_raw_with_line_and_label():
    src = "# deploy key\n" + PKCS1 + "trailing\n"
    (k,) = found(src)
    assert k.kind == "pem" and (k.line, k.column) == (2, 1)
    assert k.text == PKCS1.strip()


def test_pem_with_escaped_newlines_in_json_env_and_yaml():
    escaped = PKCS8_EC.strip().replace("\n", "\\n")
    for src in (
        json.dumps({"private_key": PKCS8_EC}),  # what a Google service-account file looks like
        f'JWT_PRIVATE_KEY="{escaped}"\n',
        f'signing:\n  key: "{escaped}"\n',
    ):
        (k,) = found(src)
        assert k.kind == "pem" and k.how == "escaped-newlines"
        assert k.text == PKCS8_EC.strip(), src[:30]


def test_pem_built_line_by_line_in_java():
    body = " +\n".join(f'    "{line}\\n"' for line in PEM_LINES)
    src = f"static final String KEY =\n{body};\n"
    (k,) = found(src)
    assert k.how == "string-lines" and (k.line, k.column) == (2, 6)
    assert k.text.splitlines() == PEM_LINES


def test_pem_in_yaml_block_scalar_is_dedented():
    indented = "\n".join("    " + line for line in PEM_LINES)
    (k,) = found(f"tls:\n  key: |\n{indented}\n")
    assert k.text.splitlines() == PEM_LINES and k.column == 5


def test_placeholder_pem_is_not_a_key():
    doc = "-----BEGIN RSA PRIVATE KEY-----\nMIIE...\n-----END RSA PRIVATE KEY-----\n"
    assert found(doc) == []


# --- JWK and JWKS --------------------------------------------------------------


def test_jwk_and_jwks_objects():
    from jwt.algorithms import ECAlgorithm

    jwk = json.loads(ECAlgorithm.to_jwk(EC_KEY.public_key()))
    jwks = json.dumps({"keys": [jwk, jwk]}, indent=2)
    src = f"const key = {json.dumps(jwk)};\n\n{jwks}\n"
    a, b = found(src)
    assert a.kind == "jwk" and json.loads(a.text) == jwk and (a.line, a.column) == (1, 13)
    assert b.kind == "jwks" and json.loads(b.text)["keys"] == [jwk, jwk] and b.line == 3


def test_json_that_is_not_a_jwk_is_ignored():
    assert found('{"kty": }\n{"keys": ["a", "b"]}\nprint(d["keys"])\n') == []


# --- suppressions ----------------------------------------------------------------


@pytest.mark.parametrize(
    "comment",
    ["# jwtlint: ignore", "// jwtlint: ignore", "/* jwtlint: ignore */", "<!-- jwtlint: ignore -->",
     "-- jwtlint: ignore", "; jwtlint: ignore"],
)  # fmt: skip
def test_suppression_in_any_comment_syntax_on_the_line_before(comment):
    (t,) = tokens(f"{comment}\nTOKEN = '{TOKEN}'\n")
    assert t.suppressed == frozenset()


def test_suppression_on_the_same_line_with_names():
    (t,) = tokens(f"TOKEN = '{TOKEN}'  # jwtlint: ignore[live-token-in-repo, JWT404]\n")
    assert t.suppressed == {"live-token-in-repo", "JWT404"}


def test_suppression_two_lines_above_does_not_count():
    (t,) = tokens(f"# jwtlint: ignore\n\nTOKEN = '{TOKEN}'\n")
    assert t.suppressed is None


# --- bytes, encodings and chunks -------------------------------------------------


def test_columns_count_characters_and_survive_invalid_utf8():
    data = "é€😀 ".encode() + b"\xff\xfe " + TOKEN.encode() + b"\n"
    (t,) = find_all(data)
    assert (t.line, t.column) == (1, 4 + 3 + 1)  # 4 characters, 2 invalid bytes, 1 space
    assert t.offset == data.index(b"eyJ")


def test_latin1_file():
    data = "caf\xe9 = '".encode("latin-1") + TOKEN.encode() + b"'\n"
    (t,) = find_all(data)
    assert t.text == TOKEN and t.column == 9


@pytest.mark.parametrize("chunk", [7, 64, 1000, 4096])
def test_chunked_reading_finds_the_same_as_whole_reading(chunk, monkeypatch):
    from jwtlint import limits

    monkeypatch.setattr(limits, "SCAN_OVERLAP_BYTES", 200)
    filler = "x = 1  # é\n" * 37
    src = filler + f'a = "{TOKEN}"\n' + filler + PKCS1 + filler + f"# jwtlint: ignore\nb = '{TOKEN}'\n" + filler
    whole = find_all(src.encode())
    parts = list(iter_found(io.BytesIO(src.encode()), chunk_size=chunk))
    assert [(f.kind, f.line, f.column, f.text, f.suppressed) for f in parts] == [
        (f.kind, f.line, f.column, f.text, f.suppressed) for f in whole
    ]
    assert len(whole) == 3


def test_digest_survives_moves_and_hides_the_text():
    a = tokens(f"x = '{TOKEN}'\n")[0]
    b = tokens(f"\n\n\n        y = \"{TOKEN}\"\n")[0]
    assert a.digest == b.digest and TOKEN not in a.digest and len(a.digest) == 64


def test_same_line_suppression_of_a_target_does_not_reach_the_next_line():
    a, b = tokens(f"A={TOKEN}  # jwtlint: ignore\nB={TOKEN}\n")
    assert a.suppressed == frozenset() and b.suppressed is None


def test_elided_tokens_and_placeholder_jwks_are_illustrations():
    doc = (
        'AUTH = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhZG1pbiJ9.Qm9i..."\n'
        "Authorization: Bearer eyJhbGciOiJIUzI1NiJ9…\n"
        '{"kty": "RSA", "n": "...", "e": "AQAB"}\n'
        '{"kty": "EC", "d": "<private key>", "crv": "P-256"}\n'
    )
    assert found(doc) == []
    (t,) = tokens(f"see {TOKEN}... and more")  # a whole token, then an ellipsis in prose
    assert t.text == TOKEN


def test_short_reads_are_not_the_end_of_the_file():
    class Trickle(io.BytesIO):
        def read(self, n=-1):  # like a pipe or an interrupted read(): fewer bytes than asked
            return super().read(min(n, 5) if n and n > 0 else n)

    src = f"x = 1\nTOKEN = '{TOKEN}'\n" + PKCS1
    got = [(f.kind, f.line, f.text) for f in iter_found(Trickle(src.encode()), chunk_size=64)]
    assert got == [(f.kind, f.line, f.text) for f in found(src)] and len(got) == 2


def test_a_pem_digest_is_the_hash_of_its_base64_characters_only():
    import hashlib

    (a,) = found(f"x:\n{PKCS1}")
    (b,) = found(json.dumps({"k": PKCS1.replace("\n", "\r\n")}))  # escaped, other line ends: same key
    body = "".join(c for c in PKCS1 if c.isalnum() or c in "+/=")
    assert a.digest == b.digest == hashlib.sha256(body.encode()).hexdigest()


def test_a_pem_body_needs_48_base64_characters_whatever_else_it_holds():
    def block(body):
        return f"-----BEGIN PRIVATE KEY-----\n{body}\n-----END PRIVATE KEY-----\n"

    assert not found(block("MIIE" + "- . ; é\t" * 40 + "A" * 43))  # 47 base64 characters: a placeholder
    assert [f.kind for f in found(block("MIIE" + "- . ; é\t" * 40 + "A" * 44))] == ["pem"]  # 48
