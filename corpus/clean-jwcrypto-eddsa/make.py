"""A correct EdDSA token made with jwcrypto (jwt.JWT + jwk.JWK): an Ed25519-signed access token.

The key is a fresh OKP JWK made for this case and not kept (a control case:
it must draw no error). The clock is pinned (NOW).
"""

from pathlib import Path

from jwcrypto import jwk, jwt

here = Path(__file__).parent
NOW = 1763409600  # 2025-11-17T20:00:00Z
key = jwk.JWK.generate(kty="OKP", crv='Ed25519', kid="svc-eddsa-1")
claims = {
    "iss": "https://issuer.example.net",
    "sub": "svc-orders",
    "aud": "https://api.example.net",
    "jti": "4f9c1b2e-eddsa",
    "iat": NOW,
    "exp": NOW + 900,
}
token = jwt.JWT(header={"alg": "EdDSA", "typ": "JWT", "kid": "svc-eddsa-1"}, claims=claims)
token.make_signed_token(key)
(here / "input.txt").write_text(token.serialize())
