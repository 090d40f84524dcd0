"""Every limit in jwtlint/limits.py: hitting it is a finding or a one-line error, fast, never a crash.

Each test builds an input just past one limit and runs it through the public
entry point (``lint``, the CLI, the scanner). ``LIMIT_TESTS`` maps every
constant of limits.py to its test, and the README's Limits table must list
each with its value: a limit added without both fails here.
"""

from __future__ import annotations

import base64
import io
import json
import os
import re
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

import jwtlint
from jwtlint import limits
from jwtlint.token.b64 import b64url_encode
from jwtlint.cli.app import app

ROOT = Path(__file__).resolve().parent.parent
BUDGET = 3.0  # seconds for one hostile input, in-process; generous for a loaded CI machine
runner = CliRunner()
TOKEN = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJlc2lnbmF0dXJlc2lnbmF0dXJl"


def timed(fn, *args, **kwargs):
    t0 = time.perf_counter()
    out = fn(*args, **kwargs)
    assert time.perf_counter() - t0 < BUDGET, f"{fn.__name__} took {time.perf_counter() - t0:.2f} s"
    return out


def lint(text, **kw):
    return timed(jwtlint.lint, text, now=1_700_000_000, **kw)


def messages(report, name):
    return [f.message for f in report.findings if f.name == name]


def jws(header: dict | str, payload: dict | str, sig: bytes = bytes(range(32))) -> str:
    enc = lambda v: b64url_encode(v.encode() if isinstance(v, str) else json.dumps(v).encode())  # noqa: E731
    return f"{enc(header)}.{enc(payload)}.{b64url_encode(sig)}"


def der(tag: int, content: bytes) -> bytes:
    n = len(content)
    length = bytes([n]) if n < 128 else bytes([0x80 | ((n.bit_length() + 7) // 8)]) + n.to_bytes((n.bit_length() + 7) // 8, "big")
    return bytes([tag]) + length + content


def pem(body: bytes, label: str = "PUBLIC KEY") -> str:
    return f"-----BEGIN {label}-----\n{base64.encodebytes(body).decode()}-----END {label}-----\n"


def rsa_spki(n: int, e: int = 65537) -> bytes:
    """A SubjectPublicKeyInfo for modulus ``n`` (any odd number: loading must refuse big ones before maths)."""
    integer = lambda v: der(0x02, v.to_bytes(v.bit_length() // 8 + 1, "big"))  # noqa: E731
    alg = der(0x30, der(0x06, bytes.fromhex("2a864886f70d010101")) + b"\x05\x00")
    return der(0x30, alg + der(0x03, b"\x00" + der(0x30, integer(n) + integer(e))))


# --- input, tokens, JSON ------------------------------------------------------


def test_input_chars():
    big = TOKEN + "A" * limits.MAX_INPUT_CHARS
    assert "input-too-large" in lint(big).names()
    assert "input-too-large" in lint(big.encode()).names()


def test_input_chars_key_and_jwks_files(tmp_path):
    path = tmp_path / "huge.pem"
    with open(path, "wb") as fh:  # sparse 2 GiB: read whole, it would cost seconds and gigabytes
        fh.truncate(2 << 30)
    for option in ("--key", "--jwks"):
        r = timed(runner.invoke, app, ["check", TOKEN, option, str(path), "--now", "0"])
        assert r.exit_code == 1 and "input-too-large" in r.stdout, r.output


def test_input_chars_cli_50_mb_file(tmp_path):
    path = tmp_path / "big.txt"
    path.write_bytes((TOKEN + "\n").encode() * (50 * 1024 * 1024 // len(TOKEN)))
    r = timed(runner.invoke, app, ["check", str(path), "--now", "0", "--format", "json"])
    assert r.exit_code == 1 and "input-too-large" in r.stdout
    r = timed(runner.invoke, app, ["decode", str(path)])
    assert r.exit_code == 2 and r.stderr.count("\n") == 1 and "reads at most" in r.stderr


def test_token_chars():
    token = jws({"alg": "HS256"}, {"pad": "x" * limits.MAX_TOKEN_CHARS})
    assert len(token) < limits.MAX_INPUT_CHARS
    assert "input-too-large" in lint(token).names()


def test_config_bytes(tmp_path):
    from jwtlint import config

    (tmp_path / ".jwtlint.toml").write_text("# padding\n" * (limits.MAX_CONFIG_BYTES // 10 + 1))
    with pytest.raises(config.ConfigError, match="over 1,048,576 bytes"):
        config.load(tmp_path)


def test_targets():
    report = lint("\n".join([TOKEN] * (limits.MAX_TARGETS + 50)))
    assert len(report.targets) == limits.MAX_TARGETS
    (last,) = messages(report, "input-too-large")  # the tokens not read are said, not dropped silently
    assert "50 more tokens" in last


def test_segments():
    report = lint("e30" + "." * 100_000)
    assert "segment-count" in report.names()
    assert len(report.targets[0].target.segments) <= limits.MAX_SEGMENTS


def test_json_depth():
    deep = "[" * 90_000 + "]" * 90_000  # base64url of it stays under MAX_TOKEN_CHARS
    report = lint(jws({"alg": "HS256"}, deep))
    assert any("levels deep" in m for m in messages(report, "segment-not-json"))


def test_int_digits():
    # 100,000 digits: far past Python's int-string limit (4300), which must never surface.
    report = lint(jws({"alg": "HS256"}, '{"exp": ' + "9" * 100_000 + "}"))
    assert any("100000-digit number" in m for m in messages(report, "time-not-numeric"))
    report = lint('{"kty": "RSA", "n": "AQAB", "e": ' + "9" * 10_000 + "}")
    assert "jwk-invalid" in report.names()


def test_der_signature_bytes():
    sig = der(0x30, der(0x02, b"\x01" * 1500) + der(0x02, b"\x01" * 600))
    report = lint(jws({"alg": "ES256"}, {"sub": "x"}, sig))
    assert "signature-length" in report.names()


def test_zip_is_never_inflated(monkeypatch):
    """A JWS or JWE with zip: DEF holding a deflate bomb (1 MB -> 1 GB) is read without inflating."""
    import zlib

    def refuse(*args, **kwargs):
        raise AssertionError("jwtlint inflated a payload")

    bomb = zlib.compress(b"\0" * (1 << 24), 9)  # 16 MiB in ~16 KiB
    monkeypatch.setattr(zlib, "decompress", refuse)
    monkeypatch.setattr(zlib, "decompressobj", refuse)
    jws_zip = ".".join([b64url_encode(b'{"alg":"HS256","zip":"DEF"}'), b64url_encode(bomb), b64url_encode(bytes(32))])
    jwe_zip = ".".join([b64url_encode(b'{"alg":"dir","enc":"A128GCM","zip":"DEF"}'), "", b64url_encode(bytes(12)),
                        b64url_encode(bomb), b64url_encode(bytes(16))])  # fmt: skip
    assert "zip-in-jws" in lint(jws_zip).names()
    assert "jwe-token" in lint(jwe_zip).names()


def test_secret_file_bytes(tmp_path):
    secret = tmp_path / "secret.txt"
    with open(secret, "wb") as fh:  # sparse: costs no disk
        fh.truncate(limits.MAX_SECRET_FILE_BYTES + 1)
    for command in (["check", TOKEN, "--now", "0"], ["fix", TOKEN]):
        r = timed(runner.invoke, app, [*command, "--secret-file", str(secret)])
        assert r.exit_code == 2 and r.stderr.count("\n") == 1 and "bytes" in r.stderr, r.output
    secret.write_bytes(b"s" * limits.MAX_SECRET_FILE_BYTES)  # at the limit: read
    r = timed(runner.invoke, app, ["check", TOKEN, "--secret-file", str(secret), "--now", "0"])
    assert r.exit_code == 1 and "signature-invalid" in r.stdout


# --- keys and JWKs ------------------------------------------------------------


def test_jwks_keys():
    keys = [{"kty": "EC", "crv": "P-256", "x": "AA", "y": "AA", "kid": str(i)} for i in range(limits.MAX_JWKS_KEYS + 5)]
    report = lint(json.dumps({"keys": keys}))
    target = report.targets[0].target
    assert target.kind == "jwks" and target.skipped == 5 and len(target.records) == limits.MAX_JWKS_KEYS
    assert any("5 more keys" in m for m in messages(report, "input-too-large"))


def test_jwk_rsa_bits():
    n = (1 << 100_000) - 1
    report = lint(json.dumps({"kty": "RSA", "n": b64url_encode(n.to_bytes(12_500, "big")), "e": "AQAB"}))
    assert any("100,000 bits" in m for m in messages(report, "jwk-invalid"))


def test_rsa_exponent_bits():
    n = (1 << 2048) - 1
    e = (1 << (limits.MAX_RSA_EXPONENT_BITS + 8)) + 1
    jwk = {"kty": "RSA", "n": b64url_encode(n.to_bytes(256, "big")), "e": b64url_encode(e.to_bytes((e.bit_length() + 7) // 8, "big"))}
    assert any(f"{limits.MAX_RSA_EXPONENT_BITS + 9}-bit number" in m for m in messages(lint(json.dumps(jwk)), "jwk-invalid"))


def test_rsa_bits_pem_of_a_100000_bit_key():
    report = lint(pem(rsa_spki((1 << 100_000) - 1)))
    assert any("100,000 bits" in m for m in messages(report, "pem-malformed"))


def test_verify_rsa_bits():
    from cryptography.hazmat.primitives.asymmetric import rsa

    from jwtlint.token.verify import examine
    from jwtlint.token.parse import parse_token
    from jwtlint.keys.info import from_crypto

    n = (1 << (limits.MAX_VERIFY_RSA_BITS + 8)) - 1
    try:
        big = from_crypto(rsa.RSAPublicNumbers(65537, n).public_key())
    except ValueError:
        pytest.skip("this OpenSSL refuses to load an RSA key that large at all")
    token = parse_token(jws({"alg": "RS256"}, {"sub": "x"}, b"\x01" * 256))
    ev = timed(examine, token, (big,))
    assert ev is not None and ev.refused and "RSA key" in ev.refused[0]


def test_secret_guess_seconds():
    from jwtlint.token import verify as verify

    import hmac

    data = b"eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0"
    sig = hmac.digest(os.urandom(32), data, "sha256")
    verify._guessed.clear()
    t0 = time.perf_counter()
    found, tried, total = verify.guess_secret("HS256", data, sig)
    took = time.perf_counter() - t0
    assert found is None and 0 < tried <= total
    # The list is read once (that is not guessing); the guessing itself stops near the limit.
    assert took < limits.SECRET_GUESS_SECONDS + 0.5
    verify._guessed.clear()
    t0 = time.perf_counter()
    verify.guess_secret("HS256", data + b"x", sig)
    assert time.perf_counter() - t0 < limits.SECRET_GUESS_SECONDS * 3 + 0.05


def test_pem_body_chars():
    body = ("A" * 64 + "\n") * (limits.MAX_PEM_BODY_CHARS // 64 + 10)
    report = lint(f"-----BEGIN PUBLIC KEY-----\n{body}-----END PUBLIC KEY-----\n")
    assert any("limit" in m for m in messages(report, "pem-malformed"))


def test_key_blocks():
    from cryptography.hazmat.primitives import serialization as ser
    from cryptography.hazmat.primitives.asymmetric import ed25519

    one = ed25519.Ed25519PrivateKey.generate().public_key().public_bytes(ser.Encoding.PEM, ser.PublicFormat.SubjectPublicKeyInfo)
    report = lint(one.decode() * (limits.MAX_KEY_BLOCKS + 20))
    target = report.targets[0].target
    assert target.kind == "key" and len(target.blocks) == limits.MAX_KEY_BLOCKS
    assert any("20 more PEM blocks" in m for m in messages(report, "input-too-large"))


def test_der_bytes():
    report = lint(der(0x30, der(0x04, b"A" * limits.MAX_DER_BYTES)))
    assert any("reads at most" in m for m in messages(report, "pem-malformed"))


def test_der_depth():
    body = b""
    for _ in range(limits.MAX_DER_DEPTH + 10):
        body = der(0x30, body)
    report = lint(pem(body))
    assert any("levels deep" in m for m in messages(report, "pem-malformed"))
    # Indefinite (BER) lengths nested 20,000 deep: refused at the first one.
    report = lint(pem(b"\x30\x80" * 20_000))
    assert "pem-malformed" in report.names()


def test_der_nodes():
    report = lint(pem(der(0x30, b"\x05\x00" * (limits.MAX_DER_NODES + 10))))
    assert any("elements" in m for m in messages(report, "pem-malformed"))


# --- scan ---------------------------------------------------------------------


def _scan_text(data: bytes):
    from jwtlint.engine import Context
    from jwtlint.scan.run import lint_text

    return timed(lint_text, data, "f.txt", context=Context(now=1_700_000_000))


def _scan_file(path: Path):
    from jwtlint.engine import Context
    from jwtlint.scan.run import FileJob, scan_file

    return timed(scan_file, FileJob(str(path), path.name, None, None, Context(now=1_700_000_000)))


def test_scan_file_bytes(tmp_path):
    path = tmp_path / "huge.log"
    with open(path, "wb") as fh:  # sparse: costs no disk
        fh.truncate(limits.MAX_SCAN_FILE_BYTES + 1)
    result = _scan_file(path)
    assert result.skipped and "larger than" in result.skipped and not result.targets


def test_binary_sniff_bytes(tmp_path):
    binary = tmp_path / "a.bin"
    binary.write_bytes(b"\0" + TOKEN.encode())
    assert _scan_file(binary).skipped
    late_nul = tmp_path / "b.txt"
    late_nul.write_bytes(TOKEN.encode() + b"\n" + b" " * limits.BINARY_SNIFF_BYTES + b"\0")
    result = _scan_file(late_nul)
    assert not result.skipped and len(result.targets) == 1


def test_scan_chunk_and_overlap_bytes():
    from jwtlint.scan.extract import iter_found

    # A token straddling every chunk boundary is still found whole, with its line.
    data = b"x\n" * 5 + TOKEN.encode() + b"\n"
    for chunk in (16, 64, 1024):
        found = list(iter_found(io.BytesIO(data), chunk_size=chunk))
        assert [f.line for f in found] == [6], chunk
    assert limits.SCAN_OVERLAP_BYTES <= limits.SCAN_CHUNK_BYTES


def _private_pem() -> bytes:
    from cryptography.hazmat.primitives import serialization as ser
    from cryptography.hazmat.primitives.asymmetric import ed25519

    key = ed25519.Ed25519PrivateKey.generate()
    return key.private_bytes(ser.Encoding.PEM, ser.PrivateFormat.PKCS8, ser.NoEncryption())


def test_pem_bytes():
    assert [t.kind for t in _scan_text(_private_pem()).targets] == ["key"]
    body = ("A" * 64 + "\n") * (limits.MAX_PEM_BYTES // 65 + 10)
    result = _scan_text(f"-----BEGIN PRIVATE KEY-----\n{body}-----END PRIVATE KEY-----\n".encode())
    assert not result.targets


def test_min_pem_body_chars():
    placeholder = "-----BEGIN PRIVATE KEY-----\nMIIE...\n-----END PRIVATE KEY-----\n"
    assert not _scan_text(placeholder.encode()).targets


def test_jwk_bytes():
    small = {"kty": "oct", "k": "A" * 64}
    assert [t.kind for t in _scan_text(json.dumps(small).encode()).targets] == ["jwk"]
    huge = {"kty": "oct", "k": "A" * (limits.MAX_JWK_BYTES + 10)}
    assert not _scan_text(json.dumps(huge).encode()).targets


def test_scan_targets_per_file():
    result = _scan_text(("\n".join([TOKEN] * (limits.MAX_SCAN_TARGETS_PER_FILE + 7))).encode())
    assert len(result.targets) == limits.MAX_SCAN_TARGETS_PER_FILE and result.more == 7


def test_token_pieces():
    from jwtlint.scan.extract import find_all

    head, rest = TOKEN[:20], TOKEN[20:]
    pieces = [rest[i : i + 2] for i in range(0, len(rest), 2)]
    joined = find_all((f'x = "{head}"' + "".join(f' "{p}"' for p in pieces)).encode())
    assert [f.text for f in joined] == [TOKEN] and len(pieces) < limits.MAX_TOKEN_PIECES
    many = "".join(f' "{p}"' for p in ["abcd"] * (limits.MAX_TOKEN_PIECES + 50)) + ' ".x.y"'
    assert find_all(f'x = "{head}"{many}'.encode()) == []  # joined up to the limit: no dot, no token


def test_baseline_bytes(tmp_path):
    from jwtlint.scan.baseline import BaselineError, load

    big = tmp_path / "big.json"
    with open(big, "wb") as fh:
        fh.truncate(limits.MAX_BASELINE_BYTES + 1)  # sparse: nothing is written, nothing must be read
    with pytest.raises(BaselineError, match="larger than 32 MiB"):
        load(big)


def test_sd_disclosures():
    """An SD-JWT with more disclosures than the limit: the first ones are decoded, all are counted."""
    disclosure = b64url_encode(b'["salt", "n", 1]')
    text = TOKEN + "~" + "~".join([disclosure] * (limits.MAX_SD_DISCLOSURES + 500)) + "~"
    report = lint(text)
    assert messages(report, "sd-jwt-recognized")[0].startswith(f"SD-JWT: {limits.MAX_SD_DISCLOSURES + 500:,}".replace(",", ""))
    assert len(report.targets[0].target.sd_jwt.disclosures) == limits.MAX_SD_DISCLOSURES


def test_why_message_chars():
    """jwtlint why reads the first MAX_WHY_MESSAGE_CHARS of a message: fast on megabytes, blind past it."""
    from jwtlint.why.match import explain

    assert timed(explain, "x " * (limits.MAX_WHY_MESSAGE_CHARS // 2) + "jwt expired")["matches"] == []
    assert timed(explain, "jwt expired " * 100_000)["matches"]


def test_secret_guess_min():
    """The first SECRET_GUESS_MIN secrets are tried even with no time at all: finding them never
    depends on the machine's speed; the one just past them is only found when time allows."""
    import hmac

    from jwtlint.token import verify as verify

    data = b"eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0"
    secrets = verify.secret_list()
    inside, outside = secrets[limits.SECRET_GUESS_MIN - 1], secrets[limits.SECRET_GUESS_MIN + 20_000]
    old = limits.SECRET_GUESS_SECONDS
    limits.SECRET_GUESS_SECONDS = 0.0
    try:
        verify._guessed.clear()
        assert verify.guess_secret("HS256", data, hmac.digest(inside, data, "sha256"))[0] == inside
        found, tried, _ = verify.guess_secret("HS256", data, hmac.digest(outside, data, "sha256"))
        assert found is None and limits.SECRET_GUESS_MIN <= tried < limits.SECRET_GUESS_MIN + 20_000
    finally:
        limits.SECRET_GUESS_SECONDS = old
        verify._guessed.clear()


def test_json_signatures():
    """A general JWS JSON serialization with 100,000 (empty) signature objects fits in the input
    limit: the first MAX_JSON_SIGNATURES are linted, the rest counted and said (tests/test_jsonser.py)."""
    h, p, _ = TOKEN.split(".")
    text = json.dumps({"payload": p, "signatures": [{"protected": h, "signature": "c2ln"}] + [{}] * 99_999})
    assert len(text) < limits.MAX_INPUT_CHARS
    report = lint(text)
    assert len(report.targets) == limits.MAX_JSON_SIGNATURES
    assert messages(report, "too-many-signatures") == [
        f"the object holds 100,000 signatures; jwtlint read the first {limits.MAX_JSON_SIGNATURES} and did not check "
        f"the other {100_000 - limits.MAX_JSON_SIGNATURES:,}"
    ]


# --- every limit is tested and documented --------------------------------------

LIMIT_TESTS = {
    "MAX_INPUT_CHARS": test_input_chars,
    "MAX_TOKEN_CHARS": test_token_chars,
    "MAX_TARGETS": test_targets,
    "MAX_CONFIG_BYTES": test_config_bytes,
    "MAX_SEGMENTS": test_segments,
    "MAX_JSON_DEPTH": test_json_depth,
    "MAX_INT_DIGITS": test_int_digits,
    "MAX_DER_SIGNATURE_BYTES": test_der_signature_bytes,
    "MAX_JWKS_KEYS": test_jwks_keys,
    "MAX_JWK_RSA_BITS": test_jwk_rsa_bits,
    "MAX_VERIFY_RSA_BITS": test_verify_rsa_bits,
    "SECRET_GUESS_SECONDS": test_secret_guess_seconds,
    "SECRET_GUESS_MIN": test_secret_guess_min,
    "MAX_PEM_BODY_CHARS": test_pem_body_chars,
    "MAX_KEY_BLOCKS": test_key_blocks,
    "MAX_DER_BYTES": test_der_bytes,
    "MAX_DER_DEPTH": test_der_depth,
    "MAX_DER_NODES": test_der_nodes,
    "MAX_RSA_BITS": test_rsa_bits_pem_of_a_100000_bit_key,
    "MAX_SCAN_FILE_BYTES": test_scan_file_bytes,
    "SCAN_CHUNK_BYTES": test_scan_chunk_and_overlap_bytes,
    "SCAN_OVERLAP_BYTES": test_scan_chunk_and_overlap_bytes,
    "BINARY_SNIFF_BYTES": test_binary_sniff_bytes,
    "MAX_PEM_BYTES": test_pem_bytes,
    "MIN_PEM_BODY_CHARS": test_min_pem_body_chars,
    "MAX_JWK_BYTES": test_jwk_bytes,
    "MAX_SCAN_TARGETS_PER_FILE": test_scan_targets_per_file,
    "MAX_TOKEN_PIECES": test_token_pieces,
    "MAX_BASELINE_BYTES": test_baseline_bytes,
    "MAX_RSA_EXPONENT_BITS": test_rsa_exponent_bits,
    "MAX_SD_DISCLOSURES": test_sd_disclosures,
    "MAX_JSON_SIGNATURES": test_json_signatures,
    "MAX_SECRET_FILE_BYTES": test_secret_file_bytes,
    "MAX_WHY_MESSAGE_CHARS": test_why_message_chars,
}


def _constants() -> dict[str, object]:
    return {k: v for k, v in vars(limits).items() if re.fullmatch(r"[A-Z][A-Z0-9_]+", k)}


def test_every_limit_has_a_test():
    assert sorted(set(_constants()) - set(LIMIT_TESTS)) == []


def test_every_limit_is_in_the_readme_table_with_its_value():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Limits", 1)[1].split("\n## ", 1)[0]
    rows = {m.group(1): m.group(2) for m in re.finditer(r"^\| `(\w+)` \| ([^|]+) \|", section, re.M)}
    for name, value in _constants().items():
        assert name in rows, f"README Limits table lacks {name}"
        shown = rows[name].replace(",", "").replace(" ", "")
        assert str(value) in shown or f"{value:_}".replace("_", "") in shown, (name, value, rows[name])
