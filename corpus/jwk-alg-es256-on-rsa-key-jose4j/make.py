"""An RSA JWK labelled "alg": "ES256", as generated with the wrong jose4j constant.

A team made their RSA key pair with jose4j and set the algorithm from
AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256, so the JWK said
{"kty":"RSA",...,"alg":"ES256"}; web-token/jwt-framework then refused it
("Wrong key type"). The key is a fresh RSA 2048 key from jwcrypto, with the
alg that code wrote.
"""

import json
from pathlib import Path

from jwcrypto import jwk

here = Path(__file__).parent
key = jwk.JWK.generate(kty="RSA", size=2048, kid="app-signing")
public = json.loads(key.export_public()) | {"alg": "ES256"}
(here / "input.txt").write_text(json.dumps(public))
