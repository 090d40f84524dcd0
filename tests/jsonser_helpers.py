"""JWS JSON serializations made with jwcrypto, shared by the parser tests (test_jsonser.py) and the
rule tests (test_rules_jsonser.py)."""

import json

from jwcrypto import jwk, jws
from jwcrypto.common import json_encode

from jwtlint import lint

NOW = 1763413200
EC = jwk.JWK.generate(kty="EC", crv="P-256", kid="ec-1")
CLAIMS = {"iss": "https://issuer.example", "sub": "u-1", "iat": NOW, "exp": NOW + 600}


def signed(*signers, payload=None):
    """A jwcrypto JWS as a dict: each signer is (key, protected dict or None, unprotected dict or None)."""
    s = jws.JWS(json.dumps(CLAIMS if payload is None else payload).encode())
    for key, protected, header in signers:
        s.add_signature(key, None, json_encode(protected) if protected else None, json_encode(header) if header else None)
    return json.loads(s.serialize())


def flat(protected=None, header=None, key=EC):
    return signed((key, protected if protected is not None else {"alg": "ES256"}, header))


def names(text, **kw):
    return sorted(f.name for f in lint(text, now=NOW + 60, **kw).findings)


def pub(key):
    return key.export_public()
