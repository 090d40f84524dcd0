"""A P-521 public JWK whose "alg" says ES521: the curve's size, not the algorithm's name.

ES512 is ECDSA on P-521 with SHA-512 (RFC 7518 §3.4); "ES521" is a common slip
(the curve is P-521), and is no registered name: PyJWT's PyJWK refuses the key
("Unable to find an algorithm for key"), jose and Nimbus reject it. The key is
a fresh jwcrypto P-521 key.
"""

import json
from pathlib import Path

from jwcrypto import jwk

here = Path(__file__).parent
key = jwk.JWK.generate(kty="EC", crv="P-521", kid="p521-1", use="sig")
public = json.loads(key.export_public()) | {"alg": "ES521"}
(here / "input.txt").write_text(json.dumps(public, indent=2) + "\n")
