"""A header read from a JSON file that Windows PowerShell 5.1 saved with a BOM.

`Set-Content -Encoding UTF8` in Windows PowerShell writes a UTF-8 byte-order
mark; the script then base64url-encoded the file's bytes. The BOM is written
here byte for byte; signing is HMAC-SHA256 as the script did.
"""

import base64
import hashlib
import hmac
import json
from pathlib import Path


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


header_file = b"\xef\xbb\xbf" + json.dumps({"alg": "HS256", "typ": "JWT"}).encode()  # as saved by Set-Content
header = b64url(header_file)
payload = b64url(json.dumps({"sub": "svc-reporting", "iat": 1732700000, "exp": 1732703600}).encode())
sig = b64url(hmac.new(b"reporting-service-secret-32-byte", f"{header}.{payload}".encode(), hashlib.sha256).digest())
(Path(__file__).parent / "input.txt").write_text(f"{header}.{payload}.{sig}")
