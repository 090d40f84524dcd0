"""The claims of jwt-go issue 434: ExpiresAt set to a duration in milliseconds.

The Go code was `ExpiresAt: (5 * time.Minute).Milliseconds()`, i.e. exp = 300000,
and jwt-go answered `token is expired by 445101h17m58s`. Go is not available
here, so PyJWT signs the same claims with the same HS256 key as the issue
(jwt-go's documented example key "AllYourBase"); the token's claims and header
are what jwt-go's NewWithClaims(SigningMethodHS256, ...) produces.
"""

from pathlib import Path

import jwt

here = Path(__file__).parent
token = jwt.encode({"foo": "bar", "exp": 5 * 60 * 1000}, "AllYourBase", algorithm="HS256")
(here / "input.txt").write_text(token)
print(token)
