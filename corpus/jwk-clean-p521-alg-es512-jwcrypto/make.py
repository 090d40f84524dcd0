"""A P-521 public JWK with the right "alg", ES512: the negative case of jwk-alg-es521-typo-jwcrypto.
Also an RSA-2048 and an Ed25519 key made by jwcrypto, in one JWK Set: correct keys draw no error."""

import json
from pathlib import Path

from jwcrypto import jwk

here = Path(__file__).parent
keys = [
    jwk.JWK.generate(kty="EC", crv="P-521", kid="p521-1", use="sig", alg="ES512"),
    jwk.JWK.generate(kty="RSA", size=2048, kid="rsa-1", use="sig", alg="RS256"),
    jwk.JWK.generate(kty="OKP", crv="Ed25519", kid="ed-1", use="sig", alg="EdDSA"),
]
(here / "input.txt").write_text(json.dumps({"keys": [json.loads(k.export_public()) for k in keys]}, indent=2) + "\n")
