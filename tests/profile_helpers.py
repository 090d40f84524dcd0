"""Helpers for the profile tests: lint a hand-built token under a profile, keep the profile findings."""

from jwtlint import lint
from tokens import token

RSA_SIG = b"\x01" * 256
ES_SIG = b"\x01" * 64


def findings(header, payload, profile, *, sig=RSA_SIG, now=1700000000, **kw):
    """The findings of profile rules (JWT9xx) for a token with this header and payload."""
    report = lint(token(header, payload, sig), profile=profile, now=now, **kw)
    return [f for f in report.findings if f.code.startswith("JWT9")]


def names(*args, **kw):
    return sorted(f.name for f in findings(*args, **kw))
