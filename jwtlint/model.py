"""The parsed model: plain, immutable records of what the parsers saw.

Parsers (``b64``, ``jsonparse``, ``parse``, ``intake``) build these; rules only
read them. Every offset is a character offset into the text named by the
record (a segment's offsets are relative to that segment's text).

Records are ``NamedTuple``s: immutable, and several times cheaper to build
than frozen dataclasses, which matters because a token builds a dozen of them
and a single lint is most of a pasted check or a pre-commit run
(bench/README.md).
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any, NamedTuple

_EMPTY: Mapping[str, Any] = MappingProxyType({})


class Span(NamedTuple):
    """Where a finding points: ``part`` names the text, offsets are within it.

    ``part`` is one of ``input`` (the text as extracted, before unwrapping),
    ``token`` (the token after unwrapping), or a segment role (``header``,
    ``payload``, ``signature``, ``encrypted_key``, ``iv``, ``ciphertext``,
    ``tag``).
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


class Wrapper(NamedTuple):
    """Something intake removed to reach the token, e.g. ``Bearer `` or quotes.

    ``kind`` is one of: ``bearer``, ``authorization-header``, ``quotes``,
    ``form``, ``url-query``, ``url-fragment``, ``json``, ``percent-encoded``.
    ``detail`` says which (the quote character, the form field name, ...);
    ``span`` is where it sat in the input text; ``positions`` lists offsets of
    interest inside the wrapped value (for ``form``: where a raw ``+`` sits;
    for ``percent-encoded``: where each ``%XX`` escape sat in the input).
    """

    kind: str
    detail: str = ""
    span: Span | None = None
    positions: tuple[int, ...] = ()


class Base64Evidence(NamedTuple):
    """What a base64url segment really contains, recorded character by character."""

    text: str
    alphabet: str  # "url", "std", "mixed", or "neutral" (only characters both alphabets share)
    std_chars: tuple[int, ...]  # offsets of '+' and '/'
    url_count: int  # how many '-' and '_'
    padding: int  # number of trailing '='
    misplaced_padding: tuple[int, ...]  # offsets of '=' that are not trailing
    illegal: tuple[tuple[int, str], ...]  # (offset, character) outside both alphabets
    dangling: bool  # data length % 4 == 1: one character too many, or a truncated segment
    non_canonical: bool  # unused trailing bits of the last character are not zero
    decoded: bytes  # lenient decoding: illegal characters dropped, alphabets merged

    @property
    def canonical(self) -> str:
        """base64url of ``decoded``, unpadded: the corrected segment (computed when a rule needs it)."""
        from .token.b64 import b64url_encode

        return b64url_encode(self.decoded)

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
    ``not-object``, ``double-encoded``, ``too-deep``. A BOM or non-standard
    constants are recorded but do not stop parsing.
    """

    value: Any = None
    problem: str | None = None
    detail: str = ""  # human sentence about the problem
    position: int | None = None  # character offset in the decoded text, if known
    bom: bool = False
    utf8_error_at: int | None = None  # byte offset of the first invalid UTF-8 byte
    duplicates: tuple[str, ...] = ()  # member names that appear more than once in an object
    constants: tuple[str, ...] = ()  # NaN / Infinity / -Infinity seen (not JSON)
    big_numbers: tuple[str, ...] = ()  # first digits of integers too long to read
    inner: str | None = None  # for double-encoded: what the inner text decodes to

    @property
    def is_object(self) -> bool:
        return isinstance(self.value, dict)


class Whitespace(NamedTuple):
    """Whitespace found inside a token: offset in the raw token text and the character."""

    offset: int
    char: str


class Segment(NamedTuple):
    role: str  # header, payload, signature, encrypted_key, iv, ciphertext, tag, extra
    index: int
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

        Each 3 decoded bytes are 4 base64 characters, so a member's byte range
        maps to a character range. Falls back to the whole segment when the
        member is absent or the text has characters outside the alphabet
        (offsets would no longer line up).
        """
        b = self.b64
        if self.json is None or not self.json.is_object or b.illegal or b.misplaced_padding:
            return self.span()
        from .token.jsonparse import member_range

        found = member_range(b.decoded, name)
        if found is None:
            return self.span()
        start, end = found
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
    sd_jwt: Any = None  # an SD-JWT's disclosures and KB-JWT around this token (jwtlint.token.sdjwt.SdJwt)
    verification: Any = None  # jwtlint.token.verify.VerifyEvidence: what verifying with the keys given showed
    skipped: int = 0  # tokens in the input past limits.MAX_TARGETS, not read (set on the last one read)

    kind = "token"

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
