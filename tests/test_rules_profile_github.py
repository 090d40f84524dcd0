from profile_helpers import findings, names

P = "github-app"
H = {"alg": "RS256"}
NOW = 1700000000
GOOD = {"iat": NOW - 60, "exp": NOW + 540, "iss": "Iv23liABCdef1234"}


def test_githubs_recipe_draws_nothing():
    assert names(H, GOOD, P) == []
    assert names(H, {**GOOD, "iss": 123456}, P) == []
    assert names(H, {**GOOD, "iss": "123456"}, P) == []
    assert names(H, {**GOOD, "iss": "Iv1.0123456789abcdef"}, P) == []


def test_githubs_own_sample_with_exp_10_minutes_ahead_draws_the_drift_warning():
    (f,) = findings(H, {**GOOD, "exp": NOW + 600}, P)
    assert f.name == "github-app-lifetime" and str(f.severity) == "warning"


def test_github_app_alg():
    assert names({"alg": "HS256"}, GOOD, P) == ["github-app-alg"]


def test_github_app_claims():
    assert names(H, {"iss": "my-app-slug", "iat": NOW - 60}, P) == ["github-app-claims"] * 2
    assert names(H, {"iat": NOW - 60, "exp": NOW + 500, "iss": True}, P) == ["github-app-claims"]


def test_a_15_minute_jwt_is_caught_before_github_rejects_it():
    (f,) = findings(H, {**GOOD, "iat": NOW, "exp": NOW + 900}, P)
    assert f.name == "github-app-lifetime" and str(f.severity) == "error"
    assert "15.0 minutes" in f.message and "too far in the future" in f.message


def test_github_app_lifetime_warns_above_9_minutes_and_measures_from_now_without_iat():
    (f,) = findings(H, {**GOOD, "iat": NOW - 60, "exp": NOW + 550}, P)
    assert f.name == "github-app-lifetime" and str(f.severity) == "warning"
    assert names(H, {**GOOD, "iat": NOW - 60, "exp": NOW + 540}, P) == []
    (g,) = [x for x in findings(H, {"iss": 1, "exp": NOW + 700}, P) if x.name == "github-app-lifetime"]
    assert "after now" in g.message and str(g.severity) == "error"


def test_github_app_iat_in_the_future():
    assert names(H, {**GOOD, "iat": NOW + 30}, P) == ["github-app-iat"]
    assert names(H, {**GOOD, "iat": NOW + 30}, P, leeway=60) == []
