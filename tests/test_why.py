"""jwtlint why: the message table (data), reading what people paste, honest attribution,
confirmation through the public API, and the measure over a collection of real messages."""

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from jwtlint.cli.app import app
from jwtlint.engine import registry
from jwtlint.why.match import FACTS, closest, compiled, explain, match, readings, skeleton
from jwtlint.why.table import PATH, load
from tokens import token

runner = CliRunner()
TABLE = load()
ENTRIES = TABLE.entries
IDS = [e.id for e in ENTRIES]
DATA = Path(__file__).parent / "data"
COLLECTION = json.loads((DATA / "why-messages.json").read_text(encoding="utf-8"))
#: Messages pasted in issue threads, gathered after the table was written (see its "from" fields).
HELD_OUT = json.loads((DATA / "why-heldout.json").read_text(encoding="utf-8"))
VALUES = {"offset": "6", "segment": "header", "char": "-", "hexchar": "2d", "deccode": "92",
          "aud_expected": "https://api.example.com", "aud_got": "https://api.example.com/",
          "iss_expected": "https://idp.example.com", "iss_got": "http://idp.example.com"}  # fmt: skip


def example(entry):
    if entry.example:
        return entry.example
    fill = iter(["RS256", 1700000000, "https://x.example/y", "'kid-1'"] * 4)
    return re.sub(r"\{([a-z_]*)\}", lambda m: VALUES[m.group(1)] if m.group(1) else str(next(fill)), entry.message)


def causes_of(result):
    return [c["key"] for m in result["matches"] for c in m["causes"]]


@pytest.mark.parametrize("entry", ENTRIES, ids=IDS)
def test_every_entry_example_is_recognised_with_its_causes(entry):
    result = explain(example(entry))
    found = [m for m in result["matches"] if any(s["cite"] == entry.cite and s["source"] == entry.source
                                                 for s in m["sources"])]  # fmt: skip
    assert found, (example(entry), [m["message"] for m in result["matches"]])
    keys = {c["key"] for c in found[0]["causes"]}
    assert {c.key for c in entry.causes} <= keys


def test_no_two_entries_claim_one_message_with_contradicting_causes():
    _, comp = compiled()
    by_key = {}
    for c in comp:
        by_key.setdefault(c.key, []).append(c.entry)
    for key, same in by_key.items():
        first = {c.key for c in same[0].causes}
        for other in same[1:]:
            assert first & {c.key for c in other.causes}, (key, same[0].id, other.id)
    # the expiry family and the "too far in the future" family never share a first cause
    for e in ENTRIES:
        if "too far" in e.message.lower() or "no more than" in e.message.lower():
            assert e.causes[0].key != "expired", e.id


def test_the_table_is_data_names_real_rules_and_cites_its_sources():
    assert PATH.name == "messages.json" and json.loads(PATH.read_text(encoding="utf-8"))["entries"]
    rules = registry().by_key
    for cause in TABLE.causes.values():
        assert cause.command.startswith("jwtlint "), cause
        assert cause.rules or cause.facts or cause.key == "client-secret", cause
        for r in cause.rules:
            assert r in rules, (cause.key, r)
        for f in cause.facts:
            assert f in FACTS, f
    for e in ENTRIES:
        assert e.cite.startswith("https://"), e.id
        assert e.versions and e.causes, e.id
        for p in e.possible:
            assert all(r in rules for r in p.rules), p
    for chars in TABLE.char_causes.values():
        assert all(k in TABLE.causes for k in chars)
    assert len(set(IDS)) == len(IDS)


def test_breadth_at_least_25_sources():
    sources = {e.source.split(" (")[0] for e in ENTRIES}
    assert len(sources) >= 25, sources
    text = " ".join(e.source for e in ENTRIES)
    for name in ("PyJWT", "python-jose", "jwcrypto", "joserfc", "authlib", "google-auth", "jsonwebtoken (node)",
                 "jwks-rsa", "jose (node", "golang-jwt", "Go crypto/x509", "Go encoding/base64", "jjwt", "jose4j",
                 "Nimbus", "Spring Security", "Keycloak", "Java java.util.Base64", "Java security", "OpenSSL 1.1",
                 "OpenSSL 3", "pyca/cryptography", ".NET System.Convert", "Microsoft.IdentityModel", "Entra ID",
                 "Salesforce", "Google OAuth", "Apple", "GitHub", "Okta", "Auth0", "Firebase Admin", "Cognito",
                 "php-jwt", "jsonwebtoken (Rust)"):  # fmt: skip
        assert name in text or any(name in str(p) for e in ENTRIES for p in e.possible), name


# --- reading what people paste ------------------------------------------------------------


@pytest.mark.parametrize("pasted", [
    '{"error":"invalid_grant","error_description":"audience is invalid"}',
    "error=invalid_grant&error_description=audience+is+invalid",
    'HTTP/1.1 400\nContent-Type: application/json\n\n{\n  "error": "invalid_grant",\n  "error_description": "audience is invalid"\n}',
    'level=warn msg="token refused" error="invalid_grant" error_description="audience is invalid"',
])  # fmt: skip
def test_oauth_error_bodies_as_they_arrive(pasted):
    (first, *_) = explain(pasted)["matches"]
    assert first["source"] == "Salesforce token endpoint" and first["causes"][0]["key"] == "sf-aud"


def test_a_stack_trace_is_read_line_by_line():
    trace = (
        "Exception in thread \"main\" io.jsonwebtoken.ExpiredJwtException: JWT expired at 2021-09-10T21:36:54Z. "
        "Current time: 2021-09-11T07:57:49Z, a difference of 37255119 milliseconds.  Allowed clock skew: 0 milliseconds.\n"
        "\tat io.jsonwebtoken.impl.DefaultJwtParser.parse(DefaultJwtParser.java:385)\n"
        "\tat com.example.Auth.check(Auth.java:12)\n"
    )
    (m,) = explain(trace)["matches"]
    assert m["source"] == "jjwt" and m["exact"] and m["causes"][0]["key"] == "expired"


def test_codes_and_exception_names_alone():
    (m,) = explain("AADSTS700027")["matches"]
    assert m["found_by"] == "code" and "invalid signature" in m["message"] and m["causes"][0]["key"] == "wrong-key"
    (m,) = explain("IDX10503")["matches"]
    assert m["found_by"] == "code" and m["source"] == ".NET Microsoft.IdentityModel"
    (m,) = explain("ExpiredJwtException")["matches"]
    assert m["found_by"] == "exception" and m["source"] == "jjwt"
    (m,) = explain("jwt.exceptions.ExpiredSignatureError")["matches"]
    assert "PyJWT" in m["source"] and m["causes"][0]["key"] == "expired"
    assert not explain("ValueError")["matches"]  # says nothing about the cause


def test_readings_of_a_json_body_and_a_header():
    assert "invalid_client: nope" in readings('{"error": "invalid_client", "error_description": "nope"}')
    assert "invalid_token: expired" in readings('Bearer error="invalid_token", error_description="expired"')


# --- attribution --------------------------------------------------------------------------


@pytest.mark.parametrize("body", ['{"error": "invalid_client"}', '{"error":"invalid_grant"}', "invalid_client"])
def test_a_generic_oauth_error_is_never_blamed_on_one_platform(body):
    (m,) = explain(body)["matches"]
    assert m["generic"] and "any platform" in m["source"]
    assert len({p["platform"] for p in m["possible"]}) >= 2
    assert not any(p["named_in_message"] for p in m["possible"])
    platform_rules = {r for c in m["causes"] for r in c["rules"]} & {"apple-alg-kid", "apple-claims", "salesforce-aud"}
    assert not platform_rules
    text = explain_text(body)
    assert "does not say which platform" in text and text.count("if it came from") >= 2


def test_a_platform_named_in_the_message_is_said_but_stays_a_possibility():
    (m,) = explain('{"error":"invalid_client"} from https://appleid.apple.com/auth/token')["matches"]
    assert m["generic"] and [p["platform"] for p in m["possible"] if p["named_in_message"]] == ["Sign in with Apple"]


def test_okta_too_far_in_the_future_is_not_called_expired():
    body = '{"error":"invalid_client","error_description":"The client_assertion token has an expiration too far into the future."}'
    (m,) = explain(body)["matches"]
    assert m["source"] == "Okta" and m["causes"][0]["key"] == "lifetime"
    assert "expired" not in [c["key"] for c in m["causes"]]


@pytest.mark.parametrize("text,source", [
    ("io.jsonwebtoken.ExpiredJwtException: JWT expired at 2021-09-10T21:36:54Z. Current time: 2021-09-11T07:57:49Z, "
     "a difference of 37255119 milliseconds.  Allowed clock skew: 0 milliseconds.", "jjwt"),
    ("An error occurred while attempting to decode the Jwt: Jwt expired at 2020-12-14T17:23:30Z", "Spring Security"),
])  # fmt: skip
def test_longer_messages_are_not_credited_to_a_library_with_a_shared_substring(text, source):
    matches = explain(text)["matches"]
    assert matches[0]["source"] == source
    assert not any("jsonwebtoken" in m["source"] for m in matches)


def test_a_few_known_words_inside_an_unknown_message_are_not_a_diagnosis_of_the_library():
    (m,) = explain("PGRST301: JWT expired")["matches"]
    assert not m["exact"] and "another library may print the same words" in explain_text("PGRST301: JWT expired")


def test_the_exception_class_narrows_shared_words_to_its_library():
    (m,) = explain("jose.exceptions.JWSSignatureError: Signature verification failed.")["matches"]
    assert m["source"] == "python-jose"
    (m,) = explain("Signature verification failed")["matches"]
    assert {"PyJWT", "python-jose", "php-jwt"} <= set(m["source"].split(", "))


# --- variable parts are read ------------------------------------------------------------------


def test_the_character_a_base64_error_names_orders_the_causes():
    assert explain("Illegal base64 character 5c")["matches"][0]["causes"][0]["key"] == "escaped-newlines"
    assert explain("Illegal base64 character 2d")["matches"][0]["causes"][0]["key"] == "pem-armor-b64"
    assert explain("Illegal base64 character 5f")["matches"][0]["causes"][0]["key"] == "b64url-in-std"
    assert explain("Invalid symbol 92, offset 0.")["matches"][0]["causes"][0]["key"] == "escaped-newlines"
    (m,) = explain("Unrecognized base64 character: -")["matches"]
    assert m["read"]["char"] == "-" and [c["key"] for c in m["causes"][:2]] == ["pem-armor-b64", "b64url-in-std"]


GOOD = token({"alg": "HS256", "typ": "JWT"}, {"sub": "a", "aud": "https://api.example.com/", "iat": 1700000000,
                                              "exp": 1700000900}, b"\x01" * 32)  # fmt: skip


def test_go_byte_offset_is_read_in_the_token():
    msg = "token is malformed: could not base64 decode header: illegal base64 data at input byte 6"
    (m,) = explain(msg, token="Bearer " + GOOD, now=1700000100)["matches"]
    assert any("byte 6 of the header segment of your token is ' '" in n for n in m["notes"])
    first = m["causes"][0]
    assert first["key"] == "bearer" and first["verdict"] == "confirmed" and "bearer-prefix" in first["confirmed_by"]
    verdicts = {c["key"]: c["verdict"] for c in m["causes"]}
    assert verdicts["bad-b64"] == "ruled out"  # its rules all ran on the token and found nothing
    assert verdicts["whitespace"] == "partly checked"  # one of its rules reads a key, and none was given


def test_expected_and_got_are_compared():
    msg = ("Invalid token issuer. Expected 'http://127.0.0.1:9080/realms/dev', but was "
           "'http://localhost:9080/realms/dev'")  # fmt: skip
    (m,) = explain(msg)["matches"]
    assert m["read"]["iss_expected"] == "http://127.0.0.1:9080/realms/dev"
    assert any("another host" in n for n in m["notes"])
    msg = 'Firebase ID token has incorrect "aud" (audience) claim. Expected "https://a.example" but got "https://a.example/".'
    assert any("trailing slash" in n for n in explain(msg)["matches"][0]["notes"])


def test_an_expected_audience_is_checked_against_the_token():
    msg = "jwt audience invalid. expected: https://api.example.com"
    (m,) = explain(msg, token=GOOD, now=1700000100)["matches"]
    (aud,) = [c for c in m["causes"] if c["key"] == "aud"]
    assert aud["verdict"] == "confirmed" and "aud-mismatch" in aud["confirmed_by"]
    (m,) = explain("jwt audience invalid. expected: https://api.example.com/", token=GOOD, now=1700000100)["matches"]
    assert [c["verdict"] for c in m["causes"] if c["key"] == "aud"] == ["ruled out"]


def test_the_expected_audience_can_be_given_when_the_message_does_not_say_it():
    (m,) = explain("Invalid audience", token=GOOD, now=1700000100)["matches"]
    assert [c["needs"] for c in m["causes"] if c["key"] == "aud"] == ["--aud (the audience the verifier expects)"]
    (m,) = explain("Invalid audience", token=GOOD, now=1700000100, audience="https://other.example")["matches"]
    assert [c["verdict"] for c in m["causes"] if c["key"] == "aud"] == ["confirmed"]
    r = runner.invoke(app, ["why", "Invalid audience", "--token", GOOD, "--now", "1700000100", "--aud", "https://api.example.com/"])
    assert r.exit_code == 0 and "ruled out" in r.output


# --- confirmation -------------------------------------------------------------------------------


PEM = (
    "-----BEGIN PRIVATE KEY-----\n"
    "MC4CAQAwBQYDK2VwBCIEIJ+DYvh6SEqVTm50DFtMDoQikTmiCqirVv9mWG9qfSnF\n"
    "-----END PRIVATE KEY-----\n"
)  # RFC 8410 §10.3 example Ed25519 private key


ED25519_PUBLIC = (
    "-----BEGIN PUBLIC KEY-----\n"
    "MCowBQYDK2VwAyEAGb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuE=\n"
    "-----END PUBLIC KEY-----\n"
)  # RFC 8410 §10.1 example public key


def test_a_key_that_cannot_verify_the_token_rules_nothing_out():
    """An HS256 token and an Ed25519 key, or a key text that is not a key: the signature was
    never checked, so a wrong key is not "ruled out"."""
    for key in (ED25519_PUBLIC, "not a key at all"):
        (m,) = explain("invalid signature", token=GOOD, key=key, now=1700000100)["matches"]
        wrong_key = m["causes"][0]
        assert wrong_key["key"] == "wrong-key" and wrong_key["verdict"] != "ruled out", key


def test_a_key_that_verifies_rules_the_wrong_key_out_and_another_key_confirms_it():
    import jwt as pyjwt
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa

    def public_pem(k):
        return k.public_key().public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo).decode()

    signer, other = (rsa.generate_private_key(public_exponent=65537, key_size=2048) for _ in range(2))
    signed = pyjwt.encode({"sub": "a", "iat": 1700000000, "exp": 1700000900}, signer, algorithm="RS256")
    (m,) = explain("invalid signature", token=signed, key=public_pem(signer), now=1700000100)["matches"]
    assert m["causes"][0]["key"] == "wrong-key" and m["causes"][0]["verdict"] == "ruled out"
    (m,) = explain("invalid signature", token=signed, key=public_pem(other), now=1700000100)["matches"]
    assert m["causes"][0]["verdict"] == "confirmed" and "signature-invalid" in m["causes"][0]["confirmed_by"]


def test_with_the_key_file_it_says_which_cause():
    (m,) = explain("Unrecognized base64 character: -", key=PEM)["matches"]
    armor, alphabet = m["causes"][:2]
    assert armor["verdict"] == "confirmed" and alphabet["verdict"] != "confirmed"
    escaped = PEM.replace("\n", "\\n")
    (m,) = explain("error:1E08010C:DECODER routines::unsupported", key=escaped)["matches"]
    assert m["causes"][0]["key"] == "escaped-newlines" and m["causes"][0]["verdict"] == "confirmed"


def test_expired_is_confirmed_or_ruled_out_and_the_rest_says_what_it_needs():
    (m,) = explain("jwt expired", token=GOOD, now=1800000000)["matches"]
    assert m["causes"][0]["verdict"] == "confirmed"
    (m,) = explain("jwt expired", token=GOOD, now=1700000100)["matches"]
    assert m["causes"][0]["verdict"] == "ruled out"
    (m,) = explain("invalid signature", token=GOOD, now=1700000100)["matches"]
    wrong_key = m["causes"][0]
    assert wrong_key["key"] == "wrong-key" and wrong_key["verdict"] == "not checked" and wrong_key["needs"] == "--key"


def test_with_a_token_the_profile_rules_confirm_the_cause():
    t15 = token({"alg": "RS256"}, {"iat": 1700000000, "exp": 1700000900, "iss": "123"}, b"\x01" * 256)
    (m,) = explain('{"message":"\'Expiration time\' claim (\'exp\') is too far in the future"}', token=t15, now=1700000000)["matches"]
    assert m["causes"][0]["confirmed_by"] == ["github-app-lifetime"]
    seed = open("corpus/salesforce-apex-seed-token/input.txt").read()
    (m,) = explain("invalid_grant: invalid assertion", token=seed, now=1603471980)["matches"]
    confirmed = {r for c in m["causes"] for r in c["confirmed_by"]}
    assert {"std-base64-alphabet", "salesforce-hand-encoded", "time-in-milliseconds", "salesforce-exp"} <= confirmed


def test_unknown_messages_get_the_closest_ones_and_the_next_step():
    r = explain("the moon is made of cheese")
    assert not r["matches"] and r["next_step"] == "jwtlint check TOKEN"
    assert [e.message for e in closest("jwt expird")][0] == "jwt expired"
    assert "next step: jwtlint check TOKEN" in explain_text("jwt expird")


def explain_text(message, **kw):
    from jwtlint.why.match import to_text

    return to_text(explain(message, **kw))


# --- the CLI, start-up, hostile input -------------------------------------------------------------


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


def test_the_table_ships_in_the_wheel():
    """The wheel build (tests/test_packaging.py) takes package data from pyproject's list."""
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10
        import tomli as tomllib
    pyproject = tomllib.loads((Path(__file__).parent.parent / "pyproject.toml").read_text(encoding="utf-8"))
    assert "messages.json" in pyproject["tool"]["setuptools"]["package-data"]["jwtlint.why"]


def test_other_commands_do_not_read_the_table():
    code = (
        "import sys\n"
        "sys.addaudithook(lambda ev, args: ev == 'open' and 'messages.json' in str(args[0]) and print('OPENED'))\n"
        "import jwtlint.cli.app\n"
        "print('jwtlint.why.table' in sys.modules, 'jwtlint.why.match' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False", "False"]


def test_a_huge_message_is_cut_and_answered_quickly():
    import time

    explain("warm up")
    start = time.perf_counter()
    explain("invalid " * 200000 + "jwt expired")
    explain("Signature " * 100000)
    explain("{" * 50000 + '"error": "x"')
    explain("\n".join(["at x.y(Z.java:1)"] * 20000))
    explain('{"a":' + "[" * 8000)  # deeper than the JSON parser goes: not a traceback
    explain('{"error":' * 3000)
    assert time.perf_counter() - start < 5


def test_skeleton_keeps_codes_and_makes_numbers_uniform():
    assert skeleton("HS256 at line 42") == "hs256 at line <n>"
    assert skeleton("IDX10503: x") == "idx10503: x"
    assert match("IDX12741: JWT: 'abc' must have three segments (JWS) or five segments (JWE).")


# --- the measure ----------------------------------------------------------------------------------


def measure(collection):
    recognised = top3 = with_rules = 0
    for item in collection:
        result = explain(item["text"])
        if not result["matches"]:
            continue
        recognised += 1
        if item["rules"]:
            with_rules += 1
            first = result["matches"][0]
            if {r for c in first["causes"][:3] for r in c["rules"]} & set(item["rules"]):
                top3 += 1
    return recognised / len(collection), top3 / with_rules


def test_the_collection_of_real_messages_is_recognised():
    """tests/data/why-messages.json: messages as found in libraries' sources, documentation and
    repositories (each with where it was found) and the rules that confirm their known cause."""
    assert len(COLLECTION) >= 200
    recognised, top3 = measure(COLLECTION)
    assert recognised >= 0.90 and top3 >= 0.80


def test_the_held_out_messages_from_issue_threads_are_recognised():
    assert len(HELD_OUT) >= 30
    recognised, top3 = measure(HELD_OUT)
    assert recognised >= 0.90 and top3 >= 0.80


def test_an_unknown_message_is_answered_quickly():
    import time

    explain("warm up")
    start = time.perf_counter()
    for i in range(20):
        assert not explain(f"error {i}: the flux capacitor of unit {i} is not charged")["matches"]
    assert time.perf_counter() - start < 2
