"""A JWKS whose n is standard, padded base64 of a signed big-endian number.

NetIQ Access Manager 4.4 served its RSA key this way: Java's
``Base64.getEncoder()`` (standard alphabet, '=' padding) over
``BigInteger.toByteArray()`` (a 0x00 sign byte first). mod_auth_openidc could
not read it ("id_token signature could not be validated"). The key is fresh
(cryptography RSA 2048); a key is drawn until its n holds a '+' or '/', as
most do, so the standard alphabet shows.
"""

import base64
import json
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric import rsa

here = Path(__file__).parent


def to_byte_array(n: int) -> bytes:
    """java.math.BigInteger.toByteArray() for a positive number."""
    return n.to_bytes(n.bit_length() // 8 + 1, "big")


while True:
    numbers = rsa.generate_private_key(public_exponent=65537, key_size=2048).public_key().public_numbers()
    n = base64.b64encode(to_byte_array(numbers.n)).decode()  # Base64.getEncoder().encodeToString(...)
    if "+" in n or "/" in n:
        break
jwk = {"kty": "RSA", "use": "sig", "alg": "RS256", "n": n, "e": base64.b64encode(to_byte_array(numbers.e)).decode()}
(here / "input.txt").write_text(json.dumps({"keys": [jwk]}, separators=(",", ":")))
