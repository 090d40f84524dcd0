"""A file name that is not there is said so (``no such file: tokn.txt (did you mean token.txt?)``,
exit 2) by every command and option that reads a file, and a token is never taken for a file name."""

from __future__ import annotations

import json
import subprocess
import sys

import jwt
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from jwtlint.cli.app import app
from jwtlint.cli.common import looks_like_path, no_such_file
from jwtlint.token.b64 import b64url_encode

NOW = 1_700_000_000
SECRET = "a-secret-that-is-long-enough-for-hs256-0123"
TOK = jwt.encode({"sub": "1", "iat": NOW, "exp": NOW + 600}, SECRET, algorithm="HS256")
runner = CliRunner()


@pytest.fixture
def workdir(tmp_path, monkeypatch):
    """A directory holding what a user keeps: a token, a key, a JWKS, a secret and a folder."""
    key = ec.generate_private_key(ec.SECP256R1())
    (tmp_path / "token.txt").write_text(TOK + "\n")
    (tmp_path / "key.pem").write_bytes(
        key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    jwk = json.loads(jwt.algorithms.ECAlgorithm.to_jwk(key.public_key()))
    (tmp_path / "jwks.json").write_text(json.dumps({"keys": [jwk]}))
    (tmp_path / "secret.txt").write_text(SECRET + "\n")
    (tmp_path / "tokens").mkdir()
    monkeypatch.chdir(tmp_path)
    return tmp_path


def err(*args):
    r = runner.invoke(app, list(args))
    return r.exit_code, r.stderr


# --- what looks like a file name ---------------------------------------------------------------


@pytest.mark.parametrize(
    "arg",
    ["tokn.txt", "token.JWT", "keys/pub.pem", "./token", "C:\\keys\\signing.key", "cert.crt", ".env", "my.jwk",
     "a.b.json", "secrets/app.der", "env/app.prod.txt", "eyes.v1.jwt"],
)
def test_names_with_a_separator_or_a_file_ending_look_like_paths(arg):
    assert looks_like_path(arg)


def _jwe_like() -> str:
    header = b64url_encode(b'{"alg":"RSA-OAEP","enc":"A256GCM"}')
    return ".".join([header] + [b64url_encode(bytes([i]) * 20) for i in range(4)])


@pytest.mark.parametrize(
    "arg",
    [
        TOK,
        TOK.replace(".", "=.", 1),  # padded
        _jwe_like(),
        f"Bearer {TOK}",
        f"Authorization: Bearer {TOK}",
        f"https://app.example/cb#id_token={TOK}",
        f"GITHUB_APP_JWT={TOK}",
        f'{{"id_token": "{TOK}"}}',
        "-----BEGIN PUBLIC KEY-----\nMFkw\n-----END PUBLIC KEY-----\n",
        "ewogICJhbGciOiAiSFMyNTYiCn0.eyJzdWIiOiIxIn0.ab/cd+ef/gh",  # standard base64, a '/' in it
        "hello",
        "",
        "e30.e30.",  # {}.{}. unsecured
        "ewogfQ.e30.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
    ],
)
def test_tokens_and_token_texts_never_look_like_paths(arg):
    assert not looks_like_path(arg)


json_objects = st.dictionaries(st.text(max_size=8), st.text(max_size=8) | st.integers(), max_size=4)


@settings(max_examples=300)
@given(json_objects, json_objects, st.just(b"") | st.binary(min_size=16, max_size=64), st.sampled_from([None, 0, 2]),
       st.booleans())  # fmt: skip
def test_no_compact_token_looks_like_a_path(header, payload, sig, indent, standard):
    """Whatever the JSON (pretty-printed too) and alphabet (base64url or standard, with '/' and
    '+'), a three-segment token is text to lint, never a file name. (Its signature is empty or
    16 bytes and more: a 2-byte one can read 'log' and the token then ends like a file name.)"""
    import base64

    enc = (lambda b: base64.b64encode(b).decode()) if standard else b64url_encode
    token = ".".join([enc(json.dumps(header, indent=indent).encode()), enc(json.dumps(payload).encode()), enc(sig)])
    assert not looks_like_path(token)


def test_the_message_suggests_a_close_name_in_the_same_directory(workdir):
    assert no_such_file("tokn.txt") == "no such file: tokn.txt (did you mean token.txt?)"
    assert no_such_file("tokens/x.txt") == "no such file: tokens/x.txt"  # an empty folder: nothing to suggest
    assert no_such_file("zzzz.qq") == "no such file: zzzz.qq"
    assert no_such_file("nowhere/tokn.txt") == "no such file: nowhere/tokn.txt"
    assert no_such_file("ky.pem", "--key") == "--key ky.pem: no such file (did you mean key.pem?)"
    assert no_such_file(f"{workdir}/jwk.json").endswith(f"(did you mean {workdir}/jwks.json?)")


def test_a_bare_word_close_to_a_file_beside_it_is_a_file_name(workdir):
    assert looks_like_path("token_txt")  # close to token.txt: a file name, mistyped
    assert not looks_like_path("zebra")


# --- every door says it the same way -------------------------------------------------------------

MISSING = "jwtlint: error: no such file: tokn.txt (did you mean token.txt?)\n"


@pytest.mark.parametrize("command", [["check"], ["decode"], ["fix"], ["scan"], ["check", "--format", "json"]])
def test_each_command_says_no_such_file(workdir, command):
    assert err(*command, "tokn.txt") == (2, MISSING)


def test_why_says_no_such_file_for_its_token_and_key(workdir):
    assert err("why", "Signature verification failed", "--token", "tokn.txt") == (2, MISSING)
    code, message = err("why", "Signature verification failed", "--key", "ky.pem")
    assert (code, message) == (2, "jwtlint: error: --key ky.pem: no such file (did you mean key.pem?)\n")


def test_key_pub_says_no_such_file(workdir):
    assert err("key", "pub", "ky.pem") == (2, "jwtlint: error: no such file: ky.pem (did you mean key.pem?)\n")


@pytest.mark.parametrize(
    "flag, typo, meant",
    [("--key", "ky.pem", "key.pem"), ("--jwks", "jwk.json", "jwks.json"), ("--secret-file", "secrt.txt", "secret.txt")],
)
@pytest.mark.parametrize("command", ["check", "decode", "scan"])
def test_each_key_option_says_no_such_file(workdir, flag, typo, meant, command):
    target = "token.txt"
    assert err(command, target, flag, typo) == (2, f"jwtlint: error: {flag} {typo}: no such file (did you mean {meant}?)\n")


@pytest.mark.parametrize("flag, typo, meant", [("--key", "ky.pem", "key.pem"), ("--secret-file", "secrt.txt", "secret.txt")])
def test_fix_key_options_say_no_such_file(workdir, flag, typo, meant):
    assert err("fix", "token.txt", flag, typo) == (2, f"jwtlint: error: {flag} {typo}: no such file (did you mean {meant}?)\n")


def test_a_directory_is_a_one_line_error(workdir):
    code, out = err("check", "tokens")
    assert code == 2 and out == "jwtlint: error: tokens is a directory (jwtlint scan searches directories)\n"
    assert err("check", TOK, "--key", "tokens") == (2, "jwtlint: error: --key tokens is a directory, not a file\n")
    assert err("key", "pub", "tokens") == (2, "jwtlint: error: tokens is a directory, not a file\n")


def test_existing_files_and_token_texts_are_still_read(workdir):
    r = runner.invoke(app, ["check", "token.txt", "--now", str(NOW), "--secret-file", "secret.txt"])
    assert r.exit_code == 0, r.output
    for text in (TOK, f"Bearer {TOK}", f"https://app.example/cb#id_token={TOK}"):
        r = runner.invoke(app, ["check", text, "--now", str(NOW)])
        assert r.exit_code == 0 and "no such file" not in r.output, r.output
    r = runner.invoke(app, ["scan", "token.txt", "tokens", "--now", str(NOW)])
    assert r.exit_code == 1 and "no such file" not in r.output  # a token in the repo: live-token-in-repo


@pytest.mark.parametrize("door", [["check"], ["decode"], ["fix"], ["scan"], ["key", "pub"]])
def test_each_door_as_a_process(workdir, door):
    """The installed program, one process per door: one line on stderr, nothing on stdout, exit 2."""
    r = subprocess.run([sys.executable, "-m", "jwtlint", *door, "tokn.txt"], capture_output=True, text=True,
                       cwd=workdir, timeout=60)  # fmt: skip
    assert (r.returncode, r.stdout, r.stderr) == (2, "", MISSING)
