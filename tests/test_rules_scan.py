"""Scan rules: live-token-in-repo, private-key-in-repo, and the example policy that demotes examples."""

import jwt
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa

from jwtlint import lint
from jwtlint.engine import Context, Severity
from jwtlint.scan.run import lint_text

NOW = 1_800_000_000
RSA_KEY = rsa.generate_private_key(public_exponent=65537, key_size=2048)


def scan_text(text: str, **kw):
    return lint_text(text, "f.txt", context=Context(now=NOW), **kw)


def by_name(result, name):
    return [f for tr in result.targets for f in tr.findings if f.name == name]


def pem(key, fmt=serialization.PrivateFormat.TraditionalOpenSSL, enc=None) -> str:
    return key.private_bytes(serialization.Encoding.PEM, fmt, enc or serialization.NoEncryption()).decode()


# --- live-token-in-repo ------------------------------------------------------


def test_live_token_in_repo_without_exp_is_an_error():
    tok = jwt.encode({"sub": "admin"}, RSA_KEY, algorithm="RS256")
    found = by_name(scan_text(f'TOKEN = "{tok}"\n'), "live-token-in-repo")
    assert len(found) == 1
    assert found[0].severity == Severity.ERROR
    assert "an RS256 token for sub 'admin'" in found[0].message and "never expires" in found[0].message
    assert found[0].span.part == "token" and found[0].span.end == len(tok)
    assert "revoke" in found[0].fix


def test_live_token_in_repo_with_future_exp_says_when_it_expires():
    tok = jwt.encode({"exp": NOW + 3600}, "s" * 32, algorithm="HS256")
    (f,) = by_name(scan_text(tok), "live-token-in-repo")
    assert "an HS256 token" in f.message and "expires in 1 hour" in f.message


def test_live_token_in_repo_not_for_expired_none_or_unsigned_tokens():
    expired = jwt.encode({"exp": NOW - 10}, "s" * 32, algorithm="HS256")
    unsecured = jwt.encode({"sub": "x"}, None, algorithm="none")
    stripped = jwt.encode({"sub": "x"}, "s" * 32, algorithm="HS256").rsplit(".", 1)[0] + "."
    result = scan_text(f"{expired}\n{unsecured}\n{stripped}\n")
    assert len(result.targets) == 3
    assert by_name(result, "live-token-in-repo") == []


def test_live_token_in_repo_counts_leeway_and_milliseconds():
    just_expired = jwt.encode({"exp": NOW - 30}, "s" * 32, algorithm="HS256")
    ctx = Context(now=NOW, leeway=60)
    assert by_name(lint_text(just_expired, "f", context=ctx), "live-token-in-repo")
    millis = jwt.encode({"exp": (NOW - 3600) * 1000}, "s" * 32, algorithm="HS256")  # ms: far future
    assert by_name(scan_text(millis), "live-token-in-repo")


def test_scan_rules_do_not_run_in_check():
    tok = jwt.encode({"sub": "admin"}, RSA_KEY, algorithm="RS256")
    assert "live-token-in-repo" not in lint(tok, now=NOW).names()
    assert "live-token-in-repo" in lint(tok, now=NOW, select=["live-token-in-repo"]).names()


# --- private-key-in-repo -----------------------------------------------------


@pytest.mark.parametrize(
    "key, fmt, want",
    [
        (RSA_KEY, serialization.PrivateFormat.TraditionalOpenSSL, "an RSA 2048-bit private key"),
        (RSA_KEY, serialization.PrivateFormat.PKCS8, "an RSA 2048-bit private key"),
        (ec.generate_private_key(ec.SECP256R1()), serialization.PrivateFormat.PKCS8, "an EC P-256 private key"),
    ],
)
def test_private_key_in_repo_names_the_key_type(key, fmt, want):
    (f,) = by_name(scan_text("key:\n" + pem(key, fmt)), "private-key-in-repo")
    assert f.severity == Severity.ERROR and f.message.startswith(want)
    assert f.span is not None and "rotate" not in f.message and "new key" in f.fix


def test_private_key_in_repo_not_for_public_keys():
    public = RSA_KEY.public_key().public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
    result = scan_text(public.decode())
    assert len(result.targets) == 1 and by_name(result, "private-key-in-repo") == []


def test_private_key_in_repo_encrypted_key_is_a_warning():
    enc = pem(RSA_KEY, serialization.PrivateFormat.PKCS8, serialization.BestAvailableEncryption(b"pw"))
    (f,) = by_name(scan_text(enc), "private-key-in-repo")
    assert f.severity == Severity.WARNING and "encrypted" in f.message


def test_private_key_in_repo_jwk_with_private_members():
    import json

    from jwt.algorithms import RSAAlgorithm

    jwk = json.loads(RSAAlgorithm.to_jwk(RSA_KEY))
    (f,) = by_name(scan_text(json.dumps(jwk)), "private-key-in-repo")
    assert "RSA 2048-bit private key" in f.message
    public = json.dumps({k: v for k, v in jwk.items() if k in ("kty", "n", "e")})
    assert by_name(scan_text(public), "private-key-in-repo") == []


def test_private_key_message_never_shows_key_material():
    text = pem(RSA_KEY)
    body = "".join(text.splitlines()[1:-1])
    for tr in scan_text(text).targets:
        for f in tr.findings:
            assert body[10:40] not in f.message + (f.fix or "") + (f.fixed or "")


# --- the example policy --------------------------------------------------------


def test_expired_token_is_an_example_reported_at_info():
    expired = jwt.encode({"exp": NOW - 86400, "sub": "x"}, "s" * 32, algorithm="HS256", headers={"typ": "jwt+bad"})
    result = scan_text(expired)
    (tr,) = result.targets
    assert tr.target.example
    sev = {f.name: f.severity for f in tr.findings}
    assert sev["expired"] == Severity.INFO
    assert all(s <= Severity.WARNING for s in sev.values())


def test_alg_none_token_is_an_example():
    unsecured = jwt.encode({"sub": "x"}, None, algorithm="none")
    (tr,) = scan_text(unsecured).targets
    assert tr.target.example
    assert {f.name: f.severity for f in tr.findings}["alg-none"] == Severity.INFO


def test_token_made_with_jwtio_published_secret_is_an_example():
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # PyJWT warns about the short secret: that is the point
        tok = jwt.encode({"sub": "1234567890", "name": "John Doe", "iat": 1516239022}, "your-256-bit-secret",
                         algorithm="HS256")  # fmt: skip
    (tr,) = scan_text(f"curl -H 'Authorization: Bearer {tok}'").targets
    assert tr.target.example
    (live,) = [f for f in tr.findings if f.name == "live-token-in-repo"]
    assert live.severity == Severity.INFO and "published sample secret" in live.message
    assert all(f.severity <= Severity.WARNING for f in tr.findings)
    other = jwt.encode({"sub": "x"}, "not-a-published-secret-0123456789abcdef", algorithm="HS256")
    assert by_name(scan_text(other), "live-token-in-repo")[0].severity == Severity.ERROR


def test_copied_key_is_reported_at_each_place_alike():
    text = pem(RSA_KEY)
    result = scan_text(f"a:\n{text}\nb:\n{text}")
    first, second = result.targets
    assert first.target.origin.line == 2 and second.target.origin.line > first.target.origin.line
    assert [(f.name, f.message) for f in first.findings] == [(f.name, f.message) for f in second.findings]


def test_published_sample_private_key_is_an_example():
    from pathlib import Path

    sample = (Path(__file__).parent.parent / "corpus" / "keys-jwtio-2022-sample-private-key" / "input.txt").read_text()
    (tr,) = scan_text(f"# from the jwt.io docs\n{sample}").targets
    assert tr.target.example
    sev = {f.name: f.severity for f in tr.findings}
    assert sev["known-sample-key"] == Severity.INFO
    assert sev["private-key-in-repo"] == Severity.WARNING  # still worth knowing, never blocking


def test_the_published_secrets_are_the_head_of_the_built_in_list(tmp_path, monkeypatch):
    import gzip

    from jwtlint.token import verify as verify

    assert verify.top_secrets(16) == verify.secret_list()[:16] and len(verify.top_secrets(16)) == 16
    assert verify.top_secrets(0) == []
    assert verify.top_secrets(16) == verify.secret_list()[:16]  # the list already loaded is used as it is
    monkeypatch.setattr(verify, "_list", None)  # read from the file again below
    # Shorter lists split as secret_list splits them (a final newline gives a last empty secret).
    for data in (b"a\nb\r\n\nc", b"a\nb\n", b""):
        f = tmp_path / "s.gz"
        f.write_bytes(gzip.compress(data))
        monkeypatch.setattr(verify, "_DATA", f)
        assert verify.top_secrets(16) == data.split(b"\n")
        assert verify.top_secrets(2) == data.split(b"\n")[:2]
    (tmp_path / "broken.gz").write_bytes(b"not gzip")
    monkeypatch.setattr(verify, "_DATA", tmp_path / "broken.gz")
    assert verify.top_secrets(16) == []
    monkeypatch.setattr(verify, "_DATA", tmp_path / "missing.gz")
    assert verify.top_secrets(16) == []


# --- suppression comments: unknown-rule-in-suppression, unused-suppression ----------------

LIVE_HS = jwt.encode({"sub": "svc", "iat": NOW, "exp": NOW + 3600}, "k" * 32, algorithm="HS256")


def findings_of(result, name):
    return [(tr.target.origin.line, tr.target.origin.column, f) for tr in result.targets for f in tr.findings
            if f.name == name]  # fmt: skip


def test_unknown_rule_in_suppression_names_the_nearest_rule_and_silences_nothing():
    result = scan_text(f"# jwtlint: ignore[live-token]\nA = '{LIVE_HS}'\n")
    ((line, col, f),) = findings_of(result, "unknown-rule-in-suppression")
    assert (line, col) == (1, 3) and f.severity == Severity.WARNING
    assert "'live-token'" in f.message and "did you mean live-token-in-repo?" in f.message
    assert f.span.part == "comment" and (f.span.start, f.span.end) == (16, 26)  # the name in the comment
    assert "live-token-in-repo" in f.fix
    assert by_name(result, "live-token-in-repo")  # the live token is still reported
    assert result.suppressed == 0


@pytest.mark.parametrize("written, nearest", [("expird", "expired"), ("live_token_in_repo", "live-token-in-repo"),
                                              ("lifetime-to-long", "lifetime-too-long"), ("no-such-thing-at-all", None)])  # fmt: skip
def test_unknown_rule_in_suppression_suggestions(written, nearest):
    (( _, _, f),) = findings_of(scan_text(f"A = '{LIVE_HS}'  # jwtlint: ignore[{written}]\n"), "unknown-rule-in-suppression")
    assert (f"did you mean {nearest}?" in f.message) if nearest else "did you mean" not in f.message


@pytest.mark.parametrize("comment", ["# jwtlint: ignore[Live-Token-In-Repo]", "// jwtlint:ignore[ live-token-in-repo ]",
                                     "<!-- jwtlint: ignore [LIVE-TOKEN-IN-REPO] -->", "# jwtlint: ignore[jwt801]",
                                     "# jwtlint: ignore[live-token-in-repo"])  # fmt: skip
def test_case_and_blank_variants_of_a_real_name_are_accepted(comment):
    result = scan_text(f"{comment}\nA = '{LIVE_HS}'\n")
    assert by_name(result, "live-token-in-repo") == []
    assert result.suppressed == 1
    assert not by_name(result, "unknown-rule-in-suppression") and not by_name(result, "unused-suppression")


def test_unused_suppression_for_a_rule_that_did_not_fire():
    result = scan_text(f"A = '{LIVE_HS}'  // jwtlint:ignore[expired ]\n")
    ((line, _, f),) = findings_of(result, "unused-suppression")
    assert line == 1 and f.severity == Severity.WARNING
    assert "expired" in f.message and "silenced nothing" in f.message
    assert by_name(result, "live-token-in-repo")


def test_unused_suppression_names_only_the_unused_names_of_a_list():
    result = scan_text(f"A = '{LIVE_HS}'  # jwtlint: ignore[live-token-in-repo, alg-none]\n")
    ((_, _, f),) = findings_of(result, "unused-suppression")
    assert f.message.startswith("alg-none in") and "remove alg-none from the list" in f.fix
    assert result.suppressed == 1


def test_unused_bare_suppression_and_one_on_the_wrong_line():
    result = scan_text(f"# jwtlint: ignore\n\nA = '{LIVE_HS}'\nB = 1  # jwtlint: ignore\n")
    assert [line for line, _, _ in findings_of(result, "unused-suppression")] == [1, 4]
    assert by_name(result, "live-token-in-repo")  # two lines below its comment: not silenced


def test_used_suppressions_draw_nothing_and_an_expired_fixture_comment_is_stale():
    expired = jwt.encode({"exp": NOW - 10}, "k" * 32, algorithm="HS256")
    used = scan_text(f"# jwtlint: ignore\nA = '{LIVE_HS}'\nB = '{LIVE_HS}'  # jwtlint: ignore[JWT801]\n")
    assert not findings_of(used, "unused-suppression") and used.suppressed == 2
    stale = scan_text(f"A = '{expired}'  # jwtlint: ignore[live-token-in-repo]\n")
    assert len(findings_of(stale, "unused-suppression")) == 1  # the token expired: nothing left to silence


def test_a_rule_not_run_is_not_judged_unused_and_the_rules_obey_select_and_ignore():
    text = f"A = '{LIVE_HS}'  # jwtlint: ignore[lifetime-too-long, nope]\n"
    assert findings_of(scan_text(text), "unused-suppression")
    assert not findings_of(scan_text(text, ignore=("lifetime-too-long",)), "unused-suppression")
    quiet = scan_text(text, ignore=("unknown-rule-in-suppression", "unused-suppression"))
    assert not findings_of(quiet, "unknown-rule-in-suppression") and not findings_of(quiet, "unused-suppression")


def test_a_mention_in_backticks_is_not_judged_and_files_without_targets_are_not_checked():
    doc = f"Silence a fixture with `# jwtlint: ignore[live-token-in-repo]` or `jwtlint: ignore[rule]`.\n\n{LIVE_HS}\n"
    result = scan_text(doc)
    assert not findings_of(result, "unused-suppression") and not findings_of(result, "unknown-rule-in-suppression")
    assert scan_text("# jwtlint: ignore[nope]\nX = 1\n").targets == ()


def test_suppressing_live_token_silences_its_lifetime_findings():
    long_lived = jwt.encode({"sub": "anon", "iat": NOW, "exp": NOW + 10 * 365 * 86400}, "k" * 32, algorithm="HS256")
    plain = scan_text(f"A = '{long_lived}'\n")
    assert by_name(plain, "lifetime-too-long") and by_name(plain, "live-token-in-repo")
    silenced = scan_text(f"A = '{long_lived}'  # jwtlint: ignore[live-token-in-repo]\n")
    assert silenced.targets[0].findings == () and silenced.suppressed == 2
    no_exp = jwt.encode({"sub": "anon"}, "k" * 32, algorithm="HS256")
    assert scan_text(f"A = '{no_exp}'  # jwtlint: ignore[JWT801]\n").targets[0].findings == ()
    # Silencing only the lifetime leaves the live token reported.
    only = scan_text(f"A = '{long_lived}'  # jwtlint: ignore[lifetime-too-long]\n")
    assert by_name(only, "live-token-in-repo") and not by_name(only, "lifetime-too-long")


def test_private_key_fix_is_about_keys_not_tokens():
    (f,) = by_name(scan_text(pem(RSA_KEY)), "private-key-in-repo")
    assert "rotate" in f.fix and "history" in f.fix and "secret store" in f.fix and "generate" in f.fix
    assert "token" not in f.fix
    (tok,) = by_name(scan_text(LIVE_HS), "live-token-in-repo")
    assert "expired token" in tok.fix and "revoke the token" in tok.fix


def test_unused_baseline_entry_rule_reads_the_entry():
    from jwtlint.rules.scan import UnusedBaselineEntry
    from jwtlint.scan.job import BaselineEntry

    (f,) = UnusedBaselineEntry().check(BaselineEntry(3, "live-token-in-repo", "src/a.py"), Context(now=NOW))
    assert f.name == "unused-baseline-entry" and f.severity == Severity.WARNING
    assert "findings[3]" in f.message and "src/a.py was scanned" in f.message and "--write-baseline" in f.fix


def test_live_encrypted_token_may_still_work():
    from jwcrypto import jwe, jwk

    key = jwk.JWK.generate(kty="RSA", size=2048)
    token = jwe.JWE(b'{"sub": "x"}', protected={"alg": "RSA-OAEP", "enc": "A256GCM"})
    token.add_recipient(key)
    (f,) = by_name(scan_text(token.serialize(compact=True)), "live-token-in-repo")
    assert "may still work" in f.message and "cannot be read" in f.message
    assert "rotate the key it was issued with" in f.fix
