"""An LTI 1.3 launch id_token from a platform whose clock runs 45 seconds fast.

The platform (a Moodle site) stamps iat from its own clock; the tool verifies
with pylti1p3, which calls PyJWT's decode without leeway, so the launch fails
with `ImmatureSignatureError: The token is not yet valid (iat)` until the
clocks are synchronised. The claims follow the LTI 1.3 core launch message;
names, ids and the fresh RSA key are made up (key.pub.pem keeps the public half).
"""

from pathlib import Path

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

here = Path(__file__).parent
TOOL_NOW = 1734522360  # 2024-12-18T11:46:00Z on the tool's clock
IAT = TOOL_NOW + 45  # the platform's clock is 45 s ahead
LTI = "https://purl.imsglobal.org/spec/lti/claim/"
key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
claims = {
    "iss": "https://moodle.example.edu",
    "aud": "lti-tool-4f2a9c",
    "sub": "27",
    "iat": IAT,
    "exp": IAT + 60,
    "nonce": "a6f0c3e2b1d94e7f8c5a",
    LTI + "message_type": "LtiResourceLinkRequest",
    LTI + "version": "1.3.0",
    LTI + "deployment_id": "1",
    LTI + "target_link_uri": "https://tool.example.org/launch/",
    LTI + "resource_link": {"id": "12"},
    LTI + "roles": ["http://purl.imsglobal.org/vocab/lis/v2/membership#Learner"],
}
token = jwt.encode(claims, key, algorithm="RS256", headers={"kid": "moodle-2024-11"})
(here / "input.txt").write_text(token)
(here / "key.pub.pem").write_bytes(
    key.public_key().public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
)
print(token)
