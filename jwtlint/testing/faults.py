"""The faults of jwtlint.testing.strategies.broken_tokens, one builder per jwtlint rule (private module).

Faults are named by the rule classes that find them (``@_fault(Expired)``,
``Expired.name``): a renamed rule renames its fault, and no rule name is
written here as a string.

A builder takes hypothesis's ``draw`` and a correct token's parts (``_Base``
in ``jwtlint.testing.cases``) and returns a ``TokenCase`` carrying exactly that fault.
Each is signed over the text as sent, with the key in the case, unless the
fault is about the signature itself. ``IMPLIED`` lists the other errors a
fault cannot help drawing, with the reason.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from typing import Any

from hypothesis import strategies as st

from jwtlint.engine import Rule
from jwtlint.rules.claims import (
    AudMismatch, ClaimType, ExpBeforeIat, ExpMissing, Expired, IatInFuture, IssMismatch, LifetimeTooLong,
    NotYetValid, TimeInMilliseconds, TimeNotNumeric,
)
from jwtlint.rules.header import (
    AlgMissing, AlgNone, AlgUnknown, B64FalseWithoutCrit, CritUnsupported, EmbeddedJwk, RemoteKeyUrl,
    SuspiciousKid, TypUnusual, ZipInJws,
)
from jwtlint.rules.signature import EcdsaDerSignature, SignatureLength, SignatureMissing
from jwtlint.rules.structure import (
    Base64Padding, DuplicateJsonMember, EmptySegment, InvalidBase64Char, JweToken, NonCanonicalBase64,
    SegmentCount, SegmentNotJson, StdBase64Alphabet,
)
from jwtlint.rules.transport import (
    BearerPrefix, FormAssertionNotUrlencoded, PercentEncodedToken, SurroundingQuotes, WhitespaceInToken,
)
from jwtlint.rules.verification import (
    AlgConfusion, AlgKeyMismatch, EcCurveAlgMismatch, KidNotFound, PssPkcs1Confusion, SignatureInvalid,
    SignedOverWrongInput, WeakHmacSecret,
)

from .cases import TokenCase, _Base
from .signing import ALGORITHMS, default_key, hash_for, public_jwk, sign
from ..token.b64 import b64url_encode

_Builder = Callable[[Any, _Base], TokenCase]
BUILDERS: dict[str, tuple[_Builder, tuple[str, ...]]] = {}


def _fault(rule: type[Rule[Any]], algs: tuple[str, ...] = ALGORITHMS) -> Callable[[_Builder], _Builder]:
    """Register a builder of tokens that ``rule`` finds (under the rule's name)."""

    def register(fn: _Builder) -> _Builder:
        BUILDERS[rule.name] = (fn, algs)
        return fn

    return register


def _bump(b: _Base, i: int) -> _Base:
    """The same token with one more claim, so its encoding (and signature) changes."""
    # i % 3 extra characters: three JSON lengths in a row give every base64 length mod 4
    return b._replace(claims={**b.claims, "jti": f"{b.claims.get('jti', 'n')}-{i:04x}" + "x" * (i % 3)})


@_fault(WhitespaceInToken)
def _whitespace(draw: Any, b: _Base) -> TokenCase:
    # A line break from an e-mail or a terminal, a space from a copy: inside a segment.
    token = b.token()
    h, p, _ = token.split(".")
    starts = (0, len(h) + 1, len(h) + len(p) + 2)
    segment = draw(st.sampled_from(starts))
    length = {0: len(h), starts[1]: len(p)}.get(segment, len(token) - starts[2])
    cut = segment + draw(st.integers(1, length - 1))  # inside the segment, never next to a dot
    # Not a lone space: jwtlint reads that back as the '+' a form decoder turned into one.
    gap = draw(st.sampled_from(["\n", "\r\n", "\t", "\n  ", "  "]))
    return b.case(token[:cut] + gap + token[cut:], WhitespaceInToken.name)


_STD = str.maketrans("-_", "+/")


@_fault(StdBase64Alphabet)
def _std_alphabet(draw: Any, b: _Base) -> TokenCase:
    # Encoded with base64.b64encode and '=' stripped; signed over the text sent.
    def std(data: bytes) -> str:
        return b64url_encode(data).translate(_STD)

    for i in range(64):
        token = _bump(b, i).token(encode=std) if i else b.token(encode=std)
        if "+" in token or "/" in token:
            return b.case(token, StdBase64Alphabet.name)
    raise AssertionError("no '+' or '/' after 64 tries")  # pragma: no cover - odds 2**-100


@_fault(Base64Padding)
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
        return b.case(f"{h}.{p}.{pad(sig) if 'signature' in chosen else sig}", Base64Padding.name)
    raise AssertionError("no segment needed padding after 64 tries")  # pragma: no cover - odds 4**-64


_B64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"


def _set_unused_bits(draw: Any, text: str) -> str:
    """``text`` with its last character setting some of the bits a decoder drops."""
    unused = {2: 4, 3: 2}[len(text) % 4]
    return text[:-1] + _B64URL[_B64URL.index(text[-1]) | draw(st.integers(1, (1 << unused) - 1))]


@_fault(NonCanonicalBase64)
def _non_canonical(draw: Any, b: _Base) -> TokenCase:
    # A hand-rolled encoder leaves bits set in the last character: same bytes, different text.
    token = b.token()
    signing_input, sig = token.rsplit(".", 1)
    if len(sig) % 4 and draw(st.booleans()):
        return b.case(signing_input + "." + _set_unused_bits(draw, sig), NonCanonicalBase64.name)
    for i in range(64):  # the payload then, signed over the text as sent
        base = _bump(b, i) if i else b
        h, p = b64url_encode(base.json(base.header)), b64url_encode(base.json(base.claims))
        if len(p) % 4:
            p = _set_unused_bits(draw, p)
            return b.case(f"{h}.{p}.{b64url_encode(base.sign(h + '.' + p))}", NonCanonicalBase64.name)
    raise AssertionError("no payload length with unused bits after 64 tries")  # pragma: no cover


@_fault(InvalidBase64Char)
def _invalid_char(draw: Any, b: _Base) -> TokenCase:
    # A character no base64 alphabet has (a stray '*', '!' or '~' from a template), signed as sent.
    h, p = b64url_encode(b.json(b.header)), b64url_encode(b.json(b.claims))
    at = draw(st.integers(1, len(p) - 1))
    p = p[:at] + draw(st.sampled_from(["*", "!", "~", "$", ",", "@"])) + p[at:]
    return b.case(f"{h}.{p}.{b64url_encode(b.sign(h + '.' + p))}", InvalidBase64Char.name)


@_fault(PercentEncodedToken)
def _percent_encoded(draw: Any, b: _Base) -> TokenCase:
    # A padded token URL-encoded for a query string, then used without decoding: '=' became %3D.
    case = _padding(draw, b)
    return case._replace(token=case.token.replace("=", "%3D"), fault=PercentEncodedToken.name)


@_fault(EmptySegment)
def _empty_segment(draw: Any, b: _Base) -> TokenCase:
    # An empty payload (detached content, RFC 7515 Appendix F) or an empty header.
    h, p = b64url_encode(b.json(b.header)), b64url_encode(b.json(b.claims))
    h, p = (h, "") if draw(st.booleans()) else ("", p)
    return b.case(f"{h}.{p}.{b64url_encode(b.sign(h + '.' + p))}", EmptySegment.name)


@_fault(SegmentCount)
def _segment_count(draw: Any, b: _Base) -> TokenCase:
    token = b.token()
    how = draw(st.sampled_from(["drop-signature", "drop-signature-keep-dot", "extra-segment"]))
    if how == "drop-signature":  # the signature and its dot were cut off
        return b.case(token.rsplit(".", 1)[0], SegmentCount.name)
    if how == "drop-signature-keep-dot":
        return b.case(token.rsplit(".", 1)[0] + "..", SegmentCount.name)
    return b.case(token + "." + b64url_encode(b"extra"), SegmentCount.name)


@_fault(SegmentNotJson)
def _not_json(draw: Any, b: _Base) -> TokenCase:
    how = draw(st.sampled_from(["python-repr", "double-encoded", "trailing-comma"]))
    if how == "python-repr":  # str(claims) instead of json.dumps(claims)
        payload = str(b.claims).encode("utf-8")
    elif how == "double-encoded":  # json.dumps applied to a string that was already JSON
        payload = json.dumps(b.json(b.claims).decode("utf-8")).encode("utf-8")
    else:
        payload = b.json(b.claims)[:-1] + b",}"
    return b.case(b.token(claims=payload), SegmentNotJson.name)


@_fault(DuplicateJsonMember)
def _duplicate(draw: Any, b: _Base) -> TokenCase:
    # Hand-built JSON that names a claim twice; parsers disagree on which one wins.
    name, first, second = draw(
        st.sampled_from([("admin", False, True), ("role", "user", "admin"), ("sub", b.claims["sub"], "root")])
    )
    body = b.json({k: v for k, v in b.claims.items() if k != name})
    extra = b.json({name: first})[1:-1] + b","
    payload = b"{" + extra + body[1:-1] + b"," + b.json({name: second})[1:-1] + b"}"
    return b.case(b.token(claims=payload), DuplicateJsonMember.name)


@_fault(AlgNone)
def _alg_none(draw: Any, b: _Base) -> TokenCase:
    # The forgery: alg none and no signature (and case variants some libraries folded).
    spelling = draw(st.sampled_from(["none", "None", "NONE", "nOnE"]))
    header = {**b.header, "alg": spelling}
    token = b64url_encode(b.json(header)) + "." + b64url_encode(b.json(b.claims)) + "."
    return b.case(token, AlgNone.name, key=None)


@_fault(AlgUnknown)
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
    return b.case(b.token(header=header), AlgUnknown.name)


@_fault(AlgMissing)
def _alg_missing(draw: Any, b: _Base) -> TokenCase:
    # A header built by hand with only typ (and kid): the verifier cannot tell how to check it.
    return b.case(b.token(header={k: v for k, v in b.header.items() if k != "alg"}), AlgMissing.name)


@_fault(TypUnusual)
def _typ_unusual(draw: Any, b: _Base) -> TokenCase:
    typ = draw(st.sampled_from(["JTW", "Bearer", "application/json", "JWS", "token"]))
    return b.case(b.token(header={**b.header, "typ": typ}), TypUnusual.name)


@_fault(B64FalseWithoutCrit)
def _b64_false(draw: Any, b: _Base) -> TokenCase:
    # RFC 7797 b64:false must be listed in crit, or verifiers that do not know it read another payload.
    return b.case(b.token(header={**b.header, "b64": False}), B64FalseWithoutCrit.name)


@_fault(CritUnsupported)
def _crit(draw: Any, b: _Base) -> TokenCase:
    how = draw(st.sampled_from(["registered", "absent", "extension"]))
    if how == "registered":  # RFC 7515 §4.1.11: crit must not list registered parameters
        header = {**b.header, "crit": ["alg"]}
    elif how == "absent":
        header = {**b.header, "crit": ["exp"]}
    else:  # an extension the verifier is told it must understand
        header = {**b.header, "tenant-policy": "strict", "crit": ["tenant-policy"]}
    return b.case(b.token(header=header), CritUnsupported.name)


@_fault(RemoteKeyUrl)
def _remote_key_url(draw: Any, b: _Base) -> TokenCase:
    param = draw(st.sampled_from(["jku", "x5u"]))
    url = draw(st.sampled_from(["https://attacker.example/keys.json", "http://keys.example.com/jwks.json"]))
    return b.case(b.token(header={**b.header, param: url}), RemoteKeyUrl.name)


@_fault(EmbeddedJwk, algs=tuple(a for a in ALGORITHMS if not a.startswith("HS")))
def _embedded_jwk(draw: Any, b: _Base) -> TokenCase:
    # CVE-2018-0114: the token carries the key to verify it with.
    return b.case(b.token(header={**b.header, "jwk": public_jwk(b.key)}), EmbeddedJwk.name)


@_fault(SuspiciousKid)
def _suspicious_kid(draw: Any, b: _Base) -> TokenCase:
    kid = draw(st.sampled_from(["../../../../dev/null", "' OR '1'='1", "key|curl attacker.example", "/etc/passwd"]))
    return b.case(b.token(header={**b.header, "kid": kid}), SuspiciousKid.name)


@_fault(ZipInJws)
def _zip(draw: Any, b: _Base) -> TokenCase:
    # zip belongs to JWE; a JWS with it usually carries a deflated payload no standard verifier reads.
    return b.case(b.token(header={**b.header, "zip": "DEF"}), ZipInJws.name)


@_fault(ExpMissing)
def _exp_missing(draw: Any, b: _Base) -> TokenCase:
    return b.case(b.token(claims={k: v for k, v in b.claims.items() if k != "exp"}), ExpMissing.name)


@_fault(TimeNotNumeric)
def _time_not_numeric(draw: Any, b: _Base) -> TokenCase:
    exp = b.claims["exp"]
    form = draw(st.sampled_from(["string", "iso"]))
    if form == "string":
        value: Any = str(exp)
    else:
        value = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(exp))
    return b.case(b.token(claims={**b.claims, "exp": value}), TimeNotNumeric.name)


@_fault(TimeInMilliseconds)
def _millis(draw: Any, b: _Base) -> TokenCase:
    # Date.now(), System.currentTimeMillis(), Datetime.getTime(): every time claim, or only exp.
    names = draw(st.sampled_from([("exp",), tuple(n for n in ("iat", "nbf", "exp") if n in b.claims)]))
    # minus the sub-second part: a clock read in ms is at most 999 ms past the second, never past now
    body = {k: (v * 1000 - draw(st.integers(0, 999)) if k in names else v) for k, v in b.claims.items()}
    return b.case(b.token(claims=body), TimeInMilliseconds.name)


@_fault(Expired)
def _expired(draw: Any, b: _Base) -> TokenCase:
    age = draw(st.integers(1, 30 * 86400))
    life = draw(st.integers(60, 3600))
    body = {**b.claims, "iat": b.now - age - life, "exp": b.now - age}
    body.pop("nbf", None)
    return b.case(b.token(claims=body), Expired.name)


@_fault(NotYetValid)
def _not_yet_valid(draw: Any, b: _Base) -> TokenCase:
    wait = draw(st.integers(60, 20 * 3600))  # exp - iat stays under a day: no lifetime-too-long
    body = {**b.claims, "nbf": b.now + wait, "exp": b.now + wait + draw(st.integers(60, 3600))}
    body["iat"] = b.now - draw(st.integers(0, 60))
    return b.case(b.token(claims=body), NotYetValid.name)


@_fault(IatInFuture)
def _iat_in_future(draw: Any, b: _Base) -> TokenCase:
    # An issuer whose clock runs ahead.
    ahead = draw(st.integers(120, 86400))
    body = {k: v for k, v in b.claims.items() if k != "nbf"}
    body.update(iat=b.now + ahead, exp=b.now + ahead + draw(st.integers(60, 3600)))
    return b.case(b.token(claims=body), IatInFuture.name)


@_fault(ExpBeforeIat)
def _exp_before_iat(draw: Any, b: _Base) -> TokenCase:
    # exp = iat - lifetime (a sign slip): the token was never valid, so it is also expired.
    body = {k: v for k, v in b.claims.items() if k != "nbf"}
    body["exp"] = body["iat"] - draw(st.integers(0, 3600))
    return b.case(b.token(claims=body), ExpBeforeIat.name)


@_fault(LifetimeTooLong)
def _lifetime(draw: Any, b: _Base) -> TokenCase:
    body = {**b.claims, "exp": b.claims["iat"] + draw(st.integers(86400 + 60, 10 * 365 * 86400))}
    return b.case(b.token(claims=body), LifetimeTooLong.name)


def _near_misses(aud: str) -> list[Any]:
    """How an aud goes wrong: a trailing slash, another scheme, letter case, another service."""
    out: list[Any] = ["https://other.example.com", [aud + "-staging"], aud.upper() if aud != aud.upper() else aud + "x"]
    out.append(aud + "/" if not aud.endswith("/") else aud.rstrip("/"))
    if aud.startswith("https://"):
        out.append("http://" + aud[len("https://") :])
    return out


@_fault(AudMismatch)
def _aud_mismatch(draw: Any, b: _Base) -> TokenCase:
    wrong = draw(st.sampled_from([*_near_misses(b.audience), None]))
    body = {k: v for k, v in b.claims.items() if k != "aud"}
    if wrong is not None:
        body["aud"] = wrong
    return b.case(b.token(claims=body), AudMismatch.name)


@_fault(IssMismatch)
def _iss_mismatch(draw: Any, b: _Base) -> TokenCase:
    wrong = draw(st.sampled_from([b.issuer + "/", b.issuer.replace("https://", "http://"), "https://evil.example"]))
    return b.case(b.token(claims={**b.claims, "iss": wrong}), IssMismatch.name)


@_fault(ClaimType)
def _claim_type(draw: Any, b: _Base) -> TokenCase:
    name, value = draw(st.sampled_from([("sub", 12345), ("jti", 7), ("iss", [b.issuer]), ("sub", None)]))
    return b.case(b.token(claims={**b.claims, name: value}), ClaimType.name)


@_fault(SignatureMissing)
def _signature_missing(draw: Any, b: _Base) -> TokenCase:
    token = b.token()
    return b.case(token[: token.rindex(".") + 1], SignatureMissing.name)


@_fault(SignatureLength)
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
    return b.case(signing_input + "." + text, SignatureLength.name)


@_fault(EcdsaDerSignature, algs=("ES256", "ES384", "ES512"))
def _ecdsa_der(draw: Any, b: _Base) -> TokenCase:
    # cryptography, OpenSSL, Java and cloud KMS return DER; JOSE wants raw R||S.
    token = b.token()
    signing_input = token.rsplit(".", 1)[0]
    return b.case(signing_input + "." + b64url_encode(b.sign(signing_input, der=True)), EcdsaDerSignature.name)


# --- faults found with the key (lint(..., key=case.key) or secret=case.key) ------------------------


@_fault(SignatureInvalid)
def _signature_invalid(draw: Any, b: _Base) -> TokenCase:
    # The signature of another text, or a byte damaged in transit: nothing explains it.
    signing_input = b.token().rsplit(".", 1)[0]
    sig = bytearray(b.sign(signing_input))
    i = draw(st.integers(0, len(sig) - 1))
    sig[i] ^= draw(st.integers(1, 255))
    return b.case(signing_input + "." + b64url_encode(bytes(sig)), SignatureInvalid.name)


@_fault(SignedOverWrongInput)
def _signed_over_wrong_input(draw: Any, b: _Base) -> TokenCase:
    # Signed over the padded text, then the '=' stripped before sending (the Apex seed's second bug).
    for i in range(64):
        base = _bump(b, i) if i else b
        h, p = b64url_encode(base.json(base.header)), b64url_encode(base.json(base.claims))
        padded = h + "=" * (-len(h) % 4) + "." + p + "=" * (-len(p) % 4)
        if padded != f"{h}.{p}":
            return b.case(f"{h}.{p}.{b64url_encode(base.sign(padded))}", SignedOverWrongInput.name)
    raise AssertionError("no segment needed padding after 64 tries")  # pragma: no cover


@_fault(AlgKeyMismatch, algs=tuple(a for a in ALGORITHMS if a[:2] in ("RS", "PS", "HS")))
def _alg_key_mismatch(draw: Any, b: _Base) -> TokenCase:
    # The header names one hash, the signer used another (RS256 in the header, RS512 signature).
    other = draw(st.sampled_from([a for a in ALGORITHMS if a[:2] == b.alg[:2] and a != b.alg]))
    header = {**b.header, "alg": b.alg}
    h, p = b64url_encode(b.json(header)), b64url_encode(b.json(b.claims))
    sig = sign(other, b.key, f"{h}.{p}".encode("ascii"))
    return b.case(f"{h}.{p}.{b64url_encode(sig)}", AlgKeyMismatch.name)


@_fault(EcCurveAlgMismatch, algs=("ES256", "ES384", "ES512"))
def _ec_curve(draw: Any, b: _Base) -> TokenCase:
    # ES256 in the header, but the key (and signature) are on another curve.
    other = draw(st.sampled_from([a for a in ("ES256", "ES384", "ES512") if a != b.alg]))
    key = default_key(other)
    h, p = b64url_encode(b.json(b.header)), b64url_encode(b.json(b.claims))
    sig = sign(other, key, f"{h}.{p}".encode("ascii"))
    return b.case(f"{h}.{p}.{b64url_encode(sig)}", EcCurveAlgMismatch.name, key=key.public_key())


@_fault(PssPkcs1Confusion, algs=tuple(a for a in ALGORITHMS if a[:2] in ("RS", "PS")))
def _pss_pkcs1(draw: Any, b: _Base) -> TokenCase:
    # PS256 signed with PKCS#1 v1.5 (or the reverse), or PSS with OpenSSL's maximum salt.
    from cryptography.hazmat.primitives.asymmetric import padding

    signing_input = b.token().rsplit(".", 1)[0].encode("ascii")
    digest = hash_for(b.alg[2:])
    if b.alg.startswith("RS"):
        pad: Any = padding.PSS(padding.MGF1(digest), digest.digest_size)
    elif draw(st.booleans()):
        pad = padding.PKCS1v15()
    else:
        pad = padding.PSS(padding.MGF1(digest), padding.PSS.MAX_LENGTH)
    sig = b.key.sign(signing_input, pad, digest)
    return b.case(signing_input.decode() + "." + b64url_encode(sig), PssPkcs1Confusion.name)


@_fault(AlgConfusion, algs=tuple(a for a in ALGORITHMS if a[:2] in ("RS", "PS", "ES")) + ("EdDSA",))
def _alg_confusion(draw: Any, b: _Base) -> TokenCase:
    # The forgery: HS256 MAC'd with the verifier's public key text (PEM) as the secret.
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

    pem = b.key.public_key().public_bytes(Encoding.PEM, PublicFormat.SubjectPublicKeyInfo)
    hs = draw(st.sampled_from(["HS256", "HS384", "HS512"]))
    header = {**b.header, "alg": hs}
    h, p = b64url_encode(b.json(header)), b64url_encode(b.json(b.claims))
    sig = sign(hs, pem, f"{h}.{p}".encode("ascii"))
    return b.case(f"{h}.{p}.{b64url_encode(sig)}", AlgConfusion.name)._replace(alg=hs)


@_fault(KidNotFound, algs=tuple(a for a in ALGORITHMS if not a.startswith("HS")))
def _kid_not_found(draw: Any, b: _Base) -> TokenCase:
    # Key rotation: the token names a kid the verifier's JWKS (the case's key, a dict) does not hold yet.
    published = {**public_jwk(b.key), "kid": "2024-06", "use": "sig", "alg": b.alg}
    kid = draw(st.sampled_from(["2025-01", "2024-06-next", "key-2"]))
    return b.case(b.token(header={**b.header, "kid": kid}), KidNotFound.name, key={"keys": [published]})


_WEAK_SECRETS = (b"secret", b"your-256-bit-secret", b"changeme", b"password", b"jwt-secret")


@_fault(WeakHmacSecret, algs=("HS256", "HS384", "HS512"))
def _weak_secret(draw: Any, b: _Base) -> TokenCase:
    # A secret from a tutorial (jwt.io's "your-256-bit-secret"), or shorter than the hash.
    secret = draw(st.one_of(st.sampled_from(_WEAK_SECRETS), st.binary(min_size=8, max_size=16)))
    weak = b._replace(key=secret)
    return weak.case(weak.token(), WeakHmacSecret.name)


@_fault(BearerPrefix)
def _bearer(draw: Any, b: _Base) -> TokenCase:
    # The Authorization header's value passed on as if it were the token.
    return b.case(draw(st.sampled_from(["Bearer ", "bearer ", "Authorization: Bearer "])) + b.token(), BearerPrefix.name)


@_fault(SurroundingQuotes)
def _quotes(draw: Any, b: _Base) -> TokenCase:
    # A JSON string value (or a shell-quoted argument) taken with its quotes.
    q = draw(st.sampled_from(['"', "'"]))
    return b.case(q + b.token() + q, SurroundingQuotes.name)


@_fault(FormAssertionNotUrlencoded)
def _form_not_urlencoded(draw: Any, b: _Base) -> TokenCase:
    # RFC 7523 token request body built by string concatenation: a standard-base64 token put in
    # the form unencoded, so the server reads each '+' as a space (signed over the text sent).
    def std(data: bytes) -> str:
        return b64url_encode(data).translate(_STD)

    for i in range(64):
        token = _bump(b, i).token(encode=std)
        if "+" in token:
            break
    else:  # pragma: no cover - odds 2**-60
        raise AssertionError("no '+' after 64 tries")
    grant = "grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer"
    body = draw(st.sampled_from([f"{grant}&assertion={token}", f"assertion={token}&{grant}"]))
    return b.case(body, FormAssertionNotUrlencoded.name)


@_fault(JweToken)
def _jwe(draw: Any, b: _Base) -> TokenCase:
    # An encrypted token (RSA-OAEP + A256GCM, RFC 7516 §7.1) given where a signed JWT was expected.
    import os

    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import padding
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    alg = draw(st.sampled_from(["RSA-OAEP", "RSA-OAEP-256"]))
    header = {"alg": alg, "enc": "A256GCM", **({"kid": b.header["kid"]} if "kid" in b.header else {})}
    protected = b64url_encode(b.json(header))
    cek, iv = os.urandom(32), os.urandom(12)
    h = hashes.SHA1() if alg == "RSA-OAEP" else hashes.SHA256()
    encrypted_key = default_key("RS256").public_key().encrypt(cek, padding.OAEP(padding.MGF1(h), h, None))
    sealed = AESGCM(cek).encrypt(iv, b.json(b.claims), protected.encode("ascii"))
    parts = (protected, encrypted_key, iv, sealed[:-16], sealed[-16:])
    token = ".".join(p if isinstance(p, str) else b64url_encode(p) for p in parts)
    return b.case(token, JweToken.name, key=None)


#: Every fault ``broken_tokens`` can draw, by the jwtlint rule name that finds it.
FAULTS: tuple[str, ...] = tuple(BUILDERS)

#: Errors a fault cannot help drawing besides its own, and why. Everything
#: else a ``broken_tokens(fault=X)`` token draws at error level is a bug.
IMPLIED: dict[str, dict[str, str]] = {
    ExpBeforeIat.name: {Expired.name: "iat is at or before now, so an exp before it has passed too"},
    SignatureLength.name: {SignatureInvalid.name: "a hex, twice-encoded or cut signature cannot verify with the key"},
    AlgKeyMismatch.name: {SignatureLength.name: "an HMAC made with another hash has that hash's length"},
    EcCurveAlgMismatch.name: {SignatureLength.name: "a signature on another curve has that curve's length"},
    PercentEncodedToken.name: {Base64Padding.name: "only '=' (or '+', '/') needs percent-encoding: the token is padded"},
    FormAssertionNotUrlencoded.name: {
        StdBase64Alphabet.name: "only a standard-base64 token has the '+' a form decoder turns into a space"
    },
}
