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
