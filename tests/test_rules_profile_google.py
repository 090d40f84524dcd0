from profile_helpers import findings, names

P = "google-service-account"
H = {"alg": "RS256", "typ": "JWT", "kid": "3f5a8c0e7d1b2a4c6e8f0a1b3c5d7e9f1a2b4c6d"}
GOOD = {
    "iss": "reports@acme-prod.iam.gserviceaccount.com",
    "scope": "https://www.googleapis.com/auth/devstorage.read_only",
    "aud": "https://oauth2.googleapis.com/token",
    "iat": 1700000000,
    "exp": 1700003600,
}


def test_googles_documented_claims_draw_nothing():
    assert names(H, GOOD, P) == []


def test_google_sa_alg_and_kid():
    assert names({"alg": "RS384", "kid": "k"}, GOOD, P) == ["google-sa-alg"]
    (f,) = findings({"alg": "RS256"}, GOOD, P)
    assert f.name == "google-sa-alg" and str(f.severity) == "warning" and "private_key_id" in f.fix


def test_google_sa_claims():
    assert names(H, {"iss": GOOD["iss"], "aud": GOOD["aud"], "iat": 1, "exp": 2}, P) == ["google-sa-claims"]
    (f,) = findings(H, {**GOOD, "aud": "https://accounts.google.com/o/oauth2/token"}, P)
    assert f.name == "google-sa-claims" and f.fixed == "https://oauth2.googleapis.com/token"
    (g,) = findings(H, {**GOOD, "iss": "12345"}, P)
    assert "client_email" in g.fix


def test_google_sa_lifetime():
    (f,) = findings(H, {**GOOD, "exp": GOOD["iat"] + 7200}, P)
    assert f.name == "google-sa-lifetime" and f.fixed == str(GOOD["iat"] + 3600)
    assert names(H, {**GOOD, "exp": GOOD["iat"] + 3600}, P) == []
