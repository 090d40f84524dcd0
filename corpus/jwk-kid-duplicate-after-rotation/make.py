"""A JWKS after a key rotation that kept the kid: two different RSA keys named "signing".

The service rotated its key but its configuration names the key id, so the
new key was added under the same ``kid``. Its signer takes the first key with
that kid while its verifier keeps the last one (fluojs/fluo#3192): tokens it
issues do not verify. Keys are fresh, made and exported by jwcrypto.
"""

import json
from pathlib import Path

from jwcrypto import jwk

here = Path(__file__).parent
old = jwk.JWK.generate(kty="RSA", size=2048, kid="signing", use="sig", alg="RS256")
new = jwk.JWK.generate(kty="RSA", size=2048, kid="signing", use="sig", alg="RS256")
keys = [json.loads(old.export_public()), json.loads(new.export_public())]
(here / "input.txt").write_text(json.dumps({"keys": keys}, indent=2) + "\n")
