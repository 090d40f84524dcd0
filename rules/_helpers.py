"""What several rule families need: where a finding points, and how a value is shown in a message.

Not a family: it defines no rule and has no ``RULES`` list (the engine takes a rule's
family from its module's name, and ``rules/__init__.py`` joins only the families).
Everything here only reads the model; nothing decodes or parses again.
"""

from __future__ import annotations

import json
from typing import Any, Union

from jwtlint.keys.jwkmodel import JwksTarget, JwkTarget
from jwtlint.keys.model import KeyBlock
from jwtlint.model import Span, TokenTarget
from jwtlint.token.jsonparse import LargeNumber

__all__ = [
    "AnyJwk", "Encoded", "claim_span", "cut", "header_span", "json_shown", "member_span", "pem_anchor", "quoted",
    "seconds", "shown", "with_article",
]  # fmt: skip


#: A lone JWK or a JWK Set: what the JWK rules read (``Rule[AnyJwk]``).
AnyJwk = Union[JwkTarget, JwksTarget]
#: Targets that hold base64url texts: a token's segments, a JWK's members (``Rule[Encoded]``).
Encoded = Union[TokenTarget, JwkTarget, JwksTarget]


# --- where a finding points --------------------------------------------------------------------


def member_span(t: TokenTarget, role: str, name: str | None = None) -> Span | None:
    """The characters of segment ``role`` that encode its JSON member ``name``.

    The whole segment when ``name`` is None or absent (or its characters cannot be
    told apart); None when the token has no such segment.
    """
    seg = t.segment(role)
    if seg is None:
        return None
    return seg.member_span(name) if name else seg.span()


def header_span(t: TokenTarget, name: str | None = None) -> Span | None:
    """The characters encoding header parameter ``name``; the whole header when it is absent."""
    ser = t.serialization
    if ser is not None and name and name in ser.unprotected and not (ser.protected and name in ser.protected):
        return ser.header_span(name)  # a JWS/JWE JSON serialization's unprotected member, in the JSON text
    return member_span(t, "header", name)


def claim_span(t: TokenTarget, name: str | None = None) -> Span | None:
    """The characters encoding claim ``name``; the whole payload when it is absent."""
    return member_span(t, "payload", name)


def pem_anchor(block: KeyBlock, forms: tuple[str, ...] = ("pem",)) -> Span:
    """Where a finding about a whole key block points: the BEGIN line of a PEM block
    (of a block of one of ``forms``), else the block."""
    return block.pem.begin if block.pem is not None and block.form in forms else block.span


def seconds(t: TokenTarget, name: str) -> float | None:
    """Time claim ``name`` (exp, nbf, iat) in seconds, as the parser understood it; None if absent or not a time."""
    tc = t.times.get(name)
    return tc.seconds if tc is not None else None


# --- values in messages ----------------------------------------------------------------------


def cut(text: str, limit: int = 80) -> str:
    """``text`` cut to at most ``limit`` characters, the cut marked with "..." (a hostile
    200 KB value stays out of reports)."""
    return text if len(text) <= limit else text[: limit - 3] + "..."


def shown(value: Any, quoted: bool = True) -> str:
    """A claim or header value for a message: its repr (or, unquoted, the bare string), cut short."""
    return cut(repr(value) if quoted or not isinstance(value, str) else value)


def quoted(text: str, limit: int = 100) -> str:
    """A string quoted for a message, cut inside the quotes after ``limit`` characters."""
    return repr(text if len(text) <= limit else text[:limit] + "...")


def json_shown(value: Any) -> str:
    """A JSON value as JSON, cut short; a number too long to read is described, not printed."""
    if isinstance(value, LargeNumber):
        return f"a {len(value.lstrip('-'))}-digit number"
    return cut(json.dumps(value, ensure_ascii=False, default=str))


def with_article(phrase: str) -> str:
    """``phrase`` with the article it takes read aloud: "an" before a vowel sound
    ("an RSA 2048-bit public key", "an HS256", "an 8-byte HMAC secret"), else "a" ("a PS256")."""
    return ("an " if phrase[:1].upper() in "AEFHILMNORSX8" else "a ") + phrase
