"""A JWKS written the way Java code writes it: n from BigInteger.toByteArray().

``BigInteger.toByteArray()`` is two's complement: a modulus whose top bit is
set (every RSA modulus) gets a leading 0x00 sign byte, so a 2048-bit ``n``
is served as 257 bytes. RFC 7518 §6.3.1.1 wants the minimum octets; AWS STS
rejects such a JWKS (jenkinsci/oidc-provider-plugin#205/#206). The key is a
fresh RSA 2048 key from cryptography; to_byte_array reproduces the Java call.
"""

import base64
import json
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric import rsa

here = Path(__file__).parent


def to_byte_array(n: int) -> bytes:
    """java.math.BigInteger.toByteArray() for a positive number: minimal two's complement, big-endian."""
    return n.to_bytes(n.bit_length() // 8 + 1, "big")


def url_encoder_without_padding(data: bytes) -> str:
    """Base64.getUrlEncoder().withoutPadding().encodeToString(data)."""
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


numbers = rsa.generate_private_key(public_exponent=65537, key_size=2048).public_key().public_numbers()
jwk = {
    "kty": "RSA",
    "kid": "jenkins-oidc",
    "use": "sig",
    "alg": "RS256",
    "n": url_encoder_without_padding(to_byte_array(numbers.n)),
    "e": url_encoder_without_padding(to_byte_array(numbers.e)),
}
(here / "input.txt").write_text(json.dumps({"keys": [jwk]}))
