"""An id token whose header is `{}`: no alg (AzureAD identitymodel issue #1092).

`JwtSecurityTokenHandler.CreateJwtSecurityToken` called without
`SigningCredentials` went through `JwtHeader()`'s default constructor, which
(unlike the others) did not set `"alg": "none"`: the header serialized as
`{}` and the signature as the empty string. The OpenID Connect server
handed that token to its clients. Reproduced here with Python json/base64:
.NET writes compact JSON and base64url without padding, as below.
"""

import base64
import json
from pathlib import Path

here = Path(__file__).parent


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


ISSUED = 1547200000  # 2019-01-11T09:46:40Z, the day the issue was filed
header = {}  # JwtHeader(): an empty dictionary
payload = {  # JwtPayload writes the subject's claims, then nbf, exp, iat, iss, aud
    "sub": "248289761001",
    "name": "Bob Smith",
    "nbf": ISSUED,
    "exp": ISSUED + 3600,
    "iat": ISSUED,
    "iss": "https://localhost:5001",
    "aud": "mvc-client",
}
token = b64url(json.dumps(header, separators=(",", ":")).encode()) + "." + b64url(
    json.dumps(payload, separators=(",", ":")).encode()
) + "."
(here / "input.txt").write_text(token)
print(token)
