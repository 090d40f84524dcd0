"""An oct JWK (HS256) whose "k" is 32 zero bytes, made with jwcrypto from an unfilled key buffer.

Code that builds the JWK from a buffer it never filled (`bytes(32)`,
`new byte[32]`, `Buffer.alloc(32)`) exports a secret of the right length and no
randomness: every token signed with it can be forged. jwcrypto takes it without
complaint; the key is then used to sign an HS256 token (not kept: the JWK is the input).
"""

import json
from pathlib import Path

from jwcrypto import jwk, jws

here = Path(__file__).parent
key = jwk.JWK(kty="oct", k=jwk.base64url_encode(bytes(32)), kid="hmac-2025-11", alg="HS256", use="sig")
signer = jws.JWS(b'{"sub":"user-42"}')
signer.add_signature(key, None, {"alg": "HS256"})
assert signer.serialize(compact=True).count(".") == 2  # jwcrypto signs with it
(here / "input.txt").write_text(json.dumps(json.loads(key.export(private_key=True)), indent=2) + "\n")
