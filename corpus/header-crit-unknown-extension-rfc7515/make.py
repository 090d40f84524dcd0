"""RFC 7515 §4.1.11's own crit example: "crit": ["exp"], with "exp" as a header extension.

The RFC shows {"alg":"ES256","crit":["exp"],"exp":1363284000} to illustrate an
extension that the recipient must understand. A verifier that does not
implement "exp" as a header parameter must reject the token; jose4j, Nimbus,
joserfc and panva/jose all do unless told to accept it. jwtlint does not know
the extension, so this is an error. Signed with PyJWT (ES256, a new P-256 key).
"""

from pathlib import Path

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec

here = Path(__file__).parent
ISSUED = 1764720000
key = ec.generate_private_key(ec.SECP256R1())
pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
claims = {"sub": "user-3", "iat": ISSUED, "exp": ISSUED + 600}
token = jwt.encode(claims, pem, algorithm="ES256", headers={"typ": None, "crit": ["exp"], "exp": 1363284000})
(here / "input.txt").write_text(token)
