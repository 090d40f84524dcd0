import pytest

from jwtlint import lint
from profile_helpers import findings, names

P = "salesforce-jwt-bearer"
H = {"alg": "RS256"}
NOW = 1700000000
GOOD = {
    "iss": "3MVG9KsVczVNcM8y.nS9b2vXrQ7LkR0cWfzJ4hGm1pTqYxAeUo6iDtBlHsZnCaEw5F3jKuPgMvRy2",
    "sub": "integration@acme.com",
    "aud": "https://login.salesforce.com",
    "exp": NOW + 180,
}


def test_a_documented_assertion_draws_nothing():
    assert names(H, GOOD, P) == []
    assert names(H, {**GOOD, "aud": "https://test.salesforce.com"}, P) == []
    assert names(H, {**GOOD, "aud": "https://acme.my.site.com/customers"}, P) == []  # an Experience Cloud site


def test_rules_are_off_without_the_profile():
    assert names(H, {**GOOD, "aud": "https://acme.my.salesforce.com"}, None) == []


def test_salesforce_alg():
    (f,) = findings({"alg": "HS256"}, GOOD, P)
    assert f.name == "salesforce-alg" and "RS256" in f.message and "Auth.JWS" in f.fix


def test_salesforce_claims_missing_and_swapped():
    got = findings(H, {"aud": GOOD["aud"], "exp": NOW + 60}, P)
    assert [f.name for f in got] == ["salesforce-claims"] * 2
    assert {f.message.split()[0] for f in got} == {"iss", "sub"}
    swapped = findings(H, {**GOOD, "iss": GOOD["sub"], "sub": GOOD["iss"]}, P)
    assert [f.name for f in swapped] == ["salesforce-claims"] * 2
    assert "consumer key" in swapped[0].fix


@pytest.mark.parametrize(
    "aud, fixed",
    [
        ("https://login.salesforce.com/", "https://login.salesforce.com"),
        ("http://login.salesforce.com", "https://login.salesforce.com"),
        ("https://acme.my.salesforce.com", "https://login.salesforce.com"),
        ("https://acme--uat.sandbox.my.salesforce.com", "https://test.salesforce.com"),
        ("https://login.salesforce.com/services/oauth2/token", "https://login.salesforce.com"),
        ("https://acme.my.site.com/customers/", "https://acme.my.site.com/customers"),
    ],
)
def test_salesforce_aud(aud, fixed):
    (f,) = findings(H, {**GOOD, "aud": aud}, P)
    assert f.name == "salesforce-aud" and f.fixed == fixed and "audience is invalid" in f.message


def test_salesforce_aud_array():
    (f,) = findings(H, {**GOOD, "aud": [GOOD["aud"]]}, P)
    assert f.name == "salesforce-aud" and "list" in f.message


def test_salesforce_exp_in_milliseconds_gets_the_apex_fix():
    (f,) = findings(H, {**GOOD, "exp": (NOW + 180) * 1000}, P, now=NOW)
    assert f.name == "salesforce-exp" and "milliseconds" in f.message
    assert "getTime() / 1000" in f.fix and f.fixed == str(NOW + 180)


def test_salesforce_exp_far_ahead_is_a_warning_and_3_minutes_is_fine():
    (f,) = findings(H, {**GOOD, "exp": NOW + 3600}, P, now=NOW)
    assert f.name == "salesforce-exp" and str(f.severity) == "warning" and "60 minutes" in f.message
    assert names(H, {**GOOD, "exp": NOW + 299}, P, now=NOW) == []


def test_salesforce_hand_encoded_on_the_seed():
    seed = open("corpus/salesforce-apex-seed-token/input.txt").read()
    report = lint(seed, now=1603471980, profile=P)
    got = {f.name: f for f in report.findings if f.code.startswith("JWT9")}
    assert set(got) == {"salesforce-hand-encoded", "salesforce-exp"}
    assert "EncodingUtil.base64Encode" in got["salesforce-hand-encoded"].message
    assert ".replace('+', '-')" in got["salesforce-hand-encoded"].fix


def test_unknown_profile_names_the_closest():
    with pytest.raises(ValueError, match="salesforce-jwt-bearer"):
        lint("a.b.c", profile="salesforce")


def test_salesforce_signing_key(tmp_path):
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import ec, rsa

    def pem(key):
        return key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                 serialization.NoEncryption()).decode()  # fmt: skip

    ec_key = pem(ec.generate_private_key(ec.SECP256R1()))
    (f,) = [x for x in lint(ec_key, profile=P).findings if x.name == "salesforce-signing-key"]
    assert str(f.severity) == "error" and "RS256" in f.message and "BEGIN" not in f.message
    rsa_key = pem(rsa.generate_private_key(public_exponent=65537, key_size=2048))
    (g,) = [x for x in lint(rsa_key, profile=P).findings if x.name == "salesforce-signing-key"]
    assert str(g.severity) == "info" and "Auth.JWS" in g.fix
    assert "salesforce-signing-key" not in lint(rsa_key).names()  # only with the profile
    assert "salesforce-signing-key" not in lint(rsa_key, profile="auto").names()  # a key has no claims to detect by
