from profile_helpers import ES_SIG, findings, names

P = "apple-client-secret"
H = {"alg": "ES256", "kid": "ABC123DEFG"}
GOOD = {"iss": "DEF123GHIJ", "iat": 1700000000, "exp": 1700000000 + 86400 * 180,
        "aud": "https://appleid.apple.com", "sub": "com.example.web"}  # fmt: skip


def test_apples_documented_shape_draws_nothing():
    assert names(H, GOOD, P, sig=ES_SIG) == []


def test_apple_alg_kid():
    assert names({"alg": "RS256", "kid": "ABC123DEFG"}, GOOD, P) == ["apple-alg-kid"]
    assert names({"alg": "ES256"}, GOOD, P, sig=ES_SIG) == ["apple-alg-kid"]


def test_apple_claims():
    (f,) = findings(H, {**GOOD, "iss": "com.example.web"}, P, sig=ES_SIG)
    assert f.name == "apple-claims" and "Team ID" in f.message
    (g,) = findings(H, {**GOOD, "aud": "https://appleid.apple.com/"}, P, sig=ES_SIG)
    assert g.name == "apple-claims" and g.fixed == "https://appleid.apple.com"
    assert names(H, {k: v for k, v in GOOD.items() if k != "sub"}, P, sig=ES_SIG) == ["apple-claims"]


def test_apple_lifetime():
    (f,) = findings(H, {**GOOD, "exp": GOOD["iat"] + 365 * 86400}, P, sig=ES_SIG)
    assert f.name == "apple-lifetime" and f.fixed == str(GOOD["iat"] + 15777000)
    assert names(H, {**GOOD, "exp": GOOD["iat"] + 15777000}, P, sig=ES_SIG) == []
