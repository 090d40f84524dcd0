import base64
import hashlib

from profile_helpers import ES_SIG, findings, names

P = "dpop-proof"
JWK = {"kty": "EC", "crv": "P-256", "x": "l8tFrhx-34tV3hRICRDY9zCkDlpBhF42UQUfWVAWBFs",
       "y": "9VE4jf_Ok_o64zbTTlcuNJajHmt6v9TDVrU0CdvGRDA"}  # fmt: skip (RFC 9449 §4.1)
H = {"typ": "dpop+jwt", "alg": "ES256", "jwk": JWK}
GOOD = {"jti": "-BwC3ESc6acc2lTc", "htm": "POST", "htu": "https://server.example.com/token", "iat": 1562262616}
NOW = 1562262616
AT = "Kz~8mXK1EalYznwH-LC-1fBAo.4Ljp~zsPE_NeO.gxU"
ATH = base64.urlsafe_b64encode(hashlib.sha256(AT.encode()).digest()).rstrip(b"=").decode()


def n(header, payload, **kw):
    return names(header, payload, P, sig=ES_SIG, now=NOW, **kw)


def test_the_rfc_example_proof_draws_nothing():
    assert n(H, GOOD) == []
    assert n(H, {**GOOD, "ath": ATH}, access_token=AT) == []


def test_dpop_header():
    got = findings({"typ": "JWT", "alg": "HS256"}, GOOD, P, sig=b"\x01" * 32, now=NOW)
    assert [f.name for f in got] == ["dpop-header"] * 3
    assert "dpop+jwt" in got[0].message and "asymmetric" in got[1].message and "jwk" in got[2].message


def test_dpop_jwk_private():
    (f,) = findings({**H, "jwk": {**JWK, "d": "secret-part"}}, GOOD, P, sig=ES_SIG, now=NOW)
    assert f.name == "dpop-jwk-private" and "(d)" in f.message and "secret-part" not in f.message


def test_dpop_claims():
    assert n(H, {"htm": "POST", "iat": NOW}) == ["dpop-claims", "dpop-claims"]  # jti, htu
    (f,) = findings(H, {**GOOD, "htu": "https://server.example.com/token?x=1#f"}, P, sig=ES_SIG, now=NOW)
    assert f.name == "dpop-claims" and f.fixed == "https://server.example.com/token"
    (g,) = findings(H, {**GOOD, "htm": "post"}, P, sig=ES_SIG, now=NOW)
    assert g.fixed == "POST"


def test_dpop_iat():
    assert n(H, {**GOOD, "iat": NOW - 3600}) == ["dpop-iat"]
    assert n(H, {**GOOD, "iat": NOW - 200}) == []


def test_dpop_ath():
    (f,) = findings(H, GOOD, P, sig=ES_SIG, now=NOW, access_token=AT)
    assert f.name == "dpop-ath" and f.fixed == ATH
    assert n(H, {**GOOD, "ath": ATH + "="}, access_token=AT) == ["dpop-ath"]
