"""The registered JOSE algorithm names and what each implies for a signature.

Sources: IANA "JSON Web Signature and Encryption Algorithms" registry,
RFC 7518 §3.1 and §4.1, RFC 8037 §3.1 (EdDSA), RFC 8812 (ES256K),
RFC 9864 (fully-specified Ed25519 / Ed448), draft-ietf-cose-dilithium
(ML-DSA; FIPS 204 fixes the signature sizes; jwt.io signs with them since 2025).
"""

from __future__ import annotations

from collections.abc import Collection

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class JwsAlg:
    name: str
    family: str  # HMAC, RSA, RSA-PSS, ECDSA, EdDSA, none
    hash_bytes: int | None
    sig_lengths: tuple[int, ...]  # exact lengths allowed; () when it depends on the key (RSA)
    curve: str | None = None


JWS_ALGS: dict[str, JwsAlg] = {
    a.name: a
    for a in (
        JwsAlg("HS256", "HMAC", 32, (32,)),
        JwsAlg("HS384", "HMAC", 48, (48,)),
        JwsAlg("HS512", "HMAC", 64, (64,)),
        JwsAlg("RS256", "RSA", 32, ()),
        JwsAlg("RS384", "RSA", 48, ()),
        JwsAlg("RS512", "RSA", 64, ()),
        JwsAlg("PS256", "RSA-PSS", 32, ()),
        JwsAlg("PS384", "RSA-PSS", 48, ()),
        JwsAlg("PS512", "RSA-PSS", 64, ()),
        JwsAlg("ES256", "ECDSA", 32, (64,), "P-256"),
        JwsAlg("ES384", "ECDSA", 48, (96,), "P-384"),
        JwsAlg("ES512", "ECDSA", 64, (132,), "P-521"),
        JwsAlg("ES256K", "ECDSA", 32, (64,), "secp256k1"),
        JwsAlg("EdDSA", "EdDSA", None, (64, 114)),
        JwsAlg("Ed25519", "EdDSA", None, (64,), "Ed25519"),
        JwsAlg("Ed448", "EdDSA", None, (114,), "Ed448"),
        JwsAlg("ML-DSA-44", "ML-DSA", None, (2420,)),
        JwsAlg("ML-DSA-65", "ML-DSA", None, (3309,)),
        JwsAlg("ML-DSA-87", "ML-DSA", None, (4627,)),
        JwsAlg("none", "none", None, (0,)),
    )
}

#: Bytes in each of R and S for the ECDSA algorithms (RFC 7518 §3.4).
ECDSA_COORDINATE_BYTES = {"ES256": 32, "ES384": 48, "ES512": 66, "ES256K": 32}

#: The ECDSA alg of each curve (JWK "crv" names: P-256 -> ES256, ...), from the table above.
ES_ALG_FOR_CURVE = {a.curve: a.name for a in JWS_ALGS.values() if a.family == "ECDSA" and a.curve}

#: Bytes of a coordinate (or private scalar) on each curve: full length, leading zeros kept
#: (RFC 7518 §6.2.1.2); the same size as R and S of the curve's alg.
EC_COORDINATE_BYTES = {curve: ECDSA_COORDINATE_BYTES[alg] for curve, alg in ES_ALG_FOR_CURVE.items()}

#: RSA signatures are as long as the modulus: 1024 bits (legacy) to 16384 bits.
RSA_SIG_BYTES = (128, 2048)

JWE_KEY_ALGS = frozenset(
    """RSA1_5 RSA-OAEP RSA-OAEP-256 RSA-OAEP-384 RSA-OAEP-512 A128KW A192KW A256KW dir
    ECDH-ES ECDH-ES+A128KW ECDH-ES+A192KW ECDH-ES+A256KW A128GCMKW A192GCMKW A256GCMKW
    PBES2-HS256+A128KW PBES2-HS384+A192KW PBES2-HS512+A256KW""".split()
)

JWE_ENC_ALGS = frozenset("A128CBC-HS256 A192CBC-HS384 A256CBC-HS512 A128GCM A192GCM A256GCM".split())

#: Header parameters registered for JWS and JWE (RFC 7515 §4.1, RFC 7516 §4.1, RFC 7797, RFC 8555, RFC 9449).
REGISTERED_HEADER_PARAMS = frozenset(
    "alg jku jwk kid x5u x5c x5t x5t#S256 typ cty crit enc zip epk apu apv iv tag p2s p2c b64".split()
)


def nearest(name: str, choices: Collection[str]) -> str | None:
    """The registered name a typo most likely meant (case first, then spelling)."""
    folded = {c.casefold(): c for c in choices}
    hit = folded.get(name.casefold().replace("_", "").replace(" ", ""))
    if hit:
        return hit
    import difflib

    close = difflib.get_close_matches(name.upper(), [c.upper() for c in choices], n=1, cutoff=0.6)
    return folded.get(close[0].casefold()) if close else None
