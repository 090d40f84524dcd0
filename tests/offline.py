"""Network guard for the test suite: every socket created in-process fails.

jwtlint must never open a network connection (jku, x5u and iss URLs are
reported, never fetched). tests/conftest.py installs this guard for the whole
session, so any code path that tried to connect would fail its test loudly.
Subprocesses the tests start run without it; tests/test_offline.py checks the
CLI in a subprocess separately.
"""

from __future__ import annotations

import socket


class NetworkBlocked(RuntimeError):
    """Raised by every socket entry point while the guard is on."""


def _refuse(*args, **kwargs):
    raise NetworkBlocked("jwtlint tests run offline: a socket was requested")


class _BlockedSocket(socket.socket):
    # A subclass, not a function: modules that subclass socket.socket at import
    # time (ssl) must still import while the guard is on.
    def __init__(self, *args, **kwargs):
        _refuse()


PATCHED = {"socket": _BlockedSocket, "create_connection": _refuse, "getaddrinfo": _refuse}


def install() -> dict:
    """Replace the socket entry points; returns the originals for ``uninstall``."""
    saved = {name: getattr(socket, name) for name in PATCHED}
    for name, value in PATCHED.items():
        setattr(socket, name, value)
    return saved


def uninstall(saved: dict) -> None:
    for name, value in saved.items():
        setattr(socket, name, value)
