"""Structure and encoding rules: segments, base64url, and the JSON inside.

All base64 and JSON facts come from the parser's evidence
(``Segment.b64``, ``Segment.json``); nothing here decodes.
"""

from __future__ import annotations

from collections.abc import Iterator

from jwtlint.engine import Applicability, Context, Finding, Rule, Severity, cite
from jwtlint.model import EncodedField, Segment, Span, TokenTarget
from jwtlint.rules._helpers import Encoded


def _encoded_segments(t: TokenTarget) -> Iterator[Segment]:
    """Segments that must be base64url (an RFC 7797 unencoded payload is not).

    Text without a single '.' is not a token at all; segment-count says so,
    and judging its "encoding" would only add noise.
    """
    if len(t.segments) < 2:
        return iter(())
    if not t.payload_unencoded:
        return iter(t.segments)
    return (seg for seg in t.segments if seg.role != "payload")


#: The encoding rules read token segments and JWK members alike (``EncodedField``).
_ENCODED_KINDS = frozenset({"token", "jwk", "jwks"})


def _encoded_fields(t: Encoded) -> Iterator[EncodedField | Segment]:
    """The base64url texts of a target: a token's segments (each one has the ``EncodedField``
    attributes), or a JWK's encoded members (never ``x5c``)."""
    return _encoded_segments(t) if isinstance(t, TokenTarget) else t.encoded_fields()


def _reencode_applicability(f: EncodedField | Segment) -> Applicability:
    # Re-encoding the signature (or a JWK member) keeps its bytes; re-encoding
    # the header or payload changes the signing input.
    return Applicability.UNSAFE if f.resign else Applicability.SAFE


def _resign_note(f: EncodedField | Segment) -> str:
    return ", then sign the re-encoded header.payload again" if f.resign else ""


def _claims_expected(t: TokenTarget, ctx: Context) -> bool:
    """True when the payload must be a JSON claims set: typ says JWT, or claim checks were asked for."""
    typ = t.header.get("typ") if t.header else None
    is_jwt = isinstance(typ, str) and (typ.lower() in ("jwt", "application/jwt") or typ.lower().endswith("+jwt"))
    return is_jwt or ctx.claim_checks


_LEADING_WS = b"\xef\xbb\xbf \t\r\n"


def _payload_is_json(seg: Segment) -> bool:
    """True when the payload is JSON structure: an object or an array, whole or cut short. A token with
    such a payload is a JWT (RFC 7519 §7.2), whose claims set must be a UTF-8 JSON object. Anything else
    (text, bytes, a bare number such as Wycheproof's "123400") is a plain JWS's business (RFC 7515 §3)."""
    return seg.json is not None and seg.b64.decoded.lstrip(_LEADING_WS)[:1] in (b"{", b"[")


# RFC 3629 §3 and §4: what each kind of invalid UTF-8 is, and where it usually comes from.
_UTF8_PROBLEMS = {
    "overlong": "an overlong encoding (a character written in more bytes than it needs, which RFC 3629 forbids "
    "because it can smuggle '/' or '\"' past filters)",
    "surrogate": "a UTF-16 surrogate encoded as if it were a character (CESU-8 or WTF-8 output, e.g. Java's "
    "modified UTF-8 or a lone surrogate from a JavaScript string)",
    "too-large": "a code point above U+10FFFF",
    "stray-continuation": "a continuation byte with no lead byte (Latin-1 or Windows-1252 text, or bytes cut apart)",
    "bad-continuation": "a lead byte not followed by its continuation bytes (Latin-1 or Windows-1252 text?)",
    "invalid-byte": "a byte that never occurs in UTF-8",
    "cut-short": "a character cut short at the end of the text",
}


class SegmentCount(Rule[TokenTarget]):
    """## What it does
    Flags a token that does not have 3 (JWS) or 5 (JWE) dot-separated segments.

    ## Why is this bad?
    Compact JWS is `header.payload.signature` (RFC 7515 §7.1); compact JWE has
    five parts (RFC 7516 §7.1). Two parts almost always means the signature was
    dropped together with its dot; an unsecured JWT still ends with a dot
    (RFC 7519 §6.1). One part is an opaque token or not a token at all.

    ## Fix
    Send the whole token, including the last `.signature` part. For an
    unsecured JWT keep the trailing dot (and reconsider `alg: none`).

    ## Example
    `eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxIn0` (the signature is missing)
    """

    code = "JWT201"
    name = "segment-count"
    severity = Severity.ERROR
    summary = "The token does not have 3 (JWS) or 5 (JWE) segments."
    refs = (cite("RFC 7515", "7.1"), cite("RFC 7516", "7.1"), cite("RFC 7519", "7.2"))

    def check(self, t: TokenTarget, ctx: Context) -> Iterator[Finding]:
        if t.form != "malformed" or not t.segments:
            return
        n = t.text.count(".") + 1
        last = t.segments[-1]
        if n == 1:
            yield self.finding(
                "there is no '.': this is not a compact JWS or JWE (an opaque token, or only one part of a JWT)",
                last.span(),
                fix="paste the whole token: header.payload.signature",
            )
        elif n == 2:
            yield self.finding(
                "2 segments: the signature and the '.' before it are missing",
                Span(last.role, len(last.text), len(last.text)),
                fix="send the whole token, header.payload.signature; an unsecured JWT still ends with '.'",
            )
        else:
            extra = t.segments[3] if len(t.segments) > 3 else last
            yield self.finding(
                f"{n} segments: a JWS has 3 and a JWE 5 (was a '.' added, or two tokens joined?)",
                extra.span(),
                fix="send exactly one token: header.payload.signature",
            )


class EmptySegment(Rule[TokenTarget]):
    """## What it does
    Flags an empty header, and notes an empty payload (detached content).

    ## Why is this bad?
    The protected header is required: without it there is no `alg` and
    nothing to verify (RFC 7515 §5.2). An empty payload is legal only for
    detached content (RFC 7515 Appendix F), where the verifier must get the
    payload some other way; a JWT's claims never travel that way.

    ## Fix
    Include the header. For an empty payload, check whether the content was
    meant to be detached; if not, put the claims back.

    ## Example
    `.eyJzdWIiOiIxIn0.c2ln` (no header)
    """

    code = "JWT202"
    name = "empty-segment"
    severity = Severity.ERROR
    summary = "The header is empty, or the payload is (detached content)."
    refs = (cite("RFC 7515", "5.2"), cite("RFC 7515", "Appendix F"))

    def check(self, t: TokenTarget, ctx: Context) -> Iterator[Finding]:
        if not t.segments:
            return
        header = t.segments[0]
        # A JWS/JWE JSON serialization may carry its whole header unprotected (RFC 7515 §7.2.1).
        if not header.text and len(t.segments) > 1 and not (t.serialization is not None and t.header):
            yield self.finding("the header segment is empty", header.span(), fix="include the protected header")
        payload = t.segment("payload")
        if payload is not None and not payload.text:
            detached = t.form == "jws" and not _claims_expected(t, ctx)
            yield self.finding(
                "the payload segment is empty" + (": detached content (RFC 7515 Appendix F)" if detached else ""),
                payload.span(),
                fix="a verifier needs the payload from elsewhere; if it was not meant to be detached, include it",
                severity=Severity.INFO if detached else Severity.ERROR,
            )


class StdBase64Alphabet(Rule[Encoded]):
    """## What it does
    Flags a segment written in the standard base64 alphabet (`+`, `/`) instead of base64url,
    and a JWK member (`n`, `e`, `x`, `y`, `d`, `k`...) written so; `x5c` is standard base64 by
    definition (RFC 7517 §4.7) and is never flagged.

    ## Why is this bad?
    JOSE segments are base64url (RFC 7515 §2): `-` and `_` where standard
    base64 has `+` and `/`. Verifiers reject the token (`Unrecognized base64
    character`, `Invalid character in token`), and a `+` becomes a space in a
    form body. It happens when code calls a plain base64 encoder, e.g. Apex
    `EncodingUtil.base64Encode`, Java `Base64.getEncoder()`, Python
    `base64.b64encode`, Node `toString('base64')`.

    ## Fix
    Use a base64url encoder without padding: replace `+` with `-`, `/` with
    `_` and drop trailing `=`. For the header and payload the signature was
    computed over the wrong text: re-encode, then sign again.

    ## Example
    `eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJhYj8+In0=.c2ln`
    """

    code = "JWT203"
    name = "std-base64-alphabet"
    severity = Severity.ERROR
    summary = "A segment uses standard base64 ('+', '/') instead of base64url."
    targets = _ENCODED_KINDS
    refs = (cite("RFC 7515", "2"), cite("RFC 4648", "5"))

    def check(self, t: Encoded, ctx: Context) -> Iterator[Finding]:
        for seg in _encoded_fields(t):
            b = seg.b64
            if not b.std_chars:
                continue
            plus = sum(1 for i in b.std_chars if b.text[i] == "+")
            slash = len(b.std_chars) - plus
            counts = " and ".join(
                s for s in (f"{plus} '+'" if plus else "", f"{slash} '/'" if slash else "") if s
            )
            mixed = " mixed with base64url's '-' and '_' (a partial conversion)" if b.alphabet == "mixed" else ""
            first = b.std_chars[0]
            yield self.finding(
                f"the {seg.label} uses standard base64: {counts}{mixed} (first at character {first})",
                seg.span(first, first + 1),
                fix="encode with base64url without padding ('+' to '-', '/' to '_', no '=')" + _resign_note(seg),
                fixed=None if b.illegal else b.canonical,
                applicability=_reencode_applicability(seg),
                sensitive=seg.sensitive,
            )


class Base64Padding(Rule[Encoded]):
    """## What it does
    Flags a segment, or a base64url JWK member (RFC 7518 §6: `n`, `e`, `x`, `y`, `d`, `k`...),
    that ends with `=` padding (`x5c` is standard base64, padded by definition).

    ## Why is this bad?
    JWS compact serialization is base64url *without* padding (RFC 7515 §2,
    Appendix C). Strict verifiers reject the token (`Invalid crypto padding`,
    `Illegal base64url character: '='`); lenient ones accept a token that other
    parties cannot read. In a URL or form, `=` must itself be escaped.

    ## Fix
    Strip the trailing `=`; in code, use a base64url encoder without padding.
    For the header and payload, sign the stripped text again.

    ## Example
    `eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0=.c2lnbmF0dXJl`
    """

    code = "JWT204"
    name = "base64-padding"
    severity = Severity.ERROR
    summary = "A segment ends with '=' padding; base64url in JOSE has none."
    targets = _ENCODED_KINDS
    refs = (cite("RFC 7515", "2"), cite("RFC 7515", "Appendix C"))

    def check(self, t: Encoded, ctx: Context) -> Iterator[Finding]:
        for seg in _encoded_fields(t):
            b = seg.b64
            if not b.padding:
                continue
            start, end = b.padding_span
            yield self.finding(
                f"the {seg.label} ends with {b.padding} '=' padding character{'s' * (b.padding > 1)}",
                seg.span(start, end),
                fix="strip the trailing '='" + _resign_note(seg),
                fixed=None if b.illegal else b.canonical,
                applicability=_reencode_applicability(seg),
                sensitive=seg.sensitive,
            )


class InvalidBase64Char(Rule[Encoded]):
    """## What it does
    Flags characters that belong to no base64 alphabet, `=` in the middle of a
    segment, and segment lengths no base64 text can have.

    ## Why is this bad?
    Such a segment cannot be decoded (RFC 7515 §2). Typical causes: a token
    cut short when copied, two padded segments glued together, quotes or
    punctuation picked up with the token, or a different format altogether
    (an SD-JWT's `~`, a URL-escaped character).

    ## Fix
    Copy the token again from its source, whole; find where the stray
    character came from.

    ## Example
    `eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0?.c2ln`
    """

    code = "JWT205"
    name = "invalid-base64-char"
    severity = Severity.ERROR
    summary = "A segment has characters, padding or a length that base64url cannot have."
    targets = _ENCODED_KINDS
    refs = (cite("RFC 7515", "2"), cite("RFC 4648", "5"))

    def check(self, t: Encoded, ctx: Context) -> Iterator[Finding]:
        for seg in _encoded_fields(t):
            b = seg.b64
            if b.illegal:
                chars = sorted({c for _, c in b.illegal})
                shown = ", ".join(repr(c) for c in chars[:8])
                first = b.illegal[0][0]
                yield self.finding(
                    f"the {seg.label} has {len(b.illegal)} character{'s' * (len(b.illegal) > 1)} outside base64url "
                    f"({shown}; first at character {first})",
                    seg.span(first, first + 1),
                    fix="copy the token again from its source; these characters are not part of any base64 text",
                )
            if b.misplaced_padding:
                first = b.misplaced_padding[0]
                yield self.finding(
                    f"the {seg.label} has '=' inside it at character {first} (padded pieces joined together?)",
                    seg.span(first, first + 1),
                    fix="encode the whole segment at once with base64url, without padding",
                )
            if b.dangling:
                n = len(b.text) - b.padding
                yield self.finding(
                    f"the {seg.label} has {n} base64 characters, which leaves one over: no base64 text has that "
                    "length (the segment was cut short, or has a stray character)",
                    seg.span(n - 1, n),
                    fix="copy the token again from its source, whole",
                )


class NonCanonicalBase64(Rule[Encoded]):
    """## What it does
    Flags a segment whose last character sets bits that base64url says must be zero.

    ## Why is this bad?
    The last character of a base64 text carries 2 or 4 bits that are not part
    of the data and must be zero (RFC 4648 §3.5). Lenient decoders ignore
    them, strict ones (Go's `Strict` encodings, some JOSE libraries) reject
    the token, and a token that decodes the same under several spellings is
    malleable (Wycheproof counts such signatures as invalid).

    ## Fix
    Re-encode the decoded bytes with a standard base64url encoder; the
    canonical spelling is in `fixed`.

    ## Example
    `eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn1.c2ln` (`1` where `0` belongs)
    """

    code = "JWT206"
    name = "non-canonical-base64"
    severity = Severity.ERROR
    summary = "A segment's last character has non-zero unused bits."
    targets = _ENCODED_KINDS
    refs = (cite("RFC 4648", "3.5"), cite("RFC 7515", "2"))

    def check(self, t: Encoded, ctx: Context) -> Iterator[Finding]:
        for seg in _encoded_fields(t):
            b = seg.b64
            if not b.non_canonical or b.dangling:
                continue
            n = len(b.text) - b.padding
            yield self.finding(
                f"the {seg.label}'s last character {b.text[n - 1]!r} sets unused bits; the canonical character "
                f"is {b.canonical[-1]!r}",
                seg.span(n - 1, n),
                fix="re-encode the decoded bytes with a base64url encoder" + _resign_note(seg),
                fixed=None if b.illegal else b.canonical,
                applicability=_reencode_applicability(seg),
                sensitive=seg.sensitive,
            )


_CAUSE_FIX = {
    "empty": "the segment decodes to nothing: put the JSON object there",
    "not-utf8": "encode the JSON text as UTF-8 before base64url-encoding it (RFC 8259 §8.1)",
    "syntax": "produce the segment with a JSON serializer, not by string concatenation",
    "truncated": "the JSON ends early: copy the whole token again, or check what cut it",
    "not-object": "the segment must be a JSON object: {...}",
    "double-encoded": "encode once: base64url(UTF-8(JSON)), not base64url(base64(...)) or a JSON string of JSON",
    "too-deep": "no header or claims set needs that nesting: check what produced it",
}


def _utf8_sequence(data: bytes, at: int) -> bytes:
    """The bytes of the invalid sequence starting at ``at``: its lead byte and the continuation bytes after it."""
    lead = data[at]
    need = 1 if lead < 0xC0 or lead >= 0xF8 else 2 if lead < 0xE0 else 3 if lead < 0xF0 else 4
    end = at + 1
    while end < min(len(data), at + need) and 0x80 <= data[end] <= 0xBF:
        end += 1
    return data[at:end]


class SegmentNotJson(Rule[TokenTarget]):
    """## What it does
    Flags a header, or a JWT's payload, that does not decode to a JSON object, and says why.

    ## Why is this bad?
    The JOSE header is a JSON object (RFC 7515 §4), and so is a JWT's claims
    set (RFC 7519 §7.2). Each cause has its own fix: the segment was encoded
    twice, is not UTF-8, starts with a byte-order mark (RFC 8259 §8.1 forbids
    it), was cut short, or holds an array or a string. A plain JWS may carry
    any payload (RFC 7515), so a non-JSON payload is only noted, unless
    `typ` says JWT or claim checks were asked for.

    ## Fix
    Build each segment as base64url(UTF-8(JSON object)), with a JSON
    serializer, without BOM, once.

    ## Example
    `WyJhbGciLCJIUzI1NiJd.eyJzdWIiOiIxIn0.c2ln` (the header is an array)
    """

    code = "JWT207"
    name = "segment-not-json"
    severity = Severity.ERROR
    summary = "A header or JWT payload does not decode to a JSON object (and why)."
    refs = (cite("RFC 7515", "4"), cite("RFC 7519", "7.2"), cite("RFC 8259", "8.1"))

    def check(self, t: TokenTarget, ctx: Context) -> Iterator[Finding]:
        if len(t.segments) < 2:
            return  # not a token at all: segment-count's finding
        for seg in t.segments:
            js = seg.json
            if js is None or (seg.role == "header" and not seg.text):
                continue  # an empty header is empty-segment's finding
            if not (js.problem or js.utf8_error_at is not None or js.bom or js.constants):
                continue  # JSON as it should be (the common case: decide nothing more)
            if seg.role == "payload" and not _claims_expected(t, ctx) and not _payload_is_json(seg):
                severity = Severity.INFO
                note = " (legal for a plain JWS, whose payload may be anything; not for a JWT)"
            elif seg.role == "payload" and not _claims_expected(t, ctx):
                # No typ, no claim checks, but the payload is JSON: it is a JWT, and a JWT's claims set is a
                # UTF-8 JSON object (RFC 7519 §7.2 steps 9-10), whatever a lenient library makes of it.
                severity, note = Severity.ERROR, " (the payload is JSON, so this is a JWT: its claims set must be a JSON object in UTF-8)"
            else:
                severity, note = Severity.ERROR, ""
            zip_alg = t.header.get("zip") if seg.role == "payload" and t.header is not None else None
            zipped = seg.role == "payload" and t.header is not None and "zip" in t.header
            if js.problem and zipped:
                yield self.finding(
                    f"the payload is compressed (\"zip\": {zip_alg!r}), so it is not JSON to any "
                    f"standard JWS verifier{note}",
                    seg.span(),
                    fix="compression is defined for JWE only: send the JSON uncompressed (see zip-in-jws), unless "
                    "your platform (e.g. SMART Health Cards) defines it",
                    severity=severity,
                )
            elif js.problem:
                yield self.finding(
                    f"the {seg.role} {js.detail}{note}",
                    seg.span(),
                    fix=_CAUSE_FIX.get(js.problem),
                    severity=severity,
                )
            elif js.utf8_error_at is not None:
                at = js.utf8_error_at
                bad = _utf8_sequence(seg.b64.decoded, at)
                why = _UTF8_PROBLEMS.get(js.utf8_problem, "")
                read = "; jwtlint read it with U+FFFD in place of the bad bytes" if js.value is not None else ""
                b = seg.b64
                # The base64 characters that encode the bad bytes (3 bytes are 4 characters), when offsets line up.
                where = seg.span() if b.illegal or b.misplaced_padding else seg.span(
                    at // 3 * 4, min(len(b.text) - b.padding, -(-(at + len(bad)) // 3) * 4)
                )
                yield self.finding(
                    f"the {seg.role} is not valid UTF-8: bytes {bad.hex(' ').upper()} at byte {at}"
                    + (f" are {why}" if why else "")
                    + f"{read}{note}",
                    where,
                    fix=_CAUSE_FIX["not-utf8"],
                    severity=severity,
                )
            elif js.bom:
                yield self.finding(
                    f"the {seg.role} starts with a UTF-8 byte-order mark; JSON senders must not add one{note}",
                    seg.span(0, 4),
                    fix="serialize the JSON without a BOM (e.g. not with 'utf-8-sig', not from a file saved with BOM)",
                    fixed=None,
                    severity=severity,
                )
            elif js.constants:
                yield self.finding(
                    f"the {seg.role} uses {', '.join(sorted(set(js.constants)))}, which JSON does not allow{note}",
                    seg.span(),
                    fix="use a finite number or null; serialize with a strict JSON encoder (allow_nan=False)",
                    severity=severity,
                )


class DuplicateJsonMember(Rule[TokenTarget]):
    """## What it does
    Flags a header or claims set with the same member name twice.

    ## Why is this bad?
    Header parameter and claim names must be unique (RFC 7515 §4, RFC 7519
    §4). Parsers differ on which duplicate wins, so two parties can read two
    different `alg` or `sub` values from one token: a classic way to smuggle
    a claim past a check (RFC 8725 §2).

    ## Fix
    Emit each member once; build the object as a map, not by string concatenation.

    ## Example
    `{"alg":"HS256","alg":"none"}`
    """

    code = "JWT208"
    name = "duplicate-json-member"
    severity = Severity.ERROR
    summary = "A header parameter or claim appears twice."
    refs = (cite("RFC 7515", "4"), cite("RFC 7519", "4"), cite("RFC 8725", "2"))

    def check(self, t: TokenTarget, ctx: Context) -> Iterator[Finding]:
        for seg in t.segments:
            if seg.json is None or not seg.json.duplicates:
                continue
            names = sorted(set(seg.json.duplicates))
            yield self.finding(
                f"the {seg.role} has {', '.join(repr(n) for n in names)} more than once; parsers disagree "
                "on which value wins",
                seg.span(),
                fix="emit each member once (build the JSON from a map/dict)",
            )


class JweToken(Rule[TokenTarget]):
    """## What it does
    Notes that the token is a JWE (five segments): encrypted, not just signed.

    ## Why is this bad?
    It is not. But only the recipient's private key opens a JWE (RFC 7516),
    so jwtlint checks only its header; claims, times and the inner signature
    are not visible. If you expected a signed JWT (an ID token, a client
    assertion), you were given something else.

    ## Fix
    Nothing if encryption is intended. To lint the content, decrypt it first
    and lint the inner token.

    ## Example
    `eyJhbGciOiJSU0EtT0FFUCIsImVuYyI6IkEyNTZHQ00ifQ.<key>.<iv>.<ciphertext>.<tag>`
    """

    code = "JWT209"
    name = "jwe-token"
    severity = Severity.INFO
    summary = "The token is a JWE: only its header is checked."
    refs = (cite("RFC 7516", "7.1"),)

    def check(self, t: TokenTarget, ctx: Context) -> Iterator[Finding]:
        if t.form != "jwe":
            return
        enc = t.header.get("enc") if t.header else None
        yield self.finding(
            f"a JWE (encrypted{f' with {enc}' if isinstance(enc, str) else ''}): only the header was checked",
            t.segments[0].span(),
            fix="decrypt it with the recipient's key and lint the inner token to check the claims",
        )


RULES = [
    SegmentCount,
    EmptySegment,
    StdBase64Alphabet,
    Base64Padding,
    InvalidBase64Char,
    NonCanonicalBase64,
    SegmentNotJson,
    DuplicateJsonMember,
    JweToken,
]
