"""The parsed model: plain, immutable records of what the parsers saw.

Parsers (``b64``, ``jsonparse``, ``parse``, ``intake``) build these; rules only
read them. Every offset is a character offset into the text named by the
record (a segment's offsets are relative to that segment's text).

This module holds the token records and ``Target``, the union of every kind
of target a rule reads (``Rule[Target]``). The records every target shares
(``Span``, ``Origin``, the base64 and JSON evidence) live in the leaf module
``jwtlint.records`` and the key models in ``jwtlint.keys``; all are importable
from here, and none imports this module back, so the import graph is a tree.

Records are ``NamedTuple``s: immutable, and several times cheaper to build
than frozen dataclasses, which matters because a token builds a dozen of them
and a single lint is most of a pasted check or a pre-commit run
(bench/README.md).
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any, Literal, NamedTuple, Union

from .keys.jwkmodel import JwksTarget, JwkTarget
from .keys.model import KeyTarget
from .records import Base64Evidence, EncodedField, JsonEvidence, MemberRange, Origin, Span


__all__ = [
    "Base64Evidence", "Disclosure", "EncodedField", "JsonEvidence", "JwkTarget", "JwksTarget", "KeyTarget",
    "JsonSerialization", "MemberRange", "Origin", "SdJwt", "Segment", "Signature", "Span", "Target", "TimeClaim",
    "TokenTarget",
    "Whitespace", "Wrapper",
]  # fmt: skip

_EMPTY: Mapping[str, Any] = MappingProxyType({})




class Wrapper(NamedTuple):
    """Something intake removed to reach the token, e.g. ``Bearer `` or quotes.

    ``kind`` is one of: ``bearer``, ``authorization-header``, ``quotes``,
    ``form``, ``url-query``, ``url-fragment``, ``json``, ``percent-encoded``, ``assignment``
    (``NAME=value``: ``detail`` is the name; ``positions`` holds a closing quote).
    ``detail`` says which (the quote character, the form field name, ...);
    ``span`` is where it sat in the input text; ``positions`` lists offsets of
    interest inside the wrapped value (for ``form``: where a raw ``+`` sits;
    for ``percent-encoded``: where each ``%XX`` escape sat in the input).
    """

    kind: str
    detail: str = ""
    span: Span | None = None
    positions: tuple[int, ...] = ()




class Whitespace(NamedTuple):
    """Whitespace found inside a token: offset in the raw token text and the character."""

    offset: int
    char: str


class Segment(NamedTuple):
    role: str  # header, payload, signature, encrypted_key, iv, ciphertext, tag, extra
    index: int  # type: ignore[assignment]  # shadows tuple.index (the public name of the field)
    start: int  # offset of the segment in the token text (whitespace removed)
    b64: Base64Evidence
    json: JsonEvidence | None = None  # for header and payload

    @property
    def text(self) -> str:
        return self.b64.text

    @property
    def end(self) -> int:
        return self.start + len(self.b64.text)

    def span(self, start: int = 0, end: int | None = None) -> Span:
        """A span inside this segment (the whole segment by default)."""
        return Span(self.role, start, len(self.b64.text) if end is None else end)

    # A segment is an ``EncodedField`` for the encoding rules (same attributes, no copy).
    @property
    def label(self) -> str:
        return self.role

    @property
    def resign(self) -> bool:
        """Re-encoding changes the signing input (header, payload), so the token must be signed again."""
        return self.role != "signature"

    @property
    def sensitive(self) -> bool:
        """The decoded bytes are a credential (the whole signature)."""
        return self.role == "signature"

    def member_span(self, name: str) -> Span:
        """The characters of this segment that encode the JSON member ``name``.

        Each 3 decoded bytes are 4 base64 characters, so the member's byte
        range (recorded by the parser in ``json.members``) maps to a character
        range. Falls back to the whole segment when the member is absent or the
        text has characters outside the alphabet (offsets would no longer line up).
        """
        b = self.b64
        found = self.json.members.get(name) if self.json is not None else None
        if found is None or b.illegal or b.misplaced_padding:
            return self.span()
        start, end = found[0][0], found[1][1]
        return Span(self.role, start // 3 * 4, min(len(b.text) - b.padding, -(-end // 3) * 4))


class TimeClaim(NamedTuple):
    """A NumericDate claim (exp, nbf, iat) as given and as understood.

    ``unit`` is the unit the number most likely uses: ``s`` for a plausible
    NumericDate, ``ms``/``us``/``ns`` when it is that many times too large,
    ``ticks`` for .NET ``DateTime.Ticks`` (100 ns since year 1).
    ``seconds`` is the value converted to seconds (None if not numeric).
    ``problem``: None, ``string`` (a numeric string), ``not-numeric``,
    ``too-large`` (beyond any unit), ``not-finite``.
    """

    name: str
    raw: Any
    seconds: float | None
    unit: str | None
    problem: str | None = None
    whole_seconds: int | None = None  # ``seconds`` rounded down, exact even for nanoseconds


class Signature(NamedTuple):
    """Facts about the decoded signature bytes that need no key."""

    raw: bytes
    der_ecdsa: tuple[int, int] | None = None  # (r, s) when the bytes are a DER Ecdsa-Sig-Value
    ascii_kind: str | None = None  # "hex" or "base64" when the bytes are printable text of that kind
    ascii_decoded_length: int | None = None  # length of what that text decodes to


class Disclosure(NamedTuple):
    """One disclosure of an SD-JWT (RFC 9901; ``jwtlint.token.sdjwt`` reads them) as found: where it sits,
    what it decodes to, what is wrong with it."""

    index: int  # type: ignore[assignment]  # 0-based among the disclosures; shadows tuple.index
    start: int  # offset in the whole SD-JWT text
    b64: Base64Evidence
    value: Any  # the decoded JSON (a list when well formed), or None
    problem: str | None  # None, or a sentence saying what is wrong with its shape
    claim: str | None  # the claim name of an object-property disclosure (None for array elements)
    digests: dict[str, str]  # _sd_alg name -> base64url digest over the disclosure's ASCII text

    @property
    def text(self) -> str:
        return self.b64.text


class SdJwt(NamedTuple):
    """The SD-JWT around a token: its disclosures and key-binding JWT, and the digests referenced."""

    text: str  # the whole SD-JWT (issuer JWT, disclosures, KB-JWT)
    jwt_end: int  # offset of the first '~'
    disclosures: tuple[Disclosure, ...]
    kb_jwt: str | None  # the key-binding JWT text, if any
    sd_alg: Any = "sha-256"  # the payload's _sd_alg (default sha-256)
    referenced: frozenset[str] = frozenset()  # digests listed in _sd arrays and {"...": d} elements
    extra: int = 0  # disclosures beyond the limit, not inspected


class JsonSerialization(NamedTuple):
    """Where a token came from when it was pasted as a JWS or JWE JSON serialization
    (RFC 7515 §7.2, RFC 7516 §7.2) rather than in compact form.

    ``jwtlint.token.jsonser`` reads the JSON object and makes one ``TokenTarget`` per
    signature (JWS) or recipient (JWE), whose segments are the compact form the signature
    stands for (``protected.payload.signature``): the token rules read that unchanged.
    This record keeps what the JSON said around it. Every range is a character range
    in the target's ``input_text`` (the text pasted).

    ``form`` is ``json-flattened`` or ``json-general``; ``index`` is this signature's
    (recipient's) 0-based position and ``count`` how many the object holds.
    ``protected`` is the protected header as decoded (None when absent or not an
    object); ``unprotected`` the unprotected header members that apply to this
    signature (JWS ``header``; JWE ``unprotected`` and the recipient's ``header``).
    ``members`` maps each top-level member to its JSON type ("string", "object",
    "array", "number", "boolean", "null"), ``entry_members`` the same for this
    signature (recipient) object. ``values`` maps a segment role to the range of the
    characters of its JSON string (quotes excluded); ``escaped`` names the roles whose
    string holds JSON escapes (their characters do not line up with the segment's).
    ``header_ranges`` maps each unprotected header member to its ``MemberRange``
    (character ranges). ``entry`` is the range of this signature's object (the
    whole object for the flattened form). ``problems`` are sentences about the
    object's shape (a missing or mistyped member), each with the range of characters
    it is about (the member, or the signature object). ``skipped``: signatures
    (recipients) past ``limits.MAX_JSON_SIGNATURES``, not read (on the last one read).
    """

    form: str
    index: int  # type: ignore[assignment]  # shadows tuple.index (the public name of the field)
    count: int  # type: ignore[assignment]  # shadows tuple.count
    protected: Mapping[str, Any] | None
    unprotected: Mapping[str, Any]
    members: Mapping[str, str]
    entry_members: Mapping[str, str]
    values: Mapping[str, tuple[int, int]]
    escaped: frozenset[str]
    header_ranges: Mapping[str, MemberRange]
    entry: tuple[int, int]
    problems: tuple[tuple[str, tuple[int, int]], ...] = ()
    skipped: int = 0

    def span(self, role: str, start: int = 0, end: int | None = None) -> Span:
        """Span ``start:end`` of segment ``role``'s text, as characters of the JSON text
        (``part`` "input"); the whole JSON string when its characters do not line up,
        the signature object when the role has no string."""
        where = self.values.get(role)
        if where is None:
            return Span("input", *self.entry)
        if role in self.escaped:
            return Span("input", where[0] - 1, where[1] + 1)
        length = where[1] - where[0]
        end = length if end is None else end
        a, b = min(max(start, 0), length), min(max(end, start, 0), length)
        return Span("input", where[0] + a, where[0] + b)

    def header_span(self, name: str) -> Span:
        """The unprotected header member ``name`` (key and value) in the JSON text."""
        found = self.header_ranges.get(name)
        if found is None:
            return Span("input", *self.entry)
        return Span("input", found[0][0], found[1][1])


class TokenTarget(NamedTuple):
    """One token as pasted, unwrapped and parsed.

    ``form`` is ``jws``, ``jwe``, ``unsecured`` (alg none, empty signature)
    or ``malformed`` (a segment count that is neither 3 nor 5).
    """

    input_text: str  # what intake extracted, wrappers included
    raw: str  # token text after unwrapping, whitespace kept
    text: str  # token text with whitespace removed
    origin: Origin
    wrappers: tuple[Wrapper, ...]
    whitespace: tuple[Whitespace, ...]
    segments: tuple[Segment, ...]
    form: str
    header: dict[str, Any] | None
    payload: dict[str, Any] | None
    times: Mapping[str, TimeClaim] = _EMPTY
    json_strings: Mapping[str, Any] = _EMPTY  # claims whose string value is JSON itself
    signature: Signature | None = None
    payload_unencoded: bool = False  # RFC 7797 b64:false: the payload is raw text
    too_large: int | None = None  # set (to the size) when the input exceeded the limit
    raw_start: int = 0  # offset of ``raw`` inside ``input_text``
    spaces_as_plus: bool = False  # lone spaces were read back as the '+' a form decoder replaced
    sd_jwt: SdJwt | None = None  # an SD-JWT's disclosures and KB-JWT around this token
    # jwtlint.token.verify.VerifyEvidence: what verifying with the keys given showed. Typed Any until
    # report/tokenview.py narrows ``verified_by`` itself (``ev.verified`` implies it is set).
    verification: Any = None
    skipped: int = 0  # tokens in the input past limits.MAX_TARGETS, not read (set on the last one read)
    #: Set when the token was pasted as a JWS/JWE JSON serialization: this target is one signature
    #: (recipient) of it, ``text`` its compact equivalent; findings' spans are mapped into the JSON.
    serialization: JsonSerialization | None = None

    @property
    def kind(self) -> Literal["token"]:
        """The kind of target: the engine runs the rules whose ``targets`` name it."""
        return "token"

    def __repr__(self) -> str:  # a repr (test failure, log) never shows the signature or an embedded key
        return f"TokenTarget({self.form}, {self.origin.label()}, {len(self.text)} characters)"

    def segment(self, role: str) -> Segment | None:
        for seg in self.segments:
            if seg.role == role:
                return seg
        return None

    def wrapper(self, kind: str) -> Wrapper | None:
        for w in self.wrappers:
            if w.kind == kind:
                return w
        return None

    @property
    def alg(self) -> Any:
        return self.header.get("alg") if self.header else None


#: Every kind of target the parsers make and rules read: a rule that reads one kind says so
#: (``Rule[TokenTarget]``); one that reads several is ``Rule[Target]`` and narrows on ``kind``.
Target = Union[TokenTarget, KeyTarget, JwkTarget, JwksTarget]
