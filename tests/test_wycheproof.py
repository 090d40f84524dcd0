"""The Wycheproof JSON Web Signature vectors, verified with each group's key.

tests/data/wycheproof_jws_even.json is C2SP/wycheproof
``testvectors_v1/json_web_signature_test.json`` (the tests with an even tcId;
Apache-2.0, corpus/LICENSES/wycheproof-Apache-2.0.txt). Given the group's key,
every invalid case must draw at least one error, and every valid case none.
Findings about the key being a published sample (``known-sample-key``: these
keys are published) and about a guessable HMAC secret are set aside.
"""

import json
from pathlib import Path

import pytest

from jwtlint import lint

DATA = json.loads((Path(__file__).parent / "data" / "wycheproof_jws_even.json").read_text())
CASES = [(g, t) for g in DATA["testGroups"] for t in g["tests"]]
SET_ASIDE = {"known-sample-key", "weak-hmac-secret"}

#: Valid to Wycheproof, flagged by jwtlint, rightly:
#: - tcId 372/373 hold a '?' inside a segment: a strict base64url reader rejects them
#:   (and the MAC verifies over the text without it: signed-over-wrong-input says so);
#: - Figure20/Figure27 (RFC 7520 figures) sign PS384 with a JWK whose "alg" pins PS256:
#:   verifiers that honour the JWK's alg refuse them (jwk-alg-mismatch).
FLAGGED_VALID = {tc: {"invalid-base64-char", "signed-over-wrong-input"} for tc in (372, 373)}
FLAGGED_BY_KEY_ALG = {"Figure20", "Figure27"}
#: Labelled invalid, yet the stored token is well formed and verifies with the group's
#: key; other harnesses list it as defective and skip it.
DEFECTIVE_INVALID = {"invalidBase64PaddingInPayload"}


def _key(group):
    return json.dumps(group.get("public") or group["private"])


@pytest.mark.parametrize("group,case", CASES, ids=[f"{t['tcId']}-{t['comment']}" for _, t in CASES])
def test_wycheproof_case(group, case):
    report = lint(case["jws"], key=_key(group), now=1_700_000_000)
    tokens = [t for t in report.targets if t.target.kind == "token"]
    errors = {f.name for t in tokens for f in t.findings if str(f.severity) == "error"} - SET_ASIDE
    if case["result"] == "invalid":
        if case["comment"] in DEFECTIVE_INVALID:
            pytest.skip("labelled invalid, but the stored token verifies (a known defect of the vector)")
        # No token found at all (the empty string) is a rejection too: `check` exits 2.
        assert errors or not tokens, f"tcId {case['tcId']} {case['comment']}: no error"
        return
    allowed = FLAGGED_VALID.get(case["tcId"], set())
    if case["comment"] in FLAGGED_BY_KEY_ALG:
        allowed = allowed | {"jwk-alg-mismatch"}
    assert errors <= allowed, f"tcId {case['tcId']} {case['comment']}: {sorted(errors)}"
    if case["tcId"] in FLAGGED_VALID:
        assert errors, f"tcId {case['tcId']}: the '?' must be flagged"


def test_every_valid_case_verifies():
    """The valid cases all verify with the group's key (not merely 'no error')."""
    from jwtlint.api import lint as _lint

    for group, case in CASES:
        if case["result"] != "valid":
            continue
        (token,) = [t for t in _lint(case["jws"], key=_key(group), now=1_700_000_000).targets if t.target.kind == "token"]
        ev = token.target.verification
        assert ev is not None and (ev.verified or case["tcId"] in FLAGGED_VALID), case["tcId"]
