"""Planted secrets never reach any output unless --show-secrets.

Fresh secrets are made for each run: RSA, EC and Ed25519 private keys in every
PEM layout people paste (PKCS#8, PKCS#1, SEC1, one line, escaped newlines),
private JWKs and JWK Sets (d, p, q, dp, dq, qi, k), a token header embedding a
private JWK, an HMAC secret given with --secret-file / secret=, a secret from
the shipped list of secrets seen in the wild (which jwtlint cracks), a private
key given with --key, and every token's signature. Each scenario, and every
corpus case with a planted key and secret added, goes through every output:
``check`` in each --format, ``decode``, ``scan`` in each format with -v, the
library's reprs, JSON and ``JwtLintError`` text. ``audit()`` counts what was
planted and what leaked (``python tests/test_redaction.py`` prints it).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import secrets
import sys
import tempfile
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

import pytest
from cryptography.hazmat.primitives import hashes, serialization as ser
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, padding, rsa
from typer.testing import CliRunner

sys.path.insert(0, str(Path(__file__).resolve().parent))

import jwtlint  # noqa: E402
from jwtlint.token.b64 import b64url_encode  # noqa: E402
from jwtlint.cli.app import app  # noqa: E402
from jwtlint.testing.corpus import load_cases  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
NOW = 1_700_000_000
FORMATS = ("text", "json", "sarif", "github")
CRACKABLE = ("ALAMAKOTA", "IcarusSan")  # in jwtlint/data/jwt-secrets.txt.gz, early enough to be found
runner = CliRunner()


class Scenario(NamedTuple):
    name: str
    text: str  # what is pasted to check / written to the scanned file
    needles: tuple[str, ...]  # secret text that must not appear
    files: dict[str, bytes] = {}  # files the options name (key, secret)
    options: tuple[str, ...] = ()  # check options (paths relative to the scenario's folder)
    kwargs: dict = {}  # lint() keyword arguments standing for the options


def windows(secret: str, size: int = 16) -> list[str]:
    """The secret and 16-character pieces of it: an excerpt showing part of a key leaks it too."""
    if len(secret) <= size:
        return [secret]
    return [secret] + [secret[i : i + size] for i in range(0, len(secret) - size + 1, size)]


def _public_texts(key) -> str:
    """Every way the *public* half of ``key`` may rightly be shown (a private PEM holds it too)."""
    import re

    pub = key.public_key()
    texts = [pub.public_bytes(ser.Encoding.PEM, ser.PublicFormat.SubjectPublicKeyInfo).decode()]
    if isinstance(pub, rsa.RSAPublicKey):
        texts.append(pub.public_bytes(ser.Encoding.PEM, ser.PublicFormat.PKCS1).decode())
    jwk = private_jwk(key)
    for m in ("n", "e", "x", "y"):
        if m in jwk:
            raw = base64.urlsafe_b64decode(jwk[m] + "=" * (-len(jwk[m]) % 4))
            texts += [jwk[m], base64.b64encode(raw).decode()]
    return re.sub(r"\s", "", "".join(texts))


def pem_needles(pem: bytes, key) -> list[str]:
    """16-character pieces of a private PEM body that are not public (the modulus or point is), and
    the private members themselves (in base64url, as a JWK shows them)."""
    body = "".join(ln for ln in pem.decode().splitlines() if ln and not ln.startswith("-----"))[24:]
    public = _public_texts(key)
    pieces = [body[i : i + 16] for i in range(0, len(body) - 15, 16)] + [body[-16:]]
    return [p for p in pieces if p not in public] + jwk_needles(private_jwk(key))


def jws(header: dict, payload: dict, sign) -> str:
    signing_input = f"{b64url_encode(json.dumps(header).encode())}.{b64url_encode(json.dumps(payload).encode())}"
    return f"{signing_input}.{b64url_encode(sign(signing_input.encode()))}"


def hs256(secret: bytes):
    return lambda data: hmac.new(secret, data, hashlib.sha256).digest()


def private_jwk(key) -> dict:
    from jwcrypto import jwk

    return jwk.JWK.from_pyca(key).export(private_key=True, as_dict=True)


def jwk_needles(obj: dict) -> list[str]:
    return [w for m in ("d", "p", "q", "dp", "dq", "qi", "k") if isinstance(obj.get(m), str) for w in windows(obj[m])]


def signature_of(token: str) -> list[str]:
    return [token.rsplit(".", 1)[1]]


@lru_cache(maxsize=1)
def scenarios() -> list[Scenario]:
    rsa_key = rsa.generate_private_key(65537, 2048)
    ec_key = ec.generate_private_key(ec.SECP256R1())
    ed_key = ed25519.Ed25519PrivateKey.generate()
    out: list[Scenario] = []

    # Private keys pasted or scanned, in every layout.
    layouts = {
        "rsa-pkcs8": rsa_key.private_bytes(ser.Encoding.PEM, ser.PrivateFormat.PKCS8, ser.NoEncryption()),
        "rsa-pkcs1": rsa_key.private_bytes(ser.Encoding.PEM, ser.PrivateFormat.TraditionalOpenSSL, ser.NoEncryption()),
        "ec-sec1": ec_key.private_bytes(ser.Encoding.PEM, ser.PrivateFormat.TraditionalOpenSSL, ser.NoEncryption()),
        "ec-pkcs8": ec_key.private_bytes(ser.Encoding.PEM, ser.PrivateFormat.PKCS8, ser.NoEncryption()),
        "ed25519-pkcs8": ed_key.private_bytes(ser.Encoding.PEM, ser.PrivateFormat.PKCS8, ser.NoEncryption()),
        "openssh-private": ed_key.private_bytes(ser.Encoding.PEM, ser.PrivateFormat.OpenSSH, ser.NoEncryption()),
    }
    owner = {"rsa": rsa_key, "ec": ec_key, "ed25519": ed_key, "openssh": ed_key}
    for name, pem in layouts.items():
        needles = tuple(pem_needles(pem, owner[name.split("-")[0]]))
        out.append(Scenario(f"pem-{name}", pem.decode(), needles))
        out.append(Scenario(f"escaped-newlines-{name}", 'PRIVATE_KEY="' + pem.decode().replace("\n", "\\n") + '"',
                            needles))  # fmt: skip
    pkcs8 = layouts["rsa-pkcs8"].decode()
    one_line = pkcs8.replace("\n", "").replace("-----BEGIN PRIVATE KEY-----", "-----BEGIN PRIVATE KEY----- ")
    out.append(Scenario("pem-one-line", one_line, tuple(pem_needles(layouts["rsa-pkcs8"], rsa_key))))
    der_b64 = base64.b64encode(rsa_key.private_bytes(ser.Encoding.DER, ser.PrivateFormat.PKCS8, ser.NoEncryption()))
    out.append(Scenario("bare-base64-der", der_b64.decode(), tuple(pem_needles(layouts["rsa-pkcs8"], rsa_key))))

    # Private JWKs and JWK Sets.
    jwks = [private_jwk(k) for k in (rsa_key, ec_key, ed_key)]
    oct_jwk = {"kty": "oct", "kid": "hmac", "k": b64url_encode(secrets.token_bytes(32))}
    for jwk in [*jwks, oct_jwk]:
        out.append(Scenario(f"jwk-{jwk['kty']}", json.dumps(jwk), tuple(jwk_needles(jwk))))
    every = [*jwks, oct_jwk]
    out.append(Scenario("jwks-private", json.dumps({"keys": every}, indent=2),
                        tuple(n for j in every for n in jwk_needles(j))))  # fmt: skip

    # A token whose header embeds the private JWK that signed it.
    rs = lambda data: rsa_key.sign(data, padding.PKCS1v15(), hashes.SHA256())  # noqa: E731
    token = jws({"alg": "RS256", "jwk": jwks[0]}, {"sub": "x", "exp": NOW + 60}, rs)
    out.append(Scenario("token-embedded-private-jwk", token, tuple(jwk_needles(jwks[0]) + signature_of(token))))

    # A private key given to verify with (--key).
    token = jws({"alg": "RS256", "typ": "JWT"}, {"sub": "x", "exp": NOW + 60}, rs)
    out.append(Scenario("key-option-private-pem", token, tuple(pem_needles(layouts["rsa-pkcs8"], rsa_key) + signature_of(token)),
                        {"key.pem": layouts["rsa-pkcs8"]}, ("--key", "key.pem"),
                        {"key": layouts["rsa-pkcs8"].decode()}))  # fmt: skip
    lines = layouts["rsa-pkcs8"].decode().splitlines(keepends=True)
    broken = ("".join(lines[:-4]) + lines[-1]).encode()  # cut short (a paste that lost its end): cannot load
    out.append(Scenario("key-option-broken-private-pem", token, tuple(pem_needles(broken, rsa_key)),
                        {"key.pem": broken}, ("--key", "key.pem"), {"key": broken.decode()}))  # fmt: skip
    out.append(Scenario("key-option-private-jwks", token, tuple(n for j in every for n in jwk_needles(j)) + tuple(signature_of(token)),
                        {"jwks.json": json.dumps({"keys": every}).encode()}, ("--jwks", "jwks.json"),
                        {"jwks": json.dumps({"keys": every})}))  # fmt: skip

    # HMAC secrets: given (right and wrong), and cracked from the list.
    given = secrets.token_urlsafe(30)
    token = jws({"alg": "HS256", "typ": "JWT"}, {"sub": "x", "exp": NOW + 60}, hs256(given.encode()))
    for label, secret in (("right", given), ("wrong", secrets.token_urlsafe(30))):
        out.append(Scenario(f"secret-file-{label}", token, (given, secret, *signature_of(token)),
                            {"secret.txt": secret.encode() + b"\n"}, ("--secret-file", "secret.txt"),
                            {"secret": secret}))  # fmt: skip
    short = secrets.token_urlsafe(6)  # weak-hmac-secret: too short
    token = jws({"alg": "HS256"}, {"sub": "x", "exp": NOW + 60}, hs256(short.encode()))
    out.append(Scenario("secret-file-short", token, (short, *signature_of(token)), {"secret.txt": short.encode()},
                        ("--secret-file", "secret.txt"), {"secret": short}))  # fmt: skip
    for listed in CRACKABLE:
        token = jws({"alg": "HS256", "typ": "JWT"}, {"sub": "x", "exp": NOW + 60}, hs256(listed.encode()))
        out.append(Scenario(f"cracked-{listed}", token, (listed, *signature_of(token))))
    return out


def corpus_scenarios() -> list[Scenario]:
    """Every corpus case: the private keys, private JWK members and secrets it holds itself, plus a
    planted private key (--key) and HMAC secret (--secret-file) where the case brings no key of its own."""
    base = scenarios()
    key = next(s for s in base if s.name == "key-option-private-pem")
    secret = next(s for s in base if s.name == "secret-file-right")
    out = []
    for case in load_cases(ROOT / "corpus"):
        if len(case.input) > 100_000:
            continue
        args = case.args
        sigs = []
        for t in jwtlint.lint(case.input, **args).targets:
            seg = t.target.segment("signature") if t.kind == "token" else None
            if seg is not None and len(seg.text) >= 16:
                sigs += [seg.text, seg.b64.canonical]
        own = [n for n in input_needles(case.input)]
        files = {p.name: p.read_bytes() for k, p in args.items() if k in ("key", "jwks", "secret")}
        for data in files.values():
            own += input_needles(data.decode("utf-8", "replace"))
        if "secret" in args and len(files[args["secret"].name].strip()) >= 12:  # short ones are words ("secret")
            own.append(files[args["secret"].name].strip().decode("utf-8", "replace"))
        if files:  # the case's own key files, as the command line names them
            options = [x for k, p in args.items() if k in ("key", "jwks", "secret")
                       for x in ({"secret": "--secret-file"}.get(k, f"--{k}"), p.name)]  # fmt: skip
            out.append(Scenario(f"corpus-{case.name}", case.input, tuple(own + sigs), files,
                                (*options, *_case_options(args)), args))  # fmt: skip
            continue
        planted = [n for n in key.needles if n not in signature_of(key.text)] + [secret.files["secret.txt"].decode().strip()]
        out.append(Scenario(f"corpus-{case.name}", case.input, tuple(planted + own + sigs),
                            {**key.files, **secret.files}, (*key.options, *secret.options, *_case_options(args)),
                            {**key.kwargs, **secret.kwargs, **args}))  # fmt: skip
    return out


def input_needles(text: str) -> list[str]:
    """The private material a corpus input holds: private PEM keys that load (their non-public
    pieces) and private JWK members, also where newlines were escaped."""
    import re

    found: list[str] = []
    unescaped = text.replace("\\n", "\n")
    for m in re.finditer(r"-----BEGIN ([A-Z ]*PRIVATE KEY)-----.*?-----END \1-----", unescaped, re.S):
        block = m.group(0).encode()
        try:
            key = ser.load_pem_private_key(block, password=None)
        except (ValueError, TypeError):
            continue  # encrypted or broken: its pieces cannot be told from public ones
        if isinstance(key, (rsa.RSAPrivateKey, ec.EllipticCurvePrivateKey, ed25519.Ed25519PrivateKey)):
            found += pem_needles(block, key)
    try:
        stack = [json.loads(text)]
    except (ValueError, RecursionError):
        stack = []
    while stack:
        v = stack.pop()
        if isinstance(v, dict):
            if "kty" in v:
                found += jwk_needles(v)
            stack.extend(v.values())
        elif isinstance(v, list):
            stack.extend(v)
    return found


def _case_options(args: dict) -> list[str]:
    flags = {"now": "--now", "leeway": "--leeway", "max_lifetime": "--max-lifetime", "issuer": "--iss",
             "profile": "--profile", "nonce": "--nonce"}  # fmt: skip
    opts = [x for k, v in args.items() if k in flags for x in (flags[k], str(v))]
    audience = args.get("audience", [])
    for aud in [audience] if isinstance(audience, str) else audience:
        opts += ["--aud", aud]
    return opts


def _invoke(args: list[str], text: str | None = None) -> str:
    r = runner.invoke(app, args, input=text)
    assert r.exception is None or isinstance(r.exception, SystemExit), repr(r.exception)
    err = r.stderr if r.stderr_bytes is not None else ""
    return r.stdout + err


def outputs(s: Scenario, cli_formats: tuple[str, ...] = FORMATS) -> dict[str, str]:
    """Every output jwtlint makes for the scenario (but scan: see scan_outputs), by where it came from.

    ``cli_formats`` go through the command line; the others through the
    same reporters called on the library's report.
    """
    from jwtlint.report.text import to_text
    from jwtlint.cli.scan import machine_output

    shown: dict[str, str] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for name, data in s.files.items():
            Path(tmp, name).write_bytes(data)
        options = [os.path.join(tmp, o) if o in s.files else o for o in s.options]
        if "--now" not in options:
            options += ["--now", str(NOW)]
        for fmt in cli_formats:
            shown[f"check --format {fmt}"] = _invoke(["check", "-", "--format", fmt, *options], s.text)
        if cli_formats and "--key" in options:  # why confirms a cause with the token and key
            key = options[options.index("--key") + 1]
            shown["why --token --key"] = _invoke(["why", "Signature verification failed", "--token", s.text,
                                                  "--key", key, "--now", str(NOW)])  # fmt: skip
    shown["decode"] = _invoke(["decode", "-", "--now", str(NOW)], s.text)
    for fmt in ("pem", "jwk", "jwks") if cli_formats else ():  # the public half, and nothing else
        shown[f"key pub --format {fmt}"] = _invoke(["key", "pub", "-", "--format", fmt], s.text)
    report = jwtlint.lint(s.text, **{"now": NOW, **s.kwargs})
    shown["lint: text"] = to_text(report, NOW)
    shown["lint: json"] = report.to_json()
    for fmt in ("sarif", "github"):
        if fmt not in cli_formats:
            shown[f"lint: {fmt}"] = machine_output(report, fmt)
    shown["lint: repr"] = repr(report) + repr(report.findings) + repr([t.target for t in report.targets])
    try:
        report.raise_for_findings()
    except Exception as exc:  # JwtLintError: the message a failing test shows
        shown["lint: raise_for_findings"] = str(exc) + repr(exc)
    from jwtlint.testing import assert_valid_jwt

    options = {k: v for k, v in s.kwargs.items() if k in ("key", "secret", "jwks", "audience", "issuer", "now")}
    try:
        assert_valid_jwt(s.text, **{"now": NOW, **options})
    except AssertionError as exc:  # what a failing test suite prints
        shown["testing: assert_valid_jwt"] = str(exc) + repr(exc)
    except (TypeError, ValueError) as exc:  # not one token: the helper's usage errors
        shown["testing: assert_valid_jwt"] = str(exc)
    return shown


def scan_outputs(group: list[Scenario]) -> dict[str, str]:
    """``jwtlint scan -v`` in every format over one folder holding each scenario as a file."""
    shown = {}
    with tempfile.TemporaryDirectory() as tmp:
        for i, s in enumerate(group):  # named by number: a name may hold the secret (cracked-ALAMAKOTA)
            Path(tmp, f"{i}.env").write_text(s.text, encoding="utf-8")
        for fmt in FORMATS:
            shown[f"scan --format {fmt} -v"] = _invoke(["scan", tmp, "--format", fmt, "-v", "--now", str(NOW)])
    return shown


def search(group: list[Scenario], shown: dict[str, str]) -> tuple[int, list[str]]:
    """(secret-output pairs checked, where each secret leaked)."""
    found = []
    for where, text in shown.items():
        # Every 16-character piece of the output, so that thousands of needles cost a set lookup each.
        pieces = {text[i : i + 16] for i in range(len(text) - 15)}
        for s in group:
            found += [f"{s.name}: {where} shows {n[:6]}…({len(n)} chars)" for n in s.needles
                      if (n[:16] in pieces if len(n) >= 16 else n in text) and n in text]  # fmt: skip
    return sum(len(s.needles) for s in group) * len(shown), found


def leaks(s: Scenario, cli_formats: tuple[str, ...] = FORMATS) -> tuple[int, list[str]]:
    return search([s], outputs(s, cli_formats))


@pytest.mark.parametrize("scenario", scenarios(), ids=lambda s: s.name)
def test_planted_secret_never_shown(scenario):
    checked, found = leaks(scenario)
    assert checked and found == []


CORPUS = corpus_scenarios()


@pytest.mark.parametrize("scenario", CORPUS, ids=lambda s: s.name)
def test_corpus_case_with_planted_key_and_secret(scenario):
    checked, found = leaks(scenario, cli_formats=())  # the CLI paths are covered by the scenarios above
    assert checked and found == []


def test_scan_shows_no_planted_secret():
    group = scenarios() + CORPUS
    checked, found = search(group, scan_outputs(group))
    assert checked and found == []


def test_the_search_would_find_a_shown_secret():
    """--show-secrets shows what the default hides: the search is not blind."""
    s = next(s for s in scenarios() if s.name == "token-embedded-private-jwk")
    r = runner.invoke(app, ["check", "-", "--now", str(NOW), "--show-secrets"], input=s.text)
    assert sum(n in r.stdout for n in s.needles) >= len(s.needles) // 2
    r = runner.invoke(app, ["decode", "-", "--now", str(NOW), "--show-secrets"], input=s.text)
    assert all(n in r.stdout for n in s.needles[:-1])  # every private member (not the signature: shortened in decode)


def audit() -> tuple[int, int, int, list[str]]:
    """(secrets planted, secret-output pairs checked, leaks, where) over every scenario."""
    group = scenarios() + corpus_scenarios()
    planted = sum(len(set(s.needles)) for s in group)
    checked, where = search(group, scan_outputs(group))
    for s in group:
        n, found = leaks(s, FORMATS if s in scenarios() else ())
        checked += n
        where += found
    return planted, checked, len(where), where


if __name__ == "__main__":
    planted, checked, leaked, where = audit()
    print(f"{planted} secret pieces planted, {checked} secret-output pairs checked, {leaked} leaked")
    print("\n".join(where))
