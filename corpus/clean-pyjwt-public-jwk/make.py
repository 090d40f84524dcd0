"""A public EC P-384 JWK exported by PyJWT (ECAlgorithm.to_jwk), as a PyJWT user hands it to a verifier."""

from pathlib import Path

from cryptography.hazmat.primitives.asymmetric import ec
from jwt.algorithms import ECAlgorithm

here = Path(__file__).parent
public = ec.generate_private_key(ec.SECP384R1()).public_key()
(here / "input.txt").write_text(ECAlgorithm.to_jwk(public))
