"""jwtlint never opens a network connection.

In-process, tests/conftest.py makes every socket fail for the whole suite;
the first tests prove that guard is really on. A subprocess (which the guard
does not reach) checks what ``jwtlint check`` imports, and runs it with the
same guard installed by hand.
"""

import re
import socket
import subprocess
import sys

import pytest

import jwtlint
from offline import NetworkBlocked

# Modules that exist to talk over a network. None may be imported by jwtlint.
NETWORK_MODULES = {
    "urllib.request", "http.client", "http.server", "ssl", "ftplib", "smtplib", "poplib", "imaplib",
    "socketserver", "xmlrpc.client", "asyncio", "requests", "urllib3", "httpx", "aiohttp", "webbrowser",
}  # fmt: skip

# The one exception: the server of `jwtlint serve` (127.0.0.1 only), imported only by that command.
SERVE_MAY_IMPORT = {"jwtlint/serve/server.py": {"http.server"}, "jwtlint/cli/serve.py": {"webbrowser"}}

TOKEN = "eyJhbGciOiJSUzI1NiIsImprdSI6Imh0dHBzOi8vZXZpbC5leGFtcGxlL2p3a3MuanNvbiIsIng1dSI6Imh0dHA6Ly9ldmlsLmV4YW1wbGUveDUwOSJ9.eyJpc3MiOiJodHRwczovL2lzc3Vlci5leGFtcGxlIiwiZXhwIjoxfQ.c2lnbmF0dXJl"


@pytest.mark.parametrize(
    "attempt",
    [
        lambda: socket.socket(socket.AF_INET, socket.SOCK_STREAM),
        lambda: socket.create_connection(("127.0.0.1", 9)),
        lambda: socket.getaddrinfo("example.com", 443),
    ],
    ids=["socket", "create_connection", "getaddrinfo"],
)
def test_the_suite_runs_with_sockets_disabled(attempt):
    with pytest.raises(NetworkBlocked):
        attempt()


def test_urls_in_a_token_are_reported_not_fetched():
    # Under the guard a fetch would raise inside the rule and surface as internal-error.
    report = jwtlint.lint(TOKEN, now=0, issuer="https://issuer.example")
    assert "remote-key-url" in report.names()
    assert "internal-error" not in report.names()


# Run `jwtlint check` on a token with jku, x5u and iss URLs, sockets refused,
# then print every module loaded.
_GUARD = """
import socket
def refuse(*a, **k):
    raise SystemExit("NETWORK: a socket was requested")
class Blocked(socket.socket):
    def __init__(self, *a, **k):
        refuse()
socket.socket, socket.create_connection, socket.getaddrinfo = Blocked, refuse, refuse
"""
_PROBE = """
import sys
sys.argv = ["jwtlint", "check", sys.argv[1], "--now", "0", "--iss", "https://issuer.example", "--format", "json"]
from jwtlint.cli.app import main
try:
    main()
except SystemExit as exc:
    assert exc.code in (0, 1), exc.code
print("\\n".join(sorted(sys.modules)), file=sys.stderr)
"""


def _run_probe(*flags, guard=True):
    return subprocess.run(
        [sys.executable, *flags, "-c", (_GUARD if guard else "") + _PROBE, TOKEN], capture_output=True, text=True, timeout=60, check=False
    )


def test_check_imports_no_network_module():
    r = _run_probe()
    assert r.returncode == 0, r.stderr[-2000:]
    assert '"remote-key-url"' in r.stdout
    loaded = set(r.stderr.split())
    assert "jwtlint.rules.header" in loaded  # the probe really ran the rules
    assert not loaded & NETWORK_MODULES, sorted(loaded & NETWORK_MODULES)


def test_socket_is_only_imported_by_the_standard_library_for_entry_points():
    """``socket`` is loaded (up to Python 3.12), but only by email.utils, which
    importlib.metadata imports to read package metadata (the rule-pack entry
    points). Nothing of jwtlint, typer or cryptography imports it."""
    r = _run_probe("-X", "importtime", guard=False)  # the guard would import socket first
    assert r.returncode == 0, r.stderr[-2000:]
    tree = [(len(m.group(1)), m.group(2)) for m in re.finditer(r"import time:.*?\|.*?\|( *)(\S+)", r.stderr)]
    assert "jwtlint.cli.app" in (n for _, n in tree)  # the probe ran (Python 3.13 no longer imports socket at all)
    # importtime prints children before their parent, one level deeper.
    for i, (depth, name) in enumerate(tree):
        if name == "socket":
            parent = next(n for d, n in tree[i + 1 :] if d < depth)
            assert parent == "email.utils", parent
            root = next(n for d, n in tree[i + 1 :] if d == 1)
            assert root == "importlib.metadata", root


def test_no_source_file_imports_a_network_module():
    """Static: no module of jwtlint (nor its rules) imports a network module, even on a path the
    tests do not reach."""
    import ast
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    sources = sorted((root / "jwtlint").rglob("*.py")) + sorted((root / "rules").rglob("*.py"))
    assert len(sources) > 20
    banned = NETWORK_MODULES | {"socket", "urllib"}
    for path in sources:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [f"{node.module}.{a.name}" for a in node.names]  # from http import client: http.client
            else:
                continue
            for name in names:
                # urllib.parse only splits strings; everything else under urllib talks to servers.
                if name == "urllib.parse" or name.startswith("urllib.parse."):
                    continue
                # `jwtlint serve` listens on 127.0.0.1 (tests/test_serve.py) and opens the browser on its URL.
                if any(name == m or name.startswith(m + ".") for m in SERVE_MAY_IMPORT.get(path.relative_to(root).as_posix(), ())):
                    continue
                assert not any(name == b or name.startswith(b + ".") for b in banned), f"{path.name} imports {name}"
