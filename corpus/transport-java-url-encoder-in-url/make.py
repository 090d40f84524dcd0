"""A token with '=' padding, percent-encoded in a redirect URL, copied from the address bar.

Java's Base64.getUrlEncoder() pads with '=' unless .withoutPadding() is
called; Python's base64.urlsafe_b64encode behaves the same and stands in for
it. The server put the token in a query string (urlencode turns '=' into
%3D), and the user copied the parameter's value from the browser.
"""

import base64
import hashlib
import hmac
import json
from pathlib import Path
from urllib.parse import urlencode


def java_url_encoder(data: bytes) -> str:  # Base64.getUrlEncoder().encodeToString(data)
    return base64.urlsafe_b64encode(data).decode()


header = java_url_encoder(json.dumps({"typ": "JWT", "alg": "HS256"}, separators=(",", ":")).encode())
payload = java_url_encoder(
    json.dumps({"sub": "42", "email": "ana@example.com", "iat": 1732700000, "exp": 1732703600}, separators=(",", ":")).encode()
)
sig = java_url_encoder(hmac.new(b"spring-app-secret-key-32-bytes!!", f"{header}.{payload}".encode(), hashlib.sha256).digest())
query = urlencode({"token": f"{header}.{payload}.{sig}"})
copied = query.split("=", 1)[1]  # the value as shown in the address bar
(Path(__file__).parent / "input.txt").write_text(copied)
