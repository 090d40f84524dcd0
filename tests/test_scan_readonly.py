"""``jwtlint scan`` never writes to what it scans: every file keeps its bytes, mode and mtime,
and no file appears or disappears in the tree, whatever the format or options."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization as ser
from cryptography.hazmat.primitives.asymmetric import ec
from typer.testing import CliRunner

from jwtlint.cli.app import app

from tokens import token

runner = CliRunner()
OLD = 1_500_000_000  # a fixed past mtime, so a rewrite with the same bytes still shows


def _tree(root: Path) -> None:
    key = ec.generate_private_key(ec.SECP256R1())
    pem = key.private_bytes(ser.Encoding.PEM, ser.PrivateFormat.PKCS8, ser.NoEncryption())
    escaped = pem.decode().replace("\n", "\\n")  # a key in an env file, newlines written as \n
    files = {
        "app/.env": f'JWT={token()}\nPRIVATE_KEY="{escaped}"\n'.encode(),
        "app/config.json": b'{"keys": [{"kty": "oct", "k": "c2VjcmV0c2VjcmV0c2VjcmV0c2VjcmV0"}]}',
        "app/keys/signing.pem": pem,
        "app/keys/crlf.pem": pem.replace(b"\n", b"\r\n"),
        "tests/fixtures/token.txt": f"Authorization: Bearer {token()}\r\n".encode(),
        "src/main.py": f'TOKEN = "{token()}"  # jwtlint: ignore\n'.encode(),
        "docs/README.md": b"nothing to see\n",
        "bin/blob.bin": b"\0\x01\x02" + token().encode(),
        "empty.txt": b"",
        "no-newline.txt": token().encode(),
        "latin1.txt": "caf\xe9 ".encode("latin-1") + token().encode(),
    }
    for name, data in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    (root / "app/keys/signing.pem").chmod(0o600)
    (root / "src/main.py").chmod(0o755)
    if hasattr(os, "symlink"):
        (root / "link.pem").symlink_to(root / "app/keys/signing.pem")
    for path in root.rglob("*"):
        os.utime(path, (OLD, OLD), follow_symlinks=False)


def _state(root: Path) -> dict[str, tuple]:
    state = {}
    for path in sorted(root.rglob("*")):
        st = path.lstat()
        data = path.read_bytes() if path.is_file() and not path.is_symlink() else None
        state[str(path.relative_to(root))] = (data, st.st_mode, st.st_mtime_ns, st.st_size)
    return state


@pytest.mark.parametrize(
    "options",
    [
        ["--format", "text", "-v"],
        ["--format", "json"],
        ["--format", "sarif"],
        ["--format", "github", "--show-secrets"],
        ["--jobs", "2"],
    ],
    ids=["text", "json", "sarif", "github", "jobs"],
)
def test_scan_leaves_every_file_unchanged(tmp_path, monkeypatch, options):
    root = tmp_path / "repo"
    _tree(root)
    before = _state(root)
    monkeypatch.chdir(root)  # the default path, '.', and any config lookup start here
    for args in (["scan", *options], ["scan", str(root), *options]):
        r = runner.invoke(app, [*args, "--now", "1700000000"])
        assert r.exit_code == 1, r.output  # it did read the tree: the committed private key is an error
    assert _state(root) == before


def test_baseline_is_written_only_where_asked(tmp_path, monkeypatch):
    root = tmp_path / "repo"
    _tree(root)
    before = _state(root)
    monkeypatch.chdir(root)
    baseline = tmp_path / "baseline.json"  # outside the tree
    r = runner.invoke(app, ["scan", ".", "--write-baseline", str(baseline), "--now", "1700000000"])
    assert r.exit_code == 0, r.output
    r = runner.invoke(app, ["scan", ".", "--baseline", str(baseline), "--now", "1700000000"])
    assert r.exit_code in (0, 1), r.output
    assert baseline.is_file() and _state(root) == before
