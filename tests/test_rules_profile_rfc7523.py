from profile_helpers import findings, names

P = "rfc7523-client-assertion"
H = {"alg": "RS256", "kid": "k1"}
NOW = 1700000000
GOOD = {"iss": "0oa1b2c3", "sub": "0oa1b2c3", "aud": "https://acme.okta.com/oauth2/v1/token",
        "jti": "6f1c0e4e", "iat": NOW, "exp": NOW + 300}  # fmt: skip


def test_a_private_key_jwt_draws_nothing():
    assert names(H, GOOD, P) == []


def test_client_assertion_iss_sub():
    assert names(H, {**GOOD, "sub": "someone@example.com"}, P) == ["client-assertion-iss-sub"]
    assert names(H, {k: v for k, v in GOOD.items() if k != "sub"}, P) == ["client-assertion-iss-sub"]


def test_client_assertion_claims():
    got = findings(H, {"iss": "c", "sub": "c", "exp": NOW + 60}, P)
    assert sorted(f.message.split()[0] for f in got) == ["aud", "jti"]
    assert {f.name for f in got} == {"client-assertion-claims"}


def test_client_assertion_lifetime():
    assert names(H, {**GOOD, "exp": NOW + 86400}, P) == ["client-assertion-lifetime"]
    (f,) = findings(H, {**GOOD, "exp": NOW + 3600}, P)
    assert f.name == "client-assertion-lifetime" and str(f.severity) == "warning" and "Auth0" in f.message
    assert names(H, {**GOOD, "exp": NOW + 300}, P) == []


def test_client_assertion_alg():
    (f,) = findings({"alg": "HS256"}, GOOD, P, sig=b"\x01" * 32)
    assert f.name == "client-assertion-alg" and str(f.severity) == "warning"
    (g,) = findings({"alg": "none"}, GOOD, P, sig=b"")
    assert g.name == "client-assertion-alg" and str(g.severity) == "error"
