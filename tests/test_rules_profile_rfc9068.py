from profile_helpers import findings, names

P = "rfc9068-access-token"
H = {"alg": "RS256", "typ": "at+jwt", "kid": "RjEwOwOA"}
# RFC 9068 §A example claims
GOOD = {"iss": "https://authorization-server.example.com/", "sub": "5ba552d67", "aud": "https://rs.example.com/",
        "exp": 1639528912, "iat": 1618354090, "jti": "dbe39bf3a3ba4238a513f51d6e1691c4",
        "client_id": "s6BhdRkqt3", "scope": "openid profile reademail"}  # fmt: skip


def test_the_rfc_example_draws_nothing():
    assert names(H, GOOD, P, now=1618354100) == []
    assert names({**H, "typ": "application/at+jwt"}, GOOD, P, now=1618354100) == []


def test_at_jwt_typ():
    (f,) = findings({**H, "typ": "JWT"}, GOOD, P, now=1618354100)
    assert f.name == "at-jwt-typ" and "at+jwt" in f.fix


def test_at_jwt_claims():
    partial = {k: v for k, v in GOOD.items() if k not in ("client_id", "jti")}
    got = findings(H, partial, P, now=1618354100)
    assert sorted(f.message.split()[0] for f in got) == ["client_id", "jti"]
    assert {f.name for f in got} == {"at-jwt-claims"}
