"""Profile rules on arbitrary JSON: no crash (internal-error), no oversized message."""

from hypothesis import given, settings
from hypothesis import strategies as st

from jwtlint import lint
from jwtlint.profiles import PROFILES
from tokens import token

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=12,
)
CLAIMS = ["iss", "sub", "aud", "exp", "iat", "nbf", "jti", "scope", "nonce", "azp", "client_id", "htm", "htu", "ath", "_sd"]
HEADER = ["alg", "typ", "kid", "jwk"]


@settings(max_examples=150, deadline=None)
@given(
    header=st.dictionaries(st.sampled_from(HEADER), json_values, max_size=4),
    payload=st.dictionaries(st.sampled_from(CLAIMS), json_values, max_size=10),
    profile=st.sampled_from([*PROFILES, "auto"]),
)
def test_profile_rules_never_crash(header, payload, profile):
    report = lint(token(header, payload, b"\x01" * 64), profile=profile, now=1700000000, nonce="n", access_token="a")
    assert "internal-error" not in report.names()
    assert all(len(f.message) < 600 for f in report.findings)


def test_a_huge_claim_stays_out_of_the_message():
    report = lint(token({"alg": "RS256"}, {"iss": "x" * 100000, "iat": 1, "exp": 2}), profile="github-app")
    (f,) = [f for f in report.findings if f.name == "github-app-claims"]
    assert len(f.message) < 200
