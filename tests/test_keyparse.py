"""The key parser on every form people hand over, and on hostile input (bounded by limits, never a traceback)."""

import base64

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, rsa
from pyasn1.codec.der import encoder
from pyasn1.type import univ

from jwtlint import limits
from jwtlint.keys.der import der_evidence, scan_tlv
from jwtlint.keys.parse import is_binary_der, looks_like_key, parse_key_material
from jwtlint.model import Origin

ENC = serialization.Encoding
PRIV = serialization.PrivateFormat
PUB = serialization.PublicFormat
NOENC = serialization.NoEncryption()


@pytest.fixture(scope="module")
def rsa_key():
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def pem(key, fmt=PRIV.PKCS8) -> str:
    return key.private_bytes(ENC.PEM, fmt, NOENC).decode()


def one(text):
    targets = parse_key_material(text)
    assert len(targets) == 1
    return targets[0]


def self_signed(key, not_before, not_after):
    import datetime as dt

    name = x509.Name([x509.NameAttribute(x509.NameOID.COMMON_NAME, "jwtlint test")])
    return (
        x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
        .serial_number(1).not_valid_before(dt.datetime.fromtimestamp(not_before, dt.timezone.utc))
        .not_valid_after(dt.datetime.fromtimestamp(not_after, dt.timezone.utc)).sign(key, hashes.SHA256())
    )  # fmt: skip


@pytest.mark.parametrize(
    "fmt, structure, label",
    [(PRIV.PKCS8, "pkcs8-private", "PRIVATE KEY"), (PRIV.TraditionalOpenSSL, "pkcs1-private", "RSA PRIVATE KEY")],
)
def test_rsa_private_pem_structure_and_label(rsa_key, fmt, structure, label):
    t = one(pem(rsa_key, fmt))
    assert (t.kind, t.form, t.problem) == ("key", "pem", None)
    (b,) = t.blocks
    assert b.der.structure == structure and b.pem.label == label == b.pem.end_label
    assert b.der.rsa_bits == 2048 and b.der.rsa_exponent == 65537
    assert t.keys == (b.key,) and b.key.kty == "RSA" and b.key.private and b.key.bits == 2048
    assert b.key.source == "pem" and b.key.raw.startswith(b"-----BEGIN")
    assert b.pem.newlines == -(-len(b.pem.base64) // 64) + 1  # 64-character lines, LF, each line ended
    assert not (b.pem.crlf or b.pem.escaped_newlines or b.pem.spaces or b.pem.single_line)


def test_structure_is_read_from_the_bytes_not_the_label(rsa_key):
    text = pem(rsa_key, PRIV.TraditionalOpenSSL).replace("RSA PRIVATE KEY", "PUBLIC KEY")
    (b,) = one(text).blocks
    assert b.pem.label == "PUBLIC KEY" and b.der.structure == "pkcs1-private" and b.key.private


def test_ec_ed25519_public_forms_and_pkcs1_public(rsa_key):
    eck = ec.generate_private_key(ec.SECP256R1())
    assert one(pem(eck, PRIV.TraditionalOpenSSL)).blocks[0].der.structure == "sec1-private"
    ed = one(pem(ed25519.Ed25519PrivateKey.generate()))
    assert ed.keys[0].curve == "Ed25519" and ed.blocks[0].der.algorithm == "Ed25519"
    spki = one(rsa_key.public_key().public_bytes(ENC.PEM, PUB.SubjectPublicKeyInfo).decode())
    assert spki.blocks[0].der.structure == "spki" and not spki.keys[0].private
    p1 = one(rsa_key.public_key().public_bytes(ENC.PEM, PUB.PKCS1).decode())
    assert p1.blocks[0].der.structure == "pkcs1-public" and p1.blocks[0].der.rsa_bits == 2048


def test_binary_der_and_bare_base64_der(rsa_key):
    der = rsa_key.private_bytes(ENC.DER, PRIV.PKCS8, NOENC)
    assert is_binary_der(der)
    t = one(der)
    assert (t.form, t.binary, t.text, t.blocks[0].span.part) == ("der", True, "", "der[0]")
    assert t.keys[0].source == "der" and t.keys[0].raw == der
    b64 = base64.b64encode(der).decode()
    t = one(b64 + "\n")
    assert t.form == "base64-der" and t.keys[0].source == "base64-der" and t.blocks[0].der.structure == "pkcs8-private"
    assert looks_like_key(b64) and not looks_like_key("eyJhbGciOiJIUzI1NiJ9.e30.abc")


def test_base64_of_a_whole_pem_file_is_read_inside(rsa_key):
    t = one(base64.b64encode(pem(rsa_key).encode()).decode())
    assert t.form == "base64-pem" and t.blocks[0].der.structure == "pkcs8-private" and t.keys


def test_certificate_chain_and_key_in_one_file(rsa_key):
    cert = self_signed(rsa_key, 1_600_000_000, 1_700_000_000).public_bytes(ENC.PEM).decode()
    t = one(cert + pem(rsa_key))
    c, k = t.blocks
    assert c.der.structure == "certificate" and c.key.source == "certificate" and not c.key.private
    assert (c.der.not_before, c.der.not_after, c.der.subject) == (1_600_000_000, 1_700_000_000, "jwtlint test")
    assert k.key.private and k.index == 1 and c.spki_sha256 == k.spki_sha256
    assert [kk.index for kk in t.keys] == [0, 1]


def test_openssh_public_lines():
    key = ed25519.Ed25519PrivateKey.generate().public_key()
    line = key.public_bytes(ENC.OpenSSH, PUB.OpenSSH).decode() + " me@host"
    t = one(line)
    assert t.form == "openssh" and t.keys[0].source == "openssh" and t.keys[0].curve == "Ed25519"


def test_layout_evidence_escaped_newlines_single_line_crlf_indent(rsa_key):
    text = pem(rsa_key)
    lines = text.strip().splitlines()
    esc = one(text.strip().replace("\n", "\\n")).blocks[0]
    assert len(esc.pem.escaped_newlines) == len(lines) - 1 and esc.key is not None and not esc.pem.single_line
    assert esc.pem.escaped_newlines[0] == len(lines[0])
    flat = one(" ".join(lines)).blocks[0]
    assert flat.pem.single_line and len(flat.pem.spaces) == len(lines) - 1 and flat.key is not None
    crlf = one(text.replace("\n", "\r\n")).blocks[0]
    assert crlf.pem.crlf[0] == len(lines[0]) and len(crlf.pem.crlf) == len(lines) - 1
    ind = one("\n".join("    " + ln for ln in lines)).blocks[0]
    assert ind.pem.spaces == () and ind.key is not None  # an indent is layout, not a lost newline


def test_private_base64_is_masked_in_the_report_text(rsa_key):
    text = pem(rsa_key)
    t = one(text)
    assert len(t.text) == len(text) and "MII" not in t.text and t.text.startswith("-----BEGIN PRIVATE KEY-----\n****")
    pub = rsa_key.public_key().public_bytes(ENC.PEM, PUB.SubjectPublicKeyInfo).decode()
    assert one(pub).text == pub  # public material may be shown
    assert "MII" not in repr(t) and "MII" not in repr(t.blocks) and "MII" not in repr(t.keys)


def test_missing_end_line_and_stray_characters(rsa_key):
    text = pem(rsa_key)
    cut = text[: text.index("-----END")]
    b = one(cut).blocks[0]
    assert b.pem.end is None and b.key is not None  # the body is whole; only the armor is cut
    b = one(text.replace("\n", "\n\"", 3)).blocks[0]
    assert [c for _, c in b.pem.illegal] == ['"', '"', '"']  # one at the start of each of the first 3 body lines


def test_truncated_der_is_evidence_not_an_exception(rsa_key):
    der = rsa_key.private_bytes(ENC.DER, PRIV.PKCS8, NOENC)
    b = one(der[:300]).blocks[0]
    assert b.der.problem == "truncated" and b.key is None and "claims" in b.load_error


def _nested(depth: int) -> bytes:
    """``depth`` definite-length SEQUENCEs, each holding the next (a DER bomb that fits the size limit)."""
    der = b"\x05\x00"  # NULL at the bottom
    for _ in range(depth):
        n = len(der)
        der = b"\x30" + (bytes([n]) if n < 128 else b"\x81" + bytes([n]) if n < 256 else b"\x82" + n.to_bytes(2, "big")) + der
    return der


def test_der_nested_thousands_deep_stops_at_the_depth_limit():
    der = _nested(5000)
    assert len(der) <= limits.MAX_DER_BYTES  # so it is the depth, not the size, that stops it
    ev = der_evidence(der)
    assert ev.problem == "too-deep" and str(limits.MAX_DER_DEPTH) in ev.detail
    assert der_evidence(_nested(limits.MAX_DER_DEPTH - 2)).problem != "too-deep"
    pem_text = "-----BEGIN PUBLIC KEY-----\n" + base64.encodebytes(der).decode() + "-----END PUBLIC KEY-----\n"
    (b,) = one(pem_text).blocks
    assert b.der.problem == "too-deep" and b.key is None


def test_indefinite_lengths_and_garbage_bytes():
    assert der_evidence(b"\x30\x80" * 3000).problem == "indefinite-length"
    assert der_evidence(b"\x30\x84\xff\xff\xff\xff").problem == "truncated"
    assert der_evidence(b"").problem == "empty"
    t = one(b"\x30\x03\x02\x01\x05")  # a SEQUENCE of one INTEGER: DER, but no key
    assert t.blocks[0].der.structure == "unknown" and not t.keys


def test_huge_pem_body_is_not_decoded():
    body = "A" * (limits.MAX_PEM_BODY_CHARS + 10)
    t = one(f"-----BEGIN PUBLIC KEY-----\n{body}\n-----END PUBLIC KEY-----\n")
    assert t.blocks[0].pem.too_large and t.blocks[0].der is None and not t.keys


def test_50_megabyte_input_is_refused_whole():
    t = one("-----BEGIN PUBLIC KEY-----\n" + "A" * 50_000_000)
    assert t.too_large and not t.blocks


def test_65537_bit_rsa_modulus_is_reported_not_loaded():
    n = (1 << 65536) | 1
    der = encoder.encode(univ.Sequence().setComponentByPosition(0, univ.Integer(n)).setComponentByPosition(1, univ.Integer(65537)))
    b = one(der).blocks[0]
    assert b.der.structure == "pkcs1-public" and b.der.rsa_bits == 65537 and b.key is None
    assert "65,537 bits" in b.load_error


def test_certificate_with_garbage_extensions_still_gives_its_key(rsa_key):
    import datetime as dt

    name = x509.Name([x509.NameAttribute(x509.NameOID.COMMON_NAME, "x")])
    ext = x509.UnrecognizedExtension(x509.ObjectIdentifier("1.2.3.4.5"), b"\xff\x00garbage\x30\x85")
    cert = (
        x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(rsa_key.public_key())
        .serial_number(7).not_valid_before(dt.datetime(2020, 1, 1)).not_valid_after(dt.datetime(2030, 1, 1))
        .add_extension(ext, critical=True).sign(rsa_key, hashes.SHA256())
    )  # fmt: skip
    t = one(cert.public_bytes(ENC.PEM).decode())
    assert t.blocks[0].der.structure == "certificate" and t.keys[0].kty == "RSA"


def test_encrypted_keys_are_recognised_not_loaded(rsa_key):
    enc = rsa_key.private_bytes(ENC.PEM, PRIV.PKCS8, serialization.BestAvailableEncryption(b"pw")).decode()
    b = one(enc).blocks[0]
    assert b.encrypted and b.der.structure == "encrypted-pkcs8" and b.key is None
    legacy = "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,00\n\nAAAA\n-----END RSA PRIVATE KEY-----\n"
    b = one(legacy).blocks[0]
    assert b.encrypted and b.pem.headers[0].startswith("Proc-Type") and b.key is None


def test_not_a_key_and_empty_input_and_origin():
    assert one("hello there, world").problem == "not-key"
    assert one("   ").problem == "empty"
    assert one(b"").problem == "empty"
    assert one("ssh-rsa AAAA", ).blocks[0].load_error
    t = parse_key_material("MIIB", Origin("k.pem", 1, 1))[0]
    assert t.origin == Origin("k.pem", 1, 1)
    with pytest.raises(TypeError):
        parse_key_material(12)  # type: ignore[arg-type]


def test_lint_and_intake_route_key_material_to_key_targets(rsa_key, tmp_path):
    from jwtlint import lint
    from jwtlint.keys.parse import decode_input

    assert [t.kind for t in lint(pem(rsa_key)).targets] == ["key"]
    der = rsa_key.private_bytes(ENC.DER, PRIV.PKCS8, NOENC)
    (t,) = lint(der).targets
    assert t.kind == "key" and t.target.form == "der" and t.target.keys[0].raw == der
    assert decode_input(der).encode("latin-1") == der and decode_input(b"eyJ") == "eyJ"
    jwk = '{"kty":"EC","crv":"P-256","x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU","y":"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0"}'
    assert [t.kind for t in lint(jwk).targets] == ["jwk"]
    assert [t.kind for t in lint("eyJhbGciOiJIUzI1NiJ9.e30.x").targets] == ["token"]


def test_check_reads_binary_der_from_a_file(rsa_key, tmp_path):
    import json

    from typer.testing import CliRunner

    from jwtlint.cli.app import app

    f = tmp_path / "key.der"
    f.write_bytes(rsa_key.private_bytes(ENC.DER, PRIV.PKCS8, NOENC))
    out = CliRunner().invoke(app, ["check", str(f), "--format", "json"])
    assert out.exit_code == 0, out.output
    assert json.loads(out.output)["targets"][0]["kind"] == "key"


def test_openssh_private_keys_plain_escaped_and_encrypted():
    key = ed25519.Ed25519PrivateKey.generate()
    text = key.private_bytes(ENC.PEM, PRIV.OpenSSH, NOENC).decode()
    for variant in (text, text.replace("\n", "\\n")):
        (b,) = one(variant).blocks
        assert b.key.source == "openssh" and b.key.private and b.pem.label == "OPENSSH PRIVATE KEY"
    # A throwaway key made with `ssh-keygen -t ed25519 -N pw` (aes256-ctr, bcrypt KDF): cryptography
    # asks for the password before it would need bcrypt.
    enc = (
        "-----BEGIN OPENSSH PRIVATE KEY-----\n"
        "b3BlbnNzaC1rZXktdjEAAAAACmFlczI1Ni1jdHIAAAAGYmNyeXB0AAAAGAAAABCyzeSnf+\n"
        "O/xwUL79GSZQVTAAAAEAAAAAEAAAAzAAAAC3NzaC1lZDI1NTE5AAAAIK3vOksjEN3dqSs6\n"
        "v8peBs4YpUEaGc98D7t4KNWPrpPjAAAAkIc3K8OQTkZuk5zAqu0kpO+8v/WrknsS2GBOH8\n"
        "J2oco2WQtcyLm7DkjiokQBfVlK39LA1s052dFwO/r5RkQA1cTs254hGDAlK87l98aB9cB+\n"
        "Hc0tJVrRKdbiNJvZBoxpb/5bU5QjhWP5IJx6KzZE6LB893se2zlhQVGypT49RKb2i4LEfi\n"
        "KUHYwyBc4J8p5VmQ==\n"
        "-----END OPENSSH PRIVATE KEY-----\n"
    )
    (b,) = one(enc).blocks
    assert b.encrypted and b.key is None and b.pem.label == "OPENSSH PRIVATE KEY"


def test_no_record_repr_shows_key_material(rsa_key):
    text = pem(rsa_key, PRIV.TraditionalOpenSSL)
    body = "".join(text.strip().splitlines()[1:-1])
    t = one(text)
    shown = repr(t) + repr(t.blocks) + repr(t.blocks[0].pem) + repr(t.blocks[0].der) + repr(t.keys)
    for i in range(0, len(body) - 12, 12):
        assert body[i : i + 12] not in shown


def test_service_account_json_is_read_as_the_pem_it_holds(rsa_key):
    import json

    from jwtlint import lint

    doc = json.dumps({"type": "service_account", "private_key_id": "k1", "private_key": pem(rsa_key)}, indent=2)
    (t,) = lint(doc).targets
    assert t.kind == "key" and t.target.keys[0].private and t.target.blocks[0].pem.escaped_newlines
    assert "\\n" in t.target.text and "MII" not in t.target.text  # escapes kept readable, base64 masked
    response = json.dumps({"access_token": "eyJhbGciOiJIUzI1NiJ9.e30.AAAA", "token_type": "Bearer"})
    assert [t.kind for t in lint(response).targets] == ["token"]


@pytest.mark.parametrize("flood", ["-----BEGIN A-----\n", "-----END A-----\n", "ssh-rsa AAAA\n"])
def test_armor_floods_stop_at_the_block_limit(flood):
    (t,) = parse_key_material(flood * (limits.MAX_INPUT_CHARS // len(flood)))
    assert len(t.blocks) == limits.MAX_KEY_BLOCKS and not t.keys


def test_a_token_pasted_beside_a_pem_key_is_linted_too(rsa_key):
    from jwtlint import lint

    token = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJlLWJ5dGVzLWhlcmUtMzItYnl0ZXM"
    public = rsa_key.public_key().public_bytes(ENC.PEM, PUB.SubjectPublicKeyInfo).decode()
    report = lint(f"the token:\n{token}\nand the key:\n{public}")
    (tok, key) = report.targets
    assert tok.kind == "token" and tok.target.text == token and tok.target.origin.line == 2
    assert key.kind == "key" and key.target.keys[0].kty == "RSA"
    assert [t.kind for t in lint(public).targets] == ["key"]


def test_a_private_or_public_key_is_read_without_importing_x509(rsa_key):
    """cryptography.x509 costs ~20 ms to import; only a certificate needs it (a fresh process)."""
    import subprocess
    import sys

    pem = rsa_key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                serialization.NoEncryption()).decode()  # fmt: skip
    pub = rsa_key.public_key().public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
    code = (
        "import sys; from jwtlint.keys.parse import parse_key_material\n"
        "keys = [k for t in parse_key_material(sys.stdin.read()) for k in t.keys]\n"
        "print(len(keys), sum(k.private for k in keys), 'cryptography.x509' in sys.modules)"
    )
    r = subprocess.run([sys.executable, "-c", code], input=pem + pub.decode(), capture_output=True, text=True, check=False)
    assert r.returncode == 0, r.stderr
    assert r.stdout.split() == ["2", "1", "False"]


# --- degenerate HMAC secrets (jwtlint.keys.secret), recorded on the KeyInfo -----------------

import secrets as _secrets  # noqa: E402

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from jwtlint.keys.info import from_secret  # noqa: E402
from jwtlint.keys.secret import entropy_bits, smallest_period, weakness  # noqa: E402


@pytest.mark.parametrize(
    "secret, reason",
    [
        (bytes(32), "all one byte (32 times)"),
        (b"\xff" * 64, "all one byte (64 times)"),
        (b"x" * 40, "a placeholder word"),
        (b"abc" * 11, "a 3-byte pattern repeated"),
        (b"0123456789abcdef" * 2, "a 16-byte pattern repeated"),
        (b"secret", "a placeholder word"),
        (b"changeme", "a placeholder word"),
        (b"your-256-bit-secret", "a placeholder word"),
        (b"xxxxxxxx", "a placeholder word"),
        (b"undefined", "a placeholder word"),
        (b"null", "a placeholder word"),
        (b"[object Object]", "a placeholder word"),
        (b"<secret>", "an unexpanded placeholder"),
        (b"${JWT_SECRET}", "an unexpanded placeholder"),
        (b"{{ jwt_secret }}", "an unexpanded placeholder"),
        (b"process.env.JWT_SECRET", "an unexpanded placeholder"),
        (b"a" * 31 + b"b", "low in entropy (about 6 bits of entropy in 32 bytes)"),
        (b"abcdefghijklmnopqrstuvwxyz012345", "low in entropy"),
        (b"\0" * 28 + b"\x13\x37\xbe\xef", "low in entropy"),
    ],
)
def test_weakness_names_the_reason(secret, reason):
    assert weakness(secret).startswith(reason)


def test_weakness_never_quotes_the_secret():
    for secret in (b"changeme", b"${JWT_SECRET}", b"abc" * 11, b"q" * 31 + b"z"):
        why = weakness(secret)
        assert why and secret.decode()[:3] not in why


@pytest.mark.parametrize(
    "secret",
    [
        b"",  # the length check's business, not this one's
        b"mysupersecretpassword1234567890ab",  # human-chosen, but not degenerate: the list and length checks judge it
        b"correct horse battery staple",
    ],
)
def test_weakness_leaves_other_secrets_to_the_other_checks(secret):
    assert weakness(secret) is None


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=16, max_value=96), st.sampled_from(["bytes", "hex", "urlsafe", "base64", "decimal"]))
def test_random_secrets_are_never_weak(n, encoding):
    """secrets.token_bytes / token_hex / token_urlsafe and their kin never draw a weakness:
    hex carries only 4 bits a character and decimal 3.3, and that is not weak."""
    raw = _secrets.token_bytes(n)
    secret = {
        "bytes": raw,
        "hex": raw.hex().encode(),
        "urlsafe": base64.urlsafe_b64encode(raw).rstrip(b"="),
        "base64": base64.b64encode(raw),
        "decimal": str(int.from_bytes(raw, "big")).encode(),
    }[encoding]
    assert weakness(secret) is None


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=2, max_value=15))
def test_a_short_random_secret_is_not_called_low_in_entropy(n):
    """n bytes show at most log2(n) bits a byte: a short random secret's weakness is its length
    (weak-hmac-secret says that from the alg), not an entropy it cannot display."""
    why = weakness(_secrets.token_bytes(n))
    assert why is None or not why.startswith("low in entropy")  # (one byte repeated can happen by chance)


@settings(max_examples=200, deadline=None)
@given(st.binary(min_size=16, max_size=64))
def test_random_binary_is_not_weak_unless_it_is_degenerate(data):
    """Over arbitrary bytes, a weakness is only ever reported with a reason that holds."""
    why = weakness(data)
    if why is None:
        return
    if why.startswith("all one byte"):
        assert len(set(data)) == 1
    elif why.startswith("a ") and "pattern repeated" in why:
        p = int(why.split("-byte")[0].split()[-1])
        assert p <= len(data) // 2 and all(data[i] == data[i - p] for i in range(p, len(data)))
    elif why.startswith("low in entropy"):
        assert entropy_bits(data) < min(2 * len(data), 128)


def test_smallest_period():
    assert smallest_period(b"abcabcab") == 3 and smallest_period(b"abcd") == 4 and smallest_period(b"aaaa") == 1
    assert smallest_period(b"") == 0


def test_keys_record_their_fingerprint_and_exponent(rsa_key):
    assert from_secret(bytes(32)).fingerprint is None
    (p,) = parse_key_material(pem(rsa_key))
    der = rsa_key.public_key().public_bytes(ENC.DER, PUB.SubjectPublicKeyInfo)
    import hashlib

    assert p.keys[0].fingerprint == hashlib.sha256(der).hexdigest() and p.keys[0].exponent == 65537
