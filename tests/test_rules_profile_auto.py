from jwtlint import lint
from profile_helpers import findings, names
from tokens import token


def auto(header, payload, **kw):
    return [(f.name, f.message) for f in findings(header, payload, "auto", **kw)]


def test_profile_auto_picks_salesforce_from_aud_and_runs_its_rules():
    got = auto({"alg": "RS256"}, {"iss": "3MVG9x", "sub": "u@x.com", "aud": "https://login.salesforce.com/", "exp": 1700000100})
    assert ("profile-auto", "checked with profile salesforce-jwt-bearer (aud is https://login.salesforce.com/)") in got
    assert any(name == "salesforce-aud" for name, _ in got)


def test_profile_auto_picks_by_typ_github_shape_and_google_aud():
    assert names({"alg": "ES256", "typ": "dpop+jwt"}, {"htm": "GET"}, "auto")[-1] == "profile-auto"
    got = auto({"alg": "RS256"}, {"iat": 1699999940, "exp": 1700000900, "iss": 12345})
    assert got[-1][1].startswith("checked with profile github-app") and got[0][0] == "github-app-lifetime"
    got = auto({"alg": "RS256", "kid": "k"}, {"iss": "a@p.iam.gserviceaccount.com", "aud": "https://oauth2.googleapis.com/token",
                                            "scope": "s", "iat": 1, "exp": 2})  # fmt: skip
    assert got == [("profile-auto", "checked with profile google-service-account (aud is https://oauth2.googleapis.com/token)")]


def test_profile_auto_says_when_nothing_fits_and_runs_no_platform_rule():
    got = auto({"alg": "RS256"}, {"sub": "1", "iat": 1699999000, "exp": 1700000100})
    assert got == [("profile-auto", "no platform profile fits these claims; only the standard checks ran")]


def test_profile_auto_says_when_several_fit():
    got = auto({"alg": "RS256"}, {"aud": ["https://login.salesforce.com", "https://appleid.apple.com"], "exp": 1700000100})
    assert got == [("profile-auto", "several profiles fit (salesforce-jwt-bearer, apple-client-secret); no platform checks ran")]


def test_profile_auto_is_silent_without_auto():
    report = lint(token({"alg": "RS256"}, {"aud": "https://login.salesforce.com"}), now=1700000000)
    assert "profile-auto" not in report.names()


def test_profile_auto_knows_salesforce_sites_and_my_domain_but_not_lookalikes():
    for aud in ("https://acme.my.site.com/customers", "https://acme.my.salesforce.com", "https://acme.force.com/s"):
        assert auto({"alg": "RS256"}, {"aud": aud, "exp": 1700000100})[-1][1].startswith("checked with profile salesforce")
    got = auto({"alg": "RS256"}, {"aud": "https://evil.example/?.force.com", "exp": 1700000100})
    assert got[-1][1].startswith("no platform profile fits")
