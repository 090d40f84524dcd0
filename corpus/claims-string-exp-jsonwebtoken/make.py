"""The claims of jsonwebtoken issue 293: {exp: '1484048026', password: 'aaaaaaaa', iat: 1484047996}.

The reporter's producer is not named; PyJWT stands in for it because, like
many encoders, it signs a string exp as given (jsonwebtoken 9's own sign()
would refuse it). The verifier, jsonwebtoken, answers `invalid exp value`.
The values are the issue's, the HS256 secret is made up.
"""

from pathlib import Path

import jwt

here = Path(__file__).parent
claims = {"exp": "1484048026", "password": "aaaaaaaa", "iat": 1484047996}
token = jwt.encode(claims, "9e3c71a4b5d20f68e1c7a93b4d5f6e70", algorithm="HS256")
(here / "input.txt").write_text(token)
print(token)
