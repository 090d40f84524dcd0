"""Signature rules that need no key: is the signature there, and could it be one?

All facts come from the parser's ``Signature`` record (DER structure, hex or
base64 text inside the bytes); nothing here decodes the segment again.
"""

from __future__ import annotations

from collections.abc import Iterator

from jwtlint.algs import ECDSA_COORDINATE_BYTES, JWS_ALGS, RSA_SIG_BYTES
from jwtlint.token.b64 import b64url_encode
from jwtlint.engine import Applicability, Context, Finding, Rule, Severity, cite
from jwtlint.model import Segment, Signature, TokenTarget

_HEX_CAUSE = (
    "the signature was hex-encoded before base64url (e.g. Node `digest('hex')`, "
    "PHP `hash_hmac` without raw_output=true, Python `hexdigest()`)"
)
_B64_CAUSE = "the signature was base64-encoded twice (the segment holds base64 text, not signature bytes)"


#: Coordinate size in bytes -> the curve it belongs to (ES256K shares P-256's size).
_CURVE_OF_SIZE = {32: "P-256", 48: "P-384", 66: "P-521"}


def _is_none(alg: object) -> bool:
    # 'NONE' or 'None' is alg-unknown's business: the author meant an unsecured token.
    return isinstance(alg, str) and alg.casefold() == "none"


#: Modulus sizes keys are made with (1024..16384 bits), in bytes. An RSA signature one
#: byte off one of these lost or gained a leading zero byte in a big-integer conversion.
_RSA_STANDARD_BYTES = frozenset(bits // 8 for bits in (1024, 1536, 2048, 3072, 4096, 6144, 7680, 8192, 15360, 16384))


def _length_ok(alg: str, n: int) -> bool:
    spec = JWS_ALGS[alg]
    if spec.family in ("RSA", "RSA-PSS"):
        # An RSA signature is exactly as long as the modulus (RFC 8017 I2OSP). Any
        # length in range may be a real, if unusual, modulus (a 3000-bit key signs
        # 375 bytes); only one byte off a standard size is a clear mistake.
        off_by_one = (n + 1) in _RSA_STANDARD_BYTES or (n - 1) in _RSA_STANDARD_BYTES
        return RSA_SIG_BYTES[0] <= n <= RSA_SIG_BYTES[1] and not off_by_one
    return n in spec.sig_lengths


def _expected(alg: str) -> str:
    spec = JWS_ALGS[alg]
    if spec.family in ("RSA", "RSA-PSS"):
        lo, hi = RSA_SIG_BYTES
        return f"as long as the RSA modulus (256 bytes for 2048 bits; {lo}..{hi})"
    return " or ".join(str(n) for n in spec.sig_lengths) + " bytes"


def _rsa_off_by_one(raw: bytes) -> int:
    """-1 when ``raw`` is one byte short of a standard RSA modulus length; +1 when it is one
    byte over it and starts with the zero byte a signed big-integer adds; else 0."""
    n = len(raw)
    if n + 1 in _RSA_STANDARD_BYTES:
        return -1
    if n - 1 in _RSA_STANDARD_BYTES and raw[0] == 0:
        return 1
    return 0


def _other_algs(n: int) -> list[str]:
    """Registered algorithms whose signatures have exactly ``n`` bytes."""
    return [a.name for a in JWS_ALGS.values() if n in a.sig_lengths and a.name not in ("EdDSA", "none")]


class SignatureMissing(Rule[TokenTarget]):
    """## What it does
    Flags a JWS whose signature segment is empty although `alg` names a signing algorithm.

    ## Why is this bad?
    Only an unsecured JWS (`alg: none`) has an empty signature (RFC 7515 §5.2,
    RFC 7518 §3.6); with any other `alg` the verifier rejects the token. It
    happens when the signing step failed or was skipped and the code still
    joined `header.payload.` with an empty string, and it is also how an
    attacker strips a signature hoping the verifier skips the check.

    ## Fix
    Sign `header.payload` with the key for `alg` and append the base64url
    signature after the last dot.

    ## Example
    `eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxIn0.` (RS256, nothing after the dot)
    """

    code = "JWT501"
    name = "signature-missing"
    severity = Severity.ERROR
    summary = "The signature segment is empty but alg is not 'none'."
    refs = (cite("RFC 7515", "5.2"), cite("RFC 7518", "3.6"))

    def check(self, t: TokenTarget, ctx: Context) -> Iterator[Finding]:
        seg = t.segment("signature")
        alg = t.alg
        # Without a readable alg nobody can say a signature was due; the header rules speak then.
        if t.form != "jws" or seg is None or seg.text or not isinstance(alg, str) or _is_none(alg):
            return
        yield self.finding(
            f"the signature segment is empty, but alg is {alg!r}: the token is unsigned and will be rejected",
            seg.span(),
            fix=f"sign header.payload with the {alg} key and append the base64url signature after the last '.'",
        )


class SignatureLength(Rule[TokenTarget]):
    """## What it does
    Flags a signature whose length is impossible for `alg`, or whose bytes are
    themselves hex or base64 text, and says which mistake made it.

    ## Why is this bad?
    Each algorithm fixes the signature length: HS256/384/512 give 32/48/64
    bytes, ES256/ES384/ES512/ES256K 64/96/132/64 (RFC 7518 §3.4), EdDSA 64
    (Ed25519) or 114 (Ed448) (RFC 8037 §3.1), RSA exactly the modulus length
    (RFC 8017 §8.1.1). A wrong length never verifies. The usual causes: the
    signature was hex-encoded first (Node `digest('hex')`, PHP `hash_hmac`
    without `raw_output`), base64-encoded twice, signed with another algorithm
    than the header names, or cut short.

    ## Fix
    base64url-encode the raw signature bytes exactly once. When the cause is
    hex or double base64, `fixed` holds the corrected signature segment.

    ## Example
    An HS256 token whose signature segment decodes to 64 hex characters
    (`b0344c61d8db38535ca8afceaf0bf12b...`) instead of 32 bytes.
    """

    code = "JWT502"
    name = "signature-length"
    severity = Severity.ERROR
    summary = "The signature's length is impossible for alg (hex, double base64, wrong alg, cut short)."
    refs = (cite("RFC 7518", "3.2"), cite("RFC 7518", "3.4"), cite("RFC 8037", "3.1"), cite("RFC 8017", "8.1.1"))

    def check(self, t: TokenTarget, ctx: Context) -> Iterator[Finding]:
        sig, alg = t.signature, t.alg
        if sig is None or t.form != "jws":
            return
        if not (sig.ascii_kind or sig.der_ecdsa) and type(alg) is str and alg in JWS_ALGS and _length_ok(alg, len(sig.raw)):
            return  # the common case: a signature of the right length, decided before anything else
        seg = t.segment("signature")
        if seg is None or not seg.text or seg.b64.illegal:
            return  # empty: signature-missing; illegal characters: the decoded length is a guess
        if not isinstance(alg, str) or alg not in JWS_ALGS or _is_none(alg):
            return
        family = JWS_ALGS[alg].family
        if sig.der_ecdsa and family == "ECDSA":
            return  # ecdsa-der-signature explains it
        n = len(sig.raw)
        # Bytes that are all hex or base64 text are never a real signature (a random
        # 32-byte value is all hex with chance 2^-113), so that alone is a finding.
        if _length_ok(alg, n) and not sig.ascii_kind:
            return
        head = f"the {alg} signature is {n} bytes; {alg} signatures are {_expected(alg)}"
        if sig.ascii_kind:
            if _length_ok(alg, n):
                head = f"the {alg} signature's {n} bytes are all {sig.ascii_kind} text; no real signature is"
            yield self._ascii(sig, seg, alg, head)
        elif sig.der_ecdsa:
            yield self.finding(
                f"{head}: these bytes are an ASN.1 DER ECDSA signature, made with an EC key, not for {alg}",
                seg.span(),
                fix=f"sign with the key and algorithm the header names ({alg}), "
                "or set alg to the ES* algorithm of the EC key",
            )
        else:
            yield self.finding(f"{head}: {self._cause(alg, sig.raw)}", seg.span(), fix=self._fix(alg, sig.raw))

    def _ascii(self, sig: Signature, seg: Segment, alg: str, head: str) -> Finding:
        if sig.ascii_kind == "hex":
            cause, true = _HEX_CAUSE, b64url_encode(bytes.fromhex(sig.raw.decode("ascii")))
        else:
            # The inner base64 text, respelled as base64url, is the once-encoded signature.
            cause = _B64_CAUSE
            true = sig.raw.decode("ascii").rstrip("=").replace("+", "-").replace("/", "_")
        inner = sig.ascii_decoded_length or 0
        fits = _length_ok(alg, inner)
        after = f"decoded, they are {inner} bytes" + ("" if fits else f", still not {_expected(alg)}")
        return self.finding(
            f"{head}: {cause}; {after}",
            seg.span(),
            fix="base64url-encode the raw signature bytes once (the corrected signature is in `fixed`)"
            if fits
            else "base64url-encode the raw signature bytes once, and sign with the algorithm the header names",
            fixed=true if fits else None,
            applicability=Applicability.SAFE if fits else Applicability.DISPLAY,
            sensitive=True,
        )

    @staticmethod
    def _cause(alg: str, raw: bytes) -> str:
        spec, n = JWS_ALGS[alg], len(raw)
        off = _rsa_off_by_one(raw) if spec.family in ("RSA", "RSA-PSS") else 0
        if off:
            return (
                f"one byte {'short of' if off < 0 else 'over'} {n - off}: a leading zero byte was "
                f"{'dropped' if off < 0 else 'added'} by a big-integer conversion "
                "(RFC 8017 I2OSP keeps the modulus length)"
            )
        others = [a for a in _other_algs(n) if a != alg]
        kin = [a for a in others if JWS_ALGS[a].family == spec.family]
        others = kin or others  # HS256 with 64 bytes: HS512 is the likelier mix-up than ES256
        if others:
            return f"{n} bytes is the length of {'/'.join(others)} signatures: signed with another algorithm than alg?"
        if n < (min(spec.sig_lengths) if spec.sig_lengths else RSA_SIG_BYTES[0]):
            return "too short: the signature was cut short, or is not a signature"
        return "the signature was cut, padded or joined with other data"

    @staticmethod
    def _fix(alg: str, raw: bytes) -> str:
        if JWS_ALGS[alg].family in ("RSA", "RSA-PSS") and _rsa_off_by_one(raw):
            return "encode the signature as exactly the modulus length (I2OSP: left-pad with zeros, no sign byte)"
        return f"sign with {alg} and base64url-encode the raw signature bytes once; copy the whole token"


class EcdsaDerSignature(Rule[TokenTarget]):
    """## What it does
    Flags an ES256/ES384/ES512/ES256K signature in ASN.1 DER form
    (`Ecdsa-Sig-Value`) instead of the raw `R||S` that JOSE uses. With a key
    given (`--key`), it also says whether the converted signature verifies.

    ## Why is this bad?
    JWS carries an ECDSA signature as R and S, each left-padded to the
    coordinate size (32, 48, 66 bytes) and concatenated (RFC 7518 §3.4). Most
    crypto APIs return DER instead: OpenSSL (`openssl dgst -sign`), Java
    `Signature.getInstance("SHA256withECDSA")`, .NET `SignData` with
    `DSASignatureFormat.Rfc3279DerSequence`, AWS KMS `Sign`, Go
    `ecdsa.SignASN1`, Python `cryptography`. Every JOSE verifier rejects the
    DER form (`Invalid signature length`, `signature must be 64 bytes`).

    ## Fix
    Convert the DER signature to R||S (e.g. `decode_dss_signature` in Python,
    `ECDSA.transcodeSignatureToConcat` in Java); `fixed` holds the converted
    signature, which verifies with the same key.

    ## Example
    An ES256 token whose 71-byte signature starts with `30 45 02 20`
    (base64url `MEUCI...`).
    """

    code = "JWT503"
    name = "ecdsa-der-signature"
    severity = Severity.ERROR
    summary = "An ECDSA signature is ASN.1 DER; JOSE wants raw R||S."
    refs = (cite("RFC 7518", "3.4"), cite("RFC 3279", "2.2.3"))
    evidence = frozenset({"verification"})  # with a key, says whether the raw form verifies

    def check(self, t: TokenTarget, ctx: Context) -> Iterator[Finding]:
        seg, sig, alg = t.segment("signature"), t.signature, t.alg
        if seg is None or sig is None or sig.der_ecdsa is None or not isinstance(alg, str):
            return
        if alg not in ECDSA_COORDINATE_BYTES:
            return
        n = ECDSA_COORDINATE_BYTES[alg]
        if len(sig.raw) == 2 * n:
            return  # right-sized R||S that merely parses as DER (~2^-40): raw is far likelier
        r, s = sig.der_ecdsa
        head = (
            f"the {alg} signature is a {len(sig.raw)}-byte ASN.1 DER Ecdsa-Sig-Value; JOSE wants R||S ({2 * n} bytes)"
        )
        # R and S are near the curve order, so their size names the curve; genuine
        # P-384 values that both fit in 32 bytes have odds of 2^-256.
        bits = max(r.bit_length(), s.bit_length())
        size = next((c for c in sorted(_CURVE_OF_SIZE) if bits <= 8 * c), None)
        if size != n:
            curve = JWS_ALGS[alg].curve
            yield self.finding(
                f"{head}, and R and S have the size of {_CURVE_OF_SIZE.get(size or 0, 'no JOSE curve')}, "
                f"not {curve}: signed with another curve's key",
                seg.span(),
                fix=f"sign with a {curve} key (or set alg to match the key's curve), then convert DER to R||S",
            )
            return
        # With a key (jwtlint.token.verify), say whether the converted signature verifies.
        ev = t.verification
        checked = ""
        if ev is not None and ev.der_verifies is not None:
            checked = (
                "; converted to R||S it verifies with the key given"
                if ev.der_verifies
                else "; even converted to R||S it does not verify with the key given"
            )
        yield self.finding(
            head + " (the form OpenSSL, Java, .NET, AWS KMS, Go SignASN1 and cryptography return)" + checked,
            seg.span(),
            fix=f"convert DER to R||S: each of R and S as {n} big-endian bytes, concatenated (shown in `fixed`)",
            fixed=b64url_encode(r.to_bytes(n, "big") + s.to_bytes(n, "big")),
            applicability=Applicability.SAFE,
            sensitive=True,
        )


RULES = [SignatureMissing, SignatureLength, EcdsaDerSignature]
