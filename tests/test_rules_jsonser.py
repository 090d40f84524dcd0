"""The JSON serialization rules (rules/jsonser.py): shape, protected and unprotected header,
the signature limit. Objects are made with jwcrypto, then changed the way a broken producer does."""

import json
import time

import pytest

from jsonser_helpers import EC, NOW, flat, names, pub, signed
from jwtlint import lint
from jwtlint.limits import MAX_JSON_SIGNATURES
from jwtlint.rules.header import CritUnsupported
from jwtlint.rules.jsonser import HeaderParamInBoth, JsonSerializationShape, ParamNotProtected, TooManySignatures
from jwtlint.rules.structure import EmptySegment, SegmentCount


def test_no_rule_of_the_family_speaks_on_a_compact_token():
    obj = flat({"alg": "ES256"}, {"kid": "ec-1"})
    compact = f"{obj['protected']}.{obj['payload']}.{obj['signature']}"
    family = {r.name for r in (HeaderParamInBoth, JsonSerializationShape, ParamNotProtected, TooManySignatures)}
    assert not family & set(names(compact))


# --- the JOSE header: protected and unprotected ----------------------------------------------


def test_alg_only_in_the_unprotected_header_is_used_and_noted():
    obj = signed((EC, None, {"alg": "ES256", "kid": "ec-1"}))
    assert "protected" not in obj
    text = json.dumps(obj)
    report = lint(text, key=pub(EC), now=NOW + 60)
    assert [(f.name, str(f.severity)) for f in report.findings] == [(ParamNotProtected.name, "warning")]
    assert report.targets[0].target.verification.verified
    f = report.findings[0]
    assert text[f.span.start : f.span.end] == '"alg": "ES256"'
    assert EmptySegment.name not in names(text)  # no protected header is no "empty header" here


def test_crit_and_b64_must_be_protected():
    obj = flat({"alg": "ES256"}, {"kid": "ec-1"})
    obj["header"].update({"crit": ["exp"], "exp": NOW, "b64": True})
    text = json.dumps(obj)
    found = [f for f in lint(text, key=pub(EC), now=NOW + 60).findings if f.name == ParamNotProtected.name]
    assert sorted(text[f.span.start : f.span.end].split(":")[0] for f in found) == ['"b64"', '"crit"']
    assert all(str(f.severity) == "error" for f in found)
    # the compact rules' findings about an unprotected member point at it too
    crit = next(f for f in lint(text, now=NOW).findings if f.name == CritUnsupported.name)
    assert text[crit.span.start : crit.span.end] == '"crit": ["exp"]'


def test_a_member_in_both_headers_is_an_error_pointing_at_the_unprotected_one():
    obj = flat({"alg": "ES256", "kid": "ec-1"})
    obj["header"] = {"kid": "other"}
    text = json.dumps(obj)
    report = lint(text, key=pub(EC), now=NOW + 60)
    (f,) = report.findings
    assert f.name == HeaderParamInBoth.name and "different values" in f.message
    assert text[f.span.start : f.span.end] == '"kid": "other"'
    assert report.targets[0].target.header["kid"] == "ec-1"  # the protected value is the one signed


@pytest.mark.parametrize(
    "change, says",
    [
        (lambda o: o.update(protected=12), '"protected" is a number'),
        (lambda o: o.update(header="kid"), '"header" is a string'),
        (lambda o: o.pop("signature"), 'no "signature" member'),
        (lambda o: o.update(signatures=[]), '"signatures" is an empty array'),
    ],
)
def test_shape_problems(change, says):
    obj = flat({"alg": "ES256"}, {"kid": "ec-1"})
    change(obj)
    found = [f for f in lint(json.dumps(obj), now=NOW).findings if f.name == JsonSerializationShape.name]
    assert any(says in f.message for f in found), [f.message for f in found]


def test_neither_protected_nor_header_says_nothing_conveys_alg():
    obj = {"payload": "eyJzdWIiOiIxIn0", "signatures": [{"signature": "c2ln"}]}
    found = [f.message for f in lint(json.dumps(obj), now=NOW).findings if f.name == JsonSerializationShape.name]
    assert any('neither "protected" nor "header"' in m for m in found)
    assert SegmentCount.name not in names(json.dumps(obj))


# --- the limit ---------------------------------------------------------------------------------


def test_a_hundred_thousand_signatures_are_capped_with_a_finding():
    # The input limit (1 MiB) leaves room for 100,000 signature objects only if they are tiny.
    one = flat({"alg": "ES256"})
    entry = {"protected": one["protected"], "signature": one["signature"]}
    text = json.dumps({"payload": one["payload"], "signatures": [entry] + [{}] * 99_999}, separators=(",", ":"))
    assert len(text) < 1 << 20
    start = time.perf_counter()
    report = lint(text, now=NOW)
    took = time.perf_counter() - start
    assert took < 20, took  # about a second on an idle machine: 100 targets linted, the rest counted
    assert len(report.targets) == MAX_JSON_SIGNATURES
    found = [(i, f.name) for i, tr in enumerate(report.targets) for f in tr.findings if f.name == TooManySignatures.name]
    assert found == [(MAX_JSON_SIGNATURES - 1, TooManySignatures.name)]


def test_signatures_past_the_limit_are_counted_and_said():
    one = flat({"alg": "ES256"})
    entry = {"protected": one["protected"], "signature": one["signature"]}
    text = json.dumps({"payload": one["payload"], "signatures": [entry] * 5000})
    assert len(text) < 1 << 20
    start = time.perf_counter()
    report = lint(text, now=NOW, select=["too-many-signatures", "signature-invalid"])
    assert time.perf_counter() - start < 20
    assert len(report.targets) == MAX_JSON_SIGNATURES
    found = [(i, f.name) for i, tr in enumerate(report.targets) for f in tr.findings]
    assert found == [(MAX_JSON_SIGNATURES - 1, TooManySignatures.name)]
    assert "5,000 signatures" in report.findings[0].message


def test_the_family_and_its_names():
    # rule names are a contract (--select, config files, baselines): they do not change
    from jwtlint.rules import jsonser

    assert [r.name for r in jsonser.RULES] == [
        "json-serialization-shape", "header-param-in-both", "param-not-protected", "too-many-signatures",
    ]  # fmt: skip
    assert names(json.dumps(flat()), select=["jsonser"]) == []


def test_a_shape_problem_points_at_the_member():
    obj = flat({"alg": "ES256"}, {"kid": "ec-1"})
    obj["header"] = json.dumps(obj["header"])  # the header object serialized twice
    text = json.dumps(obj, indent=2)
    (f,) = [f for f in lint(text, now=NOW).findings if f.name == "json-serialization-shape"]
    assert text[f.span.start : f.span.end] == '"header": "{\\"kid\\": \\"ec-1\\"}"'


def test_a_problem_of_the_whole_object_is_said_once():
    obj = signed((EC, {"alg": "ES256"}, None), (EC, {"alg": "ES256"}, None))
    obj["payload"] = 7
    found = [(f.name, f.message) for f in lint(json.dumps(obj), now=NOW).findings if f.name == JsonSerializationShape.name]
    assert found == [(JsonSerializationShape.name, '"payload" is a number; it must be a base64url string')]
