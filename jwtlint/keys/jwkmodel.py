"""The JWK and JWKS targets: what the JWK parser saw, member by member.

Offsets are character offsets into the JSON text the parser was given, so a
finding can point at a member (``Span("input", start, end)``). The text kept
for reports (``input_text``) has the characters of private members (``d``,
``p``, ``k``...) replaced by ``*``: offsets stay the same, and an excerpt
around a finding can never show a secret.

Tables here (which members a key type requires, which are private, which are
base64url) are read by both the parser and the rules.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from types import MappingProxyType
from typing import Any, Literal, NamedTuple

from .info import KeyInfo
from ..records import Base64Evidence, EncodedField, JsonEvidence, Origin, Span

_EMPTY: Mapping[str, Any] = MappingProxyType({})

#: Members each key type requires (RFC 7518 §6.2.1, §6.3.1, §6.4.1; RFC 8037 §2).
REQUIRED = {"RSA": ("n", "e"), "EC": ("crv", "x", "y"), "OKP": ("crv", "x"), "oct": ("k",)}

#: Members that hold private key material, per key type (RFC 7518 §6.2.2, §6.3.2, §6.4.1; RFC 8037 §2).
PRIVATE = {"RSA": ("d", "p", "q", "dp", "dq", "qi", "oth"), "EC": ("d",), "OKP": ("d",), "oct": ("k",)}

#: Every member name that is private for some key type: what a JWKS for verifiers must not hold.
ANY_PRIVATE = ("d", "p", "q", "dp", "dq", "qi", "oth", "k")

#: Members whose value is base64url (RFC 7517 §4.8-4.9, RFC 7518 §6). ``x5c`` is *standard*
#: base64 by definition (RFC 7517 §4.7) and is deliberately absent.
BASE64URL = ("n", "e", "d", "p", "q", "dp", "dq", "qi", "x", "y", "k", "x5t", "x5t#S256")


#: Bytes of an OKP public key ``x`` (RFC 8037 §2; RFC 8032, RFC 7748).
OKP_KEY_BYTES = {"Ed25519": 32, "Ed448": 57, "X25519": 32, "X448": 56}

#: Bytes of an OKP private key ``d``.
OKP_PRIVATE_BYTES = {"Ed25519": 32, "Ed448": 57, "X25519": 32, "X448": 56}


class JwkMember(NamedTuple):
    """One member of a JWK object, where it sits, and (for base64url members) its encoding."""

    name: str
    value: Any  # as JSON read it
    span: Span  # the value's characters (a string's, quotes excluded)
    literal: bool  # a string without JSON escapes: offsets inside it match its characters
    b64: Base64Evidence | None = None  # for members in ``BASE64URL`` holding a string
    private: bool = False

    def __repr__(self) -> str:  # private values never reach a log or a test failure
        shown = "<hidden>" if self.private else repr(self.value)[:60]
        return f"JwkMember({self.name}={shown} at {self.span.start}:{self.span.end})"

    @property
    def decoded(self) -> bytes | None:
        return self.b64.decoded if self.b64 is not None else None

    @property
    def leading_zeros(self) -> int:
        """Zero octets at the start of the decoded value."""
        data = self.decoded or b""
        return len(data) - len(data.lstrip(b"\0"))


class JwkRecord(NamedTuple):
    """One JWK object: a lone JWK, or one entry of a JWKS's ``keys``.

    ``key_problem`` is cryptography's refusal to build a key from the numbers
    (``(member, sentence)``): n and e inconsistent, a private part that does
    not match the public one, a size over the limit. ``on_curve`` is whether an
    EC point lies on its named curve (None when not checked: no curve, or
    coordinates missing or of the wrong length).
    """

    index: int | None  # type: ignore[assignment]  # position in the JWKS (None for a lone JWK); shadows tuple.index
    span: Span  # the object's characters
    members: Mapping[str, JwkMember] = _EMPTY  # the last occurrence of each name, as JSON parsers keep
    duplicates: tuple[str, ...] = ()  # names that appear more than once in this object
    not_object: str | None = None  # the JSON type when this ``keys`` entry is not an object
    key: KeyInfo | None = None  # when the members make a usable key
    key_problem: tuple[str | None, str] | None = None
    on_curve: bool | None = None
    secret_weak: str | None = None  # an oct key: why its secret is degenerate (jwtlint.keys.secret)
    secret_listed: bool = False  # an oct key: its secret is in jwtlint's list of secrets seen in the wild

    def __repr__(self) -> str:
        return f"JwkRecord(index={self.index}, kty={self.get('kty')!r}, members={sorted(self.members)})"

    def get(self, name: str) -> Any:
        m = self.members.get(name)
        return m.value if m is not None else None

    @property
    def kty(self) -> Any:
        return self.get("kty")

    @property
    def crv(self) -> str | None:
        """The curve name when it is a string (anything else is jwk-invalid's business, and unhashable)."""
        v = self.get("crv")
        return v if isinstance(v, str) else None

    @property
    def private_members(self) -> tuple[str, ...]:
        """Names of the private members present, in the order of ``ANY_PRIVATE``."""
        kty = self.kty
        names = PRIVATE.get(kty, ANY_PRIVATE) if isinstance(kty, str) else ANY_PRIVATE
        return tuple(n for n in names if n in self.members)

    @property
    def where(self) -> str:
        """How messages name this JWK: "the JWK" or "keys[2]"."""
        return "the JWK" if self.index is None else f"keys[{self.index}]"

    def member_span(self, name: str) -> Span:
        """The member's value, or the whole object when it is absent."""
        m = self.members.get(name)
        return m.span if m is not None else self.span

    def encoded_fields(self) -> Iterator[EncodedField]:
        for m in self.members.values():
            if m.b64 is None:
                continue
            label = f'JWK member "{m.name}"' if self.index is None else f'member "{m.name}" of keys[{self.index}]'
            yield EncodedField(label, m.b64, m.span.part, m.span.start, resign=False, sensitive=m.private)


class JwkTarget(NamedTuple):
    """A lone JWK (a JSON object with ``kty``), or a JSON text that tried to be one."""

    input_text: str  # the JSON text, private member values masked with '*' (same length)
    origin: Origin
    json: JsonEvidence  # ``value`` dropped: the members are in ``record``
    record: JwkRecord | None  # None when the text is not a JSON object
    keys: tuple[KeyInfo, ...] = ()  # the usable key, if any
    too_large: int | None = None

    @property
    def kind(self) -> Literal["jwk"]:
        """The kind of target: the engine runs the rules whose ``targets`` name it."""
        return "jwk"

    def __repr__(self) -> str:
        return f"JwkTarget({self.origin.label()}, {self.record!r})"

    @property
    def records(self) -> tuple[JwkRecord, ...]:
        return (self.record,) if self.record is not None else ()

    def encoded_fields(self) -> Iterator[EncodedField]:
        for r in self.records:
            yield from r.encoded_fields()

    def segment(self, role: str) -> None:
        """A JWK has no token segments (reporters and tests ask every target)."""
        return None


class JwksTarget(NamedTuple):
    """A JWK Set (a JSON object with ``keys``): its entries, in order."""

    input_text: str
    origin: Origin
    json: JsonEvidence
    records: tuple[JwkRecord, ...]
    keys_span: Span  # the ``keys`` member's value (or the whole object when ``keys`` is not an array)
    keys_type: str = "an array"  # JSON type of ``keys``: anything but "an array" is invalid
    skipped: int = 0  # entries beyond limits.MAX_JWKS_KEYS, counted but not read
    keys: tuple[KeyInfo, ...] = ()
    too_large: int | None = None
    bare_array: bool = False  # the text was the array alone: [{...}, ...] without {"keys": ...}

    @property
    def kind(self) -> Literal["jwks"]:
        """The kind of target: the engine runs the rules whose ``targets`` name it."""
        return "jwks"

    def __repr__(self) -> str:
        return f"JwksTarget({self.origin.label()}, {len(self.records)} keys)"

    def encoded_fields(self) -> Iterator[EncodedField]:
        for r in self.records:
            yield from r.encoded_fields()

    def segment(self, role: str) -> None:
        """A JWK has no token segments (reporters and tests ask every target)."""
        return None
