"""node-jws's README example as it stood in 2014: alg written 'hs256'.

node-jws's README signed with `{ header: { alg: 'hs256' }, payload:
'h. jon benjamin', secret: 'has a van' }`; node-jws looked the algorithm up
case-insensitively and wrote the header as given, so the token says
"hs256", which standard verifiers reject (node-jws issue #6). Reproduced
with PyJWT's own HMAC-SHA256 and base64url helpers: PyJWT's encode() itself
refuses the unregistered name.
"""

import json
from pathlib import Path

from jwt.algorithms import HMACAlgorithm
from jwt.utils import base64url_encode

here = Path(__file__).parent
header = json.dumps({"alg": "hs256"}, separators=(",", ":")).encode()
payload = b"h. jon benjamin"
signing_input = base64url_encode(header) + b"." + base64url_encode(payload)
hmac = HMACAlgorithm(HMACAlgorithm.SHA256)
signature = hmac.sign(signing_input, hmac.prepare_key(b"has a van"))
token = (signing_input + b"." + base64url_encode(signature)).decode()
(here / "input.txt").write_text(token)
print(token)
