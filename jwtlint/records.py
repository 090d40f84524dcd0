"""The records every target shares: where a finding points, and the base64 and JSON evidence.

A leaf module (it imports nothing of jwtlint), so the token model
(``jwtlint.model``), the key models (``jwtlint.keys.model``,
``jwtlint.keys.jwkmodel``) and the parsers that build them
(``jwtlint.token.b64``, ``jwtlint.token.jsonparse``) all import it and the
import graph stays a tree. Plugin code imports these names from
``jwtlint.model``, which re-exports them.

Records are ``NamedTuple``s: immutable, and several times cheaper to build
than frozen dataclasses (bench/README.md).
"""

from __future__ import annotations

import base64
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any, NamedTuple

#: A member of a JSON object, as byte ranges of the decoded text: ((key start, key end), (value start, value end)).
#: The key range includes its quotes; the value range is the value's JSON text.
MemberRange = tuple[tuple[int, int], tuple[int, int]]

_NO_MEMBERS: Mapping[str, MemberRange] = MappingProxyType({})

class Span(NamedTuple):
    """Where a finding points: ``part`` names the text, offsets are within it.

    ``part`` is one of ``input`` (the text as extracted, before unwrapping),
    ``token`` (the token after unwrapping), or a segment role (``header``,
    ``payload``, ``signature``, ``encrypted_key``, ``iv``, ``ciphertext``,
    ``tag``). For a JWS/JWE pasted as a JSON object (``TokenTarget.serialization``)
    rules point into the compact form the signature stands for, and the report maps
    every span to ``input``: characters of the JSON text (``jwtlint.token.jsonser.to_input``).
    """

    part: str
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return {"part": self.part, "start": self.start, "end": self.end}


class Origin(NamedTuple):
    """Where a target sits in what the user gave: file (or None) and 1-based line/column."""

    path: str | None = None
    line: int | None = None
    column: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"path": self.path, "line": self.line, "column": self.column}

    def label(self) -> str:
        where = self.path or "<input>"
        if self.line is not None:
            where += f":{self.line}:{self.column}"
        return where


class Base64Evidence(NamedTuple):
    """What a base64url segment really contains, recorded character by character."""

    text: str
    alphabet: str  # "url", "std", "mixed", or "neutral" (only characters both alphabets share)
    std_chars: tuple[int, ...]  # offsets of '+' and '/'
    padding: int  # number of trailing '='
    misplaced_padding: tuple[int, ...]  # offsets of '=' that are not trailing
    illegal: tuple[tuple[int, str], ...]  # (offset, character) outside both alphabets
    dangling: bool  # data length % 4 == 1: one character too many, or a truncated segment
    non_canonical: bool  # unused trailing bits of the last character are not zero
    decoded: bytes  # lenient decoding: illegal characters dropped, alphabets merged

    @property
    def canonical(self) -> str:
        """base64url of ``decoded``, unpadded: the corrected segment (computed when a rule needs it)."""
        return base64.urlsafe_b64encode(self.decoded).rstrip(b"=").decode("ascii")

    @property
    def padding_span(self) -> tuple[int, int]:
        return (len(self.text) - self.padding, len(self.text))

    @property
    def clean(self) -> bool:
        return self.text == self.canonical


class JsonEvidence(NamedTuple):
    """What a decoded segment holds when read as JSON.

    ``problem`` is None when ``value`` is a JSON object read without trouble;
    otherwise one of ``empty``, ``not-utf8``, ``syntax``, ``truncated``,
    ``not-object``, ``double-encoded``, ``too-deep``. A BOM, invalid UTF-8
    (``utf8_error_at``, ``utf8_problem``; the text is read with replacement
    characters) or non-standard constants are recorded but do not stop parsing.

    ``members`` maps each top-level member name of an object to its byte
    ranges in the decoded bytes (``MemberRange``; the last occurrence, the one
    a parser keeps). The parser (``jwtlint.token.jsonparse``) records it for a
    token's header and payload, and empty for other JSON. It is a read-only
    mapping whose ranges the parser works out when it is first read: a correct
    token never needs them, and walking every member of every payload would
    cost a tenth of a lint (bench/README.md).
    """

    value: Any = None
    problem: str | None = None
    detail: str = ""  # human sentence about the problem
    bom: bool = False
    utf8_error_at: int | None = None  # byte offset of the first invalid UTF-8 byte
    duplicates: tuple[str, ...] = ()  # member names that appear more than once in an object
    constants: tuple[str, ...] = ()  # NaN / Infinity / -Infinity seen (not JSON)
    members: Mapping[str, MemberRange] = _NO_MEMBERS
    #: Why the bytes at ``utf8_error_at`` are not UTF-8 (RFC 3629 §3, §4): ``overlong`` (a character
    #: encoded in more bytes than it needs, e.g. ``C0 AF`` for ``/``), ``surrogate`` (a UTF-16
    #: surrogate encoded as if a character, e.g. ``ED A0 80``: CESU-8 or WTF-8), ``too-large`` (beyond
    #: U+10FFFF), ``stray-continuation`` (a continuation byte with no lead byte), ``bad-continuation``
    #: (a lead byte not followed by its continuation bytes), ``invalid-byte`` (``FE``/``FF``),
    #: ``cut-short`` (the text ends inside a character); empty when the text is UTF-8.
    utf8_problem: str = ""

    @property
    def is_object(self) -> bool:
        return isinstance(self.value, dict)


class EncodedField(NamedTuple):
    """One base64url text inside a target, as the encoding rules see it.

    A token segment, or a JWK member: ``label`` names it in messages ("payload",
    'JWK member "n"'), ``offset`` is where its text starts in the span ``part``.
    ``resign``: re-encoding changes signed bytes (a header or payload);
    ``sensitive``: the decoded bytes are secret (a signature, a private JWK member).
    """

    label: str
    b64: Base64Evidence
    part: str
    offset: int = 0
    resign: bool = False
    sensitive: bool = False

    def span(self, start: int = 0, end: int | None = None) -> Span:
        """A span inside this text (the whole text by default)."""
        return Span(self.part, self.offset + start, self.offset + (len(self.b64.text) if end is None else end))
