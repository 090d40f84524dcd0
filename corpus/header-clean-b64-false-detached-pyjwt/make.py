"""The control for header-b64-false-in-jwt-pyjwt: RFC 7797 as intended, a detached plain-content JWS.

RFC 7797 §4.2's header (alg HS256, b64 false, crit ["b64"]) over the payload
"$.02", detached (the payload travels elsewhere, the compact form keeps '..').
PyJWT writes it with is_payload_detached=True; typ left out, since this is not
a JWT. It must stay clean.
"""

from pathlib import Path

import jwt

here = Path(__file__).parent
# RFC 7797 §4's key (RFC 7515 A.1's HMAC key), as the RFC example uses it.
key = jwt.utils.base64url_decode(
    "AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow"
)
token = jwt.api_jws.encode(
    b"$.02", key, algorithm="HS256", headers={"b64": False, "typ": None}, is_payload_detached=True
)
(here / "input.txt").write_text(token)
