"""The pytest plugin and jwtlint.testing, run the way a user's suite runs them (pytester).

The plugin is found through the ``pytest11`` entry point, as it is in a
project that only installed jwtlint: nothing here registers it by hand.
"""

import re

import jwt
import pytest

from jwtlint.testing import Checker, JwtAssertionError, assert_valid_jwt

pytest_plugins = ["pytester"]

NOW = 1_700_000_000
SECRET = "a-test-secret-that-is-long-enough-for-hs256!"

# Shared by the generated test files: a token issuer with a switch for the classic mistake.
ISSUER = f"""
import jwt
from jwtlint.testing import assert_valid_jwt

NOW = {NOW}
SECRET = {SECRET!r}

def make_token(millis=False, aud="api"):
    exp = NOW + 600
    return jwt.encode({{"sub": "u1", "aud": aud, "iat": NOW - 10, "exp": exp * 1000 if millis else exp}},
                      SECRET, algorithm="HS256")
"""


def run(pytester, *args):
    # hypothesis's own pytest plugin costs 0.75 s per in-process run and plays no part here
    return pytester.runpytest("-p", "no:hypothesispytest", *args)


def ms_token():
    return jwt.encode({"sub": "u1", "iat": NOW - 10, "exp": (NOW + 600) * 1000}, SECRET, algorithm="HS256")


def test_failure_shows_decoded_token_findings_and_fixes(pytester):
    pytester.makepyfile(
        ISSUER
        + """
def test_token():
    assert_valid_jwt(make_token(millis=True), audience="api", now=NOW)
"""
    )
    result = run(pytester)
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(
        [
            "*the token is not valid: 1 finding at or above error (time-in-milliseconds)",
            '*"exp": 1700000600000',  # the decoded payload
            "*exp  1700000600000  *in milliseconds!",  # the times block
            "*error JWT403 time-in-milliseconds payload*exp is in milliseconds*",
            "*fix: use seconds: exp = 1700000600*",
            "*fixed: 1700000600",
        ]
    )
    out = result.stdout.str()
    assert "JwtAssertionError(" not in out  # not a repr
    assert "def assert_valid_jwt" not in out  # the helper's frame is hidden; the user's line shows
    assert "assert_valid_jwt(make_token(millis=True)" in out


def test_short_traceback_and_exitfirst(pytester):
    pytester.makepyfile(
        ISSUER
        + """
def test_first():
    assert_valid_jwt(make_token(millis=True), now=NOW)

def test_second():
    assert_valid_jwt(make_token(millis=True), now=NOW)
"""
    )
    result = run(pytester, "-x", "--tb=short")
    result.assert_outcomes(failed=1)  # -x stopped after the first
    result.stdout.fnmatch_lines(["*fix: use seconds: exp = 1700000600*"])


def test_passing_assertion_is_silent(pytester):
    pytester.makepyfile(
        ISSUER
        + """
def test_token():
    report = assert_valid_jwt(make_token(), audience="api", now=NOW)
    assert report.ok
"""
    )
    result = run(pytester, "-q")
    result.assert_outcomes(passed=1)
    assert "jwtlint" not in result.stdout.str().lower()


def test_assertion_rewriting_shows_the_report_not_a_repr_wall(pytester):
    pytester.makepyfile(
        ISSUER
        + """
from jwtlint import lint

def test_token():
    assert lint(make_token(millis=True), now=NOW).ok
"""
    )
    result = run(pytester)
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["*where False = <Report 1 target(s): error time-in-milliseconds>.ok"])


def test_fixture_reads_tool_jwtlint_from_pyproject(pytester):
    pytester.makepyprojecttoml('[tool.jwtlint]\naud = ["api"]\nleeway = 5\n')
    pytester.makepyfile(
        ISSUER
        + """
def test_right_audience(jwtlint):
    assert jwtlint.options.audience == ("api",) and jwtlint.options.leeway == 5.0
    jwtlint.assert_valid(make_token(aud="api"), now=NOW)

def test_wrong_audience(jwtlint):
    jwtlint(make_token(aud="https://api.example.com"), now=NOW)
"""
    )
    result = run(pytester)
    result.assert_outcomes(passed=1, failed=1)
    result.stdout.fnmatch_lines(["*test_wrong_audience*", "*error JWT409 aud-mismatch*"])


def test_command_line_audience_overrides_the_config(pytester):
    pytester.makepyprojecttoml('[tool.jwtlint]\naud = ["api"]\n')
    pytester.makepyfile(
        ISSUER
        + """
def test_token(jwtlint):
    jwtlint.assert_valid(make_token(aud="billing"), now=NOW)
"""
    )
    run(pytester).assert_outcomes(failed=1)
    run(pytester, "--jwtlint-aud", "billing").assert_outcomes(passed=1)


def test_command_line_now(pytester):
    pytester.makepyfile(
        ISSUER
        + """
def test_token(jwtlint):
    jwtlint.assert_valid(make_token())
"""
    )
    result = run(pytester, f"--jwtlint-now={NOW + 3600}")
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["*error JWT404 expired payload*: expired 50 minutes ago*"])
    run(pytester, f"--jwtlint-now={NOW}").assert_outcomes(passed=1)


def test_bad_configuration_is_a_one_line_setup_error(pytester):
    pytester.makepyprojecttoml('[tool.jwtlint]\naudience = ["api"]\n')
    pytester.makepyfile("def test_token(jwtlint):\n    pass\n")
    result = run(pytester)
    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines(["jwtlint configuration: *unknown key 'audience'; did you mean 'aud'?"])
    assert "During handling" not in result.stdout.str()


# --- jwtlint.testing used directly -------------------------------------------------------------


def test_assert_valid_jwt_returns_the_report():
    token = jwt.encode({"sub": "u1", "iat": NOW - 10, "exp": NOW + 600}, SECRET, algorithm="HS256")
    assert assert_valid_jwt(token, now=NOW).names() == set()
    assert assert_valid_jwt(token.encode(), now=NOW).ok  # bytes work too


def test_assert_valid_jwt_raises_an_assertion_error_with_the_report():
    with pytest.raises(AssertionError) as info:
        assert_valid_jwt(ms_token(), now=NOW)
    assert isinstance(info.value, JwtAssertionError)
    assert info.value.report.names() == {"time-in-milliseconds"}


def test_fail_on_warning():
    token = jwt.encode({"sub": "u1"}, SECRET, algorithm="HS256")
    assert_valid_jwt(token, now=NOW)
    with pytest.raises(JwtAssertionError, match=r"\(exp-missing\)"):
        assert_valid_jwt(token, now=NOW, fail_on="warning")
    with pytest.raises(TypeError, match="not NoneType"):
        assert_valid_jwt(token, now=NOW, fail_on=None)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (None, r"assert_valid_jwt\(\) takes a token \(str or bytes\), not NoneType"),
        ({"sub": "u1"}, r"not a dict: encode and sign the claims first"),
        (12345, r"not int"),
    ],
)
def test_non_text_is_a_clear_type_error(value, message):
    with pytest.raises(TypeError, match=message):
        assert_valid_jwt(value)
    with pytest.raises(TypeError, match=message.replace("assert_valid_jwt", "lint")):
        Checker(now=NOW).lint(value)


def test_invalid_utf8_is_a_finding_not_a_crash():
    raw = ms_token().encode()
    broken = raw[:5] + b"\xff\xfe" + raw[5:]
    with pytest.raises(JwtAssertionError) as info:
        assert_valid_jwt(broken, now=NOW)
    names = info.value.report.names()
    assert "invalid-base64-char" in names and "internal-error" not in names


def test_text_without_a_token_or_with_two_fails():
    with pytest.raises(JwtAssertionError, match="expected one token, found nothing"):
        assert_valid_jwt("", now=NOW)
    token = jwt.encode({"sub": "u1", "iat": NOW - 10, "exp": NOW + 600}, SECRET, algorithm="HS256")
    with pytest.raises(JwtAssertionError, match="expected one token, found token, token"):
        assert_valid_jwt(f"{token}\n{token}", now=NOW)


def test_checker_repr_hides_keys():
    checker = Checker(now=NOW, secret=b"top-secret-value", audience="api")
    assert "top-secret" not in repr(checker) and "audience=('api',)" in repr(checker)
    # pytest -l prints the fixture's repr: a JWKS's HMAC "k" and an access token stay hidden too
    jwks = '{"keys": [{"kty": "oct", "k": "c2VjcmV0LWhtYWMta2V5LXZhbHVlLWZvci10ZXN0cw"}]}'
    checker = Checker(now=NOW, jwks=jwks, access_token="the-access-token-value", key="-----BEGIN PRIVATE KEY-----")
    shown = repr(checker)
    assert "c2VjcmV0" not in shown and "the-access-token" not in shown and "BEGIN" not in shown
    assert "jwks=<given>" in shown and "access_token=<given>" in shown


def test_checker_prepares_once_and_keeps_the_clock():
    # One Prepared for the checker's life: the rules are chosen and the key read once...
    token = jwt.encode({"sub": "u1", "iat": NOW - 10, "exp": NOW + 600}, SECRET, algorithm="HS256")
    checker = Checker(now=NOW, secret=SECRET)
    checker.assert_valid(token)
    first = checker._ready
    checker.assert_valid(token)
    assert first is not None and checker._ready is first
    # ...while the time is the one asked for on each call (the clock when none is given)
    with pytest.raises(JwtAssertionError, match=r"\(expired\)"):
        checker.assert_valid(token, now=NOW + 700)
    with pytest.raises(JwtAssertionError, match=r"\(expired\)"):
        Checker(secret=SECRET).assert_valid(token)  # the clock: long after NOW + 600
    assert checker._ready is first  # a different now is not a different preparation


def test_profile_reaches_the_checks():
    # An HS256 token is fine in general, but the Salesforce JWT bearer flow accepts only RS256.
    token = jwt.encode({"sub": "u1", "iat": NOW - 10, "exp": NOW + 600}, SECRET, algorithm="HS256")
    assert_valid_jwt(token, now=NOW)
    with pytest.raises(JwtAssertionError, match="salesforce-alg"):
        assert_valid_jwt(token, now=NOW, profile="salesforce-jwt-bearer")


def test_secret_verifies_the_signature():
    token = jwt.encode({"sub": "u1", "iat": NOW - 10, "exp": NOW + 600}, SECRET, algorithm="HS256")
    assert_valid_jwt(token, now=NOW, secret=SECRET)
    with pytest.raises(JwtAssertionError, match=r"\(signature-invalid\)") as info:
        assert_valid_jwt(token, now=NOW, secret=SECRET + "-rotated")
    assert SECRET not in str(info.value)  # neither secret is printed
    assert token.rsplit(".", 1)[1] not in str(info.value)  # nor the whole signature


def test_plugin_is_registered_through_the_pytest11_entry_point():
    from importlib.metadata import entry_points

    found = [ep.value for ep in entry_points(group="pytest11") if ep.name == "jwtlint"]
    assert found == ["jwtlint.testing.pytest_plugin"]


def test_jwks_verifies_and_names_a_missing_kid():
    import json

    from cryptography.hazmat.primitives.asymmetric import ec

    key = ec.generate_private_key(ec.SECP256R1())
    jwk = json.loads(jwt.algorithms.ECAlgorithm.to_jwk(key.public_key()))
    jwks = json.dumps({"keys": [{**jwk, "kid": "k1", "use": "sig", "alg": "ES256"}]})
    claims = {"sub": "u1", "iat": NOW - 10, "exp": NOW + 600}
    assert_valid_jwt(jwt.encode(claims, key, algorithm="ES256", headers={"kid": "k1"}), jwks=jwks, now=NOW)
    with pytest.raises(JwtAssertionError, match=r"\(kid-not-found\)"):
        assert_valid_jwt(jwt.encode(claims, key, algorithm="ES256", headers={"kid": "k2"}), jwks=jwks, now=NOW)


# --- the first line of a failure, pytest -ra, hypothesis' explanation ---


def test_first_line_is_the_finding_that_matters():
    expired = jwt.encode({"sub": "u1", "iat": NOW - 3 * 86400 - 60, "exp": NOW - 3 * 86400}, SECRET, algorithm="HS256")
    with pytest.raises(JwtAssertionError) as info:
        assert_valid_jwt(expired, now=NOW)
    first, second = str(info.value).splitlines()[:2]
    assert first == "expired: expired 3 days ago (exp 2023-11-11T22:13:20Z)"
    assert second == "the token is not valid: 1 finding at or above error (expired)"
    with pytest.raises(JwtAssertionError) as info:  # several: the most severe first, and how many more
        assert_valid_jwt(jwt.encode({"sub": "u1", "iat": (NOW - 10) * 1000, "exp": (NOW + 600) * 1000}, SECRET,
                                    algorithm="HS256"), now=NOW)  # fmt: skip
    first, second = str(info.value).splitlines()[:2]
    assert first.startswith("time-in-milliseconds: exp is in milliseconds: 1700000600000") and first.endswith(" (+1 more)")
    assert second == "the token is not valid: 2 findings at or above error (time-in-milliseconds)"


def test_short_summary_shows_the_finding_not_the_class_path(pytester, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")  # pytest -ra cuts the summary line to the terminal's width
    for var in ("CI", "BUILD_NUMBER"):  # ... except on CI, where it prints the message's first line whole
        monkeypatch.delenv(var, raising=False)
    pytester.makepyfile(
        test_issuer=ISSUER
        + """
def test_token():
    assert_valid_jwt(make_token(millis=True), now=NOW)
"""
    )
    result = run(pytester, "-ra")
    result.assert_outcomes(failed=1)
    line = [x for x in result.outlines if x.startswith("FAILED ")]
    assert line == ["FAILED test_issuer.py::test_token - time-in-milliseconds: exp is in milliseco..."]
    # the traceback still names the exception's class
    result.stdout.fnmatch_lines(["E       jwtlint.testing.JwtAssertionError: time-in-milliseconds: exp is in milliseconds*"])
    assert len(line[0]) <= 80
    monkeypatch.setenv("CI", "1")
    line = [x for x in run(pytester, "-ra").outlines if x.startswith("FAILED ")]
    assert len(line) == 1 and line[0].startswith("FAILED test_issuer.py::test_token - time-in-milliseconds: exp is in")
    assert line[0].endswith("so the token practically never expires")  # the first line only: not the report


def test_short_summary_of_other_failures_is_untouched(pytester, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    pytester.makepyfile(
        test_other=ISSUER
        + """
def test_value():
    assert_valid_jwt(make_token(), now=NOW)
    raise ValueError("not a token problem")
"""
    )
    result = run(pytester, "-ra")
    result.stdout.fnmatch_lines(["FAILED test_other.py::test_value - ValueError: not a token problem"])


HYPOTHESIS_TESTS = f"""
import jwt
import pytest
from hypothesis import given, settings, strategies as st

from jwtlint.strategies import broken_tokens
from jwtlint.testing import assert_valid_jwt

NOW = {NOW}


@settings(database=None, max_examples=60)
@given(st.integers(min_value=0, max_value=10**6))
def test_issued_token(life):
    tok = jwt.encode({{"sub": "u", "iat": NOW - 10, "exp": NOW + life}}, "k" * 32, algorithm="HS256")
    assert_valid_jwt(tok, now=NOW + 500)


@settings(database=None, max_examples=60)
@given(broken_tokens(fault=["expired", "base64-padding"], alg="HS256"))
def test_verifier(case):
    with pytest.raises(jwt.InvalidTokenError):
        jwt.decode(case.token, case.key, algorithms=["HS256"], audience=case.audience)
"""


def _explanations(result) -> list[str]:
    lines, on = [], False
    for line in result.outlines:
        if "These lines were always and only run by failing test cases:" in line:
            on = True
        elif on and re.fullmatch(r"E {8,}\S+\.py:\d+", line):
            lines.append(line[1:].strip())
        else:
            on = False
    return lines


def test_hypothesis_explanation_leaves_jwtlint_out(pytester):
    """Hypothesis' explain phase lists lines "always and only run by failing test cases": without
    the marking (the control run), jwtlint's report-building and fault-building lines; with it,
    only other code's (here PyJWT's, the verifier under test)."""
    import jwtlint

    own = str(__import__("pathlib").Path(jwtlint.__file__).resolve().parent)
    pytester.makepyfile(test_hyp=HYPOTHESIS_TESTS)
    args = ["-p", "no:cacheprovider", "--hypothesis-seed=0", "-ra"]
    pytester.makeconftest("import jwtlint.testing._hypothesis as h\nh.hide_from_hypothesis = lambda: None\n")
    control = pytester.runpytest_subprocess(*args)
    control.assert_outcomes(failed=2)
    assert any(own in line for line in _explanations(control)), control.stdout.str()  # what the issue saw
    pytester.makeconftest("")
    result = pytester.runpytest_subprocess(*args)
    result.assert_outcomes(failed=2)
    explained = _explanations(result)
    assert not any(own in line for line in explained), explained
    assert any("/jwt/" in line for line in explained), result.stdout.str()  # PyJWT's lines still show
    result.stdout.fnmatch_lines(["FAILED test_hyp.py::test_issued_token - expired: expired *"])
