"""JWK and JWK Set rules: members, encodings of numbers, private material, kid, alg, use.

Everything comes from the JWK parser's evidence (``jwtlint.keys.jwkmodel``): member
values and where they sit, base64url evidence, what cryptography made of the
numbers. Two rules also look at a token verified with JWKs (``ctx.keys``):
the alg a JWK pins, and the use it allows. The encoding of JWK members
(padding, standard alphabet...) is judged by the structure rules.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from jwtlint.algs import EC_COORDINATE_BYTES, ES_ALG_FOR_CURVE, JWE_ENC_ALGS, JWE_KEY_ALGS, JWS_ALGS, nearest
from jwtlint.token.b64 import b64url_encode
from jwtlint.engine import Applicability, Context, Finding, Rule, Severity, cite
from jwtlint.token.jsonparse import is_string, json_type
from jwtlint.keys.jwkmodel import (
    ANY_PRIVATE, BASE64URL, OKP_KEY_BYTES, OKP_PRIVATE_BYTES, PRIVATE, REQUIRED, JwkRecord, JwksTarget, JwkTarget,
)  # fmt: skip
from jwtlint.model import Span, TokenTarget
from jwtlint.rules._helpers import AnyJwk, Encoded, header_span, quoted

_JWK_KINDS = frozenset({"jwk", "jwks"})
KTYS = ("RSA", "EC", "OKP", "oct")
#: Registered key types whose members jwtlint does not check yet (ML-DSA's AKP, draft-ietf-cose-dilithium).
OTHER_KTYS = ("AKP",)
CURVES = {"EC": tuple(EC_COORDINATE_BYTES), "OKP": tuple(OKP_KEY_BYTES)}
_RSA_PRIVATE_SET = ("d", "p", "q", "dp", "dq", "qi")
#: Every name a JWK's "alg" may hold: the JWS and JWE algorithms of the IANA JOSE registry.
REGISTERED_ALGS = frozenset(JWS_ALGS) | JWE_KEY_ALGS | JWE_ENC_ALGS


def _records(t: AnyJwk) -> tuple[JwkRecord, ...]:
    return tuple(r for r in t.records if r.not_object is None)


def _obj_start(r: JwkRecord) -> Span:
    """The first character of the object: where a finding about the whole JWK points."""
    return Span(r.span.part, r.span.start, r.span.start + 1)


class JwkInvalid(Rule[AnyJwk]):
    """## What it does
    Flags a JWK that is not a usable key: a required member missing, repeated
    or of the wrong type, an unknown `kty` or `crv`, an empty number, RSA `n`/`e` that
    cannot be a key, EC or OKP values of the wrong length, private members
    that do not belong to the public ones, a JWK Set whose `keys` is not an
    array of objects.

    ## Why is this bad?
    RFC 7517 §4-5 and RFC 7518 §6 say which members each key type has and
    what they hold; a library that meets a broken JWK refuses the whole key
    (or, for a JWK Set, often the whole set), so nothing verifies.
    Characters outside base64url are reported by `invalid-base64-char`.

    ## Fix
    Export the JWK with a JOSE library (jwcrypto, jose, nimbus-jose-jwt)
    instead of writing it by hand; members are named exactly (`kty`, `n`,
    `e`, `crv`, `x`, `y`, `k`) and their values are base64url strings.

    ## Example
    `{"kty":"RSA","n":"0vx7agoebGc...","e":65537}` (`e` must be the string `"AQAB"`)
    """

    code = "JWT701"
    name = "jwk-invalid"
    severity = Severity.ERROR
    summary = "The JWK is not a usable key: members missing, mistyped, or inconsistent."
    targets = _JWK_KINDS
    refs = (cite("RFC 7517", "4"), cite("RFC 7517", "5"), cite("RFC 7518", "6"), cite("RFC 8037", "2"))

    def check(self, t: AnyJwk, ctx: Context) -> Iterator[Finding]:
        if t.json.problem or (isinstance(t, JwkTarget) and t.record is None):
            detail = t.json.detail or "is not a JSON object"
            yield self.finding(
                f"the text {detail}, so it holds no JWK",
                Span("input", 0, len(t.input_text)),
                fix="give the JWK as one JSON object, e.g. as a JOSE library exports it",
            )
            return
        if isinstance(t, JwksTarget):
            yield from self._set(t)
        for r in _records(t):
            for member, message, fix in _problems(r):
                yield self.finding(f"{r.where}: {message}", r.member_span(member) if member else _obj_start(r), fix=fix)

    def _set(self, t: JwksTarget) -> Iterator[Finding]:
        if t.bare_array:
            yield self.finding(
                "the JWKs are a bare JSON array; a JWK Set is an object whose \"keys\" member holds that array",
                Span("input", t.keys_span.start, t.keys_span.start + 1),
                fix='wrap the array: {"keys": [ {...}, {...} ]} (RFC 7517 §5), as a jwks_uri serves it',
            )
        if t.keys_type != "an array":
            yield self.finding(
                f'"keys" is {t.keys_type}; a JWK Set holds an array of JWK objects',
                t.keys_span,
                fix='write "keys": [ {...}, {...} ] (RFC 7517 §5.1)',
            )
        for r in t.records:
            if r.not_object is not None:
                yield self.finding(
                    f"keys[{r.index}] is {r.not_object}, not a JWK object",
                    r.span,
                    fix="each entry of \"keys\" is a JWK object with at least \"kty\"",
                )


def _problems(r: JwkRecord) -> Iterator[tuple[str | None, str, str]]:
    """(member, message, fix) for each way ``r`` is not a valid JWK."""
    kty = r.kty
    if kty is None:
        yield None, 'no "kty": every JWK names its key type', 'add "kty": "RSA", "EC", "OKP" or "oct" (RFC 7517 §4.1)'
        return
    if kty in OTHER_KTYS:
        return
    if not is_string(kty) or kty not in KTYS:
        near = nearest(kty, frozenset(KTYS)) if is_string(kty) else None
        shown = repr(kty) if is_string(kty) else json_type(kty)
        hint = f"; did you mean {near!r}?" if near else ""
        yield "kty", f"kty {shown} is not a key type{hint}", f'use "kty": "{near or "RSA"}" (key types are case-sensitive: RSA, EC, OKP, oct)'
        return
    for name in REQUIRED[kty]:
        if name not in r.members:
            yield None, f'a {kty} key needs "{name}", and it is missing', f'add "{name}" (RFC 7518 §6 lists the members of each key type)'
    for name, m in r.members.items():
        if (name in BASE64URL or name == "crv") and not is_string(m.value):
            yield name, f'"{name}" is {json_type(m.value)}; it must be a string', f'write "{name}" as a base64url string' + (
                ' (65537 is "AQAB")' if name == "e" else "")
        elif m.b64 is not None and not m.b64.decoded and not m.b64.illegal:
            yield name, f'"{name}" is empty', f'give "{name}" its value'
    for name in r.duplicates:
        yield name, f'"{name}" appears more than once; parsers disagree on which value wins', f'write "{name}" once (RFC 7517 §4: member names MUST be unique)'
    yield from _types(r)
    if kty in CURVES:
        crv = r.get("crv")
        if is_string(crv) and crv not in CURVES[kty]:
            yield "crv", *_curve_problem(kty, crv)
    if kty == "RSA" and any(n in r.members for n in ("p", "q", "dp", "dq", "qi")):
        missing = [n for n in _RSA_PRIVATE_SET if n not in r.members]
        if missing:
            yield None, f"a private RSA JWK with some of d, p, q, dp, dq, qi must have all of them; {', '.join(missing)} missing", "export the private key whole (RFC 7518 §6.3.2)"
    yield from _lengths(r, kty)
    if r.key_problem is not None:
        member, message = r.key_problem
        yield member, message, "export the key again from its source; these numbers make no key"


#: Curve names that are not JOSE's, and the registered name they mean (OpenSSL/SEC names, an old draft's P-256K).
CURVE_ALIASES = {
    "secp256r1": "P-256", "prime256v1": "P-256", "secp384r1": "P-384", "secp521r1": "P-521",
    "P-256K": "secp256k1", "p-256": "P-256", "p-384": "P-384", "p-521": "P-521", "ed25519": "Ed25519",
}  # fmt: skip


def _curve_problem(kty: str, crv: str) -> tuple[str, str]:
    """(message, fix) for a crv that is not one of ``kty``'s registered curves."""
    other = "OKP" if crv in OKP_KEY_BYTES else "EC" if crv in EC_COORDINATE_BYTES else None
    if other:
        return f'crv {crv!r} is an "{other}" curve, not an "{kty}" one', f'use "kty": "{other}"'
    meant = CURVE_ALIASES.get(crv)
    if meant:
        return (f"crv {crv!r} is not a registered curve name; JOSE calls this curve {meant!r}",
                f'write "crv": "{meant}" (IANA JOSE registry; RFC 7518 §6.2.1.1, RFC 8812 §3.1)')
    return (f"crv {crv!r} is not a registered {kty} curve ({', '.join(CURVES[kty])})",
            "use a registered curve name (case-sensitive)")


def _types(r: JwkRecord) -> Iterator[tuple[str | None, str, str]]:
    for name in ("use", "alg", "kid"):
        if name in r.members and not is_string(r.get(name)):
            yield name, f'"{name}" is {json_type(r.get(name))}; it must be a string', f'write "{name}" as a string (RFC 7517 §4)'
    for name in ("key_ops", "x5c"):
        v = r.get(name)
        if name in r.members and not (isinstance(v, list) and all(is_string(o) for o in v)):
            yield name, f'"{name}" must be an array of strings', f'write "{name}" as ["...", ...] (RFC 7517 §4)'
    ops = r.get("key_ops")
    if isinstance(ops, list) and all(is_string(o) for o in ops) and len(set(ops)) != len(ops):
        yield "key_ops", '"key_ops" lists an operation twice', "list each operation once (RFC 7517 §4.3)"


def _lengths(r: JwkRecord, kty: str) -> Iterator[tuple[str | None, str, str]]:
    crv = r.crv
    if kty == "EC" and crv in EC_COORDINATE_BYTES:
        size = EC_COORDINATE_BYTES[crv]
        for name in ("x", "y", "d"):
            data = r.members[name].decoded if name in r.members else None
            if data and len(data.lstrip(b"\0")) > size:
                yield name, f"{name} is {len(data)} bytes; {crv} values are {size} bytes", "use the coordinates of a key on this curve"
    if kty == "OKP" and crv in OKP_KEY_BYTES:
        for name, sizes in (("x", OKP_KEY_BYTES), ("d", OKP_PRIVATE_BYTES)):
            data = r.members[name].decoded if name in r.members else None
            if data and len(data) != sizes[crv]:
                yield name, f"{name} is {len(data)} bytes; an {crv} key is {sizes[crv]} bytes", "export the raw key bytes (RFC 8037 §2), not a DER or PEM encoding"


class JwkLeadingZero(Rule[AnyJwk]):
    """## What it does
    Flags an RSA number (`n`, `e`, `d`, `p`...) that starts with zero octets,
    and an EC coordinate or private key (`x`, `y`, `d`) that is not exactly
    the curve's size: leading zeros stripped, or a zero sign byte added.

    ## Why is this bad?
    RSA numbers are Base64urlUInt: the *minimum* number of octets
    (RFC 7518 §2, §6.3.1.1). EC values are the opposite: the *full*
    coordinate length, leading zeros kept (RFC 7518 §6.2.1.2). Java's
    `BigInteger.toByteArray()` adds a zero sign byte whenever the top bit is
    set (every RSA modulus), and `BigInteger`-to-bytes code drops the zeros
    that an EC coordinate needs about one time in 256. Strict libraries
    reject the key; thumbprints (RFC 7638) and kid values computed from it
    differ from everyone else's.

    ## Fix
    For RSA, drop the leading zero octets; for EC, left-pad to the curve
    size (32 bytes for P-256, 48 for P-384, 66 for P-521). `fixed` holds the
    corrected value.

    ## Example
    `{"kty":"RSA","n":"AMu5...","e":"AQAB"}` (`AM` is the zero sign byte before `0xcb...`)
    """

    code = "JWT702"
    name = "jwk-leading-zero"
    severity = Severity.ERROR
    summary = "An RSA number has leading zero octets, or an EC value is not the curve's full length."
    targets = _JWK_KINDS
    refs = (cite("RFC 7518", "2"), cite("RFC 7518", "6.3.1.1"), cite("RFC 7518", "6.2.1.2"))

    def check(self, t: AnyJwk, ctx: Context) -> Iterator[Finding]:
        for r in _records(t):
            if r.kty == "RSA":
                yield from self._rsa(r)
            elif r.kty == "EC" and r.crv in EC_COORDINATE_BYTES:
                yield from self._ec(r, r.crv)

    def _rsa(self, r: JwkRecord) -> Iterator[Finding]:
        for name in ("n", "e", *PRIVATE["RSA"]):
            m = r.members.get(name)
            if m is None:
                continue
            data, zeros = m.decoded, m.leading_zeros
            if not data or not zeros or zeros == len(data):
                continue
            sign = " (a sign byte, as Java's BigInteger.toByteArray() writes before a number whose top bit is set)"
            why = sign if zeros == 1 and data[1] >= 0x80 else ""
            chars = -(-zeros * 4 // 3)
            yield self.finding(
                f'{r.where}: "{name}" starts with {zeros} zero octet{"s" * (zeros > 1)}{why}; RSA numbers use the fewest octets',
                Span(m.span.part, m.span.start, m.span.start + chars) if m.literal else m.span,
                fix=f'drop the leading zero octets of "{name}" before base64url-encoding it',
                fixed=b64url_encode(data[zeros:]),
                applicability=Applicability.SAFE,
                sensitive=m.private,
            )

    def _ec(self, r: JwkRecord, crv: str) -> Iterator[Finding]:
        size = EC_COORDINATE_BYTES[crv]
        for name in ("x", "y", "d"):
            m = r.members.get(name)
            data = m.decoded if m is not None else None
            if m is None or not data or len(data) == size or len(data.lstrip(b"\0")) > size:
                continue  # right, absent, or too long to be this curve's (jwk-invalid)
            if len(data) < size:
                what = f"{len(data)} bytes: its leading zero octets were dropped; {crv} values are {size} bytes"
                fixed = b64url_encode(data.rjust(size, b"\0"))
                fix = f'left-pad "{name}" with zero octets to {size} bytes'
            else:
                what = f"{len(data)} bytes: {len(data) - size} zero octet(s) before the {size}-byte value (a sign byte?)"
                fixed = b64url_encode(data[len(data) - size :])
                fix = f'drop the extra leading zero octets of "{name}"'
            yield self.finding(
                f'{r.where}: "{name}" is {what}',
                m.span,
                fix=fix + " before base64url-encoding it",
                fixed=fixed,
                applicability=Applicability.SAFE,
                sensitive=m.private,
            )


def _public_jwk(r: JwkRecord) -> str | None:
    """The JWK without its private members, as JSON (None for a secret key: it has no public half)."""
    if r.kty == "oct":
        return None
    # Every name that is private for some key type goes, not only this type's: an odd "k" in an
    # RSA JWK is still nothing to hand back in a report.
    return json.dumps({n: m.value for n, m in r.members.items() if n not in ANY_PRIVATE}, separators=(",", ":"))


class JwksContainsPrivate(Rule[JwksTarget]):
    """## What it does
    Flags a JWK Set that holds private key material: `d`, `p`, `q`, `dp`,
    `dq`, `qi` or `oth` of an RSA, EC or OKP key, or an `oct` key's `k`.

    ## Why is this bad?
    A JWK Set is what an issuer publishes (`jwks_uri`, `/.well-known/jwks.json`)
    for verifiers; anyone who reads it can sign tokens with a private key or
    secret in it. It happens when a library exports the key pair instead of
    its public half (jwcrypto `export(private_keys=True)`, node-jose
    `toJSON(true)`, a keystore dumped whole). A set meant to stay private
    (a signer's own key file) should not be shaped like a published set.

    ## Fix
    Publish only the public members (`kty`, `n`, `e` / `crv`, `x`, `y`, plus
    `kid`, `use`, `alg`); remove symmetric (`oct`) keys entirely. Then
    rotate the exposed keys: they are compromised. `fixed` holds the public
    JWK.

    ## Example
    `{"keys":[{"kty":"EC","crv":"P-256","x":"...","y":"...","d":"..."}]}`
    """

    code = "JWT703"
    name = "jwks-contains-private"
    severity = Severity.ERROR
    summary = "A JWK Set holds private keys or secrets, which anyone reading it can use."
    targets = frozenset({"jwks"})
    refs = (cite("RFC 7517", "5"), cite("RFC 7517", "9.2"), cite("RFC 8725", "3.5"))

    def check(self, t: JwksTarget, ctx: Context) -> Iterator[Finding]:
        for r in _records(t):
            names = r.private_members
            if not names:
                continue
            secret = r.kty == "oct"
            what = "a secret key (its k)" if secret else f"private member{'s' * (len(names) > 1)} {', '.join(names)}"
            yield self.finding(
                f"{r.where} ({_describe(r)}) holds {what}: whoever reads this set can sign tokens",
                r.member_span(names[0]),
                fix="remove this symmetric key from the published set" if secret else
                f"publish only the public members (remove {', '.join(names)}), then rotate the key",
                fixed=_public_jwk(r),
                applicability=Applicability.UNSAFE,
            )


def _describe(r: JwkRecord) -> str:
    kid = r.get("kid")
    label = f"kid {kid!r}" if is_string(kid) else "no kid"
    crv = r.get("crv")
    kind = f"{r.kty} {crv}" if is_string(crv) else str(r.kty)
    return f"{kind}, {label}"


class JwkKidDuplicate(Rule[JwksTarget]):
    """## What it does
    Flags two keys of the same type in a JWK Set with the same `kid`.

    ## Why is this bad?
    Verifiers pick the key by `kid` (RFC 7515 §4.1.4) and take the first
    match; RFC 7517 §4.5 says keys in a set SHOULD have distinct `kid`s. After
    a key rotation that reused the `kid`, tokens signed with the new key
    fail at every verifier that finds the old one first, or worse, only some
    of them fail, depending on the library.

    ## Fix
    Give each key its own `kid`, e.g. its RFC 7638 thumbprint; keep the
    retiring key under its old `kid` until its tokens expire.

    ## Example
    `{"keys":[{"kty":"RSA","kid":"main","n":"old..."},{"kty":"RSA","kid":"main","n":"new..."}]}`
    """

    code = "JWT704"
    name = "jwk-kid-duplicate"
    severity = Severity.WARNING
    summary = "Two keys of the same type in a JWK Set share a kid."
    targets = frozenset({"jwks"})
    refs = (cite("RFC 7517", "4.5"), cite("RFC 7515", "4.1.4"), cite("RFC 7638", "1"))

    def check(self, t: JwksTarget, ctx: Context) -> Iterator[Finding]:
        first: dict[tuple[str, Any], JwkRecord] = {}
        for r in _records(t):
            kid = r.get("kid")
            if not is_string(kid) or not is_string(r.kty):
                continue
            seen = first.setdefault((kid, r.kty), r)
            if seen is r:
                continue
            same = r.key is not None and seen.key is not None and _same_key(r, seen)
            what = "the same key listed twice" if same else "different keys: a verifier picking by kid takes the first"
            yield self.finding(
                f"keys[{r.index}] has kid {kid!r}, like keys[{seen.index}] ({what})",
                r.member_span("kid"),
                fix="remove the repeated key" if same else "give each key its own kid (the RFC 7638 thumbprint is a good one)",
            )


def _same_key(a: JwkRecord, b: JwkRecord) -> bool:
    names = REQUIRED.get(a.kty, ())
    return all(a.get(n) == b.get(n) for n in names)


# Which key each algorithm needs: (kty, curve or None, alg family wording).
def _needs(alg: str) -> tuple[tuple[str, ...], str | None] | None:
    if alg in JWS_ALGS:
        a = JWS_ALGS[alg]
        if a.family in ("RSA", "RSA-PSS"):
            return ("RSA",), None
        if a.family == "ECDSA":
            return ("EC",), a.curve
        if a.family == "EdDSA":
            return ("OKP",), a.curve
        if a.family == "HMAC":
            return ("oct",), None
        return None
    if alg in JWE_KEY_ALGS:
        if alg.startswith("RSA"):
            return ("RSA",), None
        if alg.startswith("ECDH-ES"):
            return ("EC", "OKP"), None
        if alg.startswith("PBES2"):
            return None
        return ("oct",), None
    return None


def _alg_conflict(alg: str, kty: Any, crv: Any) -> str | None:
    """Why a key of ``kty``/``crv`` cannot be used with ``alg`` (None when it can, or we cannot tell)."""
    needs = _needs(alg)
    if needs is None or not is_string(kty):
        return None
    ktys, curve = needs
    if kty not in ktys:
        article = "an" if kty in KTYS else "a"  # RSA, EC, OKP, oct all start with a vowel sound
        return f"{alg} needs {' or '.join(ktys)} keys, and this is {article} {kty} key"
    if kty == "OKP" and alg in JWS_ALGS and crv in ("X25519", "X448"):
        return f"{alg} signs, and {crv} is a key-agreement curve (Ed25519 or Ed448 sign)"
    if curve and is_string(crv) and crv != curve:
        return f"{alg} uses {curve}, and this key is on {crv}"
    if kty == "OKP" and alg.startswith("ECDH-ES") and crv in ("Ed25519", "Ed448"):
        return f"{alg} needs X25519 or X448 keys, and {crv} is a signing curve"
    return None


def _right_alg(kty: Any, crv: Any) -> str | None:
    if kty == "RSA":
        return "RS256"
    if kty == "oct":
        return "HS256"
    if kty == "EC":
        return ES_ALG_FOR_CURVE.get(crv) if isinstance(crv, str) else None
    if kty == "OKP" and crv in ("Ed25519", "Ed448"):
        return "EdDSA"
    return None


def _selected(t: TokenTarget, ctx: Context) -> Any:
    """The one JWK ``ctx.keys`` offers for this token (by kid), or None when there is not exactly one."""
    jwks = [k for k in ctx.keys if k.source in ("jwk", "jwks")]
    if not jwks:
        return None  # the common case: a key object, PEM or secret, which carries no alg or use
    kid = t.header.get("kid") if t.header else None
    if is_string(kid) and any(k.kid is not None for k in jwks):
        jwks = [k for k in jwks if k.kid == kid]
    return jwks[0] if len(jwks) == 1 else None


class JwkAlgMismatch(Rule[Encoded]):
    """## What it does
    Flags a JWK whose `alg` cannot go with its key (RS256 on an EC key,
    ES256 on a P-384 key, HS256 on an RSA key) or is no registered algorithm
    name at all (`ES521`, `rs256`: named with the registered name it most
    likely meant), and a token whose `alg` differs from the `alg` of the JWK
    it is verified with.

    ## Why is this bad?
    A JWK's `alg` names the one algorithm the key is for (RFC 7517 §4.4),
    from the IANA JOSE algorithms registry (RFC 7518 §7.1), case-sensitive.
    Libraries that honour it (jose, nimbus-jose-jwt, jwcrypto, PyJWT's
    `PyJWK`) refuse the key for anything else, or refuse to load it at all
    (PyJWT: `Unable to find an algorithm for key`); an `alg` that the key
    cannot do is a copy-paste slip from another key.

    ## Fix
    Set `alg` to what the key does (RS256/PS256 for RSA, ES256 for P-256,
    ES384 for P-384, ES512 for P-521, EdDSA for Ed25519) or drop it; sign
    the token with the algorithm the key names.

    ## Example
    `{"kty":"EC","crv":"P-256","alg":"RS256","x":"...","y":"..."}`;
    `{"kty":"EC","crv":"P-521","alg":"ES521",...}` (the name is `ES512`)
    """

    code = "JWT705"
    name = "jwk-alg-mismatch"
    severity = Severity.ERROR
    summary = "A JWK's alg is unregistered or cannot go with its key, or differs from the alg of the token it verifies."
    targets = frozenset({"jwk", "jwks", "token"})
    refs = (cite("RFC 7517", "4.4"), cite("RFC 7518", "3.1"), cite("RFC 7518", "7.1"), cite("RFC 8725", "3.1"))

    def check(self, t: Encoded, ctx: Context) -> Iterator[Finding]:
        if isinstance(t, TokenTarget):
            yield from self._token(t, ctx)
            return
        for r in _records(t):
            alg, crv = r.get("alg"), r.crv
            if not is_string(alg):
                continue
            if alg not in REGISTERED_ALGS:
                yield self._unregistered(r, alg)
                continue
            why = _alg_conflict(alg, r.kty, crv)
            if why:
                right = _right_alg(r.kty, crv)
                yield self.finding(
                    f"{r.where}: alg {alg!r} cannot go with this key: {why}",
                    r.member_span("alg"),
                    fix=f'set "alg" to {right!r}, the algorithm this key does (or drop "alg")' if right else 'drop "alg", or use the key it was meant for',
                    fixed=right,
                )

    def _unregistered(self, r: JwkRecord, alg: str) -> Finding:
        """alg-unknown's judgement, for a JWK's own alg: not a registered name, and the one it meant."""
        near = nearest(alg, REGISTERED_ALGS) if len(alg) <= 32 else None
        right = _right_alg(r.kty, r.crv)
        if near is not None and _alg_conflict(near, r.kty, r.crv):
            near = None  # the nearest spelling is for another kind of key: the key's own alg is the better guess
        meant = near or right
        hint = f"; did you mean {near!r}?" if near else f"; this key's algorithm is {right!r}" if right else ""
        return self.finding(
            f"{r.where}: alg {quoted(alg)} is not a registered algorithm name{hint} (libraries refuse the key)",
            r.member_span("alg"),
            fix=f'set "alg" to {meant!r} (names are case-sensitive, from the IANA JOSE registry)' if meant
            else 'drop "alg", or use a registered algorithm name (IANA JOSE registry)',
            fixed=meant,
            applicability=Applicability.UNSAFE,
        )

    def _token(self, t: TokenTarget, ctx: Context) -> Iterator[Finding]:
        if not ctx.keys or not is_string(t.alg):
            return
        key = _selected(t, ctx)
        if key is None or key.alg is None or key.alg == t.alg:
            return
        where = f" (kid {key.kid!r})" if key.kid is not None else ""
        yield self.finding(
            f"the token says alg {t.alg!r}, and the JWK it is verified with{where} is for {key.alg!r}: a verifier that "
            "honours the JWK's alg refuses the token",
            header_span(t, "alg"),
            fix=f"sign the token with {key.alg} (the JWK's alg), or publish a JWK whose alg is {t.alg}",
        )


class JwkPointNotOnCurve(Rule[AnyJwk]):
    """## What it does
    Flags an EC JWK whose point (`x`, `y`) does not lie on its curve.

    ## Why is this bad?
    Such a "key" is no key of that curve. A verifier or ECDH party that
    accepts it without checking leaks its own private key bit by bit to an
    invalid-curve attack (the 2017 JOSE advisories: node-jose
    GHSA-rvj9-8cvx-3vq9, go-jose, jose4j, Nimbus); careful libraries
    refuse it, so nothing verifies with it either. It also happens by
    accident: `x` and `y` of different keys, a coordinate cut or swapped.

    ## Fix
    Get the public key again from its owner (export it with a JOSE library);
    as a verifier, reject points that are not on the curve (RFC 8725 §3.4).

    ## Example
    `{"kty":"EC","crv":"P-256","x":"...","y":"..."}` where y² ≠ x³ − 3x + b (mod p)
    """

    code = "JWT706"
    name = "jwk-point-not-on-curve"
    severity = Severity.ERROR
    summary = "An EC JWK's point is not on its curve (an invalid-curve attack key, or a broken one)."
    targets = _JWK_KINDS
    refs = (cite("RFC 8725", "3.4"), cite("RFC 7518", "6.2.1"),
            cite("GHSA-rvj9-8cvx-3vq9", url="https://github.com/advisories/GHSA-rvj9-8cvx-3vq9"))  # fmt: skip

    def check(self, t: AnyJwk, ctx: Context) -> Iterator[Finding]:
        for r in _records(t):
            if r.on_curve is False:
                yield self.finding(
                    f"{r.where}: the point (x, y) is not on {r.get('crv')}: this is no {r.get('crv')} public key",
                    r.member_span("x"),
                    fix="get the public key again from its owner; a verifier must reject this key, never use it",
                )


_VERIFY_OPS = frozenset({"sign", "verify"})
_ENC_OPS = frozenset({"encrypt", "decrypt", "wrapKey", "unwrapKey", "deriveKey", "deriveBits"})


class KeyUseMismatch(Rule[Encoded]):
    """## What it does
    Flags a JWK whose `use` and `key_ops` contradict each other, and a token
    verified with a JWK whose `use` (`"enc"`) or `key_ops` (no `"verify"`)
    forbid verifying.

    ## Why is this bad?
    `use` and `key_ops` say what a key may do (RFC 7517 §4.2-4.3); used
    together they MUST agree. Libraries that honour them (jose,
    nimbus-jose-jwt, Microsoft.IdentityModel) skip a key marked for
    encryption when verifying, and the error then says "no matching key" or
    "invalid signature". Using one key for both signing and encryption is
    itself a weakness (RFC 8725 §3.12 advises keeping them apart).

    ## Fix
    Verify with the signing key (`"use": "sig"`); if this is the signing key,
    mark it `"use": "sig"` or `"key_ops": ["verify"]`.

    ## Example
    `{"kty":"RSA","use":"enc","kid":"k1",...}` used to verify a token with `"kid":"k1"`
    """

    code = "JWT707"
    name = "key-use-mismatch"
    severity = Severity.ERROR
    summary = "A JWK's use/key_ops forbid verifying with it, or contradict each other."
    targets = frozenset({"jwk", "jwks", "token"})
    refs = (cite("RFC 7517", "4.2"), cite("RFC 7517", "4.3"), cite("RFC 8725", "3.12"))

    def check(self, t: Encoded, ctx: Context) -> Iterator[Finding]:
        if isinstance(t, TokenTarget):
            yield from self._token(t, ctx)
            return
        for r in _records(t):
            use, ops = r.get("use"), r.get("key_ops")
            if not is_string(use) or not isinstance(ops, list) or not all(is_string(o) for o in ops):
                continue
            clash = (use == "sig" and not _VERIFY_OPS & set(ops)) or (use == "enc" and _VERIFY_OPS & set(ops))
            if clash:
                yield self.finding(
                    f"{r.where}: use {use!r} and key_ops {ops} say different things about what this key is for",
                    r.member_span("key_ops"),
                    fix='keep one of them (RFC 7517 §4.3: they SHOULD NOT be used together): "use": "sig" for a signing key',
                )

    def _token(self, t: TokenTarget, ctx: Context) -> Iterator[Finding]:
        if not ctx.keys or t.form != "jws":
            return
        key = _selected(t, ctx)
        if key is None:
            return
        if key.use is not None and key.use != "sig":
            why = f'its "use" is {key.use!r}'
        elif key.key_ops is not None and "verify" not in key.key_ops:
            why = f'its "key_ops" {list(key.key_ops)} do not include "verify"'
        else:
            return
        where = f" (kid {key.kid!r})" if key.kid is not None else ""
        yield self.finding(
            f"the JWK this token is verified with{where} is not for verifying: {why}; libraries that honour it skip the key",
            header_span(t, "kid" if key.kid is not None else "alg"),
            fix='verify with the key published for signatures ("use": "sig"), or mark this key "use": "sig" if it is one',
        )


RULES = [JwkInvalid, JwkLeadingZero, JwksContainsPrivate, JwkKidDuplicate, JwkAlgMismatch, JwkPointNotOnCurve, KeyUseMismatch]
