"""JWK and JWKS parsing: JSON text in, ``JwkTarget`` / ``JwksTarget`` full of evidence out.

The JSON is read by ``jsonparse.analyse_json`` (duplicates, depth limit, huge
numbers); this module adds where each member sits in the text, the base64url
evidence of each encoded member, and what cryptography made of the numbers:
the usable keys (``KeyInfo``), or why there is none. Nothing here judges, and
nothing raises on user input.
"""

from __future__ import annotations

import json
import re
from typing import Any

from .. import limits
from ..algs import EC_COORDINATE_BYTES
from ..token.b64 import analyse
from ..token.jsonparse import analyse_json, is_string, json_type
from .jwkmodel import ANY_PRIVATE, BASE64URL, OKP_PRIVATE_BYTES, JwkMember, JwkRecord, JwksTarget, JwkTarget
from .info import KeyInfo, from_crypto, from_secret
from ..model import JsonEvidence, Origin, Span


def _skip(_: str) -> int:
    return 0


# Locating members needs only where each value starts and ends: numbers are
# skipped, never built (a 100,000-digit number costs nothing here).
_SCANNER = json.JSONDecoder(parse_int=_skip, parse_float=_skip, parse_constant=_skip)
_WS = " \t\n\r"
# In text that is not JSON, members cannot be told apart: every long base64url
# run is masked (it may be a private value).
_LONG_RUN = re.compile(r"[A-Za-z0-9_\-+/=]{16,}")


def _stars(m: re.Match[str]) -> str:
    return "*" * len(m.group())

Offsets = list[tuple[str, int, int]]  # (member name, value start, value end)


# A key whose author forgot "kty" still has its numbers: n and e, or crv and x.
#: One pattern per member (a pattern "n" ... "e" with ".*" between was quadratic on '"n":' repeated).
_N, _E, _CRV, _X = (re.compile(rf'"{name}"\s*:') for name in ("n", "e", "crv", "x"))


def _key_shape(s: str) -> bool:
    return (_N.search(s) is not None and _E.search(s) is not None) or (
        _CRV.search(s) is not None and _X.search(s) is not None
    )


def looks_like_jwk(text: str) -> bool:
    """True for text that is meant as a JWK or JWKS: a JSON object naming ``kty`` or ``keys``,
    or holding a key's numbers without ``kty`` (``n`` and ``e``, ``crv`` and ``x``)."""
    s = text.lstrip("\ufeff" + _WS)
    if s.startswith("["):  # a bare array of JWKs: a JWK Set that lost its {"keys": ...} wrapper
        return s[1:].lstrip(_WS).startswith("{") and '"kty"' in s
    if not s.startswith("{"):
        return False
    return '"kty"' in s or '"keys"' in s or (len(s) <= limits.MAX_TOKEN_CHARS and _key_shape(s))


def parse_jwk_json(text: str, origin: Origin | None = None) -> list[JwkTarget | JwksTarget]:
    """The JWK or JWKS in ``text``: one target, or none when the text is not meant as either. Never raises."""
    origin = origin or Origin()
    if not looks_like_jwk(text):
        return []
    if len(text) > limits.MAX_INPUT_CHARS:
        return [JwkTarget("", origin, JsonEvidence(), None, too_large=len(text))]
    evidence = analyse_json(text.encode("utf-8", "surrogatepass"))
    value = evidence.value
    facts = evidence._replace(value=None)  # the members live in the records; keep the evidence small
    start = _skip_ws(text, 0)
    if isinstance(value, list) and evidence.problem == "not-object":
        whole = Span("input", start, len(text.rstrip()))
        return [_jwks(text, value, (start, whole.end), whole, origin, facts._replace(problem=None, detail=""), bare=True)]
    if not isinstance(value, dict) or evidence.problem:
        return [JwkTarget(_LONG_RUN.sub(_stars, text), origin, facts, None)]
    try:
        offsets, end = _object_offsets(text, start)
    except (ValueError, IndexError, RecursionError):  # defensive: analyse_json read it, so the scan should too
        offsets, end = [], len(text)
    whole = Span("input", start, end)
    if "kty" in value or "keys" not in value:
        rec, hidden = _record(text, value, offsets, whole, None, "jwk")
        return [JwkTarget(_mask(text, hidden), origin, facts, rec, keys=(rec.key,) if rec.key else ())]
    return [_jwks(text, value["keys"], _last(offsets, "keys"), whole, origin, facts)]


def _jwks(
    text: str, keys_value: Any, where: tuple[int, int] | None, whole: Span, origin: Origin, facts: JsonEvidence,
    bare: bool = False,
) -> JwksTarget:
    """A JWK Set target: ``keys_value`` is its "keys" value, found at ``where`` in ``text``
    (``bare``: the text is that array alone, without the wrapping object)."""
    keys_span = Span("input", *where) if where else whole
    if not isinstance(keys_value, list):
        return JwksTarget(_mask(text, []), origin, facts, (), keys_span, keys_type=json_type(keys_value))
    try:
        entries = _array_offsets(text, where[0]) if where else []
    except (ValueError, IndexError, RecursionError):
        entries = []
    records, hidden = [], []
    for i, item in enumerate(keys_value[: limits.MAX_JWKS_KEYS]):
        start, end, member_offsets = entries[i] if i < len(entries) else (*keys_span[1:], [])
        span = Span("input", start, end)
        if not isinstance(item, dict):
            records.append(JwkRecord(i, span, not_object=json_type(item)))
            continue
        rec, h = _record(text, item, member_offsets, span, i, "jwks")
        records.append(rec)
        hidden += h
    return JwksTarget(
        _mask(text, hidden), origin, facts, tuple(records), keys_span,
        skipped=max(0, len(keys_value) - limits.MAX_JWKS_KEYS),
        keys=tuple(r.key for r in records if r.key is not None), bare_array=bare,
    )  # fmt: skip


def _record(text: str, obj: dict[str, Any], offsets: Offsets, span: Span, index: int | None, source: str) -> tuple[JwkRecord, list[Span]]:
    """One JWK object's evidence, and the spans of its private values (to mask)."""
    kty = obj.get("kty")
    names = [name for name, _, _ in offsets]
    duplicates = tuple(sorted({n for n in names if names.count(n) > 1})) if len(set(names)) != len(names) else ()
    members = {}
    hidden = []
    for name, value in obj.items():
        where = _last(offsets, name)
        private = name in ANY_PRIVATE
        if where is None:
            mspan, literal = span, False
        elif is_string(value):
            a, b = where[0] + 1, where[1] - 1  # inside the quotes
            mspan, literal = Span("input", a, b), b - a == len(value) and "\\" not in text[a:b]
        else:
            mspan, literal = Span("input", *where), False
        b64 = analyse(value) if name in BASE64URL and is_string(value) else None
        members[name] = JwkMember(name, value, mspan, literal, b64, private)
        if private:
            hidden.append(mspan)
    rec = JwkRecord(index, span, members, duplicates)
    raw = text[span.start : span.end].encode("utf-8", "surrogatepass")
    key, problem, on_curve = _build_key(rec, kty)
    if key is not None:
        key = key._replace(**_key_fields(rec), source=source, raw=raw, index=index or 0)
    if key is not None and key.secret:  # an oct key: is its secret degenerate, or a published one?
        from ..token.verify import secret_set
        from .secret import weakness

        rec = rec._replace(secret_weak=weakness(key.secret), secret_listed=key.secret in secret_set())
    return rec._replace(key=key, key_problem=problem, on_curve=on_curve), hidden


def _key_fields(rec: JwkRecord) -> dict[str, Any]:
    def text(name: str) -> str | None:
        v = rec.get(name)
        return v if is_string(v) else None

    ops = rec.get("key_ops")
    key_ops = tuple(ops) if isinstance(ops, list) and all(is_string(o) for o in ops) else None
    return {"kid": text("kid"), "alg": text("alg"), "use": text("use"), "key_ops": key_ops}


Built = tuple[KeyInfo | None, tuple[str | None, str] | None, bool | None]


def _number(rec: JwkRecord, name: str) -> int | None:
    """The member as a big-endian unsigned integer, when it is a base64url string that decodes."""
    m = rec.members.get(name)
    if m is None or m.b64 is None or m.b64.illegal or m.b64.dangling or m.b64.misplaced_padding:
        return None
    return int.from_bytes(m.b64.decoded, "big")


def _bytes(rec: JwkRecord, name: str) -> bytes | None:
    m = rec.members.get(name)
    if m is None or m.b64 is None or m.b64.illegal or m.b64.dangling or m.b64.misplaced_padding:
        return None
    return m.b64.decoded


def _build_key(rec: JwkRecord, kty: Any) -> Built:
    try:
        if kty == "RSA":
            return _rsa(rec)
        if kty == "EC":
            return _ec(rec)
        if kty == "OKP":
            return _okp(rec)
        if kty == "oct":
            k = _bytes(rec, "k")
            return (from_secret(k) if k is not None else None), None, None
    except (ValueError, TypeError, OverflowError) as exc:  # cryptography's refusals, never shown with values
        return None, (None, f"cryptography refused the key ({type(exc).__name__})"), None
    return None, None, None


def _rsa(rec: JwkRecord) -> Built:
    from cryptography.hazmat.primitives.asymmetric import rsa

    n, e = _number(rec, "n"), _number(rec, "e")
    if n is None or e is None:
        return None, None, None
    if n.bit_length() > limits.MAX_JWK_RSA_BITS:
        return None, ("n", f"n has {n.bit_length():,} bits; jwtlint builds RSA keys up to {limits.MAX_JWK_RSA_BITS:,} bits"), None
    if n < 3 or n % 2 == 0:
        return None, ("n", "n is even (or below 3): no product of two odd primes is"), None
    if e < 3 or e % 2 == 0 or e >= n:
        return None, ("e", f"e = {e if e.bit_length() <= 64 else 'a ' + str(e.bit_length()) + '-bit number'} is not an RSA public exponent (odd, at least 3, below n)"), None
    if e.bit_length() > limits.MAX_RSA_EXPONENT_BITS:
        # Each use of the key (every signature tried against a JWK Set) costs a modular power of
        # e's size: real exponents are 17 bits (65537), FIPS 186 allows at most 256.
        return None, ("e", f"e is a {e.bit_length():,}-bit number; jwtlint builds RSA keys with exponents up to "
                      f"{limits.MAX_RSA_EXPONENT_BITS} bits (FIPS 186: below 2^256)"), None  # fmt: skip
    public = rsa.RSAPublicNumbers(e, n)
    if "d" not in rec.members:
        return from_crypto(public.public_key()), None, None
    d = _number(rec, "d")
    if d is None:
        return from_crypto(public.public_key()), None, None
    p, q = _number(rec, "p"), _number(rec, "q")
    if p is None or q is None:
        try:
            p, q = rsa.rsa_recover_prime_factors(n, e, d)
        except ValueError:
            return None, ("d", "d does not belong to n and e (no factors of n follow from it)"), None
    if p * q != n or p < 3 or q < 3:
        return None, ("p", "p times q is not n"), None
    dp, dq, qi = (_number(rec, m) for m in ("dp", "dq", "qi"))
    lam = (p - 1) * (q - 1) // _gcd(p - 1, q - 1)
    if (e * d) % lam != 1:
        return None, ("d", "d is not the inverse of e: the private exponent does not belong to n and e"), None
    for name, got, want in (("dp", dp, d % (p - 1)), ("dq", dq, d % (q - 1)), ("qi", qi, pow(q, -1, p))):
        if got is not None and got != want:
            return None, (name, f"{name} does not follow from d, p and q"), None
    # Consistency is checked above with cheap arithmetic; OpenSSL's own check
    # tests primality, which costs seconds on a 16384-bit key.
    priv = rsa.RSAPrivateNumbers(
        p, q, d, d % (p - 1), d % (q - 1), pow(q, -1, p), public
    ).private_key(unsafe_skip_rsa_key_validation=True)
    return from_crypto(priv), None, None


def _gcd(a: int, b: int) -> int:
    from math import gcd

    return gcd(a, b)


def _ec(rec: JwkRecord) -> Built:
    from cryptography.hazmat.primitives.asymmetric import ec

    crv = rec.get("crv")
    curves: dict[str, type[ec.EllipticCurve]] = {
        "P-256": ec.SECP256R1, "P-384": ec.SECP384R1, "P-521": ec.SECP521R1, "secp256k1": ec.SECP256K1,
    }  # fmt: skip
    if not is_string(crv) or crv not in curves:
        return None, None, None
    x, y = _bytes(rec, "x"), _bytes(rec, "y")
    size = EC_COORDINATE_BYTES[crv]
    # A coordinate longer than the curve's size with non-zero excess is not a
    # coordinate of this curve at all: jwk-invalid says so from the lengths.
    if x is None or y is None or len(x.lstrip(b"\0")) > size or len(y.lstrip(b"\0")) > size:
        return None, None, None
    curve = curves[crv]()
    numbers = ec.EllipticCurvePublicNumbers(int.from_bytes(x, "big"), int.from_bytes(y, "big"), curve)
    try:
        public = numbers.public_key()
    except ValueError:  # the point is not on the curve (or a coordinate is not below the field prime)
        return None, None, False
    if "d" not in rec.members:
        return from_crypto(public), None, True
    d = _number(rec, "d")
    if d is None:
        return from_crypto(public), None, True
    try:
        private = ec.derive_private_key(d, curve)
    except ValueError:
        return None, ("d", "d is not a valid private scalar for the curve (zero, or not below its order)"), True
    if private.public_key().public_numbers() != numbers:
        return None, ("d", "d does not belong to the point (x, y): the private and public parts are of different keys"), True
    return from_crypto(private), None, True


def _okp(rec: JwkRecord) -> Built:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import ed448, ed25519, x448, x25519

    kinds: dict[str, Any] = {  # the private key classes, each with from_private_bytes
        "Ed25519": ed25519.Ed25519PrivateKey, "Ed448": ed448.Ed448PrivateKey,
        "X25519": x25519.X25519PrivateKey, "X448": x448.X448PrivateKey,
    }  # fmt: skip
    publics: dict[str, Any] = {  # the public key classes, each with from_public_bytes
        "Ed25519": ed25519.Ed25519PublicKey, "Ed448": ed448.Ed448PublicKey,
        "X25519": x25519.X25519PublicKey, "X448": x448.X448PublicKey,
    }  # fmt: skip
    crv = rec.get("crv")
    if not is_string(crv) or crv not in kinds:
        return None, None, None
    x = _bytes(rec, "x")
    if x is None:
        return None, None, None
    try:
        public = publics[crv].from_public_bytes(x)
    except ValueError:  # wrong length: jwk-invalid reads it from the decoded length
        return None, None, None
    d = _bytes(rec, "d")
    if d is None:
        return from_crypto(public), None, None
    if len(d) != OKP_PRIVATE_BYTES[crv]:  # jwk-invalid reads the wrong length from the evidence
        return None, None, None
    private = kinds[crv].from_private_bytes(d)
    raw = serialization.Encoding.Raw, serialization.PublicFormat.Raw
    if private.public_key().public_bytes(*raw) != x:
        return None, ("d", "d does not belong to x: the private and public parts are of different keys"), None
    return from_crypto(private), None, None


def _last(offsets: Offsets, name: str) -> tuple[int, int] | None:
    """Where the last ``name`` member's value sits (the one a JSON parser keeps)."""
    for n, a, b in reversed(offsets):
        if n == name:
            return a, b
    return None


def _skip_ws(text: str, i: int) -> int:
    while i < len(text) and (text[i] in _WS or text[i] == "\ufeff"):
        i += 1
    return i


def _object_offsets(text: str, i: int) -> tuple[Offsets, int]:
    """The members of the object starting at ``text[i]``, and where the object ends."""
    if text[i] != "{":
        raise ValueError("not an object")
    found: Offsets = []
    i = _skip_ws(text, i + 1)
    if text[i] == "}":
        return found, i + 1
    while True:
        name, i = json.decoder.scanstring(text, i + 1)  # type: ignore[attr-defined]
        i = _skip_ws(text, i)
        if text[i] != ":":
            raise ValueError("expected ':'")
        start = _skip_ws(text, i + 1)
        _, end = _SCANNER.raw_decode(text, start)
        found.append((name, start, end))
        i = _skip_ws(text, end)
        if text[i] == "}":
            return found, i + 1
        i = _skip_ws(text, i + 1)


def _array_offsets(text: str, i: int) -> list[tuple[int, int, Offsets]]:
    """Each element of the array starting at ``text[i]``: start, end and, for an object, its members."""
    out: list[tuple[int, int, Offsets]] = []
    i = _skip_ws(text, i + 1)
    if text[i] == "]":
        return out
    while len(out) < limits.MAX_JWKS_KEYS:
        if text[i] == "{":
            members, end = _object_offsets(text, i)
        else:
            members, (_, end) = [], _SCANNER.raw_decode(text, i)
        out.append((i, end, members))
        i = _skip_ws(text, end)
        if text[i] == "]":
            break
        i = _skip_ws(text, i + 1)
    return out


def _mask(text: str, hidden: list[Span]) -> str:
    """``text`` with the characters of ``hidden`` spans replaced by '*' (offsets unchanged)."""
    if not hidden:
        return text
    out, pos = [], 0
    for s in sorted(hidden, key=lambda s: s.start):
        if s.start < pos:
            continue
        out += [text[pos : s.start], "*" * (s.end - s.start)]
        pos = s.end
    out.append(text[pos:])
    return "".join(out)


def parse_jwk_material(text: str, origin: Origin | None = None) -> list[JwkTarget | JwksTarget]:
    """Like ``parse_jwk_json``, for text already judged to be a JWK (``keyparse`` calls it):
    always at least one target; JSON that is neither a JWK nor a JWKS is a ``jwk`` target without a record.
    """
    found = parse_jwk_json(text, origin)
    if found:
        return found
    return [JwkTarget(_LONG_RUN.sub(_stars, text), origin or Origin(), JsonEvidence(problem="not-object", detail="is not a JWK or JWK Set object"), None)]
