"""A secp256k1 EC JWK with "crv": "P-256K", the name an early draft used and mkjwk.org emitted.

The registered JOSE name is "secp256k1" (RFC 8812 §3.1); "P-256K" was
dropped before registration, and libraries reject or ignore the key. The key
is a fresh secp256k1 key exported by jwcrypto, with the crv mkjwk.org wrote.
"""

import json
from pathlib import Path

from jwcrypto import jwk

here = Path(__file__).parent
key = jwk.JWK.generate(kty="EC", crv="secp256k1", kid="es256k-1", use="sig")
public = json.loads(key.export_public()) | {"crv": "P-256K"}
(here / "input.txt").write_text(json.dumps(public))
