"""A token from jwt-scala with the Java algorithm name in alg: "HmacSHA256".

jwt-scala wrote the JCA name (`HmacSHA256`) where JOSE wants `HS256`, and
jjwt could not verify the token (jjwt pull request #176). Reproduced with
PyJWT's HMAC-SHA256 and base64url helpers (PyJWT's encode() refuses the
name); header and claims as jwt-scala's Json serializer writes them.
"""

import json
import secrets
from pathlib import Path

from jwt.algorithms import HMACAlgorithm
from jwt.utils import base64url_encode

here = Path(__file__).parent
ISSUED = 1475580000  # 2016-10-04T11:20:00Z, the day of the pull request
header = json.dumps({"typ": "JWT", "alg": "HmacSHA256"}, separators=(",", ":")).encode()
claims = json.dumps({"iss": "play-app", "sub": "42", "exp": ISSUED + 900, "iat": ISSUED}, separators=(",", ":"))
signing_input = base64url_encode(header) + b"." + base64url_encode(claims.encode())
hmac = HMACAlgorithm(HMACAlgorithm.SHA256)
signature = hmac.sign(signing_input, hmac.prepare_key(secrets.token_bytes(32)))
token = (signing_input + b"." + base64url_encode(signature)).decode()
(here / "input.txt").write_text(token)
print(token)
