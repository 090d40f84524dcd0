"""The token of jjwt issue #639, rebuilt the way its reporter built it.

The reporter wrote `{"alg":"NONE"}` and the claims, encoded each with plain
(standard, padded) base64, joined them with '.' and added an empty
signature; the token "can pass verification" with jjwt's parse(). The
bytes below are exactly those quoted in the issue.
"""

import base64
from pathlib import Path

here = Path(__file__).parent
header = b'{"alg":"NONE"}'
claims = b'{"aud":"14092834123","exp":1610540988,"iss":"test"}'
token = base64.b64encode(header).decode() + "." + base64.b64encode(claims).decode() + "."
assert token == (
    "eyJhbGciOiJOT05FIn0=.eyJhdWQiOiIxNDA5MjgzNDEyMyIsImV4cCI6MTYxMDU0MDk4OCwiaXNzIjoidGVzdCJ9."
)  # as quoted in https://github.com/jwtk/jjwt/issues/639
(here / "input.txt").write_text(token)
print(token)
