from profile_helpers import findings, names

P = "oidc-id-token"
H = {"alg": "RS256", "kid": "1e9gdk7"}
# OIDC Core §A.2 example ID token claims
GOOD = {"iss": "https://server.example.com", "sub": "248289761001", "aud": "s6BhdRkqt3",
        "nonce": "n-0S6_WzA2Mj", "exp": 1311281970, "iat": 1311280970}  # fmt: skip
NOW = 1311281000


def test_the_spec_example_draws_nothing():
    assert names(H, GOOD, P, now=NOW) == []
    assert names(H, GOOD, P, now=NOW, nonce="n-0S6_WzA2Mj") == []


def test_id_token_claims():
    got = findings(H, {"iss": GOOD["iss"], "aud": "c", "exp": GOOD["exp"]}, P, now=NOW)
    assert sorted(f.message.split()[0] for f in got) == ["iat", "sub"]
    assert {f.name for f in got} == {"id-token-claims"}


def test_id_token_azp():
    assert names(H, {**GOOD, "aud": ["s6BhdRkqt3", "api"]}, P, now=NOW) == ["id-token-azp"]
    assert names(H, {**GOOD, "aud": ["s6BhdRkqt3", "api"], "azp": "s6BhdRkqt3"}, P, now=NOW) == []


def test_id_token_nonce():
    assert names(H, GOOD, P, now=NOW, nonce="other") == ["id-token-nonce"]
    no_nonce = {k: v for k, v in GOOD.items() if k != "nonce"}
    (f,) = findings(H, no_nonce, P, now=NOW, nonce="n-0S6_WzA2Mj")
    assert f.name == "id-token-nonce" and "no nonce" in f.message
    assert names(H, no_nonce, P, now=NOW) == []  # no nonce asked for: nothing to compare
