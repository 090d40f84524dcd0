"""Claims built by string templating, with "role" given twice, signed by PyJWT.

The template put a default `"role":"user"` and the caller appended
`"role":"admin"`; PyJWT's PyJWS.encode signs whatever bytes it is given.
Python reads the last "role", other parsers may read the first.
"""

from pathlib import Path

from jwt.api_jws import PyJWS

claims = b'{"sub":"mallory","role":"user","iat":1732700000,"exp":1732703600,"role":"admin"}'
token = PyJWS().encode(claims, "template-service-secret-32-bytes", algorithm="HS256", headers={"typ": "JWT"})
(Path(__file__).parent / "input.txt").write_text(token)
