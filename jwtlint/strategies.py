"""hypothesis strategies for tokens: correctly made ones, and ones broken in one known way.

``valid_tokens()`` draws tokens signed correctly (cryptography does the
signing) with realistic claims; ``broken_tokens(fault=...)`` draws tokens
that carry exactly one mistake, each named after the jwtlint rule that finds
it (``jwtlint rules`` lists them), so a test can prove that a verifier
rejects every kind::

    from hypothesis import given
    from jwtlint.strategies import broken_tokens

    @given(broken_tokens(fault=["base64-padding", "expired", "alg-none"]))
    def test_verifier_rejects(case):
        with pytest.raises(jwt.InvalidTokenError):
            jwt.decode(case.token, case.key, algorithms=[case.alg], audience=case.audience)

Both draw ``TokenCase``: the token, the key that verifies it (a
cryptography public key, or the HMAC secret bytes; ``None`` for ``alg:
none``), the fault, and the ``now``, ``audience`` and ``issuer`` to check it
with. Times are relative to ``now`` (default: the clock when the example is
drawn). The default keys are fixed (jwtlint/data/strategy-keys.pem, public
test material) so drawing is fast. ``FAULTS`` lists every fault, and
``IMPLIED`` the other errors a fault cannot help drawing, with the reason.

Requires hypothesis (``pip install hypothesis``); jwtlint itself does not.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import time
from collections.abc import Callable, Iterable, Mapping
from functools import lru_cache
from typing import Any, NamedTuple

from hypothesis import strategies as st

from .b64 import b64url_encode

__all__ = ["FAULTS", "IMPLIED", "TokenCase", "broken_tokens", "claims", "valid_tokens"]


class TokenCase(NamedTuple):
    """One drawn token and how to check it.

    ``key`` verifies the signature (``None`` when there is nothing to verify);
    ``fault`` is the jwtlint rule name the token breaks (``None`` from
    ``valid_tokens``); ``lint(token, key=key, audience=audience,
    issuer=issuer, now=now)`` finds exactly that fault.
    """

    token: str
    key: Any
    fault: str | None
    now: int
    audience: str
    issuer: str
    alg: str

    def lint_options(self) -> dict[str, Any]:
        """The keyword arguments of ``jwtlint.lint`` that check this case: key or secret, audience, issuer, now."""
        if self.key is None:
            verify: dict[str, Any] = {}
        elif isinstance(self.key, (bytes, bytearray)):
            verify = {"secret": bytes(self.key)}
        else:
            verify = {"key": self.key}
        return {**verify, "audience": self.audience, "issuer": self.issuer, "now": self.now}

    def lint(self, **options: Any) -> Any:
        """``jwtlint.lint`` on this case's token with its key, audience, issuer and now (``options`` on top)."""
        from .api import lint

        return lint(self.token, **{**self.lint_options(), **options})

    def __repr__(self) -> str:  # hypothesis prints this for a falsifying example: no key material
        return (
            f"TokenCase(fault={self.fault!r}, alg={self.alg!r}, now={self.now}, audience={self.audience!r}, "
            f"issuer={self.issuer!r}, token={self.token!r})"
        )


# --- keys and signing ------------------------------------------------------------------------

_HASHES = {"256": hashlib.sha256, "384": hashlib.sha384, "512": hashlib.sha512}
ALGORITHMS = (
    "HS256", "HS384", "HS512", "RS256", "RS384", "RS512", "PS256", "PS384", "PS512",
    "ES256", "ES384", "ES512", "EdDSA",
)  # fmt: skip
_CURVE_OF = {"ES256": "secp256r1", "ES384": "secp384r1", "ES512": "secp521r1"}


@lru_cache(maxsize=1)
def _default_keys() -> dict[str, Any]:
    """The fixed test keys, by the alg family they sign for."""
    from importlib.resources import files

    from cryptography.hazmat.primitives.serialization import load_pem_private_key

    text = (files("jwtlint") / "data" / "strategy-keys.pem").read_text()
    blocks = [b for b in text.split("-----BEGIN PRIVATE KEY-----")[1:]]
    rsa, p256, p384, p521, ed = (
        load_pem_private_key(("-----BEGIN PRIVATE KEY-----" + b.split("# ")[0]).encode(), None) for b in blocks
    )
    return {"RS": rsa, "PS": rsa, "ES256": p256, "ES384": p384, "ES512": p521, "EdDSA": ed}


def _default_secret(alg: str) -> bytes:
    # 64 bytes: as long as the longest hash, so no HS* alg finds it weak (RFC 7518 §3.2).
    return hashlib.sha512(b"jwtlint.strategies test secret for " + alg.encode()).digest()


def _default_key(alg: str) -> Any:
    if alg.startswith("HS"):
        return _default_secret(alg)
    keys = _default_keys()
    return keys.get(alg) or keys[alg[:2]]


def _algs_for(key: Any) -> tuple[str, ...]:
    """The algorithms ``key`` (a private key object or secret bytes) can sign."""
    if isinstance(key, (bytes, bytearray)):
        return ("HS256", "HS384", "HS512")
    from cryptography.hazmat.primitives.asymmetric import ec, ed25519, rsa

    if isinstance(key, rsa.RSAPrivateKey):
        return tuple(a for a in ALGORITHMS if a[:2] in ("RS", "PS"))
    if isinstance(key, ec.EllipticCurvePrivateKey):
        return tuple(a for a, c in _CURVE_OF.items() if c == key.curve.name)
    if isinstance(key, ed25519.Ed25519PrivateKey):
        return ("EdDSA",)
    raise TypeError(
        f"key must be a cryptography private key (RSA, EC P-256/384/521, Ed25519) or HMAC secret bytes, "
        f"not {type(key).__name__}"
    )


def sign(alg: str, key: Any, data: bytes, der: bool = False) -> bytes:
    """The JWS signature of ``data`` (RFC 7518 §3); ``der`` keeps ECDSA's ASN.1 DER form (a mistake)."""
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import ec, padding
    from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature

    family, bits = alg[:2], alg[2:]
    if family == "HS":
        return hmac.new(bytes(key), data, _HASHES[bits]).digest()
    if alg == "EdDSA":
        return key.sign(data)
    digest = {"256": hashes.SHA256, "384": hashes.SHA384, "512": hashes.SHA512}[bits]()
    if family == "RS":
        return key.sign(data, padding.PKCS1v15(), digest)
    if family == "PS":  # RFC 7518 §3.5: MGF1 with the same hash, salt as long as the hash
        return key.sign(data, padding.PSS(padding.MGF1(digest), digest.digest_size), digest)
    signature = key.sign(data, ec.ECDSA(digest))
    if der:
        return signature
    r, s = decode_dss_signature(signature)
    size = (key.curve.key_size + 7) // 8
    return r.to_bytes(size, "big") + s.to_bytes(size, "big")


def _public(key: Any) -> Any:
    return bytes(key) if isinstance(key, (bytes, bytearray)) else key.public_key()


def _public_jwk(key: Any) -> dict[str, str]:
    """The public JWK (RFC 7517) of a private key object, for the embedded-jwk fault."""
    from cryptography.hazmat.primitives.asymmetric import ec, rsa
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

    pub = key.public_key()

    def n2b(n: int, size: int | None = None) -> str:
        return b64url_encode(n.to_bytes(size or (n.bit_length() + 7) // 8, "big"))

    if isinstance(key, rsa.RSAPrivateKey):
        nums = pub.public_numbers()
        return {"kty": "RSA", "n": n2b(nums.n), "e": n2b(nums.e)}
    if isinstance(key, ec.EllipticCurvePrivateKey):
        nums = pub.public_numbers()
        size = (key.curve.key_size + 7) // 8
        crv = {"secp256r1": "P-256", "secp384r1": "P-384", "secp521r1": "P-521"}[key.curve.name]
        return {"kty": "EC", "crv": crv, "x": n2b(nums.x, size), "y": n2b(nums.y, size)}
    return {"kty": "OKP", "crv": "Ed25519", "x": b64url_encode(pub.public_bytes(Encoding.Raw, PublicFormat.Raw))}


# --- claims ----------------------------------------------------------------------------------

_ISSUERS = ("https://issuer.example.com", "https://login.example.org/tenant-7", "https://accounts.example.net")
_AUDIENCES = ("api", "https://api.example.com", "urn:example:billing", "client-4f1c2a")
_NAMES = ("Ada Lovelace", "José Núñez", "Zoë Ångström", "李雷", "Ольга", "O'Brien", 'Quote "Q"')


def _now(now: float | None) -> int:
    return int(time.time()) if now is None else int(now)


@st.composite
def claims(
    draw: Any, *, now: float | None = None, audience: str | None = None, issuer: str | None = None
) -> dict[str, Any]:
    """Realistic claim sets, valid at ``now``: iss, sub, aud, iat, exp (1 min to 1 day later), maybe nbf, jti, more."""
    t = _now(now)
    iat = t - draw(st.integers(0, 300))
    out: dict[str, Any] = {
        "iss": issuer or draw(st.sampled_from(_ISSUERS)),
        "sub": draw(st.one_of(st.uuids().map(str), st.integers(1, 10**6).map("user-{}".format),
                              st.sampled_from(["ada@example.com", "jose.nunez@example.org"]))),
    }  # fmt: skip
    aud = audience or draw(st.sampled_from(_AUDIENCES))
    out["aud"] = draw(st.sampled_from([aud, [aud], [aud, "https://other.example.com"]]))
    out["iat"] = iat
    if draw(st.booleans()):
        out["nbf"] = iat
    # at least 2 minutes left at ``now`` (so a verifier's clock may move on), at most a day of lifetime
    out["exp"] = iat + draw(st.integers(max(120, t - iat + 120), 86400))
    if draw(st.booleans()):
        out["jti"] = draw(st.binary(min_size=8, max_size=16)).hex()
    extra = draw(
        st.fixed_dictionaries(
            {},
            optional={
                "scope": st.sampled_from(["openid", "read write", "openid profile email", "admin:all"]),
                "name": st.sampled_from(_NAMES),
                "roles": st.lists(st.sampled_from(["user", "admin", "auditor"]), unique=True, max_size=3),
                "email_verified": st.booleans(),
                "tenant": st.integers(1, 10**6),
            },
        )
    )
    out.update(extra)
    return out


# --- assembling tokens -----------------------------------------------------------------------


class _Base(NamedTuple):
    """What a fault builder starts from: a correct token's parts, and how to sign."""

    alg: str
    key: Any  # the signing key (private key or secret)
    header: dict[str, Any]
    claims: dict[str, Any]
    now: int
    audience: str
    issuer: str
    ensure_ascii: bool

    def json(self, obj: Any) -> bytes:
        return json.dumps(obj, separators=(",", ":"), ensure_ascii=self.ensure_ascii).encode("utf-8")

    def sign(self, signing_input: str, der: bool = False) -> bytes:
        return sign(self.alg, self.key, signing_input.encode("ascii"), der=der)

    def token(self, header: Any = None, claims: Any = None, encode: Callable[[bytes], str] = b64url_encode) -> str:
        """A token from header and claims (dicts, or JSON bytes as they must appear), signed over what is sent."""
        h = header if isinstance(header, bytes) else self.json(self.header if header is None else header)
        p = claims if isinstance(claims, bytes) else self.json(self.claims if claims is None else claims)
        signing_input = encode(h) + "." + encode(p)
        return signing_input + "." + encode(self.sign(signing_input))

    def case(self, token: str, fault: str | None, key: Any = ..., audience: str | None = None) -> TokenCase:
        verify = _public(self.key) if key is ... else key
        return TokenCase(token, verify, fault, self.now, audience or self.audience, self.issuer, self.alg)


@st.composite
def _base(
    draw: Any,
    candidates: list[str],
    key: Any,
    now: float | None,
    audience: str | None,
    issuer: str | None,
    claim_sets: st.SearchStrategy[dict[str, Any]] | None,
) -> _Base:
    chosen = draw(st.sampled_from(candidates))
    signing_key = key if key is not None else _default_key(chosen)
    t = _now(now)
    aud = audience or draw(st.sampled_from(_AUDIENCES))
    iss = issuer or draw(st.sampled_from(_ISSUERS))
    body = draw(claim_sets if claim_sets is not None else claims(now=t, audience=aud, issuer=iss))
    header: dict[str, Any] = {"alg": chosen, "typ": "JWT"}
    if draw(st.booleans()):
        header["kid"] = draw(st.sampled_from(["key-1", "2024-06", "b7f3e1c2", "signing"]))
    return _Base(chosen, signing_key, header, dict(body), t, aud, iss, draw(st.booleans()))


def _candidate_algs(alg: str | Iterable[str] | None, key: Any, allowed: tuple[str, ...]) -> list[str]:
    wanted = ALGORITHMS if alg is None else (alg,) if isinstance(alg, str) else tuple(alg)
    unknown = [a for a in wanted if a not in ALGORITHMS]
    if unknown:
        raise ValueError(f"unknown alg {unknown[0]!r}: use one of {', '.join(ALGORITHMS)}")
    if key is not None:
        wanted = tuple(a for a in wanted if a in _algs_for(key)) or _no_alg(alg, key)
    out = [a for a in wanted if a in allowed]
    if not out:
        raise ValueError(f"alg {alg!r} cannot carry this fault (it needs one of {', '.join(allowed)})")
    return out


def _no_alg(alg: Any, key: Any) -> tuple[str, ...]:
    raise ValueError(f"key cannot sign alg {alg!r}: it signs {', '.join(_algs_for(key))}")


def valid_tokens(
    alg: str | Iterable[str] | None = None,
    claims: st.SearchStrategy[dict[str, Any]] | Mapping[str, Any] | None = None,
    key: Any = None,
    *,
    now: float | None = None,
    audience: str | None = None,
    issuer: str | None = None,
) -> st.SearchStrategy[TokenCase]:
    """Correctly signed tokens: no jwtlint error, and PyJWT and jwcrypto verify them.

    ``alg``: one name or several (default: every JWS algorithm jwtlint's keys
    sign); ``claims``: a strategy for claim sets, or a fixed dict (default:
    ``claims(now=..., audience=..., issuer=...)``); ``key``: a cryptography
    private key or HMAC secret bytes (default: fixed test keys).
    """
    if isinstance(claims, Mapping):
        claims = st.just(dict(claims))
    candidates = _candidate_algs(alg, key, ALGORITHMS)  # bad arguments fail here, not at the first draw
    return _base(candidates, key, now, audience, issuer, claims).map(lambda b: b.case(b.token(), None))


# --- faults ----------------------------------------------------------------------------------

_Builder = Callable[[Any, _Base], TokenCase]
_FAULTS: dict[str, tuple[_Builder, tuple[str, ...]]] = {}


def _fault(name: str, algs: tuple[str, ...] = ALGORITHMS) -> Callable[[_Builder], _Builder]:
    def register(fn: _Builder) -> _Builder:
        _FAULTS[name] = (fn, algs)
        return fn

    return register


def _bump(b: _Base, i: int) -> _Base:
    """The same token with one more claim, so its encoding (and signature) changes."""
    # i % 3 extra characters: three JSON lengths in a row give every base64 length mod 4
    return b._replace(claims={**b.claims, "jti": f"{b.claims.get('jti', 'n')}-{i:04x}" + "x" * (i % 3)})


@_fault("whitespace-in-token")
def _whitespace(draw: Any, b: _Base) -> TokenCase:
    # A line break from an e-mail or a terminal, a space from a copy: inside a segment.
    token = b.token()
    cut = draw(st.integers(1, len(token) - 1).filter(lambda i: "." not in token[i - 1 : i + 1]))
    # Not a lone space: jwtlint reads that back as the '+' a form decoder turned into one.
    gap = draw(st.sampled_from(["\n", "\r\n", "\t", "\n  ", "  "]))
    return b.case(token[:cut] + gap + token[cut:], "whitespace-in-token")


_STD = str.maketrans("-_", "+/")


@_fault("std-base64-alphabet")
def _std_alphabet(draw: Any, b: _Base) -> TokenCase:
    # Encoded with base64.b64encode and '=' stripped; signed over the text sent.
    def std(data: bytes) -> str:
        return b64url_encode(data).translate(_STD)

    for i in range(64):
        token = _bump(b, i).token(encode=std) if i else b.token(encode=std)
        if "+" in token or "/" in token:
            return b.case(token, "std-base64-alphabet")
    raise AssertionError("no '+' or '/' after 64 tries")  # pragma: no cover - odds 2**-100


@_fault("base64-padding")
def _padding(draw: Any, b: _Base) -> TokenCase:
    # base64.urlsafe_b64encode keeps '='; the signature is computed over the padded text.
    which = draw(st.sets(st.sampled_from(["header", "payload", "signature"]), min_size=1))
    sig_len = len(b64url_encode(b.sign("x")))  # the same for every input of this alg and key

    def pad(text: str) -> str:
        return text + "=" * (-len(text) % 4)

    for i in range(64):
        base = _bump(b, i) if i else b
        h, p = b64url_encode(base.json(base.header)), b64url_encode(base.json(base.claims))
        needs = {name for name, n in (("header", len(h)), ("payload", len(p)), ("signature", sig_len)) if n % 4}
        chosen = (which & needs) or needs  # a segment whose length is a multiple of 4 takes no '='
        if not chosen:
            continue
        h, p = (pad(h) if "header" in chosen else h), (pad(p) if "payload" in chosen else p)
        sig = b64url_encode(base.sign(h + "." + p))
        return b.case(f"{h}.{p}.{pad(sig) if 'signature' in chosen else sig}", "base64-padding")
    raise AssertionError("no segment needed padding after 64 tries")  # pragma: no cover - odds 4**-64


_B64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"


def _set_unused_bits(draw: Any, text: str) -> str:
    """``text`` with its last character setting some of the bits a decoder drops."""
    unused = {2: 4, 3: 2}[len(text) % 4]
    return text[:-1] + _B64URL[_B64URL.index(text[-1]) | draw(st.integers(1, (1 << unused) - 1))]


@_fault("non-canonical-base64")
def _non_canonical(draw: Any, b: _Base) -> TokenCase:
    # A hand-rolled encoder leaves bits set in the last character: same bytes, different text.
    token = b.token()
    signing_input, sig = token.rsplit(".", 1)
    if len(sig) % 4 and draw(st.booleans()):
        return b.case(signing_input + "." + _set_unused_bits(draw, sig), "non-canonical-base64")
    for i in range(64):  # the payload then, signed over the text as sent
        base = _bump(b, i) if i else b
        h, p = b64url_encode(base.json(base.header)), b64url_encode(base.json(base.claims))
        if len(p) % 4:
            p = _set_unused_bits(draw, p)
            return b.case(f"{h}.{p}.{b64url_encode(base.sign(h + '.' + p))}", "non-canonical-base64")
    raise AssertionError("no payload length with unused bits after 64 tries")  # pragma: no cover


@_fault("segment-count")
def _segment_count(draw: Any, b: _Base) -> TokenCase:
    token = b.token()
    how = draw(st.sampled_from(["drop-signature", "drop-signature-keep-dot", "extra-segment"]))
    if how == "drop-signature":  # the signature and its dot were cut off
        return b.case(token.rsplit(".", 1)[0], "segment-count")
    if how == "drop-signature-keep-dot":
        return b.case(token.rsplit(".", 1)[0] + "..", "segment-count")
    return b.case(token + "." + b64url_encode(b"extra"), "segment-count")


@_fault("segment-not-json")
def _not_json(draw: Any, b: _Base) -> TokenCase:
    how = draw(st.sampled_from(["python-repr", "double-encoded", "trailing-comma"]))
    if how == "python-repr":  # str(claims) instead of json.dumps(claims)
        payload = str(b.claims).encode("utf-8")
    elif how == "double-encoded":  # json.dumps applied to a string that was already JSON
        payload = json.dumps(b.json(b.claims).decode("utf-8")).encode("utf-8")
    else:
        payload = b.json(b.claims)[:-1] + b",}"
    return b.case(b.token(claims=payload), "segment-not-json")


@_fault("duplicate-json-member")
def _duplicate(draw: Any, b: _Base) -> TokenCase:
    # Hand-built JSON that names a claim twice; parsers disagree on which one wins.
    name, first, second = draw(
        st.sampled_from([("admin", False, True), ("role", "user", "admin"), ("sub", b.claims["sub"], "root")])
    )
    body = b.json({k: v for k, v in b.claims.items() if k != name})
    extra = b.json({name: first})[1:-1] + b","
    payload = b"{" + extra + body[1:-1] + b"," + b.json({name: second})[1:-1] + b"}"
    return b.case(b.token(claims=payload), "duplicate-json-member")


@_fault("alg-none")
def _alg_none(draw: Any, b: _Base) -> TokenCase:
    # The forgery: alg none and no signature (and case variants some libraries folded).
    spelling = draw(st.sampled_from(["none", "None", "NONE", "nOnE"]))
    header = {**b.header, "alg": spelling}
    token = b64url_encode(b.json(header)) + "." + b64url_encode(b.json(b.claims)) + "."
    return b.case(token, "alg-none", key=None)


@_fault("alg-unknown")
def _alg_unknown(draw: Any, b: _Base) -> TokenCase:
    # What people write for the algorithm they mean: Java's names, lower case, a dash.
    family, bits = b.alg[:2], b.alg[2:]
    names = {
        "HS": [f"hs{bits}", f"HS-{bits}", f"HmacSHA{bits}", f"HMAC-SHA{bits}"],
        "RS": [f"rs{bits}", f"RSA{bits}", f"SHA{bits}withRSA", f"RSA-SHA{bits}"],
        "PS": [f"ps{bits}", f"RSASSA-PSS-SHA{bits}", f"SHA{bits}withRSAandMGF1"],
        "ES": [f"es{bits}", f"SHA{bits}withECDSA", f"ECDSA-SHA{bits}"],
        "Ed": ["eddsa", "EDDSA", "Ed-DSA"],  # not "Ed25519": RFC 9864 registered it
    }[family]
    header = {**b.header, "alg": draw(st.sampled_from(names))}
    return b.case(b.token(header=header), "alg-unknown")


@_fault("crit-unsupported")
def _crit(draw: Any, b: _Base) -> TokenCase:
    how = draw(st.sampled_from(["registered", "absent", "extension"]))
    if how == "registered":  # RFC 7515 §4.1.11: crit must not list registered parameters
        header = {**b.header, "crit": ["alg"]}
    elif how == "absent":
        header = {**b.header, "crit": ["exp"]}
    else:  # an extension the verifier is told it must understand
        header = {**b.header, "tenant-policy": "strict", "crit": ["tenant-policy"]}
    return b.case(b.token(header=header), "crit-unsupported")


@_fault("remote-key-url")
def _remote_key_url(draw: Any, b: _Base) -> TokenCase:
    param = draw(st.sampled_from(["jku", "x5u"]))
    url = draw(st.sampled_from(["https://attacker.example/keys.json", "http://keys.example.com/jwks.json"]))
    return b.case(b.token(header={**b.header, param: url}), "remote-key-url")


@_fault("embedded-jwk", algs=tuple(a for a in ALGORITHMS if not a.startswith("HS")))
def _embedded_jwk(draw: Any, b: _Base) -> TokenCase:
    # CVE-2018-0114: the token carries the key to verify it with.
    return b.case(b.token(header={**b.header, "jwk": _public_jwk(b.key)}), "embedded-jwk")


@_fault("suspicious-kid")
def _suspicious_kid(draw: Any, b: _Base) -> TokenCase:
    kid = draw(st.sampled_from(["../../../../dev/null", "' OR '1'='1", "key|curl attacker.example", "/etc/passwd"]))
    return b.case(b.token(header={**b.header, "kid": kid}), "suspicious-kid")


@_fault("zip-in-jws")
def _zip(draw: Any, b: _Base) -> TokenCase:
    # zip belongs to JWE; a JWS with it usually carries a deflated payload no standard verifier reads.
    return b.case(b.token(header={**b.header, "zip": "DEF"}), "zip-in-jws")


@_fault("exp-missing")
def _exp_missing(draw: Any, b: _Base) -> TokenCase:
    return b.case(b.token(claims={k: v for k, v in b.claims.items() if k != "exp"}), "exp-missing")


@_fault("time-not-numeric")
def _time_not_numeric(draw: Any, b: _Base) -> TokenCase:
    exp = b.claims["exp"]
    form = draw(st.sampled_from(["string", "iso"]))
    if form == "string":
        value: Any = str(exp)
    else:
        value = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(exp))
    return b.case(b.token(claims={**b.claims, "exp": value}), "time-not-numeric")


@_fault("time-in-milliseconds")
def _millis(draw: Any, b: _Base) -> TokenCase:
    # Date.now(), System.currentTimeMillis(), Datetime.getTime(): every time claim, or only exp.
    names = draw(st.sampled_from([("exp",), tuple(n for n in ("iat", "nbf", "exp") if n in b.claims)]))
    # minus the sub-second part: a clock read in ms is at most 999 ms past the second, never past now
    body = {k: (v * 1000 - draw(st.integers(0, 999)) if k in names else v) for k, v in b.claims.items()}
    return b.case(b.token(claims=body), "time-in-milliseconds")


@_fault("expired")
def _expired(draw: Any, b: _Base) -> TokenCase:
    age = draw(st.integers(1, 30 * 86400))
    life = draw(st.integers(60, 3600))
    body = {**b.claims, "iat": b.now - age - life, "exp": b.now - age}
    body.pop("nbf", None)
    return b.case(b.token(claims=body), "expired")


@_fault("not-yet-valid")
def _not_yet_valid(draw: Any, b: _Base) -> TokenCase:
    wait = draw(st.integers(60, 20 * 3600))  # exp - iat stays under a day: no lifetime-too-long
    body = {**b.claims, "nbf": b.now + wait, "exp": b.now + wait + draw(st.integers(60, 3600))}
    body["iat"] = b.now - draw(st.integers(0, 60))
    return b.case(b.token(claims=body), "not-yet-valid")


@_fault("iat-in-future")
def _iat_in_future(draw: Any, b: _Base) -> TokenCase:
    # An issuer whose clock runs ahead.
    ahead = draw(st.integers(120, 86400))
    body = {k: v for k, v in b.claims.items() if k != "nbf"}
    body.update(iat=b.now + ahead, exp=b.now + ahead + draw(st.integers(60, 3600)))
    return b.case(b.token(claims=body), "iat-in-future")


@_fault("exp-before-iat")
def _exp_before_iat(draw: Any, b: _Base) -> TokenCase:
    # exp = iat - lifetime (a sign slip): the token was never valid, so it is also expired.
    body = {k: v for k, v in b.claims.items() if k != "nbf"}
    body["exp"] = body["iat"] - draw(st.integers(0, 3600))
    return b.case(b.token(claims=body), "exp-before-iat")


@_fault("lifetime-too-long")
def _lifetime(draw: Any, b: _Base) -> TokenCase:
    body = {**b.claims, "exp": b.claims["iat"] + draw(st.integers(86400 + 60, 10 * 365 * 86400))}
    return b.case(b.token(claims=body), "lifetime-too-long")


def _near_misses(aud: str) -> list[Any]:
    """How an aud goes wrong: a trailing slash, another scheme, letter case, another service."""
    out: list[Any] = ["https://other.example.com", [aud + "-staging"], aud.upper() if aud != aud.upper() else aud + "x"]
    out.append(aud + "/" if not aud.endswith("/") else aud.rstrip("/"))
    if aud.startswith("https://"):
        out.append("http://" + aud[len("https://") :])
    return out


@_fault("aud-mismatch")
def _aud_mismatch(draw: Any, b: _Base) -> TokenCase:
    wrong = draw(st.sampled_from([*_near_misses(b.audience), None]))
    body = {k: v for k, v in b.claims.items() if k != "aud"}
    if wrong is not None:
        body["aud"] = wrong
    return b.case(b.token(claims=body), "aud-mismatch")


@_fault("iss-mismatch")
def _iss_mismatch(draw: Any, b: _Base) -> TokenCase:
    wrong = draw(st.sampled_from([b.issuer + "/", b.issuer.replace("https://", "http://"), "https://evil.example"]))
    return b.case(b.token(claims={**b.claims, "iss": wrong}), "iss-mismatch")


@_fault("claim-type")
def _claim_type(draw: Any, b: _Base) -> TokenCase:
    name, value = draw(st.sampled_from([("sub", 12345), ("jti", 7), ("iss", [b.issuer]), ("sub", None)]))
    return b.case(b.token(claims={**b.claims, name: value}), "claim-type")


@_fault("signature-missing")
def _signature_missing(draw: Any, b: _Base) -> TokenCase:
    token = b.token()
    return b.case(token[: token.rindex(".") + 1], "signature-missing")


@_fault("signature-length")
def _signature_length(draw: Any, b: _Base) -> TokenCase:
    token = b.token()
    signing_input, sig_text = token.rsplit(".", 1)
    sig = b.sign(signing_input)
    how = draw(st.sampled_from(["hex", "base64-twice", "truncated"]))
    if how == "hex":  # Node's digest('hex') / Java's hex helpers, then base64url
        text = b64url_encode(sig.hex().encode("ascii"))
    elif how == "base64-twice":
        text = b64url_encode(sig_text.encode("ascii"))
    else:  # a byte lost (an RSA signature of any other length may be a real key size)
        text = b64url_encode(sig[:-1])
    return b.case(signing_input + "." + text, "signature-length")


@_fault("ecdsa-der-signature", algs=("ES256", "ES384", "ES512"))
def _ecdsa_der(draw: Any, b: _Base) -> TokenCase:
    # cryptography, OpenSSL, Java and cloud KMS return DER; JOSE wants raw R||S.
    token = b.token()
    signing_input = token.rsplit(".", 1)[0]
    return b.case(signing_input + "." + b64url_encode(b.sign(signing_input, der=True)), "ecdsa-der-signature")


# --- faults found with the key (lint(..., key=case.key) or secret=case.key) ------------------------


@_fault("signature-invalid")
def _signature_invalid(draw: Any, b: _Base) -> TokenCase:
    # The signature of another text, or a byte damaged in transit: nothing explains it.
    signing_input = b.token().rsplit(".", 1)[0]
    sig = bytearray(b.sign(signing_input))
    i = draw(st.integers(0, len(sig) - 1))
    sig[i] ^= draw(st.integers(1, 255))
    return b.case(signing_input + "." + b64url_encode(bytes(sig)), "signature-invalid")


@_fault("signed-over-wrong-input")
def _signed_over_wrong_input(draw: Any, b: _Base) -> TokenCase:
    # Signed over the padded text, then the '=' stripped before sending (the Apex seed's second bug).
    for i in range(64):
        base = _bump(b, i) if i else b
        h, p = b64url_encode(base.json(base.header)), b64url_encode(base.json(base.claims))
        padded = h + "=" * (-len(h) % 4) + "." + p + "=" * (-len(p) % 4)
        if padded != f"{h}.{p}":
            return b.case(f"{h}.{p}.{b64url_encode(base.sign(padded))}", "signed-over-wrong-input")
    raise AssertionError("no segment needed padding after 64 tries")  # pragma: no cover


@_fault("alg-key-mismatch", algs=tuple(a for a in ALGORITHMS if a[:2] in ("RS", "PS", "HS")))
def _alg_key_mismatch(draw: Any, b: _Base) -> TokenCase:
    # The header names one hash, the signer used another (RS256 in the header, RS512 signature).
    other = draw(st.sampled_from([a for a in ALGORITHMS if a[:2] == b.alg[:2] and a != b.alg]))
    header = {**b.header, "alg": b.alg}
    h, p = b64url_encode(b.json(header)), b64url_encode(b.json(b.claims))
    sig = sign(other, b.key, f"{h}.{p}".encode("ascii"))
    return b.case(f"{h}.{p}.{b64url_encode(sig)}", "alg-key-mismatch")


@_fault("ec-curve-alg-mismatch", algs=("ES256", "ES384", "ES512"))
def _ec_curve(draw: Any, b: _Base) -> TokenCase:
    # ES256 in the header, but the key (and signature) are on another curve.
    other = draw(st.sampled_from([a for a in ("ES256", "ES384", "ES512") if a != b.alg]))
    key = _default_key(other)
    h, p = b64url_encode(b.json(b.header)), b64url_encode(b.json(b.claims))
    sig = sign(other, key, f"{h}.{p}".encode("ascii"))
    return b.case(f"{h}.{p}.{b64url_encode(sig)}", "ec-curve-alg-mismatch", key=key.public_key())


@_fault("pss-pkcs1-confusion", algs=tuple(a for a in ALGORITHMS if a[:2] in ("RS", "PS")))
def _pss_pkcs1(draw: Any, b: _Base) -> TokenCase:
    # PS256 signed with PKCS#1 v1.5 (or the reverse), or PSS with OpenSSL's maximum salt.
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import padding

    signing_input = b.token().rsplit(".", 1)[0].encode("ascii")
    digest = {"256": hashes.SHA256, "384": hashes.SHA384, "512": hashes.SHA512}[b.alg[2:]]()
    if b.alg.startswith("RS"):
        pad: Any = padding.PSS(padding.MGF1(digest), digest.digest_size)
    elif draw(st.booleans()):
        pad = padding.PKCS1v15()
    else:
        pad = padding.PSS(padding.MGF1(digest), padding.PSS.MAX_LENGTH)
    sig = b.key.sign(signing_input, pad, digest)
    return b.case(signing_input.decode() + "." + b64url_encode(sig), "pss-pkcs1-confusion")


@_fault("alg-confusion", algs=tuple(a for a in ALGORITHMS if a[:2] in ("RS", "PS", "ES")) + ("EdDSA",))
def _alg_confusion(draw: Any, b: _Base) -> TokenCase:
    # The forgery: HS256 MAC'd with the verifier's public key text (PEM) as the secret.
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

    pem = b.key.public_key().public_bytes(Encoding.PEM, PublicFormat.SubjectPublicKeyInfo)
    hs = draw(st.sampled_from(["HS256", "HS384", "HS512"]))
    header = {**b.header, "alg": hs}
    h, p = b64url_encode(b.json(header)), b64url_encode(b.json(b.claims))
    sig = sign(hs, pem, f"{h}.{p}".encode("ascii"))
    return b.case(f"{h}.{p}.{b64url_encode(sig)}", "alg-confusion")._replace(alg=hs)


_WEAK_SECRETS = (b"secret", b"your-256-bit-secret", b"changeme", b"password", b"jwt-secret")


@_fault("weak-hmac-secret", algs=("HS256", "HS384", "HS512"))
def _weak_secret(draw: Any, b: _Base) -> TokenCase:
    # A secret from a tutorial (jwt.io's "your-256-bit-secret"), or shorter than the hash.
    secret = draw(st.one_of(st.sampled_from(_WEAK_SECRETS), st.binary(min_size=8, max_size=16)))
    weak = b._replace(key=secret)
    return weak.case(weak.token(), "weak-hmac-secret")


@_fault("bearer-prefix")
def _bearer(draw: Any, b: _Base) -> TokenCase:
    # The Authorization header's value passed on as if it were the token.
    return b.case(draw(st.sampled_from(["Bearer ", "bearer ", "Authorization: Bearer "])) + b.token(), "bearer-prefix")


@_fault("surrounding-quotes")
def _quotes(draw: Any, b: _Base) -> TokenCase:
    # A JSON string value (or a shell-quoted argument) taken with its quotes.
    q = draw(st.sampled_from(['"', "'"]))
    return b.case(q + b.token() + q, "surrounding-quotes")


#: Every fault ``broken_tokens`` can draw, by the jwtlint rule name that finds it.
FAULTS: tuple[str, ...] = tuple(_FAULTS)

#: Errors a fault cannot help drawing besides its own, and why. Everything
#: else a ``broken_tokens(fault=X)`` token draws at error level is a bug.
IMPLIED: dict[str, dict[str, str]] = {
    "exp-before-iat": {"expired": "iat is at or before now, so an exp before it has passed too"},
    "signature-length": {"signature-invalid": "a hex, twice-encoded or cut signature cannot verify with the key"},
    "alg-key-mismatch": {"signature-length": "an HMAC made with another hash has that hash's length"},
    "ec-curve-alg-mismatch": {"signature-length": "a signature on another curve has that curve's length"},
}


def _compatible(alg: Any, key: Any) -> tuple[str, ...]:
    """The faults some asked-for alg can carry (``ecdsa-der-signature`` only with ES*)."""
    out = []
    for name, (_, algs) in _FAULTS.items():
        try:
            _candidate_algs(alg, key, algs)
        except ValueError:
            continue
        out.append(name)
    return tuple(out)


def broken_tokens(
    fault: str | Iterable[str] | None = None,
    *,
    alg: str | Iterable[str] | None = None,
    key: Any = None,
    now: float | None = None,
    audience: str | None = None,
    issuer: str | None = None,
) -> st.SearchStrategy[TokenCase]:
    """Tokens that carry exactly ``fault`` (a name from ``FAULTS``, several, or any when None).

    Each case holds the key that verifies the token, so a verifier under test
    fails only because of the fault. ``alg``, ``key``, ``now``, ``audience``
    and ``issuer`` as for ``valid_tokens``; faults that need another alg
    family (``ecdsa-der-signature`` needs ES*) choose from what is allowed.
    """
    names = _compatible(alg, key) if fault is None else (fault,) if isinstance(fault, str) else tuple(fault)
    if not names:
        raise ValueError("fault= names no fault")
    for name in names:
        if name not in _FAULTS:
            import difflib

            close = difflib.get_close_matches(name, FAULTS, n=1)
            hint = f"; did you mean {close[0]!r}?" if close else f"; faults: {', '.join(FAULTS)}"
            raise ValueError(f"unknown fault {name!r}{hint}")
    strategies = []
    for name in names:
        builder, algs = _FAULTS[name]
        base = _base(_candidate_algs(alg, key, algs), key, now, audience, issuer, None)
        strategies.append(base.flatmap(lambda b, builder=builder: st.composite(lambda draw: builder(draw, b))()))
    return st.one_of(strategies)
