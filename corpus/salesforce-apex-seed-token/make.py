"""Rebuild the seed's token exactly as its Apex code builds it (see case.json).

Apex, reproduced step by step:
  EncodingUtil.base64Encode(Blob.valueOf(json))   -> standard base64, '=' padded
  Datetime.now().addMinutes(3).getTime()          -> exp in MILLISECONDS
  Crypto.sign('RSA-SHA256', Blob.valueOf(h + '.' + p), key)
  signature: base64Encode, then '+'->'-' and '/'->'_' only (padding kept)
The key is a fresh RSA-2048 key made with `cryptography`; only its public
half is kept (key.pub.pem), to verify the signature in later checks.
"""

import base64
import json
from pathlib import Path

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa

here = Path(__file__).parent
# A connected app's consumer key has this shape ("3MVG9" + 80 characters);
# this one is made up. It was picked so that the standard base64 of the
# payload shows a '/' and padding (a non-ASCII name such as 'noémie' often
# produces '/' or '+' in standard base64).
CONSUMER_KEY = "3MVG9KsVczVNcM8y.nS9b2vXrQ7LkR0cWfzJ4hGm1pTqYxAeUo6iDtBlHsZnCaEw5F3jKuPgMvRy2xLdN8Q7w"
key = rsa.generate_private_key(public_exponent=65537, key_size=2048)

# JSONGenerator.getAsString() with pretty-printing off: compact, in write order.
header = json.dumps({"alg": "RS256", "typ": "JWT"}, separators=(",", ":"))
asked_at_ms = 1603471980417  # 2020-10-23T16:53:00.417Z, the day the question was asked
payload = json.dumps(
    {
        "iss": CONSUMER_KEY,
        "sub": "noémie.martin@acme-community.fr",  # a community user; Apex JSON is UTF-8
        "aud": "https://login.salesforce.com",
        "exp": asked_at_ms + 3 * 60 * 1000,
    },
    separators=(",", ":"),
    ensure_ascii=False,
)
encoded_header = base64.b64encode(header.encode()).decode()
encoded_body = base64.b64encode(payload.encode("utf-8")).decode()
jwt_request = encoded_header + "." + encoded_body
sig = key.sign(jwt_request.encode(), padding.PKCS1v15(), hashes.SHA256())
signature = base64.b64encode(sig).decode().replace("+", "-").replace("/", "_")
token = jwt_request + "." + signature

(here / "input.txt").write_text(token)
(here.parent / "salesforce-apex-seed-form-body" / "input.txt").write_text(
    "grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer&assertion=" + token
)
(here / "key.pub.pem").write_bytes(
    key.public_key().public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
)
print(token)
