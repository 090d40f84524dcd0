"""A correct ES256 access token made with jwcrypto (RFC 9068 shape, 30 minutes).

The key is a fresh P-256 JWK; only its public half is kept (key.pub.pem).
The clock is pinned (NOW).
"""

from pathlib import Path

from jwcrypto import jwk, jwt

here = Path(__file__).parent
NOW = 1763413200  # 2025-11-17T21:00:00Z
KID = "as-p256-7"
key = jwk.JWK.generate(kty="EC", crv="P-256", kid=KID)
claims = {
    "iss": "https://as.example.io/",
    "sub": "5ba552d67",
    "aud": "https://rs.example.io/",
    "client_id": "s6BhdRkqt3_",
    "scope": "openid profile reademail",
    "jti": "dbe39bf3a3ba4238a513f51d6e1691c4",
    "iat": NOW,
    "exp": NOW + 1800,
}
token = jwt.JWT(header={"alg": "ES256", "typ": "at+jwt", "kid": KID}, claims=claims)
token.make_signed_token(key)
(here / "input.txt").write_text(token.serialize())
(here / "key.pub.pem").write_bytes(key.export_to_pem(private_key=False))
print(token.serialize())
