"""jwtlint why: every message in the table is recognised, as printed and in near variants;
the table cites its sources and names real rules; a token or key confirms the cause."""

import json
import re
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from jwtlint.cli.app import app
from jwtlint.engine import registry
from jwtlint.why.match import FACTS, closest, explain, match, skeleton
from jwtlint.why.table import ENTRIES
from tokens import token

runner = CliRunner()
IDS = [f"{e.source}: {e.message}" for e in ENTRIES]


def filled(message, values):
    it = iter(values)
    return re.sub(r"\{\}", lambda _: str(next(it)), message)


@pytest.mark.parametrize("entry", ENTRIES, ids=IDS)
def test_every_message_is_recognised_as_printed(entry):
    text = filled(entry.message, ["RS256", 1700000000, "https://api.example.com"] * 3)
    assert entry in match(text)


@pytest.mark.parametrize("entry", ENTRIES, ids=IDS)
def test_near_variants_match_too(entry):
    """Other numbers, URLs and quoting, other case, inside a longer line (a stack trace, a JSON body)."""
    text = filled(entry.message, ["'HS512'", 42, "http://localhost:8080/x?y=1"] * 3)
    text = text.replace("'", '"') if "'" in entry.message else text
    for variant in (text, text.upper(), f"Error: {text} (at Foo.bar:123)", json.dumps({"error_description": text})):
        assert entry in match(variant), variant


def test_numbers_in_messages_are_variable_but_codes_are_not():
    assert match("IDX12741: JWT: 'abc' must have three segments (JWS) or five segments (JWE).")
    assert match("The token was expected to have 3 parts, but got 1.") == match("The token was expected to have 3 parts, but got 5.")
    assert not match("IDX99999: something else")
    assert skeleton("HS256 at line 42") == "hs256 at line <n>"


def test_the_table_is_big_cited_and_names_real_rules():
    assert len(ENTRIES) >= 40
    sources = " ".join(e.source for e in ENTRIES)
    for lib in ("PyJWT", "jwcrypto", "python-jose", "jsonwebtoken", "jose (", "java-jwt", "jjwt", "Nimbus",
                ".NET", "Salesforce token endpoint", "Salesforce Apex", "Google", "Apple", "GitHub", "Okta", "Auth0", "Entra"):
        assert lib in sources, lib
    rules = registry().by_key
    for e in ENTRIES:
        assert e.cite.startswith("https://"), e
        assert e.causes, e
        for c in e.causes:
            assert c.command.startswith("jwtlint "), c
            assert c.rules or c.facts, c
            for r in c.rules:
                assert r in rules, (e.message, r)
            for f in c.facts:
                assert f in FACTS, f


def test_unrecognized_base64_character_names_the_pem_armor_and_the_alphabet():
    (m,) = explain("Unrecognized base64 character: -")["matches"]
    text = " ".join(c["cause"] for c in m["causes"])
    assert "PEM armor" in text and "-----BEGIN" in text and "base64url" in text and "'+' and '/'" in text


PEM = (
    "-----BEGIN PRIVATE KEY-----\n"
    "MC4CAQAwBQYDK2VwBCIEIJ+DYvh6SEqVTm50DFtMDoQikTmiCqirVv9mWG9qfSnF\n"
    "-----END PRIVATE KEY-----\n"
)  # RFC 8410 §10.3 example Ed25519 private key


def test_with_the_key_file_it_says_which_cause():
    (m,) = explain("Unrecognized base64 character: -", key=PEM)["matches"]
    armor, alphabet = m["causes"]
    assert armor["confirmed_by"] and not alphabet["confirmed_by"]
    flat = PEM.replace("\n", "")
    (m,) = explain("Unrecognized base64 character: -", key=flat)["matches"]
    assert "pem-armor-in-base64" in m["causes"][0]["confirmed_by"]
    jwt_segment = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ-_w"
    (m,) = explain("Unrecognized base64 character: -", token=jwt_segment)["matches"]
    assert not m["causes"][0]["confirmed_by"] and m["causes"][1]["confirmed_by"]


def test_with_a_token_the_rules_confirm_the_cause():
    t15 = token({"alg": "RS256"}, {"iat": 1700000000, "exp": 1700000900, "iss": "123"}, b"\x01" * 256)
    (m,) = explain("{\"message\":\"'Expiration time' claim ('exp') is too far in the future\"}", token=t15, now=1700000000)["matches"]
    assert m["causes"][0]["confirmed_by"] == ["github-app-lifetime"]
    seed = open("corpus/salesforce-apex-seed-token/input.txt").read()
    (m,) = explain("invalid_grant: invalid assertion", token=seed, now=1603471980)["matches"]
    confirmed = {r for c in m["causes"] for r in c["confirmed_by"]}
    assert {"std-base64-alphabet", "salesforce-hand-encoded", "time-in-milliseconds", "salesforce-exp"} <= confirmed


def test_unknown_messages_get_the_closest_ones():
    assert not explain("the moon is made of cheese")["matches"]
    assert [e.message for e in closest("jwt expird")][0] == "jwt expired"


def test_same_words_from_several_libraries_are_one_block():
    (m,) = explain("Signature verification failed")["matches"]
    assert "PyJWT" in m["source"] and "python-jose" in m["source"]
    (m,) = explain("Signed JWT rejected: Invalid signature")["matches"]  # not also jsonwebtoken's shorter message
    assert m["source"].startswith("Nimbus")


def test_cli_why(tmp_path):
    r = runner.invoke(app, ["why", "Unrecognized base64 character: -"])
    assert r.exit_code == 0 and "PEM armor" in r.output and "base64url" in r.output
    key = tmp_path / "key.pem"
    key.write_text(PEM)
    r = runner.invoke(app, ["why", "Unrecognized base64 character: -", "--key", str(key)])
    assert r.exit_code == 0 and "this is the cause" in r.output and "confirmed: the key has PEM armor" in r.output
    r = runner.invoke(app, ["why", "no such message anywhere", "--format", "json"])
    assert r.exit_code == 1 and json.loads(r.output)["matches"] == []
    r = runner.invoke(app, ["why", "jwt expired", "--key", str(tmp_path / "missing.pem")])
    assert r.exit_code == 2 and "no such file" in r.output


def test_a_huge_message_is_cut_and_answered_quickly():
    import time

    start = time.perf_counter()
    explain("invalid " * 200000 + "jwt expired")
    explain("Signature " * 100000)
    assert time.perf_counter() - start < 5
