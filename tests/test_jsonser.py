"""JWS and JWE JSON serialization (RFC 7515 §7.2, RFC 7516 §7.2): recognised at intake, one target
per signature linted with the compact rules, findings pointing into the JSON text."""

import json
from pathlib import Path

import jsonschema
import pytest
from jwcrypto import jwk, jws
from jwcrypto.common import json_encode

from jsonser_helpers import CLAIMS, EC, NOW, flat, names, pub, signed
from jwtlint import lint
from jwtlint.model import TokenTarget
from jwtlint.rules.structure import Base64Padding, JweToken, SegmentCount, StdBase64Alphabet
from jwtlint.rules.verification import SignatureInvalid
from jwtlint.token.intake import extract
from jwtlint.token.jsonser import targets

DATA = Path(__file__).parent / "data" / "jsonser"
SCHEMA = json.loads((Path(__file__).parent.parent / "jwtlint" / "data" / "report.schema.json").read_text())
RSA = jwk.JWK.generate(kty="RSA", size=2048, kid="rsa-1")


# --- recognition -----------------------------------------------------------------------------


def test_pretty_printed_flattened_jws_from_a_terminal_is_one_target_of_its_compact_form():
    obj = flat({"alg": "ES256", "typ": "JWT"}, {"kid": "ec-1"})
    text = "\n" + json.dumps(obj, indent=2) + "\n"
    (t,) = extract(text)
    assert isinstance(t, TokenTarget) and t.form == "jws"
    assert t.text == f"{obj['protected']}.{obj['payload']}.{obj['signature']}"
    assert t.serialization.form == "json-flattened" and t.serialization.count == 1
    assert t.header == {"alg": "ES256", "typ": "JWT", "kid": "ec-1"}  # the JOSE header: protected and unprotected
    assert dict(t.serialization.unprotected) == {"kid": "ec-1"}
    assert (t.origin.line, t.origin.column) == (2, 1)
    assert names(text, key=pub(EC)) == []  # it verifies: kid from the unprotected header picks the key


def test_general_jws_gives_one_target_per_signature_each_verified_with_the_key_its_kid_picks():
    obj = signed((RSA, {"alg": "RS256"}, {"kid": "rsa-1"}), (EC, {"alg": "ES256"}, {"kid": "ec-1"}))
    text = json.dumps(obj, indent=1)
    ts = extract(text)
    assert [t.serialization.index for t in ts] == [0, 1]
    assert [t.alg for t in ts] == ["RS256", "ES256"]
    # each origin is the line of its signature object
    lines = text.splitlines()
    for t in ts:
        assert lines[t.origin.line - 1][t.origin.column - 1] == "{"
    keys = json.dumps({"keys": [json.loads(pub(RSA)), json.loads(pub(EC))]})
    report = lint(text, jwks=keys, now=NOW + 60)
    assert report.findings == []
    assert all(tr.target.verification.verified for tr in report.targets if tr.kind == "token")


def test_second_signature_over_another_payload_is_invalid_on_that_signature_only():
    a = signed((RSA, {"alg": "RS256"}, {"kid": "rsa-1"}))
    b = signed((EC, {"alg": "ES256"}, {"kid": "ec-1"}), payload={**CLAIMS, "sub": "u-2"})
    sigs = [{k: o[k] for k in ("protected", "header", "signature")} for o in (a, b)]
    text = json.dumps({"payload": a["payload"], "signatures": sigs})
    keys = json.dumps({"keys": [json.loads(pub(RSA)), json.loads(pub(EC))]})
    report = lint(text, jwks=keys, now=NOW + 60)
    got = [(i, f.name) for i, tr in enumerate(report.targets) for f in tr.findings]
    assert got == [(1, SignatureInvalid.name)]
    span = report.targets[1].findings[0].span
    assert span.part == "input" and text[span.start : span.end] == b["signature"]


def test_a_token_response_is_still_read_for_its_tokens():
    obj = flat()
    compact = f"{obj['protected']}.{obj['payload']}.{obj['signature']}"
    (t,) = extract(json.dumps({"access_token": compact, "token_type": "Bearer"}))
    assert t.serialization is None and t.wrapper("json") is not None


@pytest.mark.parametrize(
    "text",
    ["{}", '{"signature": "abc"}', "[1]", '{"payload": "x"} {"payload": "y"}', '{"protected": "eyJ', "{" * 5000],
)
def test_what_is_not_a_serialization_is_left_to_the_other_readers(text):
    assert targets(text) is None
    lint(text)  # and nothing raises


def test_every_truncation_of_a_serialization_is_read_without_an_exception():
    text = json.dumps(signed((EC, {"alg": "ES256"}, {"kid": "ec-1"}), (RSA, {"alg": "RS256"}, None)), indent=1)
    for end in range(0, len(text), 7):
        lint(text[:end], now=NOW)


# --- spans into the JSON text ----------------------------------------------------------------


def test_findings_point_at_the_characters_of_the_json_text():
    obj = flat({"alg": "ES256"})
    obj["signature"] += "=="  # padded, as a plain base64 encoder writes it (86 characters + 2)
    text = json.dumps(obj, indent=2) + "\n"
    report = lint(text, key=pub(EC), now=NOW + 60)
    (f,) = report.targets[0].findings
    assert f.name == Base64Padding.name
    assert f.span.part == "input" and text[f.span.start : f.span.end] == "=="
    assert text[f.span.end] == '"'  # the padding closes the "signature" string
    out = report.to_dict()["targets"][0]
    assert out["serialization"] == "json-flattened" and out["signature_index"] == 0
    jsonschema.validate(report.to_dict(), SCHEMA)


def test_a_standard_base64_character_in_protected_is_marked_where_it_is():
    obj = flat({"alg": "ES256", "kid": "key?>~"})  # base64 of these bytes holds '_' / '-'
    std = obj["protected"].replace("-", "+").replace("_", "/")
    assert std != obj["protected"]
    obj["protected"] = std
    text = json.dumps(obj)
    f = next(f for f in lint(text, now=NOW).findings if f.name == StdBase64Alphabet.name)
    assert text[f.span.start : f.span.end] in ("+", "/")
    at = text.index(std)
    assert at <= f.span.start < at + len(std)


def test_a_string_with_json_escapes_is_marked_whole():
    obj = flat({"alg": "ES256"})
    obj["signature"] += "=="
    text = json.dumps(obj).replace(obj["signature"], obj["signature"].replace("=", "\\u003d"))
    (f,) = lint(text, key=pub(EC), now=NOW + 60).findings
    assert f.name == Base64Padding.name
    assert text[f.span.start] == '"' and text[f.span.end - 1] == '"'
    assert json.loads(text[f.span.start : f.span.end]) == obj["signature"]


def test_compact_tokens_report_compact_serialization():
    obj = flat()
    compact = f"{obj['protected']}.{obj['payload']}.{obj['signature']}"
    report = lint(compact, now=NOW)
    assert report.to_dict()["targets"][0]["serialization"] == "compact"
    assert "signature_index" not in report.to_dict()["targets"][0]
    jsonschema.validate(report.to_dict(), SCHEMA)


# --- RFC 7797 and JWE ------------------------------------------------------------------------


def test_unencoded_payload_with_dots_is_one_payload_and_verifies():
    key = jwk.JWK.generate(kty="oct", size=256)
    s = jws.JWS("$.02 is the price.")
    s.add_signature(key, None, json_encode({"alg": "HS256", "b64": False, "crit": ["b64"]}))
    text = s.serialize()
    (t,) = extract(text)
    assert len(t.segments) == 3 and t.payload_unencoded
    assert t.segments[1].text == "$.02 is the price."
    report = lint(text, key=key.export(), now=NOW)
    assert report.targets[0].target.verification.verified
    assert SignatureInvalid.name not in report.names() and SegmentCount.name not in report.names()


def test_jwe_json_one_target_per_recipient_header_linted():
    text = (DATA / "rfc7520_5.13.jweg").read_text()
    report = lint(text, now=NOW)
    toks = [tr for tr in report.targets if tr.kind == "token"]
    assert len(toks) == 3 and all(tr.target.form == "jwe" for tr in toks)
    assert {f.name for f in report.findings} == {JweToken.name}
    assert [tr.target.alg for tr in toks] == ["RSA1_5", "ECDH-ES+A256KW", "A256GCMKW"]


VECTORS = sorted(p for p in DATA.iterdir() if p.suffix in (".jwsf", ".jwsg", ".jwef", ".jweg"))


@pytest.mark.parametrize("path", VECTORS, ids=[p.name for p in VECTORS])
def test_rfc7520_json_examples_draw_no_error(path):
    report = lint(path.read_text(), now=NOW)
    assert report.targets and all(tr.target.serialization is not None for tr in report.targets)
    assert report.errors == []


def test_rfc7797_cookbook_example_in_both_json_forms_is_clean_and_verifies():
    data = json.loads((DATA / "cookbook-rfc7797-hmac-sha2_b64_false.json").read_text())
    key = json.dumps(data["input"]["key"])
    for form in ("json", "json_flat"):
        report = lint(json.dumps(data["output"][form]), key=key, now=NOW)
        assert report.errors == [] and report.targets[0].target.verification.verified


# --- output ----------------------------------------------------------------------------------


def test_check_text_output_marks_the_json_and_decode_shows_both_headers():
    from typer.testing import CliRunner

    from jwtlint.cli.app import app

    runner = CliRunner()
    obj = flat({"alg": "ES256"}, {"kid": "ec-1"})
    obj["signature"] += "=="
    text = json.dumps(obj, indent=2) + "\n"
    result = runner.invoke(app, ["check", "--now", str(NOW)], input=text)
    assert result.exit_code == 1, result.output
    out = result.output
    assert "base64-padding input[" in out and "JSON flattened serialization" in out
    marked = [line for line in out.splitlines() if line.strip().startswith("input:")]
    assert marked and '=="' in marked[0]
    result = runner.invoke(app, ["decode", "--now", str(NOW)], input=text)
    out = result.output
    assert "protected header" in out and "unprotected header" in out and '"kid": "ec-1"' in out


def test_the_text_view_says_which_signature_of_how_many_and_when_there_is_none():
    from jwtlint.report.tokenview import Style, render

    general = json.dumps(signed((EC, {"alg": "ES256"}, None), (RSA, {"alg": "RS256"}, None)))
    first, second = extract(general)
    assert "JSON general serialization, signature 2 of 2" in render(second, NOW, Style(False))[0]
    (empty,) = extract('{"signatures": []}')
    header = render(empty, NOW, Style(False))[0]
    assert "no signature object" in header and "of 0" not in header
