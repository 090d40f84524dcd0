"""b64:false without crit, as node-jws writes it (node-jwa issue #36).

The reporter passed `header: { alg: 'HS256', b64: false }` to node-jws's
jws.sign, expecting an RFC 7797 unencoded payload. node-jws copies the
header as given and base64url-encodes the payload anyway; nothing adds
"crit": ["b64"], which RFC 7797 §6 requires. Reproduced with PyJWT's
HMAC-SHA256 and base64url helpers (PyJWT's encode() itself adds crit).
"""

import json
import secrets
from pathlib import Path

from jwt.algorithms import HMACAlgorithm
from jwt.utils import base64url_encode

here = Path(__file__).parent
header = json.dumps({"alg": "HS256", "b64": False}, separators=(",", ":")).encode()
body = json.dumps({"amount": "10.00", "currency": "EUR", "creditor": "GB29NWBK60161331926819"}, separators=(",", ":"))
signing_input = base64url_encode(header) + b"." + base64url_encode(body.encode())
hmac = HMACAlgorithm(HMACAlgorithm.SHA256)
signature = hmac.sign(signing_input, hmac.prepare_key(secrets.token_bytes(32)))
token = (signing_input + b"." + base64url_encode(signature)).decode()
(here / "input.txt").write_text(token)
print(token)
