import pytest

import jwtlint
from jwtlint.algs import JWS_ALGS, nearest
from jwtlint.token.b64 import b64url_encode

from tokens import NOW, seg


@pytest.mark.parametrize("alg,size", [("ML-DSA-44", 2420), ("ML-DSA-65", 3309), ("ML-DSA-87", 4627)])
def test_ml_dsa_is_known_and_sized(alg, size):
    """jwt.io signs with ML-DSA since 2025: neither alg-unknown nor signature-length may fire."""
    token = f"{seg({'alg': alg, 'typ': 'JWT'})}.{seg({'sub': '1', 'iat': NOW, 'exp': NOW + 60})}.{b64url_encode(bytes(range(256)) * (size // 256) + bytes(size % 256))}"
    assert jwtlint.lint(token, now=NOW).findings == []
    short = f"{seg({'alg': alg})}.{seg({'sub': '1', 'exp': NOW + 60})}.{b64url_encode(bytes(range(64)))}"
    assert "signature-length" in jwtlint.lint(short, now=NOW).names()


def test_nearest_registered_name():
    assert nearest("rs256", JWS_ALGS) == "RS256"
    assert nearest("HS-256", JWS_ALGS) == "HS256"
    assert nearest("RS_256", JWS_ALGS) == "RS256"
