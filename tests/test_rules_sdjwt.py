"""SD-JWT (RFC 9901): recognised by '~', the JWT linted, disclosures checked for shape and digests."""

import base64
import hashlib
import json

from jwtlint import lint
from jwtlint.token.intake import extract
from jwtlint.token.sdjwt import split
from tokens import token

NOW = 1700000000


def b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def disc(*items) -> str:
    return b64(json.dumps(list(items)).encode())


def sha(text: str, h=hashlib.sha256) -> str:
    return b64(h(text.encode()).digest())


GIVEN = disc("salt1", "given_name", "John")
ELEMENT = disc("salt2", "US")


def sd_jwt(disclosures, sd=None, extra_payload=None, kb=""):
    payload = {"iss": "https://i.example", "iat": NOW, "exp": NOW + 600,
               "_sd": sd if sd is not None else [sha(d) for d in disclosures], **(extra_payload or {})}  # fmt: skip
    jws = token({"alg": "ES256", "typ": "dc+sd-jwt"}, payload, b"\x01" * 64)
    return "~".join([jws, *disclosures]) + "~" + kb


def found(text):
    return [(f.name, f.message) for f in lint(text, now=NOW).findings]


def test_a_good_sd_jwt_is_recognised_and_nothing_is_broken():
    got = found(sd_jwt([GIVEN, ELEMENT], sd=[sha(GIVEN)], extra_payload={"nationalities": [{"...": sha(ELEMENT)}]}))
    assert got == [("sd-jwt-recognized", "SD-JWT: 2 disclosure(s); claims given_name; 1 array element(s); no key-binding JWT")]


def test_the_issuer_jwt_is_linted_as_a_token():
    t = extract(sd_jwt([GIVEN]))[0]
    assert t.form == "jws" and "~" not in t.text and t.payload["_sd"] == [sha(GIVEN)]
    assert t.sd_jwt.disclosures[0].claim == "given_name"


def test_key_binding_jwt_is_recorded():
    kb = token({"alg": "ES256", "typ": "kb+jwt"}, {"nonce": "n"}, b"\x01" * 64)
    got = found(sd_jwt([GIVEN], kb=kb))
    assert got == [("sd-jwt-recognized", "SD-JWT: 1 disclosure(s); claims given_name; with a key-binding JWT")]


def test_sd_jwt_disclosure_malformed():
    padded = base64.urlsafe_b64encode(json.dumps(["s", "n", "v!"]).encode()).decode()
    assert padded.endswith("=")
    cases = {
        b64(b'{"given_name":"John"}'): "does not decode to a JSON array",
        disc("s", "a", "b", "c"): "array of 4 elements",
        disc(1, "n", "v"): "salt that is not a string",
        disc("s", 2, "v"): "claim name that is not a string",
        disc("s", "_sd", "v"): "forbids",
        padded: "not base64url",
    }
    for d, words in cases.items():
        (f,) = [x for x in lint(sd_jwt([d]), now=NOW).findings if x.name == "sd-jwt-disclosure-malformed"]
        assert words in f.message, (d, f.message)
    assert ("sd-jwt-disclosure-malformed", "disclosure 1 is empty (two '~' in a row)") in found(sd_jwt([""], sd=[]))
    twice = [x for x in found(sd_jwt([GIVEN, GIVEN])) if x[0] == "sd-jwt-disclosure-malformed"]
    assert twice == [("sd-jwt-disclosure-malformed", "disclosure 2 appears twice; verifiers reject the SD-JWT")]


def test_sd_jwt_disclosure_unreferenced():
    got = [m for n, m in found(sd_jwt([GIVEN], sd=["not-the-digest"])) if n == "sd-jwt-disclosure-unreferenced"]
    assert got == [f"disclosure 1 (given_name) has sha-256 digest {sha(GIVEN)}, which no _sd array lists"]
    # listed under another hash than _sd_alg says
    got = [m for n, m in found(sd_jwt([GIVEN], sd=[sha(GIVEN, hashlib.sha512)])) if n == "sd-jwt-disclosure-unreferenced"]
    assert got and got[0].endswith("it matches under sha-512, not sha-256")
    # _sd_alg sha-512 with sha-512 digests: fine; nested digests inside a disclosure count too
    assert not [n for n, _ in found(sd_jwt([GIVEN], sd=[sha(GIVEN, hashlib.sha512)], extra_payload={"_sd_alg": "sha-512"}))
                if n == "sd-jwt-disclosure-unreferenced"]  # fmt: skip
    inner = disc("s3", "street", "Main St")
    outer = disc("s4", "address", {"_sd": [sha(inner)]})
    assert not [n for n, _ in found(sd_jwt([outer, inner], sd=[sha(outer)])) if n != "sd-jwt-recognized"]


def test_not_an_sd_jwt_when_no_jws_precedes_the_tilde():
    assert split("abc~def~") is None
    assert split("a.b.c") is None
    assert extract("a.b.c~")[0].sd_jwt is not None and extract("eyJ.x.y")[0].sd_jwt is None
