"""A JWKS endpoint that serves jwcrypto's JWKSet.export() as it comes: private keys included.

jwcrypto's ``JWKSet.export()`` defaults to ``private_keys=True`` (kept for
compatibility, its author regrets it: latchset/jwcrypto#21). A service that
holds its signing keys in a JWKSet and serves ``keyset.export()`` at
``/.well-known/jwks.json`` publishes ``d`` (and ``p``, ``q``...). Keys are
fresh (RSA 2048, EC P-256), made by jwcrypto.
"""

from pathlib import Path

from jwcrypto import jwk

here = Path(__file__).parent
keyset = jwk.JWKSet()
keyset.add(jwk.JWK.generate(kty="RSA", size=2048, kid="2025-11-rsa", use="sig", alg="RS256"))
keyset.add(jwk.JWK.generate(kty="EC", crv="P-256", kid="2025-11-ec", use="sig", alg="ES256"))
(here / "input.txt").write_text(keyset.export())  # the default: private_keys=True
