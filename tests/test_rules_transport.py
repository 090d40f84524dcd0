import jwt
import pytest

import jwtlint
from jwtlint.engine import Severity

from tokens import NOW, token

TOK = jwt.encode({"sub": "1", "iat": NOW, "exp": NOW + 600}, "k" * 32, algorithm="HS256")


def by_name(report, name):
    return [f for f in report.findings if f.name == name]


def test_clean_token_draws_no_transport_finding():
    assert jwtlint.lint(TOK, now=NOW).findings == []


def test_wrapped_token_is_an_error_with_joined_fix():
    report = jwtlint.lint(TOK[:50] + "\n" + TOK[50:], now=NOW)
    assert [f.name for f in report.findings] == ["whitespace-in-token"]
    (f,) = report.findings
    assert f.severity == Severity.ERROR and f.fixed == TOK and "line break" in f.message
    assert (f.span.part, f.span.start, f.span.end) == ("input", 50, 51)


def test_space_inside_a_line_is_an_error_that_restores_plus():
    std = token(signature=bytes([0xFB] * 32))  # the signature segment is all '-' and '+'-able
    with_plus = std.replace("-", "+")
    broken = with_plus.replace("+", " ")
    report = jwtlint.lint(broken, now=NOW)
    (f,) = by_name(report, "whitespace-in-token")
    assert f.severity == Severity.ERROR and f.fixed == with_plus and "'+'" in f.message
    # the spaces are read back as '+', so the rest of the report describes the real token
    assert {x.name for x in report.findings} == {"whitespace-in-token", "std-base64-alphabet"}


def test_percent_encoded_token():
    (f,) = by_name(jwtlint.lint(TOK.replace(".", "%2E"), now=NOW), "percent-encoded-token")
    assert f.fixed == TOK and "%2E" in f.message and f.span.part == "input" and f.span.start == TOK.index(".")


def test_form_value_with_raw_plus():
    signature = bytes([0xFB] * 32)
    std = token(signature=signature).replace("-", "+")
    body = "grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer&assertion=" + std
    report = jwtlint.lint(body, now=NOW)
    (f,) = by_name(report, "form-assertion-not-urlencoded")
    assert f.severity == Severity.ERROR
    assert f.fixed == std.replace("+", "%2B")
    assert body[f.span.start] == "+"
    assert f.sensitive and "hidden" in f.to_dict()["fixed"]
    assert by_name(report, "std-base64-alphabet")  # the cause is reported too


def test_properly_encoded_form_is_silent():
    from urllib.parse import urlencode

    body = urlencode({"grant_type": "urn:ietf:params:oauth:grant-type:jwt-bearer", "assertion": TOK})
    assert jwtlint.lint(body, now=NOW).findings == []


@pytest.mark.parametrize("text,name", [(f"Bearer {TOK}", "bearer-prefix"), (f"'{TOK}'", "surrounding-quotes")])
def test_info_for_removed_wrappers(text, name):
    report = jwtlint.lint(text, now=NOW)
    assert [(f.name, f.severity) for f in report.findings] == [(name, Severity.INFO)]
    assert report.ok
