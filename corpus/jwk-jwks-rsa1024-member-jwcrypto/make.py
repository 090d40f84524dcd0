"""A JWK Set whose second key is a 1024-bit RSA key, exported with jwcrypto.

A set that kept a legacy key beside the current one after a migration: the
2048-bit key is fine, the 1024-bit one is not (RFC 7518 §3.3). The finding
points at the legacy key's "n".
"""

import json
from pathlib import Path

from jwcrypto import jwk

here = Path(__file__).parent
current = jwk.JWK.generate(kty="RSA", size=2048, kid="2025-11", use="sig", alg="RS256")
legacy = jwk.JWK.generate(kty="RSA", size=1024, kid="2016-03", use="sig", alg="RS256")
keys = [json.loads(k.export_public()) for k in (current, legacy)]
(here / "input.txt").write_text(json.dumps({"keys": keys}, indent=2) + "\n")
