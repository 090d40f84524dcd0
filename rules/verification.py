"""Signature rules that need a key: does the signature verify, and if not, why not.

Every fact comes from the token's ``verification`` record (``jwtlint.token.verify``
computes it once per lint, before the rules run). A rule here never touches
cryptography; it reads what was found and says what to change.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from jwtlint.engine import Applicability, Context, Finding, Rule, Severity, cite
from jwtlint.model import TokenTarget
from jwtlint.algs import JWS_ALGS
from jwtlint.rules._helpers import header_span, member_span, with_article

_PIN_ALG = (
    "pin the algorithm in the verifier (PyJWT `algorithms=[\"RS256\"]`, jose `algorithms: ['RS256']`, "
    "the key's own alg) and never take it from the token's header"
)
_NEW_SECRET = "generate a random secret of at least {n} bytes (`openssl rand -base64 {n}`), keep it out of the code, and sign again"


def _evidence(t: TokenTarget) -> Any:
    return t.verification


class EvidenceRule(Rule[TokenTarget]):
    """A rule that reads only the verification evidence: skipped for tokens without any."""

    needs = frozenset({"verification"})


def _resign(alg: str) -> str:
    return f"set alg to {alg!r} and sign again (the header is signed, so changing alg needs a new signature)"


class SignatureInvalid(EvidenceRule):
    """## What it does
    Reports a signature that does not verify with the key, JWKS or secret
    given, when no more specific cause was found, and says what was tried.

    ## Why is this bad?
    Every verifier rejects the token (`Signature verification failed`,
    `invalid_grant`). jwtlint first looks for the usual causes (a signature over
    another text, DER ECDSA, the wrong RSA padding, a key of another type or
    curve, a secret from a public list); when none fits, the key given is most
    likely not the one that signed, or the token was changed after signing.

    ## Fix
    Verify with the public half of the key that signed (compare the RFC 7638
    thumbprints: `jwtlint key pub KEYFILE`), and sign exactly the
    `header.payload` text that is sent.

    ## Example
    An RS256 token signed with one key, checked with `--key` naming another
    RSA public key.
    """

    code = "JWT510"
    name = "signature-invalid"
    severity = Severity.ERROR
    summary = "The signature does not verify with the key given, and no known mistake explains it."
    refs = (cite("RFC 7515", "5.2"), cite("RFC 7518", "3.1"))

    def check(self, t: TokenTarget, ctx: Context) -> Iterator[Finding]:
        ev = _evidence(t)
        if ev is None or not ev.keys_given or ev.verified or ev.diagnosed:
            return
        parts = []
        if ev.tried:
            parts.append("tried: " + "; ".join(ev.tried))
        if ev.refused:
            parts.append("not used: " + "; ".join(ev.refused))
        if ev.listed_secret is not None:
            parts.append(
                f"it does verify with a secret from jwtlint's list of secrets seen in the wild "
                f"({len(ev.listed_secret)} characters), not with the one given (see weak-hmac-secret)"
            )
        what = "the key given" if ev.keys_given == 1 else f"any of the {ev.keys_given} keys given"
        head = f"the {ev.alg} signature does not verify with {what}"
        if not ev.tried:  # every key was refused: nothing could be checked
            head = f"the {ev.alg} signature could not be checked with {what}"
        yield self.finding(
            head + (": " + "; ".join(parts) if parts else ""),
            member_span(t, "signature"),
            fix="verify with the public half of the key that signed (compare RFC 7638 thumbprints: "
            "`jwtlint key pub KEYFILE`), and sign exactly the header.payload text that is sent",
        )


#: How to sign the right text, for each wrong input ``jwtlint.token.verify`` can find.
_INPUT_FIX = {
    "standard-base64": "encode header and payload with base64url without '=' (replace '+' by '-', '/' by '_', "
    "strip '='), then sign that text",
    "base64url text with": "strip the '=' padding from both segments before signing, and sign that text",
    "re-encoded": "sign the segments exactly as they appear in the token (encode once, then sign and send the same text)",
    "newline": "sign without the trailing newline: `printf '%s' \"$HEADER.$PAYLOAD\" | openssl dgst ...`, not `echo`",
    "raw JSON": "sign the base64url text `BASE64URL(header) + '.' + BASE64URL(payload)`, not the JSON",
    "payload": "sign `BASE64URL(header) + '.' + BASE64URL(payload)`, header first, joined by a dot",
    "whitespace": "remove the line breaks before signing, and sign the exact text that is sent",
    "JSON with": "serialize the JSON once, base64url-encode it, and sign and send that same text",
}


class SignedOverWrongInput(EvidenceRule):
    """## What it does
    Reports a signature that verifies, with the key given, over some other
    text than the token's `header.payload`, and says which text: the
    standard-base64 or padded encoding, the raw JSON, the payload alone, the
    segments in the wrong order, the text with a trailing newline, or the JSON
    serialized differently than sent.

    ## Why is this bad?
    A JWS signature covers exactly the ASCII bytes
    `BASE64URL(header) || '.' || BASE64URL(payload)` (RFC 7515 §5.1). A signer
    that signed another text made a token no verifier accepts, though the key
    is right. Hand-built tokens do this: Apex `EncodingUtil.base64Encode` then
    `replace` after signing, `echo` adding a newline before `openssl dgst`.

    ## Fix
    Build the signing input first (base64url, no padding, header '.' payload),
    sign those bytes, and send that same text followed by '.' and the signature.

    ## Example
    An RS256 token whose signature was computed over the padded standard-base64
    text, the segments then converted to base64url.
    """

    code = "JWT511"
    name = "signed-over-wrong-input"
    severity = Severity.ERROR
    summary = "The signature verifies over another text than header.payload (and says which)."
    refs = (cite("RFC 7515", "5.1"), cite("RFC 7515", "2"))

    def check(self, t: TokenTarget, ctx: Context) -> Iterator[Finding]:
        ev = _evidence(t)
        if ev is None or not ev.wrong_input:
            return
        fix = next((f for key, f in _INPUT_FIX.items() if key in ev.wrong_input), _INPUT_FIX["raw JSON"])
        yield self.finding(
            f"the {ev.alg} signature verifies with the key given over {ev.wrong_input}, "
            "not over the token's header.payload text as sent",
            member_span(t, "signature"),
            fix=fix,
        )


class AlgKeyMismatch(EvidenceRule):
    """## What it does
    Reports a token whose `alg` does not fit the key given: an ES256 token
    checked with an RSA key, an RS256 token with an EC key or an HMAC secret,
    an HS256 token with a public key, or an RS256 header over an RS512
    signature. When the key verifies the signature under another alg, `fixed`
    names that alg.

    ## Why is this bad?
    The algorithm fixes the key type and hash (RFC 7518 §3.1); a verifier
    given a key of another type refuses it (`Invalid key for this operation`,
    `alg mismatch`) or, worse, verifies with whatever the header says (RFC 8725 §3.1).

    ## Fix
    Sign with a key of the type `alg` names, or set `alg` to the algorithm the
    key signs with and sign again.

    ## Example
    A header saying `ES256` on a token signed with an RSA key (`RS256`).
    """

    code = "JWT512"
    name = "alg-key-mismatch"
    severity = Severity.ERROR
    summary = "alg does not fit the key given (type or hash); fixed names the alg the key verifies with."
    refs = (cite("RFC 7518", "3.1"), cite("RFC 8725", "3.1"))

    def check(self, t: TokenTarget, ctx: Context) -> Iterator[Finding]:
        ev = _evidence(t)
        if ev is None or ev.padding or ev.curve_mismatch or not (ev.key_mismatch or ev.other_alg):
            return
        if ev.key_mismatch:
            what = ev.key_mismatch.removeprefix("the ")
            several = what[:1].isdigit() and " keys (" in what
            head = f"alg is {ev.alg}, but the key{'s' * several} given {'are' if several else 'is'} {what if several else with_article(what)}"
            need = _needs(ev.alg)
            if need:
                head += f" ({ev.alg} needs {need})"
        else:
            head = f"alg is {ev.alg}, but the key given does not verify the signature as {ev.alg}"
        if ev.other_alg:
            yield self.finding(
                f"{head}; it verifies the signature as {ev.other_alg}: the token was signed with {ev.other_alg}",
                header_span(t, "alg"),
                fix=_resign(ev.other_alg),
                fixed=ev.other_alg,
                applicability=Applicability.UNSAFE,
            )
            return
        cannot = _cannot(ctx.keys)
        no_alg = not cannot.startswith("it verifies")  # DSA, X25519: no alg to switch to
        yield self.finding(
            head + "; " + cannot,
            header_span(t, "alg"),
            fix=f"verify with the signer's public key ({_needs(ev.alg) or 'the type ' + ev.alg + ' needs'}); "
            "this key signs with no JOSE algorithm" if no_alg
            else f"sign with a key of the type {ev.alg} needs, or set alg to the key's algorithm and sign again",
        )


def _needs(alg: str) -> str | None:
    """The key ``alg`` needs, in words: "an RSA key", "an EC P-256 key", "an HMAC secret"."""
    spec = JWS_ALGS.get(alg)
    if spec is None:
        return None
    if spec.family == "HMAC":
        return f"an HMAC secret of at least {spec.hash_bytes} bytes"
    if spec.family in ("RSA", "RSA-PSS"):
        return "an RSA key of 2048 bits or more"
    if spec.family == "ECDSA":
        return f"an EC {spec.curve} key"
    if spec.family == "EdDSA":
        return f"an OKP {spec.curve} key" if spec.curve else "an OKP Ed25519 or Ed448 key"
    return None


def _cannot(keys: Any) -> str:
    """Why the key given signs with no JOSE algorithm, or that none it can sign with verifies."""
    kinds = {(k.kty, k.curve) for k in keys}
    if kinds and all(kty == "DSA" for kty, _ in kinds):
        return "no JOSE algorithm signs with DSA keys (RFC 7518 §3.1 registers none)"
    if kinds and all(kty == "OKP" and crv in ("X25519", "X448") for kty, crv in kinds):
        crv = next(iter(kinds))[1]
        return f"{crv} is a key-agreement curve (ECDH-ES, RFC 8037 §3.2): it cannot sign at all"
    return "it verifies with no algorithm that key can sign with"


class EcCurveAlgMismatch(EvidenceRule):
    """## What it does
    Reports an ES256/ES384/ES512/ES256K token checked with an EC key on
    another curve (ES256 with a P-384 key, ...).

    ## Why is this bad?
    Each ES algorithm names one curve and hash: ES256 is P-256 with SHA-256,
    ES384 P-384 with SHA-384, ES512 P-521 with SHA-512 (RFC 7518 §3.4).
    Verifiers refuse a key on another curve. It happens when an `alg` is
    hard-coded while the key was generated with another curve
    (`openssl ecparam -name secp384r1`).

    ## Fix
    Sign with a key on the curve `alg` names, or set `alg` to the algorithm of
    the key's curve (`fixed`, when the signature verifies under it) and sign again.

    ## Example
    An ES256 token whose key is a P-384 key.
    """

    code = "JWT513"
    name = "ec-curve-alg-mismatch"
    severity = Severity.ERROR
    summary = "An ES* token is checked with an EC key on another curve than alg names."
    refs = (cite("RFC 7518", "3.4"), cite("RFC 7518", "6.2.1.1"))

    def check(self, t: TokenTarget, ctx: Context) -> Iterator[Finding]:
        ev = _evidence(t)
        if ev is None or not ev.curve_mismatch:
            return
        want, have = ev.curve_mismatch
        head = f"{ev.alg} needs a {want} key, but the EC key given is on {have}"
        if ev.other_alg:
            yield self.finding(
                f"{head}; the signature verifies as {ev.other_alg}",
                header_span(t, "alg"),
                fix=_resign(ev.other_alg),
                fixed=ev.other_alg,
                applicability=Applicability.UNSAFE,
            )
            return
        yield self.finding(
            head,
            header_span(t, "alg"),
            fix=f"sign with a {want} key (`openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:{want}`), "
            f"or use the alg of the {have} key and sign again",
        )


class PssPkcs1Confusion(EvidenceRule):
    """## What it does
    Reports an RSA signature made with the other padding than `alg` says: a
    PS256 header over an RSASSA-PKCS1-v1_5 signature, an RS256 header over a
    PSS signature, or a PSS signature whose salt is not as long as the hash.

    ## Why is this bad?
    RS* is RSASSA-PKCS1-v1_5 and PS* is RSASSA-PSS with MGF1 and a salt as
    long as the hash (RFC 7518 §3.3, §3.5); a verifier using the padding the
    header names rejects the other one. Libraries choose the padding apart
    from the header: Java `Signature.getInstance("SHA256withRSA")`, Node
    `crypto.sign` without `RSA_PKCS1_PSS_PADDING`, cryptography's
    `PSS.MAX_LENGTH` salt from its documentation.

    ## Fix
    Sign with the padding the alg names (for PS*, PSS with MGF1 of the same
    hash and salt length = hash length), or set alg to the one the signature
    was made with (`fixed`) and sign again.

    ## Example
    A PS256 token whose signature Java made with `SHA256withRSA`.
    """

    code = "JWT514"
    name = "pss-pkcs1-confusion"
    severity = Severity.ERROR
    summary = "An RSA signature uses the other padding (PSS vs PKCS#1 v1.5) or salt length than alg says."
    refs = (cite("RFC 7518", "3.3"), cite("RFC 7518", "3.5"), cite("RFC 8017", "8"))

    def check(self, t: TokenTarget, ctx: Context) -> Iterator[Finding]:
        ev = _evidence(t)
        if ev is None or not ev.padding:
            return
        if ev.padding == "pss-salt":
            n = {"256": 32, "384": 48, "512": 64}.get(ev.alg[-3:], 32)
            yield self.finding(
                f"the {ev.alg} signature is RSASSA-PSS, but its salt is not {n} bytes (the hash length RFC 7518 "
                "requires); cryptography's PSS.MAX_LENGTH and Java's default salt of 20 bytes do this",
                member_span(t, "signature"),
                fix=f"sign with PSS, MGF1 with the same hash, and salt length {n} "
                "(cryptography `padding.PSS.DIGEST_LENGTH`)",
            )
            return
        got = "RSASSA-PKCS1-v1_5" if ev.padding == "pkcs1-for-pss" else "RSASSA-PSS"
        want = "RSASSA-PSS" if ev.padding == "pkcs1-for-pss" else "RSASSA-PKCS1-v1_5"
        yield self.finding(
            f"alg is {ev.alg} ({want}), but the signature is {got}: it verifies as {ev.other_alg}",
            header_span(t, "alg"),
            fix=f"sign with {want} as {ev.alg} says, or {_resign(ev.other_alg)}",
            fixed=ev.other_alg,
            applicability=Applicability.UNSAFE,
        )


class AlgConfusion(EvidenceRule):
    """## What it does
    Reports an HS256/HS384/HS512 token whose MAC verifies when a public key's
    text (PEM, DER, JWK JSON, OpenSSH line, the key file's bytes) is the HMAC
    secret.

    ## Why is this bad?
    This is the algorithm-confusion attack (CVE-2015-9235, CVE-2016-10555,
    CVE-2022-29217 in PyJWT): the attacker takes the public key, which is
    public, and MACs a token with it; a verifier that lets the header choose
    the algorithm and hands "the key" to HMAC accepts the forgery
    (RFC 8725 §2.1, §3.1). The token is forged, or the verifier under test is
    vulnerable.

    ## Fix
    Pin the algorithm in the verifier (PyJWT `algorithms=["RS256"]`) and keep
    HMAC secrets and public keys in separate types; reject this token.

    ## Example
    An HS256 token MAC'd with the verifier's `ssh-ed25519 AAAA...` public key
    string (PyJWT advisory GHSA-ffqj-6fqr-9h24).
    """

    code = "JWT515"
    name = "alg-confusion"
    severity = Severity.ERROR
    summary = "An HS* token is MAC'd with a public key's text as the secret: a forgery."
    refs = (cite("RFC 8725", "2.1"), cite("RFC 8725", "3.1"),
            cite("CVE-2022-29217", url="https://github.com/jpadilla/pyjwt/security/advisories/GHSA-ffqj-6fqr-9h24"))  # fmt: skip

    def check(self, t: TokenTarget, ctx: Context) -> Iterator[Finding]:
        ev = _evidence(t)
        if ev is None or not ev.confusion:
            return
        yield self.finding(
            f"the {ev.alg} MAC verifies with {ev.confusion} as the HMAC secret: "
            "the token was forged with the public key (algorithm confusion)",
            header_span(t, "alg"),
            fix=_PIN_ALG + "; reject this token",
        )


class WeakHmacSecret(EvidenceRule):
    """## What it does
    Reports an HS256/HS384/HS512 token signed with a secret from jwtlint's
    built-in list of secrets seen in the wild (jwt.io's defaults of every era
    and wallarm/jwt-secrets, tried in bounded time even without a key), or
    checked with a secret that is in that list, shorter than the hash, or
    degenerate whatever its length: all one byte (32 zero bytes), a short
    pattern repeated (`abcabc...`), a placeholder (`changeme`,
    `your-256-bit-secret`, an environment variable reference never expanded (`${VAR}`), `undefined`,
    `[object Object]`), or far less entropy than its length. The message says
    which, never the secret. An `oct` JWK (alone or in a JWK Set) is judged
    the same way, pointing at its `k`.

    ## Why is this bad?
    Anyone can try a published list offline against a captured token, then
    forge any token. RFC 7518 §3.2 requires a key at least as long as the hash
    (32 bytes for HS256) and RFC 2104 §3 a key of random bytes: length only
    counts when every byte is unpredictable, and a secret of zero bytes or a
    placeholder is the first thing an attacker tries. RFC 8725 §3.5 warns
    that human-chosen secrets are guessed. The secret found is shown only as
    "found in list, N characters" unless secrets are asked for.

    ## Fix
    Generate a random secret of at least the hash length
    (`openssl rand -base64 32`), keep it out of the code, rotate it, and sign again.

    ## Example
    jwt.io's default HS256 token, signed with `your-256-bit-secret`.
    """

    code = "JWT516"
    name = "weak-hmac-secret"
    severity = Severity.ERROR
    summary = "The HMAC secret is published (in a list of secrets seen in the wild), shorter than the hash, or degenerate."
    # Also an oct JWK's own secret (a lone JWK or a JWK Set member), as the JWK parser judged it:
    # so the rule does not need the verification record, but asks for it (and the guess).
    targets = frozenset({"token", "jwk", "jwks"})
    needs = frozenset()
    evidence = frozenset({"verification", "secret-guess"})  # the published secrets are tried only for this rule
    refs = (cite("RFC 7518", "3.2"), cite("RFC 8725", "3.5"), cite("RFC 2104", "3"),
            cite("wallarm/jwt-secrets", url="https://github.com/wallarm/jwt-secrets"))  # fmt: skip

    def check(self, t: Any, ctx: Context) -> Iterator[Finding]:
        if not isinstance(t, TokenTarget):
            yield from self._jwk(t)
            return
        ev = _evidence(t)
        if ev is None or not (
            ev.listed_secret is not None or ev.secret_listed or ev.short_secret is not None or ev.secret_weak
        ):
            return
        need = {"256": 32, "384": 48, "512": 64}.get(ev.alg[-3:], 32)
        parts = []
        if ev.listed_secret is not None:
            shown = repr(ev.listed_secret.decode("utf-8", "replace")) if ctx.show_secrets else None
            what = f"the secret is {shown}, " if shown else ""
            parts.append(
                f"the token is signed with a secret from jwtlint's list of secrets seen in the wild "
                f"({what}found in list, {len(ev.listed_secret)} characters): anyone can forge tokens with it"
            )
        elif ev.secret_listed:
            parts.append("the secret given is in jwtlint's list of secrets seen in the wild")
        if ev.secret_weak:
            parts.append(f"the secret given is {ev.secret_weak}: guessable whatever its length")
        if ev.short_secret is not None:
            parts.append(f"the secret is {ev.short_secret} bytes; {ev.alg} needs at least {need} (RFC 7518 §3.2)")
        yield self.finding("; ".join(parts), member_span(t, "signature"), fix=_NEW_SECRET.format(n=need))

    def _jwk(self, t: Any) -> Iterator[Finding]:
        for r in t.records:
            if r.key is None or r.key.secret is None:
                continue
            alg = r.get("alg")
            need = JWS_ALGS[alg].hash_bytes if isinstance(alg, str) and alg in JWS_ALGS and alg.startswith("HS") else None
            parts = []
            if r.secret_listed:
                parts.append("is in jwtlint's list of secrets seen in the wild")
            if r.secret_weak:
                parts.append(f"is {r.secret_weak}: guessable whatever its length")
            if need and len(r.key.secret) < need:
                parts.append(f"is {len(r.key.secret)} bytes; its alg {alg} needs at least {need} (RFC 7518 §3.2)")
            if parts:
                yield self.finding(
                    f'{r.where}: the secret ("k") ' + "; it ".join(parts),
                    r.member_span("k"),
                    fix=_NEW_SECRET.format(n=need or 32).replace(", and sign again", ", put it in \"k\" base64url-encoded"),
                )


class KidNotFound(EvidenceRule):
    """## What it does
    Reports a token whose `kid` names no key in the JWKS (or keys) given;
    when another key there verifies the signature, says which.

    ## Why is this bad?
    Verifiers pick the key by `kid` (RFC 7515 §4.1.4, OpenID Connect Core
    §10.1.1) and reject a token whose `kid` they cannot find (`No matching
    key`, `kid not found in JWKS`). The usual cause is a key rotation: the
    issuer signs with a new key the cached JWKS does not hold yet, or the token
    still names a retired key.

    ## Fix
    Fetch the issuer's current JWKS, or sign with a key the JWKS publishes and
    put its `kid` in the header (`fixed`, when a key in the set verifies).

    ## Example
    A token with `kid: "2024-rotation"` checked against a JWKS holding only
    `"2025-rotation"`.
    """

    code = "JWT517"
    name = "kid-not-found"
    severity = Severity.ERROR
    summary = "The token's kid names no key in the JWKS given."
    refs = (cite("RFC 7515", "4.1.4"), cite("RFC 7517", "5"))

    def check(self, t: TokenTarget, ctx: Context) -> Iterator[Finding]:
        ev = _evidence(t)
        if ev is None or ev.kid_found is not False:
            return
        kids = sorted({k.kid for k in ctx.keys if k.kid is not None})
        listed = ", ".join(repr(k) for k in kids[:5]) + (", ..." if len(kids) > 5 else "")
        span = header_span(t, "kid")
        head = f"kid {ev.kid!r} is in none of the keys given (kids: {listed})"
        by = ev.verified_by
        if by is not None and by.kid is not None:
            yield self.finding(
                f"{head}; the key with kid {by.kid!r} verifies the signature: the header names the wrong key",
                span,
                fix=f"set kid to {by.kid!r} and sign again",
                fixed=by.kid,
                applicability=Applicability.UNSAFE,
            )
            return
        yield self.finding(
            head + ("; no key there verifies the signature" if ev.keys_given else ""),
            span,
            fix="fetch the issuer's current JWKS (keys rotate), or sign with a key it publishes and put that key's kid in the header",
        )


RULES = [
    SignatureInvalid, SignedOverWrongInput, AlgKeyMismatch, EcCurveAlgMismatch,
    PssPkcs1Confusion, AlgConfusion, WeakHmacSecret, KidNotFound,
]  # fmt: skip
