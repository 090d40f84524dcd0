"""No control character from the input reaches the terminal.

A token can carry ``ESC ]0;...BEL`` (retitles the window), ``ESC [2J`` (clears
it), 8-bit CSI, or bidirectional overrides that reorder what a reader sees
(Trojan Source). Text reports, ``decode`` and ``scan`` show excerpts of the
input and quote it in messages: every such character must come out as a
visible stand-in (jwtlint/printable.py).
"""

from __future__ import annotations

import json
import unicodedata

import pytest
from typer.testing import CliRunner

from jwtlint.token.b64 import b64url_encode
from jwtlint.cli.app import app
from jwtlint.printable import visible

from tokens import token

runner = CliRunner()
NASTY = "\x1b]0;PWNED\x07\x1b[2J\x9b31m\u202e\u2066\x00\x08\x7f"
BIDI = {"\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069"}


def _inputs() -> dict[str, str]:
    enc = lambda v: b64url_encode(json.dumps(v).encode())  # noqa: E731
    sig = b64url_encode(bytes(range(32)))
    return {
        "after the signature": token() + NASTY,
        "inside the header": token().replace("eyJ", "eyJ" + NASTY, 1),
        "in a header value": f"{enc({'alg': 'HS256' + NASTY, 'kid': NASTY, 'typ': NASTY})}.{enc({'sub': 'x'})}.{sig}",
        "in claims": f"{enc({'alg': 'HS256'})}.{enc({'iss': NASTY, 'aud': NASTY, 'exp': NASTY, 'sub': 1})}.{sig}",
        "in a wrapper": f"Authorization: Bearer{NASTY} {token()}",
        "unencoded payload": f"{enc({'alg': 'HS256', 'b64': False, 'crit': ['b64']})}.{NASTY}.{sig}",
        "in a PEM": f"-----BEGIN PUBLIC KEY-----{NASTY}\nMFkwEwYHKoZIzj0CAQYI{NASTY}\n-----END PUBLIC KEY-----\n",
        "in a JWK": json.dumps({"kty": "EC" + NASTY, "crv": NASTY, "kid": NASTY, "x": NASTY}),
    }


def _unsafe(text: str) -> list[str]:
    return sorted({repr(c) for c in text if (unicodedata.category(c) == "Cc" and c != "\n") or c in BIDI})


@pytest.mark.parametrize("where", list(_inputs()))
def test_reports_show_no_control_character(where, tmp_path):
    text = _inputs()[where]
    for args in (["check", "-", "--now", "0"], ["decode", "-", "--now", "0"]):
        r = runner.invoke(app, args, input=text)
        assert r.exit_code in (0, 1, 2), r.output
        assert _unsafe(r.stdout) == [], (args, _unsafe(r.stdout))
    (tmp_path / "config.env").write_text(text, encoding="utf-8")
    for fmt in ("text", "github"):
        r = runner.invoke(app, ["scan", str(tmp_path), "--format", fmt, "-v", "--now", "0"])
        assert _unsafe(r.stdout) == [], (fmt, _unsafe(r.stdout))


def test_visible_keeps_length_and_printable_text():
    assert visible("eyJhbGciOi.é中") == "eyJhbGciOi.é中"
    shown = visible(NASTY)
    assert len(shown) == len(NASTY) and shown.isprintable()
    assert visible("a\x1bb\nc") == "a␛b⏎c"


# --- the terminal: colour, width, wrapping, -h, completion (real processes, a real pty) ---

import fcntl
import os
import pty
import re
import shutil
import struct
import subprocess
import sys
import termios
from pathlib import Path

import jwt

from jwtlint.printable import output_width, use_color, wrap

NOW = 2000
ANSI = re.compile(r"\x1b\[[0-9;]*m")
JWTLINT = [sys.executable, "-m", "jwtlint"]


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR", "COLUMNS", "LINES", "TERM")}
    env["TERM"] = "xterm-256color"
    env.update(extra)
    return env


def _in_pty(args: list[str], env: dict[str, str], cols: int = 100) -> tuple[int, str]:
    """Run ``args`` with stdout and stderr on a new pseudo-terminal ``cols`` wide; its output."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 50, cols, 0, 0))
    proc = subprocess.Popen(args, stdin=subprocess.DEVNULL, stdout=slave, stderr=slave, env=env, close_fds=True)
    os.close(slave)
    chunks = []
    while True:
        try:
            data = os.read(master, 1 << 16)
        except OSError:  # EIO: the child closed its end
            break
        if not data:
            break
        chunks.append(data)
    os.close(master)
    return proc.wait(timeout=60), b"".join(chunks).decode("utf-8").replace("\r\n", "\n")


def _piped(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, capture_output=True, text=True, encoding="utf-8", env=env, timeout=60, check=False)


@pytest.fixture(scope="module")
def padded(tmp_path_factory) -> Path:
    """An expired HS256 token made with PyJWT whose header keeps its '=' padding: findings with a
    long message, a long fix and a `fixed:` value."""
    tok = jwt.encode({"sub": "x", "iat": 900, "exp": 1000}, "k" * 32, algorithm="HS256").replace(".", "=.", 1)
    path = tmp_path_factory.mktemp("term") / "token.txt"
    path.write_text(tok + "\n")
    return path


@pytest.fixture(scope="module")
def escaped(tmp_path_factory) -> Path:
    """A percent-encoded token (PyJWT): its `fixed:` value is the whole decoded token, 134 characters."""
    tok = jwt.encode({"sub": "x", "iat": 900, "exp": 10**10}, "k" * 32, algorithm="HS256")
    path = tmp_path_factory.mktemp("term") / "escaped.txt"
    path.write_text(tok.replace(".", "%2E") + "\n")
    return path


def test_colour_on_a_tty(padded):
    rc, out = _in_pty([*JWTLINT, "check", str(padded), "--now", str(NOW)], _env())
    assert rc == 1
    assert "\x1b[31;1merror\x1b[0m \x1b[1mJWT204\x1b[0m base64-padding" in out


@pytest.mark.parametrize("value", ["1", "", "false"])
def test_no_color_any_value_disables_it_on_a_tty(padded, value):
    rc, out = _in_pty([*JWTLINT, "check", str(padded), "--now", str(NOW)], _env(NO_COLOR=value, FORCE_COLOR="1"))
    assert rc == 1 and "error JWT204 base64-padding" in out
    assert "\x1b" not in out


def test_force_color_through_a_pipe(padded):
    r = _piped([*JWTLINT, "check", str(padded), "--now", str(NOW)], _env(FORCE_COLOR="1"))
    assert r.returncode == 1 and "\x1b[31;1merror\x1b[0m \x1b[1mJWT204\x1b[0m" in r.stdout
    plain = _piped([*JWTLINT, "check", str(padded), "--now", str(NOW)], _env())
    assert "\x1b" not in plain.stdout and "error JWT204 base64-padding" in plain.stdout
    assert ANSI.sub("", r.stdout) == plain.stdout  # the colour is all FORCE_COLOR adds


def test_term_dumb_gets_no_escape_sequence(padded):
    rc, out = _in_pty([*JWTLINT, "check", str(padded), "--now", str(NOW)], _env(TERM="dumb"))
    assert rc == 1 and "error JWT204 base64-padding" in out and "\x1b" not in out
    rc, out = _in_pty([*JWTLINT, "decode", str(padded), "--now", str(NOW)], _env(TERM="dumb"))
    assert rc == 0 and '"alg": "HS256"' in out and "\x1b" not in out


def _findings(out: str) -> list[list[str]]:
    """The report's findings, each as its lines (from the severity line to the next one)."""
    blocks: list[list[str]] = []
    for line in ANSI.sub("", out).splitlines():
        if re.match(r"  (error|warning|info) JWT\d{3} ", line):
            blocks.append([line])
        elif blocks and line and not re.match(r"\d+ findings? in", line):
            blocks[-1].append(line)
    return blocks


def _prose(block: list[str], label: str) -> str:
    """The words of the wrapped field ``label`` (the heading when '') joined back into one line."""
    text, on = [], False
    for line in block:
        stripped = line.strip()
        if label == "" and not text:
            on = True
            stripped = stripped.split(": ", 1)[1]
        elif stripped.startswith(label + ": ") and label:
            on, stripped = True, stripped[len(label) + 2:]
        elif re.match(r"(input|header|payload|signature|fix|fixed|=)[: ]", stripped) or not line.startswith(" " * 6):
            on = False
        if on:
            text.append(stripped)
    return " ".join(text)


@pytest.mark.parametrize("how", ["COLUMNS", "window"])
def test_prose_wraps_to_the_terminal_width(padded, how):
    args = [*JWTLINT, "check", str(padded), "--now", str(NOW)]
    rc, out = _in_pty(args, _env(COLUMNS="60") if how == "COLUMNS" else _env(), cols=200 if how == "COLUMNS" else 60)
    assert rc == 1
    whole = _piped(args, _env()).stdout  # through a pipe nothing is wrapped: the reference
    wrapped, reference = _findings(out), _findings(whole)
    assert [b[0].split()[2] for b in wrapped] == [b[0].split()[2] for b in reference] == ["base64-padding", "expired"]
    assert any(len(line) > 60 for b in reference for line in b)  # there was something to wrap
    for w, ref in zip(wrapped, reference):
        for line in w:
            if not line.startswith(("      header: ", "      payload: ")) and line.strip() != "^":
                assert len(line) <= 60, line
        assert len(w) > len(ref)  # the message or the fix took more lines
        for label in ("", "fix"):  # the same words in the same order, only the line breaks differ
            assert _prose(w, label) == _prose(ref, label) != ""
    fixed = [line for b in wrapped for line in b if line.strip().startswith("fixed:")]
    assert fixed == ["      fixed: eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9"]


def test_a_fixed_value_to_copy_is_never_broken(escaped):
    tok = escaped.read_text().strip().replace("%2E", ".")
    rc, out = _in_pty([*JWTLINT, "check", str(escaped), "--now", str(NOW), "--show-secrets"], _env(COLUMNS="60"))
    assert rc == 1
    lines = ANSI.sub("", out).splitlines()
    at = lines.index("      fixed:")
    assert lines[at + 1] == tok  # on a line of its own, whole, from the first column: a copy is the value
    fix = [line for line in lines if line.startswith("      fix: ") or re.match(r" {11}[^ ^]", line)]
    assert len(fix) > 1 and all(len(line) <= 60 for line in fix)  # the prose around it is wrapped


def test_a_pem_to_copy_keeps_every_line(tmp_path):
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa

    key = rsa.generate_private_key(public_exponent=65537, key_size=1024)
    pkcs1 = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.TraditionalOpenSSL,
                              serialization.NoEncryption()).decode()  # fmt: skip
    relabelled = pkcs1.replace("RSA PRIVATE KEY", "PRIVATE KEY")  # the armor edited by hand
    (tmp_path / "key.pem").write_text(relabelled)
    rc, out = _in_pty([*JWTLINT, "check", str(tmp_path / "key.pem"), "--show-secrets"], _env(COLUMNS="60"))
    lines = ANSI.sub("", out).splitlines()
    at = lines.index("      fixed:")
    assert "\n".join(lines[at + 1:]).startswith(pkcs1.strip())  # pem-label-mismatch's fix: the right armor


def test_through_a_pipe_lines_stay_whole(padded):
    r = _piped([*JWTLINT, "check", str(padded), "--now", str(NOW)], _env(COLUMNS="40"))
    heads = [line for line in r.stdout.splitlines() if "JWT404 expired" in line]
    assert len(heads) == 1 and heads[0].endswith("not a point in time")


def test_use_color_follows_the_conventions():
    class Tty:
        def __init__(self, tty: bool) -> None:
            self.tty = tty

        def isatty(self) -> bool:
            return self.tty

    tty, pipe = Tty(True), Tty(False)
    assert use_color(tty, {}) and not use_color(pipe, {})
    assert not use_color(tty, {"NO_COLOR": ""}) and not use_color(tty, {"NO_COLOR": "0"})
    assert use_color(pipe, {"FORCE_COLOR": "1"}) and not use_color(pipe, {"FORCE_COLOR": ""})
    assert not use_color(pipe, {"FORCE_COLOR": "1", "NO_COLOR": "1"})  # NO_COLOR wins, as in pytest
    assert not use_color(tty, {"TERM": "dumb"}) and use_color(pipe, {"TERM": "dumb", "FORCE_COLOR": "1"})
    assert not use_color(None, {}) and not use_color(object(), {})
    assert output_width(pipe) is None


def test_wrap_breaks_only_between_words():
    url = "https://www.rfc-editor.org/rfc/rfc7519#section-4.1.4-and-more"
    lines = wrap("\x1b[32mfix\x1b[0m: ", f"read {url} then sign again", 30, 5)
    assert lines == ["\x1b[32mfix\x1b[0m: read", f"     {url}", "     then sign again"]
    assert wrap("x: ", "a b", None, 3) == ["x: a b"]


def test_dash_h_on_every_command():
    from typer.main import get_command

    from jwtlint.cli.app import app

    def walk(cmd, path):
        yield path
        for name, sub in getattr(cmd, "commands", {}).items():
            yield from walk(sub, [*path, name])

    paths = list(walk(get_command(app), []))
    assert ["check"] in paths and ["key", "pub"] in paths and ["rule"] in paths
    for path in paths:
        r = runner.invoke(app, [*path, "-h"])
        assert r.exit_code == 0 and r.stdout.startswith("Usage: ") and "-h, --help" in r.stdout, path
    r = _piped([*JWTLINT, "check", "-h"], _env())
    assert r.returncode == 0 and "Usage: jwtlint check" in r.stdout


def test_shell_completion():
    script = _piped([*JWTLINT, "--show-completion", "bash"], _env(_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION="1"))
    assert script.returncode == 0 and "_JWTLINT_COMPLETE=complete_bash" in script.stdout
    r = _piped([*JWTLINT], _env(_JWTLINT_COMPLETE="complete_bash", COMP_WORDS="jwtlint ch", COMP_CWORD="1"))
    assert r.stdout.split() == ["check"]
    r = _piped([*JWTLINT], _env(_JWTLINT_COMPLETE="complete_bash", COMP_WORDS="jwtlint check --fail", COMP_CWORD="2"))
    assert r.stdout.split() == ["--fail-on"]
    assert "--install-completion" in _piped([*JWTLINT, "-h"], _env()).stdout


def test_scan_decides_colour_the_same_way(padded):
    """scan's text report follows the same rules: FORCE_COLOR through a pipe, NO_COLOR and TERM=dumb on a tty."""
    args = [*JWTLINT, "scan", str(padded.parent), "--now", str(NOW)]
    forced = _piped(args, _env(FORCE_COLOR="1"))
    plain = _piped(args, _env())
    assert "\x1b[" in forced.stdout and "\x1b" not in plain.stdout
    timing = re.compile(r" in [0-9.]+ s$", re.M)  # the summary line's elapsed time differs from run to run
    assert timing.sub("", ANSI.sub("", forced.stdout)) == timing.sub("", plain.stdout)
    rc, out = _in_pty(args, _env())
    assert "\x1b[" in out
    for env in (_env(NO_COLOR="1"), _env(TERM="dumb")):
        rc, out = _in_pty(args, env)
        assert "\x1b" not in out and "base64-padding" in out
