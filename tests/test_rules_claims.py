"""Unit tests for the claims rules (rules/claims.py).

Tokens are made with PyJWT; payloads PyJWT refuses to encode (a numeric iss,
a 50-digit number, NaN) go through PyJWS with hand-written JSON. Expected
values in `fixed` were worked out by hand, not copied from jwtlint's output.
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone

import jwt
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jwtlint import lint
from jwtlint.engine import Severity
from jwtlint.rules import claims

KEY = "a-test-secret-of-thirty-two-bytes!!"
NOW = 1700000000  # 2023-11-14T22:13:20Z


def token(claims: dict, **headers) -> str:
    return jwt.encode(claims, KEY, algorithm="HS256", headers=headers or None)


def raw_token(payload_json: str) -> str:
    """A signed token whose payload is exactly ``payload_json`` (for what PyJWT will not encode)."""
    return jwt.api_jws.encode(payload_json.encode(), KEY, algorithm="HS256")


def found(tok: str, **kw):
    """Findings of the claims family only, for the given lint arguments."""
    kw.setdefault("now", NOW)
    return lint(tok, select="claims", **kw).findings


def names(tok: str, **kw) -> list[str]:
    return sorted(f.name for f in found(tok, **kw))


def one(tok: str, name: str, **kw):
    hits = [f for f in found(tok, **kw) if f.name == name]
    assert len(hits) == 1, [f.name for f in found(tok, **kw)]
    return hits[0]


# --- the catalogue ------------------------------------------------------------


def test_codes_names_and_severities():
    got = [(r.code, r.name, r.severity) for r in claims.RULES]
    assert got == [
        ("JWT401", "exp-missing", Severity.WARNING),
        ("JWT402", "time-not-numeric", Severity.ERROR),
        ("JWT403", "time-in-milliseconds", Severity.ERROR),
        ("JWT404", "expired", Severity.ERROR),
        ("JWT405", "not-yet-valid", Severity.ERROR),
        ("JWT406", "iat-in-future", Severity.ERROR),
        ("JWT407", "exp-before-iat", Severity.ERROR),
        ("JWT408", "lifetime-too-long", Severity.WARNING),
        ("JWT409", "aud-mismatch", Severity.ERROR),
        ("JWT410", "iss-mismatch", Severity.ERROR),
        ("JWT411", "claim-type", Severity.ERROR),
    ]


@pytest.mark.parametrize("rule", claims.RULES, ids=lambda r: r.name)
def test_rule_is_documented(rule):
    docs = rule.docs()
    for section in ("## What it does", "## Why is this bad?", "## Fix", "## Example"):
        assert section in docs, f"{rule.name} lacks {section}"
    assert rule.summary and rule.refs


# --- no false alarms ------------------------------------------------------------


def test_correct_pyjwt_token_draws_nothing():
    now = datetime.fromtimestamp(NOW, tz=timezone.utc)
    tok = jwt.encode(
        {
            "iss": "https://issuer.example.com/",
            "sub": "user-42",
            "aud": ["https://api.example.com", "https://other.example.com"],
            "iat": now,
            "nbf": now,
            "exp": now + timedelta(minutes=15),
            "jti": "5f0c2a",
        },
        KEY,
        algorithm="HS256",
    )
    got = found(tok, audience="https://api.example.com", issuer="https://issuer.example.com/")
    assert got == []


def test_rs256_token_with_datetime_claims_draws_nothing():
    from cryptography.hazmat.primitives.asymmetric import ec

    key = ec.generate_private_key(ec.SECP256R1())
    now = datetime.fromtimestamp(NOW, tz=timezone.utc)
    tok = jwt.encode({"sub": "1", "iat": now, "exp": now + timedelta(hours=1)}, key, algorithm="ES256")
    assert found(tok) == []


@settings(max_examples=60, deadline=None)
@given(
    now=st.integers(1_000_000_000, 4_000_000_000),
    age=st.integers(0, 3600),
    lifetime=st.integers(1, 86400),
)
def test_no_claims_finding_while_a_pyjwt_token_is_valid(now, age, lifetime):
    iat = now - min(age, lifetime - 1)  # issued at most lifetime - 1 seconds ago: still valid now
    tok = token({"sub": "1", "iat": iat, "nbf": iat, "exp": iat + lifetime})
    assert found(tok, now=now) == []


def test_not_a_claims_set_is_left_alone():
    tok = jwt.api_jws.encode(b"just bytes", KEY, algorithm="HS256")
    assert found(tok) == []


# --- exp-missing ------------------------------------------------------------------


def test_exp_missing():
    f = one(token({"sub": "1", "iat": NOW}), "exp-missing")
    assert f.severity == Severity.WARNING
    assert "never expires" in f.message
    assert "1700000900" in f.fix  # iat + 15 minutes, as an example
    assert f.span.part == "payload"


def test_exp_missing_not_for_dpop_proofs():
    tok = token({"jti": "x", "htm": "POST", "htu": "https://rs.example/", "iat": NOW}, typ="dpop+jwt")
    assert "exp-missing" not in names(tok)


# --- time-not-numeric -----------------------------------------------------------------


def test_numeric_string_exp():
    # jsonwebtoken issue 293: {"exp": "1484048026", "iat": 1484047996}
    f = one(token({"exp": "1484048026", "iat": 1484047996}), "time-not-numeric", now=1484048000)
    assert f.fixed == "1484048026"
    assert f.applicability.value == "unsafe"
    assert 'the string "1484048026"' in f.message


def test_iso_date_string_exp_gets_seconds():
    # 2023-11-14T22:23:20Z = 1700000000 + 600, worked out from 1700000000 = 22:13:20Z
    f = one(token({"exp": "2023-11-14T22:23:20Z", "iat": NOW}), "time-not-numeric")
    assert f.fixed == "1700000600"


@pytest.mark.parametrize(
    "payload, words",
    [
        ('{"exp": true}', "a boolean"),
        ('{"exp": null}', "null"),
        ('{"exp": {"date": 1}}', "an object"),
        ('{"exp": "tomorrow"}', 'the string "tomorrow"'),
        ('{"exp": NaN}', "NaN"),
        ('{"exp": Infinity}', "Infinity"),
        ('{"exp": ' + "9" * 50 + "}", "50-digit number"),
        ('{"exp": 123456789012345678901234}', "24-digit number"),
    ],
)
def test_not_numeric_values(payload, words):
    f = one(raw_token(payload), "time-not-numeric")
    assert words in f.message
    assert f.fixed is None
    assert f.severity == Severity.ERROR


def test_each_time_claim_is_checked():
    got = [f.message.split()[0] for f in found(raw_token('{"exp": "a", "nbf": false, "iat": []}'))]
    assert sorted(got) == ["exp", "iat", "nbf"]


# --- time-in-milliseconds -----------------------------------------------------------------


def test_seed_exp_in_milliseconds():
    # The seed: Datetime.now().addMinutes(3).getTime() at 2020-10-23T16:53:00.417Z -> 1603472160417 ms;
    # 1603472160417 // 1000 = 1603472160 = 2020-10-23T16:56:00Z.
    f = one(token({"iss": "x", "exp": 1603472160417}), "time-in-milliseconds", now=1603471980)
    assert f.fixed == "1603472160"
    assert "1603472160, i.e. 2020-10-23T16:56:00Z" in f.fix
    assert "milliseconds" in f.message and "Date.now()" in f.message and "currentTimeMillis" in f.message
    assert "Datetime.getTime()" in f.message


def test_micro_and_nanoseconds():
    micro = one(token({"exp": 1603472160417123}), "time-in-milliseconds", now=1603471980)
    assert micro.fixed == "1603472160" and "microseconds" in micro.message and "UnixMicro" in micro.message
    # 1700000600999999999 ns is 1700000600.999999999 s: whole seconds 1700000600 (a float would round up).
    nano = one(token({"exp": 1700000600999999999}), "time-in-milliseconds")
    assert nano.fixed == "1700000600" and "nanoseconds" in nano.message
    assert "time_ns()" in nano.message and "UnixNano" in nano.message


def test_one_finding_per_claim_in_milliseconds():
    tok = token({"iat": NOW * 1000, "nbf": NOW * 1000, "exp": (NOW + 600) * 1000})
    hits = [f for f in found(tok) if f.name == "time-in-milliseconds"]
    assert sorted(f.fixed for f in hits) == ["1700000000", "1700000000", "1700000600"]
    # Converted, the times are fine: no expiry, lifetime or ordering finding besides.
    assert names(tok) == ["time-in-milliseconds"] * 3


def test_millisecond_exp_with_second_iat_draws_no_bogus_lifetime():
    tok = token({"iat": NOW, "exp": (NOW + 600) * 1000})
    assert names(tok) == ["time-in-milliseconds"]


def test_millisecond_exp_in_the_past_is_also_expired():
    tok = token({"exp": (NOW - 3600) * 1000})
    assert names(tok) == ["expired", "time-in-milliseconds"]
    assert one(tok, "expired").message.startswith("expired 1 hour ago (exp 2023-11-14T21:13:20Z)")


def test_millisecond_numeric_string():
    tok = token({"exp": "1603472160417"})
    assert one(tok, "time-not-numeric", now=1603471980).fixed == "1603472160417"
    assert one(tok, "time-in-milliseconds", now=1603471980).fixed == "1603472160"


# --- expired / not-yet-valid / iat-in-future, with leeway -----------------------------------


def test_expired_message():
    f = one(token({"iat": NOW - 10000, "exp": NOW - 7200}), "expired")
    assert f.message == "expired 2 hours ago (exp 2023-11-14T20:13:20Z)"
    assert f.severity == Severity.ERROR


@pytest.mark.parametrize("leeway", [0, 30])
def test_time_boundaries(leeway):
    def has(name, claims):
        return name in names(token(claims), leeway=leeway)

    assert has("expired", {"exp": NOW - leeway})  # exp <= now - leeway: rejected
    assert not has("expired", {"exp": NOW - leeway + 1})
    assert not has("not-yet-valid", {"nbf": NOW + leeway, "exp": NOW + 600})  # nbf <= now + leeway: fine
    assert has("not-yet-valid", {"nbf": NOW + leeway + 1, "exp": NOW + 600})
    assert not has("iat-in-future", {"iat": NOW + leeway, "exp": NOW + 600})
    assert has("iat-in-future", {"iat": NOW + leeway + 1, "exp": NOW + 600})


class _FrozenDatetime(datetime):
    @classmethod
    def now(cls, tz=None):
        return datetime.fromtimestamp(NOW, tz=tz)


@pytest.mark.parametrize("offset", [-61, -60, -59, -1, 0, 1, 59, 60, 61])
@pytest.mark.parametrize("claim", ["exp", "nbf", "iat"])
def test_time_rules_agree_with_pyjwt(monkeypatch, claim, offset):
    """At each boundary, a time finding appears exactly when PyJWT rejects the token."""
    monkeypatch.setattr(jwt.api_jwt, "datetime", _FrozenDatetime)
    claims_ = {"exp": NOW + 3600, claim: NOW + offset}
    tok = token(claims_)
    try:
        jwt.decode(tok, KEY, algorithms=["HS256"], leeway=60)
        rejected = False
    except (jwt.ExpiredSignatureError, jwt.ImmatureSignatureError):
        rejected = True
    rule = {"exp": "expired", "nbf": "not-yet-valid", "iat": "iat-in-future"}[claim]
    assert (rule in names(tok, leeway=60)) == rejected


def test_not_yet_valid_message():
    f = one(token({"nbf": NOW + 90, "exp": NOW + 600}), "not-yet-valid")
    assert f.message == "not valid until 2023-11-14T22:14:50Z (in 90 seconds)"
    # Verdaccio's notBefore: 1 (jsonwebtoken issue): nbf one second after iat, used at once.
    f = one(token({"iat": NOW, "nbf": NOW + 1, "exp": NOW + 600}), "not-yet-valid")
    assert "nbf is 1 second after iat" in f.message


def test_iat_in_future_message():
    f = one(token({"iat": NOW + 120, "exp": NOW + 600}), "iat-in-future", leeway=30)
    assert "2023-11-14T22:15:20Z" in f.message and "2 minutes" in f.message and "30 seconds leeway" in f.message


# --- exp-before-iat ------------------------------------------------------------------------------


def test_exp_as_a_lifetime():
    # jsonwebtoken issue 209: "exp": 60 meant "in a minute"; jsonwebtoken adds iat.
    f = one(token({"sub": "admin", "exp": 60, "iat": NOW}), "exp-before-iat")
    assert f.fixed == "1700000060"  # iat + 60
    assert "lifetime (1 minute)" in f.message
    assert "expired" in names(token({"exp": 60, "iat": NOW}))


def test_exp_equal_to_iat():
    f = one(token({"exp": NOW + 5, "iat": NOW + 5}), "exp-before-iat", leeway=10)
    assert "expired when it was issued" in f.message and f.fixed is None


def test_exp_before_nbf_is_never_valid():
    f = one(token({"iat": NOW, "nbf": NOW + 600, "exp": NOW + 300}), "exp-before-iat")
    assert "never valid" in f.message


def test_normal_order_is_fine():
    assert "exp-before-iat" not in names(token({"iat": NOW, "nbf": NOW, "exp": NOW + 1}))


# --- lifetime-too-long ------------------------------------------------------------------------------


def test_lifetime_too_long():
    f = one(token({"iat": NOW, "exp": NOW + 30 * 86400}), "lifetime-too-long")
    assert f.severity == Severity.WARNING
    assert "30 days" in f.message and "1 day" in f.message and "--max-lifetime 86400" in f.message
    assert f.fixed == "1700086400"  # iat + 86400


def test_lifetime_uses_nbf_without_iat_and_respects_the_limit():
    assert "lifetime-too-long" in names(token({"nbf": NOW, "exp": NOW + 7200}), max_lifetime=3600)
    assert "lifetime-too-long" not in names(token({"nbf": NOW, "exp": NOW + 3600}), max_lifetime=3600)
    assert "lifetime-too-long" not in names(token({"exp": NOW + 365 * 86400}))  # no start: unknown


# --- aud-mismatch -----------------------------------------------------------------------------------


API = "https://api.example.com"


def aud(value, expected=API):
    claims_ = {"exp": NOW + 600}
    if value is not None:
        claims_["aud"] = value
    hits = [f for f in found(token(claims_), audience=expected) if f.name == "aud-mismatch"]
    return hits[0] if hits else None


def test_aud_checked_only_when_asked():
    assert "aud-mismatch" not in names(token({"exp": NOW + 600, "aud": "other"}))


def test_aud_match_in_string_or_array():
    assert aud(API) is None
    assert aud(["https://other.example", API]) is None
    assert aud("b", expected=[API, "b"]) is None


@pytest.mark.parametrize(
    "value, words",
    [
        (API + "/", "trailing '/' (the token has it)"),
        ("http://api.example.com", "scheme differs (http in the token, https expected)"),
        ("https://API.example.com", "letter case"),
        ("https://www.api.example.com", "'www.'"),
        (API + "\n", "whitespace"),
        (json.dumps([API]), "string holding a JSON array"),
        ("https://eu.api.example.com", "same domain"),
        ([API + "/", "x"], "trailing '/'"),
    ],
)
def test_aud_near_misses(value, words):
    f = aud(value)
    assert words in f.message
    assert f.fixed == API
    assert f.severity == Severity.ERROR


def test_aud_near_miss_the_other_way():
    f = aud("https://login.salesforce.com", expected="https://login.salesforce.com/")
    assert "the expected value has it" in f.message and f.fixed == "https://login.salesforce.com/"


def test_aud_missing():
    f = aud(None)
    assert "no aud claim" in f.message and f.fixed == API


def test_aud_plain_mismatch_has_no_fixed():
    f = aud("https://unrelated.test")
    assert f.fixed is None and API in f.message


# --- iss-mismatch ------------------------------------------------------------------------------------


def iss(value, expected):
    claims_ = {"exp": NOW + 600}
    if value is not None:
        claims_["iss"] = value
    hits = [f for f in found(token(claims_), issuer=expected) if f.name == "iss-mismatch"]
    return hits[0] if hits else None


def test_iss_match_and_not_asked():
    assert iss("https://acme.auth0.com/", "https://acme.auth0.com/") is None
    assert "iss-mismatch" not in names(token({"exp": NOW + 600, "iss": "x"}))


def test_iss_trailing_slash():
    f = iss("https://acme.auth0.com/", "https://acme.auth0.com")
    assert "trailing '/'" in f.message and f.fixed == "https://acme.auth0.com"


def test_iss_without_scheme():
    f = iss("accounts.google.com", "https://accounts.google.com")
    assert "no scheme in the token" in f.message


def test_iss_microsoft_v1_v2():
    f = iss("https://sts.windows.net/tid/", "https://login.microsoftonline.com/tid/v2.0")
    assert "v1.0" in f.message and "accessTokenAcceptedVersion" in f.message


def test_iss_missing():
    f = iss(None, "https://issuer.example")
    assert "no iss claim" in f.message and f.fixed == "https://issuer.example"


# --- claim-type ------------------------------------------------------------------------------------------


def test_numeric_sub():
    # PyJWT issue 1017: "sub": 1234 from a database id; PyJWT >= 2.10 rejects it.
    f = one(token({"sub": 1234, "exp": NOW + 600}), "claim-type")
    assert f.fixed == "1234"
    assert "Subject must be a string" in f.message


def test_numeric_iss_and_jti():
    tok = raw_token(json.dumps({"iss": 7, "jti": 12.0, "exp": NOW + 600}))
    assert sorted(f.fixed for f in found(tok) if f.name == "claim-type") == ["12", "7"]


def test_large_numeric_sub_is_not_a_string():
    digits = "1" * 50
    f = one(raw_token('{"sub": ' + digits + "}"), "claim-type")
    assert f.fixed == digits and "50-digit" in f.message


@pytest.mark.parametrize(
    "value, fixed",
    [([], None), (["a", 3], '["a", "3"]'), (42, "42"), ({"a": 1}, None), (True, None), ([None], None)],
)
def test_aud_types(value, fixed):
    f = one(token({"aud": value, "exp": NOW + 600}), "claim-type")
    assert f.fixed == fixed


def test_string_claims_are_fine():
    tok = token({"iss": "i", "sub": "s", "jti": "j", "aud": ["a", "b"], "exp": NOW + 600})
    assert "claim-type" not in names(tok)


# --- robustness ------------------------------------------------------------------------------------------

_json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(10**45), 10**45)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=30)
    | st.sampled_from(["1700000000", "1700000000000", "2023-11-14T22:13:20Z", "[\"a\"]", " https://x/ "]),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=6,
)


@settings(max_examples=300, deadline=None)
@given(
    payload=st.dictionaries(st.sampled_from(["exp", "nbf", "iat", "iss", "sub", "aud", "jti"]), _json_values),
    now=st.floats(0, 4e9),
    leeway=st.sampled_from([0, 30]),
)
def test_claims_rules_never_crash(payload, now, leeway):
    tok = raw_token(json.dumps(payload))  # json.dumps writes NaN/Infinity, which the parser records
    got = found(tok, now=now, leeway=leeway, audience="https://api.example.com", issuer="https://x/")
    assert not [f for f in got if f.name == "internal-error"]
    for f in got:
        assert f.span is not None and f.span.part == "payload"
        assert f.fix, f.name


def test_dotnet_ticks_are_recognised():
    """DateTime.UtcNow.Ticks written as exp: 100 ns units since year 1."""
    from tokens import seg
    from jwtlint.token.b64 import b64url_encode

    ticks = 638_000_000_000_000_000  # 2022-09-28T22:13:20Z
    token = f"{seg({'alg': 'HS256'})}.{seg({'sub': '1', 'exp': ticks})}.{b64url_encode(bytes(range(32)))}"
    report = lint(token, now=1664403200 - 60)
    (f,) = [f for f in report.findings if f.name == "time-in-milliseconds"]
    assert f.fixed == "1664403200" and ".NET" in f.message


def test_exp_missing_leaves_a_jws_in_json_serialization_alone_unless_typ_says_jwt():
    """An ACME request or a signed credential is a JWS in JSON serialization: a message, not a
    JWT (JWTs are always compact, RFC 7519 §1), so it has no lifetime to bound."""
    import json

    import jwt as pyjwt

    from jwtlint import lint

    def flattened(headers):
        head, body, sig = pyjwt.encode({"contact": ["mailto:a@example.org"]}, "k" * 32, algorithm="HS256", headers=headers).split(".")
        return json.dumps({"protected": head, "payload": body, "signature": sig})

    assert "exp-missing" not in lint(flattened({"typ": None}), now=1_700_000_000).names()
    assert "exp-missing" in lint(flattened({"typ": "JWT"}), now=1_700_000_000).names()
    compact = pyjwt.encode({"contact": ["mailto:a@example.org"]}, "k" * 32, algorithm="HS256")
    assert "exp-missing" in lint(compact, now=1_700_000_000).names()
