"""A JWK Set published correctly with jwcrypto: public halves only (RSA, EC P-256, Ed25519)."""

from pathlib import Path

from jwcrypto import jwk

here = Path(__file__).parent
keyset = jwk.JWKSet()
keyset.add(jwk.JWK.generate(kty="RSA", size=2048, kid="rsa-2025", use="sig", alg="RS256"))
keyset.add(jwk.JWK.generate(kty="EC", crv="P-256", kid="ec-2025", use="sig", alg="ES256"))
keyset.add(jwk.JWK.generate(kty="OKP", crv="Ed25519", kid="ed-2025", use="sig", alg="EdDSA"))
(here / "input.txt").write_text(keyset.export(private_keys=False))
