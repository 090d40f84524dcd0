"""Profile dpop-proof: a DPoP proof JWT (RFC 9449 §4.2).

A proof has header ``typ`` ``dpop+jwt``, an asymmetric ``alg`` and the
public ``jwk`` it is signed with; claims ``jti``, ``htm`` (the HTTP method),
``htu`` (the URL without query and fragment), a recent ``iat``, and ``ath``
(the hash of the access token) when it goes with one (``--access-token``).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from urllib.parse import urlsplit

from jwtlint.algs import JWS_ALGS
from jwtlint.token.b64 import b64url_encode
from jwtlint.engine import Applicability, Context, Finding, Severity, cite
from jwtlint.model import TokenTarget
from jwtlint.profiles import ProfileRule
from jwtlint.rules._helpers import claim_span, header_span, seconds, shown

_PROOF = cite("RFC 9449", "4.2")
_CHECK = cite("RFC 9449", "4.3")
#: How old (or how far ahead) a proof's iat may be; RFC 9449 §11.1 leaves the window to
#: the server and suggests seconds to minutes. Five minutes is what common servers allow.
IAT_WINDOW = 300
_PRIVATE_MEMBERS = ("d", "p", "q", "dp", "dq", "qi", "k")
_METHODS = frozenset("GET HEAD POST PUT DELETE CONNECT OPTIONS TRACE PATCH".split())


class _Dpop(ProfileRule):
    profile = "dpop-proof"
    refs = (_PROOF, _CHECK)


class DpopHeader(_Dpop):
    """## What it does
    With `--profile dpop-proof`, flags a proof whose header lacks `typ`
    `dpop+jwt`, uses a symmetric or no `alg`, or lacks the public `jwk`.

    ## Why is this bad?
    RFC 9449 §4.2: `typ` MUST be `dpop+jwt`, `alg` an asymmetric algorithm
    (never `none` or a MAC), and `jwk` the public key the proof is signed with;
    the server (§4.3) rejects anything else with `invalid_dpop_proof`.

    ## Fix
    Header `{"typ": "dpop+jwt", "alg": "ES256", "jwk": <the public JWK>}`.

    ## Example
    `{"typ": "JWT", "alg": "HS256"}`
    """

    code = "JWT971"
    name = "dpop-header"
    severity = Severity.ERROR
    summary = "A DPoP proof needs typ dpop+jwt, an asymmetric alg and the public jwk."

    def check_profile(self, t: TokenTarget, ctx: Context) -> Iterator[Finding]:
        h = t.header or {}
        typ = h.get("typ")
        if not (isinstance(typ, str) and typ.lower() in ("dpop+jwt", "application/dpop+jwt")):
            yield self.finding(
                f"typ is {shown(typ)}; a DPoP proof has typ dpop+jwt",
                header_span(t, "typ"),
                fix='set the header parameter "typ": "dpop+jwt"',
            )
        alg = h.get("alg")
        spec = JWS_ALGS.get(alg) if isinstance(alg, str) else None
        if spec is not None and spec.family in ("HMAC", "none"):
            yield self.finding(
                f"alg is {alg}; a DPoP proof must be signed with a private key (asymmetric alg)",
                header_span(t, "alg"),
                fix="sign with ES256 (or RS256, PS256, EdDSA) and put the public key in jwk",
            )
        if not isinstance(h.get("jwk"), dict):
            yield self.finding(
                "the header has no jwk; a DPoP proof carries the public key it is signed with",
                header_span(t, "jwk"),
                fix="add the public JWK of the signing key as the header parameter jwk",
            )


class DpopJwkPrivate(_Dpop):
    """## What it does
    With `--profile dpop-proof`, flags a `jwk` header parameter that holds
    private key members (`d`, `p`, `q`, `dp`, `dq`, `qi`, `k`).

    ## Why is this bad?
    RFC 9449 §4.2 and §4.3: `jwk` MUST NOT contain a private key. Sending one
    gives the key to the server and to anything that logs requests: anyone can
    then make proofs for your tokens.

    ## Fix
    Put only the public members in `jwk` (`kty`, `crv`, `x`, `y` for EC; `kty`,
    `n`, `e` for RSA), e.g. jwcrypto `key.export_public(as_dict=True)`, and make a
    new key pair: this one is exposed.

    ## Example
    `"jwk": {"kty": "EC", "crv": "P-256", "x": "...", "y": "...", "d": "..."}`
    """

    code = "JWT972"
    name = "dpop-jwk-private"
    severity = Severity.ERROR
    summary = "The DPoP proof's jwk contains private key material."

    def check_profile(self, t: TokenTarget, ctx: Context) -> Iterator[Finding]:
        jwk = (t.header or {}).get("jwk")
        if not isinstance(jwk, dict):
            return
        found = [m for m in _PRIVATE_MEMBERS if m in jwk]
        if found:
            yield self.finding(
                f"the jwk holds private members ({', '.join(found)}): the private key was sent with the proof",
                header_span(t, "jwk"),
                fix="send only the public members of the key, and replace the key pair: it is exposed",
            )


class DpopClaims(_Dpop):
    """## What it does
    With `--profile dpop-proof`, flags a proof without `jti`, `htm`, `htu` or
    `iat`, an `htu` with a query or fragment, and an `htm` that is not an HTTP
    method in upper case.

    ## Why is this bad?
    RFC 9449 §4.2 requires the four claims; §4.3 has the server compare `htm`
    with the request's method and `htu` with its URL *without* query and
    fragment, so a proof carrying them is refused.

    ## Fix
    `jti` a fresh random id, `htm` the request method (`POST`), `htu` the request
    URL without `?query` and `#fragment`, `iat` now.

    ## Example
    `"htu": "https://server.example.com/token?x=1"`, `"htm": "post"`.
    """

    code = "JWT973"
    name = "dpop-claims"
    severity = Severity.ERROR
    summary = "A DPoP proof lacks jti, htm, htu or iat, or htu has a query or fragment."

    def check_profile(self, t: TokenTarget, ctx: Context) -> Iterator[Finding]:
        what = {"jti": "a fresh random id", "htm": "the HTTP method", "htu": "the request URL", "iat": "now"}
        yield from self.missing_claims(t, what, "a DPoP proof")
        htu = (t.payload or {}).get("htu")
        if isinstance(htu, str) and htu:
            parts = urlsplit(htu)
            if parts.query or parts.fragment or "?" in htu or "#" in htu:
                fixed = htu.split("#", 1)[0].split("?", 1)[0]
                yield self.finding(
                    "htu has a query or fragment; the server compares it with the URL without them",
                    claim_span(t, "htu"),
                    fix="drop the ?query and #fragment from htu",
                    fixed=fixed,
                    applicability=Applicability.UNSAFE,
                )
        htm = (t.payload or {}).get("htm")
        if isinstance(htm, str) and htm and htm not in _METHODS:
            yield self.finding(
                f"htm is {shown(htm)}, not an HTTP method as sent ({'upper case' if htm.upper() in _METHODS else 'GET, POST...'})",
                claim_span(t, "htm"),
                fix="htm is the request method exactly as sent, e.g. POST",
                fixed=htm.upper() if htm.upper() in _METHODS else None,
                applicability=Applicability.UNSAFE,
            )


class DpopIat(_Dpop):
    """## What it does
    With `--profile dpop-proof`, flags a proof whose `iat` is more than five
    minutes away from now (`--now`).

    ## Why is this bad?
    A proof is made for one request; RFC 9449 §4.3 has the server accept only
    proofs created within a short window (§11.1), and a reused old proof is
    refused (`invalid_dpop_proof`) or is a replay.

    ## Fix
    Make a new proof for every request, with `iat` the current time, and keep the
    client's clock synchronised.

    ## Example
    `"iat": 1700000000` checked with `--now 1700003600`.
    """

    code = "JWT974"
    name = "dpop-iat"
    severity = Severity.ERROR
    summary = "The DPoP proof's iat is not recent (more than five minutes off)."
    refs = (_CHECK, cite("RFC 9449", "11.1"))

    def check_profile(self, t: TokenTarget, ctx: Context) -> Iterator[Finding]:
        iat = seconds(t, "iat")
        if iat is None:
            return
        off = iat - ctx.now
        if abs(off) > IAT_WINDOW + ctx.leeway:
            when = f"{-off / 60:.0f} minutes old" if off < 0 else f"{off / 60:.0f} minutes in the future"
            yield self.finding(
                f"the proof is {when}; servers accept proofs made within a few minutes",
                claim_span(t, "iat"),
                fix="make a fresh proof for each request, with iat = now",
            )


class DpopAth(_Dpop):
    """## What it does
    With `--profile dpop-proof --access-token TOKEN`, flags a proof whose `ath`
    is missing or is not the hash of that access token.

    ## Why is this bad?
    RFC 9449 §4.2: a proof sent with an access token MUST carry `ath`, the
    base64url SHA-256 of the token's ASCII; the resource server (§7.1) rejects a
    proof whose `ath` does not match.

    ## Fix
    `ath = base64url(sha256(access_token))` without padding, computed over the
    exact token string sent in `Authorization: DPoP`.

    ## Example
    A proof with no `ath` sent with `Authorization: DPoP eyJ...`.
    """

    code = "JWT975"
    name = "dpop-ath"
    severity = Severity.ERROR
    summary = "The DPoP proof's ath is missing or is not the hash of the access token."
    refs = (_PROOF, cite("RFC 9449", "7.1"))

    def check_profile(self, t: TokenTarget, ctx: Context) -> Iterator[Finding]:
        if not ctx.access_token:
            return
        want = b64url_encode(hashlib.sha256(ctx.access_token.strip().encode("ascii", "replace")).digest())
        ath = (t.payload or {}).get("ath")
        if ath is None:
            yield self.finding(
                "the proof has no ath; sent with an access token it must carry the token's hash",
                claim_span(t, "ath"),
                fix="add ath = base64url(SHA-256(access token)), no padding",
                fixed=want,
                applicability=Applicability.UNSAFE,
            )
        elif ath != want:
            yield self.finding(
                "ath is not the SHA-256 of this access token (another token, padding, or hex)",
                claim_span(t, "ath"),
                fix="ath = base64url(SHA-256 of the exact token string), no padding",
                fixed=want,
                applicability=Applicability.UNSAFE,
            )


RULES = [DpopHeader, DpopJwkPrivate, DpopClaims, DpopIat, DpopAth]
