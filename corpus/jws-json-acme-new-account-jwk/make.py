"""An ACME newAccount request body (RFC 8555 §7.3): a flattened JWS JSON serialization whose
protected header carries the account's public key as "jwk" (RFC 8555 §6.2: newAccount uses jwk,
later requests use kid), a replay nonce and the URL. Made with jwcrypto; ES256 as certbot and
acme.sh use for EC account keys. The payload is the newAccount object, not a JWT.
"""

import json
from pathlib import Path

from jwcrypto import jwk, jws
from jwcrypto.common import json_encode

here = Path(__file__).parent
key = jwk.JWK.generate(kty="EC", crv="P-256")
protected = {
    "alg": "ES256",
    "jwk": json.loads(key.export_public()),
    "nonce": "6S8IqOGY7eL2lsGoTZYifg",
    "url": "https://acme-staging-v02.api.letsencrypt.org/acme/new-acct",
}
payload = {"termsOfServiceAgreed": True, "contact": ["mailto:admin@example.org"]}
s = jws.JWS(json.dumps(payload).encode())
s.add_signature(key, None, json_encode(protected))
text = json.dumps(json.loads(s.serialize()), indent=2) + "\n"
(here / "input.txt").write_text(text)
print(text)
