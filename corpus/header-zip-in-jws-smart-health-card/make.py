"""A SMART Health Card: a JWS whose payload is raw DEFLATE, flagged by "zip": "DEF".

The SMART Health Cards framework compresses the JWS payload with raw
DEFLATE and says so with `"zip": "DEF"` in the JWS header, a parameter
RFC 7516 defines only for JWE; generic JOSE libraries cannot read the
payload. Header as the spec shows it (zip, alg ES256, kid = the RFC 7638
thumbprint of the issuer key). Made with PyJWT (raw bytes payload) and
zlib; a fresh P-256 key (thrown away).
"""

import json
import zlib
from pathlib import Path

import jwt
from jwcrypto import jwk

here = Path(__file__).parent
NOW = 1763391600  # 2025-11-17T15:00:00Z
key = jwk.JWK.generate(kty="EC", crv="P-256")
credential = {
    "iss": "https://spec.smarthealth.cards/examples/issuer",
    "nbf": NOW,
    "vc": {
        "type": ["https://smarthealth.cards#health-card"],
        "credentialSubject": {
            "fhirVersion": "4.0.1",
            "fhirBundle": {
                "resourceType": "Bundle",
                "type": "collection",
                "entry": [
                    {"fullUrl": "resource:0", "resource": {"resourceType": "Patient",
                     "name": [{"family": "Anyperson", "given": ["John", "B."]}], "birthDate": "1951-01-20"}},
                ],
            },
        },
    },
}
compressor = zlib.compressobj(9, zlib.DEFLATED, -15)  # raw DEFLATE, no zlib header (RFC 1951)
payload = compressor.compress(json.dumps(credential, separators=(",", ":")).encode()) + compressor.flush()
token = jwt.api_jws.encode(
    payload,
    key.export_to_pem(private_key=True, password=None),
    algorithm="ES256",
    headers={"typ": None, "zip": "DEF", "kid": key.thumbprint()},
    sort_headers=False,
)
(here / "input.txt").write_text(token)
print(token)
